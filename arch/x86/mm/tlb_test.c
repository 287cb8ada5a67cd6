/*
 * arch/x86/mm/tlb_test.c: who flushes, and how the counters say so. Each test reads
 * this CPU's nr_tlb_* counters around one operation. Only this CPU has the test's
 * borrowed mm loaded, so no shootdown is sent for it even with several CPUs online;
 * kernel-range flushes reach every online CPU, and the remote count says so.
 */
#include <asm/highmem.h>
#include <asm/tlbflush.h>
#include <asm/uaccess.h>
#include <kspace/completion.h>
#include <kspace/gfp.h>
#include <kspace/highmem.h>
#include <kspace/mman.h>
#include <kspace/sched.h>
#include <kspace/selftest.h>
#include <kspace/syscall_defs.h>
#include <kspace/vmalloc.h>
#include <kspace/vmstat.h>
#include <uapi/asm-generic/mman-common.h>

#define USER_BASE 0x20000000UL
#define USER_PAGES 64
#define USER_END (USER_BASE + USER_PAGES * PAGE_SIZE)

/* This CPU's four counters, before and after. */
struct tlb_counts {
	unsigned long ev[NR_VM_EVENT_ITEMS];
};

static void read_counts(struct tlb_counts *c)
{
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		c->ev[i] = cpu_vm_event(smp_processor_id(), i);
}

/* Did the counters move by exactly (remote, all, one) since before? */
static bool moved(const struct tlb_counts *before, unsigned long remote, unsigned long all,
		  unsigned long one)
{
	struct tlb_counts now;

	read_counts(&now);
	return now.ev[NR_TLB_REMOTE_FLUSH] - before->ev[NR_TLB_REMOTE_FLUSH] == remote &&
	       now.ev[NR_TLB_LOCAL_FLUSH_ALL] - before->ev[NR_TLB_LOCAL_FLUSH_ALL] == all &&
	       now.ev[NR_TLB_LOCAL_FLUSH_ONE] - before->ev[NR_TLB_LOCAL_FLUSH_ONE] == one;
}

static int touch(unsigned long addr, unsigned long pages)
{
	for (unsigned long i = 0; i < pages; i++)
		if (put_user(1, (int __user *)(addr + i * PAGE_SIZE)))
			return -1;
	return 0;
}

static bool loaded_here(const struct mm_struct *mm)
{
	const struct tlb_state *ts = this_cpu_ptr(&cpu_tlbstate);

	return ts->loaded_mm == mm && !ts->is_lazy && read_cr3() == __pa(mm->pgd) &&
	       cpumask_test_cpu(smp_processor_id(), mm_cpumask(mm));
}

static int user_flushes_body(struct mm_struct *mm)
{
	struct tlb_counts c;

	EXPECT(loaded_here(mm) && cpumask_weight(mm_cpumask(mm)) == 1);
	read_counts(&c);
	EXPECT(do_munmap(mm, USER_BASE, PAGE_SIZE) == 0); /* never touched: nothing to flush */
	EXPECT(moved(&c, 0, 0, 0));
	EXPECT(touch(USER_BASE + PAGE_SIZE, 2) == 0);
	read_counts(&c);
	EXPECT(do_munmap(mm, USER_BASE + PAGE_SIZE, 2 * PAGE_SIZE) == 0);
	EXPECT(moved(&c, 0, 0, 2)); /* two pages, two invlpg, one batch */
	EXPECT(touch(USER_BASE + 4 * PAGE_SIZE, 40) == 0);
	read_counts(&c);
	EXPECT(sys_mprotect(USER_BASE + 4 * PAGE_SIZE, 40 * PAGE_SIZE, PROT_READ) == 0);
	EXPECT(moved(&c, 0, 1, 0)); /* past the 33-page ceiling: one CR3 reload */
	read_counts(&c);
	EXPECT(sys_mprotect(USER_BASE + 50 * PAGE_SIZE, 4 * PAGE_SIZE, PROT_READ) == 0);
	EXPECT(moved(&c, 0, 0, 0)); /* no page there: no entry changed */
	return 0;
}

SELFTEST(tlb_user_flushes_counted_on_this_cpu)
{
	struct mm_struct *mm = mm_borrow(USER_BASE, USER_END);
	const struct tlb_state *ts = this_cpu_ptr(&cpu_tlbstate);
	int ret;

	EXPECT(mm);
	ret = user_flushes_body(mm);
	mm_return(mm);
	EXPECT(ts->loaded_mm == NULL && read_cr3() == __pa(swapper_pg_dir));
	return ret;
}

/* What the kernel thread saw: the test's mm still loaded (lazily), then after a flush. */
static struct {
	struct mm_struct *mm;
	int cpu;
	bool lazy_before, left_after;
	struct completion done;
} lazy;

static int lazy_thread(void *unused)
{
	const struct tlb_state *ts = this_cpu_ptr(&cpu_tlbstate);
	struct tlb_counts c;

	(void)unused;
	lazy.cpu = smp_processor_id();
	lazy.lazy_before = ts->loaded_mm == lazy.mm && ts->is_lazy &&
			   read_cr3() == __pa(lazy.mm->pgd) &&
			   cpumask_test_cpu(lazy.cpu, mm_cpumask(lazy.mm));
	read_counts(&c);
	flush_tlb_mm(lazy.mm); /* a lazy CPU leaves instead of flushing */
	lazy.left_after = ts->loaded_mm == NULL && !ts->is_lazy &&
			  read_cr3() == __pa(swapper_pg_dir) &&
			  !cpumask_test_cpu(lazy.cpu, mm_cpumask(lazy.mm)) && moved(&c, 0, 0, 0);
	complete(&lazy.done);
	return 0;
}

SELFTEST(tlb_lazy_mode_after_kernel_thread_switch)
{
	struct mm_struct *mm = mm_borrow(USER_BASE, USER_END);
	bool back;

	EXPECT(mm);
	lazy.mm = mm;
	init_completion(&lazy.done);
	if (kernel_thread(lazy_thread, NULL, "tlb-lazy") < 0) {
		mm_return(mm);
		EXPECT(!"kernel_thread failed");
	}
	wait_for_completion(&lazy.done);
	back = loaded_here(mm); /* switched back in: the mm is loaded again, not lazily */
	mm_return(mm);
	if (lazy.cpu != smp_processor_id())
		SKIP("the kernel thread ran on another CPU");
	EXPECT(lazy.lazy_before);
	EXPECT(lazy.left_after);
	EXPECT(back);
	return 0;
}

SELFTEST(tlb_kernel_range_flushes_reach_every_cpu)
{
	unsigned long remote = num_online_cpus() > 1;
	struct tlb_counts c;
	void *v;

	read_counts(&c);
	flush_tlb_kernel_range(PKMAP_ADDR(0), PKMAP_ADDR(3));
	EXPECT(moved(&c, remote, 0, 3));
	read_counts(&c);
	flush_tlb_kernel_range(PKMAP_ADDR(0), PKMAP_ADDR(34));
	EXPECT(moved(&c, remote, 1, 0));
	v = vmalloc(2 * PAGE_SIZE);
	EXPECT(v);
	read_counts(&c);
	vfree(v);
	EXPECT(moved(&c, remote, 0, 2)); /* its two pages, not the guard page */
	return 0;
}

/* kmap_atomic flushes only its own slot, locally: no counted flush, no shootdown. */
SELFTEST(tlb_kmap_atomic_sends_no_shootdown)
{
	struct page *p = alloc_page(GFP_HIGHUSER);
	struct tlb_counts c;

	EXPECT(p);
	read_counts(&c);
	for (int i = 0; i < 2 * LAST_PKMAP; i++)
		kunmap_atomic(kmap_atomic(p, KM_USER0), KM_USER0);
	__free_page(p);
	EXPECT(moved(&c, 0, 0, 0));
	return 0;
}

/* More distinct pages than slots: mapping each in turn must wrap the window once. */
static struct page *wrap_pages[LAST_PKMAP + 1];

static int alloc_wrap_pages(void)
{
	int n;

	for (n = 0; n < LAST_PKMAP + 1; n++) {
		wrap_pages[n] = alloc_page(GFP_HIGHUSER);
		if (!wrap_pages[n] || !PageHighMem(wrap_pages[n]))
			break;
	}
	return n;
}

static void free_wrap_pages(int n)
{
	if (n < LAST_PKMAP + 1 && wrap_pages[n])
		__free_page(wrap_pages[n]); /* the one that was not HighMem */
	while (n--)
		__free_page(wrap_pages[n]);
}

/* kmap flushes only when the window wraps: then once, on every CPU. */
static int kmap_wrap_body(void)
{
	unsigned long remote = num_online_cpus() > 1, flushes = pkmap_flushes;
	bool full = LAST_PKMAP > 33; /* past the ceiling of single-page flushes */
	struct tlb_counts c;

	read_counts(&c);
	for (int i = 0; i < LAST_PKMAP + 1 && pkmap_flushes == flushes; i++) {
		EXPECT(moved(&c, 0, 0, 0)); /* no flush before the wrap */
		kmap(wrap_pages[i]);
		kunmap(wrap_pages[i]); /* count 1: the slot is freed at the next wrap */
	}
	EXPECT(pkmap_flushes == flushes + 1);
	EXPECT(moved(&c, remote, full, full ? 0 : LAST_PKMAP));
	return 0;
}

SELFTEST(tlb_kmap_wrap_flushes_the_window)
{
	int n = alloc_wrap_pages(), ret;

	if (n < LAST_PKMAP + 1) {
		free_wrap_pages(n);
		SKIP("not enough HighMem to wrap the pkmap window");
	}
	ret = kmap_wrap_body();
	free_wrap_pages(n);
	return ret;
}
