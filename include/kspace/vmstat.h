/*
 * The text of /proc/buddyinfo, /proc/meminfo and /proc/vmstat, in Linux's formats,
 * and the per-CPU event counters behind /proc/vmstat (mm/vmstat.c).
 */
#ifndef KSPACE_VMSTAT_H
#define KSPACE_VMSTAT_H

#include <kspace/percpu.h>

struct seq_buf;

void buddyinfo_render(struct seq_buf *s);
void meminfo_render(struct seq_buf *s);
void vmstat_render(struct seq_buf *s);

/* Linux's vm_event_item names, the TLB ones (arch/x86/mm/tlb.c counts them). */
enum vm_event_item {
	NR_TLB_REMOTE_FLUSH,          /* shootdowns this CPU sent to other CPUs */
	NR_TLB_REMOTE_FLUSH_RECEIVED, /* shootdowns other CPUs sent here */
	NR_TLB_LOCAL_FLUSH_ALL,       /* whole-TLB flushes this CPU asked of itself */
	NR_TLB_LOCAL_FLUSH_ONE,       /* single pages this CPU invalidated for itself */
	NR_VM_EVENT_ITEMS
};

/* Each CPU counts in its own copy (one add, no lock); readers sum them. */
struct vm_event_state {
	unsigned long event[NR_VM_EVENT_ITEMS];
};
DECLARE_PER_CPU(struct vm_event_state, vm_event_states);

#define count_vm_tlb_event(item) this_cpu_inc(vm_event_states.event[item])
#define count_vm_tlb_events(item, n) this_cpu_add(vm_event_states.event[item], (n))

/* One CPU's count of item, and the sum over every possible CPU. */
unsigned long cpu_vm_event(int cpu, enum vm_event_item item);
unsigned long sum_vm_event(enum vm_event_item item);

#endif
