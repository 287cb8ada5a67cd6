; arch/x86/kernel/entry.asm: how the CPU enters the kernel through the IDT.
;
; Every entry builds a struct pt_regs on the kernel stack. The CPU has pushed
; eip, cs, eflags (and esp, ss when it came from ring 3); the stub pushes the
; orig_eax slot, then SAVE_ALL pushes es, ds, eax, ebp, edi, esi, edx, ecx, ebx,
; Linux/i386's order, so esp then points at a complete struct pt_regs.
;
; Exceptions: 32 named stubs. Those for which the CPU pushes no error code push a
; 0 in its place, so every exception frame has the same shape; each then pushes
; its C handler, do_<name>(struct pt_regs *regs, long error_code), and jumps to
; error_code, which moves the handler out of the es slot and calls it.
; Interrupts: one stub per IRQ line pushes ~irq as orig_eax and calls do_IRQ(regs).
; System calls: int 0x80 pushes the number as orig_eax, then SAVE_ALL: the six
; argument registers now lie on the stack in C's argument order (ebx first). The
; handler gets a copy of them, not the saved frame itself: a C function may reuse
; its argument slots as scratch, and the user's registers must come back intact
; (Linux's asmlinkage_protect has the same reason). Its result replaces saved eax.
;
; Every way back to ring 3 passes through exit_to_user_mode(), which switches
; tasks when the time slice is used up and acts on pending signals.

%include "asm-offsets.inc"

%macro SAVE_ALL 0
	cld
	push es
	push ds
	push eax
	push ebp
	push edi
	push esi
	push edx
	push ecx
	push ebx
	mov edx, __KERNEL_DS
	mov ds, edx
	mov es, edx
%endmacro

%macro RESTORE_ALL 0
	pop ebx
	pop ecx
	pop edx
	pop esi
	pop edi
	pop ebp
	pop eax
	pop ds
	pop es
	add esp, 4                      ; orig_eax
	iretd
%endmacro

section .text

; EXCEPTION name, error_code_pushed_by_cpu
%macro EXCEPTION 2
global %1
extern do_%1
%1:
%if %2 == 0
	push 0
%endif
	push do_%1
	jmp error_code
%endmacro

EXCEPTION divide_error, 0                 ;  0
EXCEPTION debug, 0                        ;  1
EXCEPTION nmi, 0                          ;  2
EXCEPTION int3, 0                         ;  3
EXCEPTION overflow, 0                     ;  4
EXCEPTION bounds, 0                       ;  5
EXCEPTION invalid_op, 0                   ;  6
EXCEPTION device_not_available, 0         ;  7
; 8, the double fault, is a task gate to doublefault_fn (traps.c): no stub
EXCEPTION coprocessor_segment_overrun, 0  ;  9
EXCEPTION invalid_TSS, 1                  ; 10
EXCEPTION segment_not_present, 1          ; 11
EXCEPTION stack_segment, 1                ; 12
EXCEPTION general_protection, 1           ; 13
EXCEPTION page_fault, 1                   ; 14
EXCEPTION spurious_interrupt_bug, 0       ; 15
EXCEPTION coprocessor_error, 0            ; 16
EXCEPTION alignment_check, 1              ; 17
EXCEPTION machine_check, 0                ; 18
EXCEPTION simd_coprocessor_error, 0       ; 19
EXCEPTION virtualization_exception, 0     ; 20
EXCEPTION control_protection, 1           ; 21
EXCEPTION reserved_22, 0
EXCEPTION reserved_23, 0
EXCEPTION reserved_24, 0
EXCEPTION reserved_25, 0
EXCEPTION reserved_26, 0
EXCEPTION reserved_27, 0
EXCEPTION hypervisor_injection, 0         ; 28
EXCEPTION vmm_communication, 1            ; 29
EXCEPTION security_exception, 1           ; 30
EXCEPTION reserved_31, 0

error_code:
	; Stack: handler, error code, eip, cs, eflags: SAVE_ALL without es, whose slot
	; already holds the handler.
	cld
	push ds
	push eax
	push ebp
	push edi
	push esi
	push edx
	push ecx
	push ebx
	mov ecx, es
	mov edi, [esp + PT_XES]          ; the C handler
	mov [esp + PT_XES], ecx
	mov edx, [esp + PT_ORIG_EAX]     ; the error code
	mov dword [esp + PT_ORIG_EAX], -1 ; not a system call
	mov ecx, __KERNEL_DS
	mov ds, ecx
	mov es, ecx
	mov eax, esp
	push edx
	push eax
	call edi
	add esp, 8
	jmp ret_from_exception

; IRQ n: orig_eax = ~n, so it can never be mistaken for a syscall number.
%macro IRQ_STUB 1
global irq%1_interrupt
irq%1_interrupt:
	push ~%1
	jmp common_interrupt
%endmacro

%assign i 0
%rep 16
IRQ_STUB i
%assign i i + 1
%endrep

extern do_IRQ, exit_to_user_mode
common_interrupt:
	SAVE_ALL
	mov eax, esp
	push eax
	call do_IRQ
	add esp, 4
global ret_from_intr, ret_from_exception
ret_from_exception:
ret_from_intr:
	mov eax, [esp + PT_XCS]
	and eax, 3
	jz restore_all                  ; back to the kernel: nothing to do
syscall_exit:                           ; a system call came from ring 3: it returns there
	cli                             ; nothing may set a flag between the test and iret
	mov eax, esp
	and eax, ~(THREAD_SIZE - 1)     ; current_thread_info()
	test dword [eax + TI_FLAGS], _TIF_WORK_MASK
	jz restore_all
	call exit_to_user_mode          ; a switch or a signal first; returns with IF clear
restore_all:
	RESTORE_ALL

extern sys_call_table, fault_inject_syscall_exit
global system_call, ret_from_fork
system_call:
	push eax                        ; orig_eax: the system call number
	SAVE_ALL
	cmp eax, NR_syscalls            ; unsigned: 0x80000000 and up are out of range too
	jae .badsys
	; Copy arguments 6..1 (ebp .. ebx) from the saved frame; SAVE_ALL has since used
	; edx. Each push moves esp down by 4 and the next saved register is 4 lower too,
	; so every copy reads [esp + PT_EBP].
%rep 6
	push dword [esp + PT_EBP]
%endrep
	call [sys_call_table + eax * 4]
	add esp, 24
	mov [esp + PT_EAX], eax
	; syscall_exit's test, with the fault-injection flag in it too: one test of the
	; flags on the way out of every system call, and none of it costs more when clear.
	cli
	mov eax, esp
	and eax, ~(THREAD_SIZE - 1)     ; current_thread_info()
	test dword [eax + TI_FLAGS], _TIF_WORK_MASK | _TIF_FAULT_INJECTED
	jz restore_all
	test dword [eax + TI_FLAGS], _TIF_FAULT_INJECTED
	jz syscall_exit
	sti
	call fault_inject_syscall_exit  ; was the injected failure handled cleanly?
	jmp syscall_exit
.badsys:
	mov dword [esp + PT_EAX], -ENOSYS
	jmp syscall_exit

; A forked child's first return: its kernel stack holds a copy of the parent's frame.
extern schedule_tail
ret_from_fork:
	pop ebp                         ; 0 (copy_thread_user): where stack traces end
	push eax                        ; prev, from __switch_to_asm
	call schedule_tail
	add esp, 4
	jmp ret_from_intr

; The local APIC's vectors (asm/irq_vectors.h): orig_eax = ~vector, then the handler
; smp_<name>(regs) in C, which sends the EOI itself (or none, for a spurious one).
%macro APIC_INTERRUPT 2
global %1
extern smp_%1
%1:
	push ~%2
	SAVE_ALL
	mov eax, esp
	push eax
	call smp_%1
	add esp, 4
	jmp ret_from_intr
%endmacro

APIC_INTERRUPT apic_timer_interrupt, LOCAL_TIMER_VECTOR
APIC_INTERRUPT call_function_interrupt, CALL_FUNCTION_VECTOR
APIC_INTERRUPT reschedule_interrupt, RESCHEDULE_VECTOR
APIC_INTERRUPT error_interrupt, ERROR_APIC_VECTOR
APIC_INTERRUPT spurious_interrupt, SPURIOUS_APIC_VECTOR

section .rodata
; The stubs in vector order, for trap_init() and init_IRQ().
global exception_stubs, irq_stubs
exception_stubs:
	dd divide_error, debug, nmi, int3, overflow, bounds, invalid_op
	dd device_not_available, 0, coprocessor_segment_overrun
	dd invalid_TSS, segment_not_present, stack_segment, general_protection
	dd page_fault, spurious_interrupt_bug, coprocessor_error, alignment_check
	dd machine_check, simd_coprocessor_error, virtualization_exception
	dd control_protection, reserved_22, reserved_23, reserved_24, reserved_25
	dd reserved_26, reserved_27, hypervisor_injection, vmm_communication
	dd security_exception, reserved_31
irq_stubs:
%assign i 0
%rep 16
	dd irq %+ i %+ _interrupt
%assign i i + 1
%endrep
