/*
 * arch/x86/mm/extable.c: fixup_exception(), the recovery half of copy_from_user.
 * When a kernel instruction faults, its address is looked up in __ex_table; if it
 * is there, execution resumes at the fixup and the user access simply fails.
 * Every recovery is counted and the last few are kept, so a student can see that
 * a bad pointer really faulted and was recovered (/proc/uaccess).
 */
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <kspace/extable.h>
#include <kspace/kallsyms.h>
#include <kspace/sched.h>
#include <kspace/seq_buf.h>

#define NR_FIXUP_EVENTS 8

struct fixup_event {
	pid_t pid;
	long syscall;        /* orig_eax of the user frame: which call was running */
	unsigned long eip;   /* the faulting kernel instruction */
	unsigned long cr2;   /* the address it tried to reach */
};

static struct fixup_event events[NR_FIXUP_EVENTS];
static unsigned long nr_fixups;

static void log_fixup(const struct pt_regs *regs)
{
	struct fixup_event *e = &events[nr_fixups++ % NR_FIXUP_EVENTS];

	e->pid = current->pid;
	e->syscall = current->mm ? current_pt_regs()->orig_eax : -1;
	e->eip = regs->eip;
	e->cr2 = read_cr2();
}

int fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e = search_exception_tables(regs->eip);

	if (!e)
		return 0;
	log_fixup(regs);
	regs->eip = e->fixup;
	return 1;
}

void uaccess_render(struct seq_buf *s)
{
	char sym[KSYM_SYMBOL_LEN];
	unsigned long first = nr_fixups > NR_FIXUP_EVENTS ? nr_fixups - NR_FIXUP_EVENTS : 0;

	seq_buf_printf(s, "fixups: %lu\n", nr_fixups);
	for (unsigned long i = first; i < nr_fixups; i++) {
		const struct fixup_event *e = &events[i % NR_FIXUP_EVENTS];

		sprint_symbol(sym, sizeof(sym), e->eip);
		seq_buf_printf(s, "pid %d syscall %ld eip %s cr2 0x%08lx\n", e->pid, e->syscall, sym,
			       e->cr2);
	}
}
