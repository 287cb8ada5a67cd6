/*
 * Constants the NASM code needs, taken from the C headers so they are defined in
 * one place. Compiled to assembly only; scripts/asm-offsets turns the "->NAME value"
 * markers into build/include/generated/asm-offsets.inc.
 */
#include <asm/desc.h>
#include <asm/irq_vectors.h>
#include <asm/realmode.h>
#include <asm/memlayout.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/thread_info.h>
#include <kspace/compiler.h>
#include <kspace/errno.h>
#include <kspace/sched.h>
#include <kspace/syscalls.h>

#define DEFINE(sym, val) __asm__ __volatile__("\n.ascii \"->" #sym " %c0\"" ::"i"(val))
#define OFFSET(sym, str, mem) DEFINE(sym, offsetof(struct str, mem))

void asm_offsets(void);
void asm_offsets(void)
{
	DEFINE(PAGE_OFFSET, PAGE_OFFSET);
	DEFINE(THREAD_SIZE, THREAD_SIZE);
	DEFINE(BOOT_MAP_SIZE, BOOT_MAP_SIZE);
	DEFINE(PGDIR_SHIFT, PGDIR_SHIFT);
	DEFINE(KERNEL_PGD_INDEX, KERNEL_PGD_INDEX);
	DEFINE(__KERNEL_CS, __KERNEL_CS);
	DEFINE(__KERNEL_DS, __KERNEL_DS);
	DEFINE(__USER_DS, __USER_DS);
	DEFINE(X86_CR0_PG, X86_CR0_PG);
	DEFINE(X86_CR0_WP, X86_CR0_WP);
	DEFINE(X86_CR4_PSE, X86_CR4_PSE);
	DEFINE(X86_FEATURE_PSE, X86_FEATURE_PSE);
	DEFINE(_PAGE_PSE, _PAGE_PSE);
	DEFINE(_KERNPG_TABLE, _KERNPG_TABLE);

	OFFSET(PT_EBX, pt_regs, ebx);
	OFFSET(PT_EAX, pt_regs, eax);
	OFFSET(PT_EBP, pt_regs, ebp);
	OFFSET(PT_XES, pt_regs, xes);
	OFFSET(PT_ORIG_EAX, pt_regs, orig_eax);
	OFFSET(PT_EIP, pt_regs, eip);
	OFFSET(PT_XCS, pt_regs, xcs);
	DEFINE(NR_syscalls, NR_syscalls);
	DEFINE(ENOSYS, ENOSYS);
	DEFINE(PT_SIZE, sizeof(struct pt_regs));
	DEFINE(TASK_THREAD_ESP, offsetof(struct task_struct, thread.esp));
	OFFSET(TI_FLAGS, thread_info, flags);
	DEFINE(_TIF_WORK_MASK, _TIF_WORK_MASK);
	DEFINE(_TIF_FAULT_INJECTED, _TIF_FAULT_INJECTED);
	DEFINE(TRAMPOLINE_BASE, TRAMPOLINE_BASE);
	DEFINE(TR_KERNEL_CS, TR_KERNEL_CS);
	DEFINE(TR_KERNEL_DS, TR_KERNEL_DS);
	DEFINE(LOCAL_TIMER_VECTOR, LOCAL_TIMER_VECTOR);
	DEFINE(CALL_FUNCTION_VECTOR, CALL_FUNCTION_VECTOR);
	DEFINE(RESCHEDULE_VECTOR, RESCHEDULE_VECTOR);
	DEFINE(ERROR_APIC_VECTOR, ERROR_APIC_VECTOR);
	DEFINE(SPURIOUS_APIC_VECTOR, SPURIOUS_APIC_VECTOR);
}
