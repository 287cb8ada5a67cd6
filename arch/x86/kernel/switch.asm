; arch/x86/kernel/switch.asm: the context switch, and where new kernel threads start.
;
; __switch_to_asm(prev, next), prev in eax and next in edx (register arguments, as
; Linux/i386 passes them), pushes the registers a C caller expects preserved
; (ebp, ebx, esi, edi) on prev's kernel stack, saves esp in
; prev->thread.esp, loads next->thread.esp, pops next's registers and returns: into whatever next was doing
; when it last called schedule(), or, for a new thread, into ret_from_kernel_thread or
; ret_from_fork. eax still holds prev: the task switched to learns which task it took
; over from (Linux's `last`), as the locals of its own schedule() frame are its own.
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
	push ebp
	push ebx
	push esi
	push edi
	mov [eax + TASK_THREAD_ESP], esp
	mov esp, [edx + TASK_THREAD_ESP]
	pop edi
	pop esi
	pop ebx
	pop ebp
	ret                             ; eax: prev

; copy_thread() left fn and arg on the new stack, just above this return address.
ret_from_kernel_thread:
	push eax                        ; prev
	call schedule_tail              ; finish the switch as schedule() would have
	add esp, 4
	pop eax                         ; fn
	call eax                        ; fn(arg): arg is now at the top of the stack
	push eax
	call do_exit                    ; a thread that returns exits with fn's value
