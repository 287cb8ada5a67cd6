; arch/x86/kernel/switch.asm: the context switch's stack swap, and where new kernel
; threads start.
;
; __switch_to_asm, prev in eax and next in edx, is called only from switch_to()'s
; inline asm (asm/switch_to.h), which has pushed prev's ebp and tells the compiler
; that ebx, esi and edi do not survive: whatever schedule() still needs of them it
; keeps in its own frame, so the swap itself saves nothing but esp. It stores esp in
; prev->thread.esp, loads next->thread.esp and returns: into next's switch_to(),
; wherever next last called schedule(), or, for a new task, into ret_from_fork or
; ret_from_kernel_thread. eax still holds prev, so the task switched to learns which
; task it took over from (Linux's `last`), and ecx, untouched, carries what the
; caller passed in it (schedule()'s run queue, which is the same CPU's for both).
;
; EFLAGS is not kept per task: every task comes here from schedule() with interrupts
; off and the direction flag clear (the entry code's cld), and the arithmetic flags are
; a C caller's to lose. (Linux has saved them again since 2019 only so that a stray AC flag,
; which SMAP gives a meaning in the kernel, cannot leak between tasks; kspace has no SMAP.)

%include "asm-offsets.inc"

section .text
global __switch_to_asm, ret_from_kernel_thread
extern schedule_tail, do_exit

__switch_to_asm:
	mov [eax + TASK_THREAD_ESP], esp
	mov esp, [edx + TASK_THREAD_ESP]
	ret                             ; eax: prev

; copy_thread() left fn and arg on the new stack, above the frame switch_to() pops.
ret_from_kernel_thread:
	pop ebp                         ; 0: where stack traces end
	push eax                        ; prev
	call schedule_tail              ; finish the switch as schedule() would have
	add esp, 4
	pop eax                         ; fn
	call eax                        ; fn(arg): arg is now at the top of the stack
	push eax
	call do_exit                    ; a thread that returns exits with fn's value
