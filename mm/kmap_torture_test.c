/*
 * mm/kmap_torture_test.c: every online CPU maps high pages at once, through kmap and
 * kmap_atomic, while the pkmap window wraps again and again; run at 2 GiB with
 * -smp 4, and in the LAST_PKMAP=8 kernel, where the window wraps every few kmaps.
 *
 * One kernel thread is pinned to each CPU. Every page of the pool holds its pfn in
 * each word, so a mapping that reaches the wrong page (a slot reused while another
 * CPU's TLB still maps its old page, or a held slot freed by someone's wrap) shows a
 * foreign pfn. Each thread keeps a few kmaps across other CPUs' wraps and checks them
 * again before kunmap. The counters then say who flushed: each wrap is one
 * flush_tlb_kernel_range, counted once as the wrapping CPU's own flush and once as a
 * remote flush it sent, and received once by every other CPU; kmap_atomic, whose
 * slot is private to its CPU, moves no counter at all.
 */
#include <asm/highmem.h>
#include <asm/tlbflush.h>
#include <kspace/gfp.h>
#include <kspace/highmem.h>
#include <kspace/jiffies.h>
#include <kspace/kernel.h>
#include <kspace/sched.h>
#include <kspace/selftest.h>
#include <kspace/string.h>
#include <kspace/vmstat.h>
#include <kspace/wait.h>

/*
 * Many more pages than slots, so most kmaps take a new slot and the window wraps after
 * little more than LAST_PKMAP of them. Few kmaps keep the test quick: kmap_lock is one
 * ticket lock for every CPU, and under QEMU, when the host has fewer cores than the
 * guest has CPUs, each hand-over waits for the host to run the CPU next in line.
 */
#define POOL_PAGES (8 * LAST_PKMAP + 64)
#define MAX_HELD 4                       /* kmaps a thread keeps at once */
#define WRAPS 2                          /* the kmap phase runs until this many flushes */
#define MIN_KMAPS 200                    /* and each CPU has made this many kmaps */
#define ATOMIC_ROUNDS 1000               /* the kmap_atomic phase: mappings per CPU */
#define ATOMIC_PER_KMAP 8                /* the kmap phase: kmap_atomic rounds per kmap */
#define WORDS (PAGE_SIZE / sizeof(u32))

static struct page *pool[POOL_PAGES];

static struct {
	bool kmap_phase;                     /* which phase the threads run */
	int held;                            /* kmaps each thread may keep */
	int ready, done;                     /* threads pinned, threads finished */
	bool go;
	unsigned long flushes_at_start;      /* pkmap_flushes when the phase began */
	const char *failure[NR_CPUS];        /* each CPU's first failure */
	unsigned long fix_addr[NR_CPUS];     /* where each CPU's KM_USER0 slot mapped */
	unsigned long kmaps[NR_CPUS];        /* kmaps each CPU made in the kmap phase */
	wait_queue_head_t wq;
} torture;

static void stamp(struct page *p)
{
	u32 *v = kmap_atomic(p, KM_USER0);

	for (unsigned int i = 0; i < WORDS; i++)
		v[i] = page_to_pfn(p) ^ i;
	kunmap_atomic(v, KM_USER0);
}

static bool holds_pfn(const u32 *v, const struct page *p)
{
	for (unsigned int i = 0; i < WORDS; i++)
		if (v[i] != (page_to_pfn(p) ^ i))
			return false;
	return true;
}

static unsigned int next_random(unsigned int *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

static void fail(int cpu, const char *what)
{
	if (!torture.failure[cpu])
		torture.failure[cpu] = what;
}

/* Two pages at once through this CPU's own slots, each checked. */
static void atomic_round(int cpu, unsigned int *seed)
{
	struct page *a = pool[next_random(seed) % POOL_PAGES], *b = pool[next_random(seed) % POOL_PAGES];
	u32 *va = kmap_atomic(a, KM_USER0), *vb = kmap_atomic(b, KM_USER1);

	torture.fix_addr[cpu] = (unsigned long)va;
	if (!holds_pfn(va, a) || !holds_pfn(vb, b))
		fail(cpu, "a page read through kmap_atomic held another page's pfn");
	kunmap_atomic(vb, KM_USER1);
	kunmap_atomic(va, KM_USER0);
}

/* kmap a page and keep it; when MAX_HELD are kept, check the oldest again and let it go. */
static void kmap_round(int cpu, unsigned int *seed, struct page **held, int *nr_held)
{
	struct page *p = pool[next_random(seed) % POOL_PAGES];

	torture.kmaps[cpu]++;
	if (!holds_pfn(kmap(p), p))
		fail(cpu, "a page read through kmap held another page's pfn");
	if (*nr_held == torture.held) {
		if (!holds_pfn(page_address(held[0]), held[0]))
			fail(cpu, "a page kept kmapped across other CPUs' wraps changed under it");
		kunmap(held[0]);
		memmove(held, held + 1, --*nr_held * sizeof(*held));
	}
	held[(*nr_held)++] = p;
	/*
	 * kmap_atomic in between: its slots are not the window's, and it needs no lock. It
	 * also spaces out this CPU's turns at kmap_lock: a ticket lock contended by every
	 * CPU crawls under an emulator that deschedules the CPU whose turn it is.
	 */
	for (int i = 0; i < ATOMIC_PER_KMAP; i++)
		atomic_round(cpu, seed);
}

static bool kmap_phase_over(int cpu)
{
	return READ_ONCE(pkmap_flushes) - torture.flushes_at_start >= WRAPS &&
	       torture.kmaps[cpu] >= MIN_KMAPS;
}

static void run_phase(int cpu)
{
	unsigned int seed = 0x9e3779b9u * (cpu + 1);
	struct page *held[MAX_HELD];
	int nr_held = 0;

	if (!torture.kmap_phase) {
		for (int i = 0; i < ATOMIC_ROUNDS; i++)
			atomic_round(cpu, &seed);
		return;
	}
	while (!kmap_phase_over(cpu))
		kmap_round(cpu, &seed, held, &nr_held);
	while (nr_held) {
		struct page *p = held[--nr_held];

		if (!holds_pfn(page_address(p), p))
			fail(cpu, "a page kept kmapped across other CPUs' wraps changed under it");
		kunmap(p);
	}
}

static int torture_thread(void *arg)
{
	int cpu = (int)(unsigned long)arg;

	set_cpus_allowed_ptr(current, 1UL << cpu);
	schedule(); /* a running kernel thread moves when it next switches */
	if (smp_processor_id() != cpu)
		fail(cpu, "the thread did not move to its CPU");
	__atomic_add_fetch(&torture.ready, 1, __ATOMIC_SEQ_CST);
	wake_up(&torture.wq);
	wait_event(torture.wq, READ_ONCE(torture.go));
	run_phase(cpu);
	__atomic_add_fetch(&torture.done, 1, __ATOMIC_SEQ_CST);
	wake_up(&torture.wq);
	return 0;
}

/* Every online CPU's nr_tlb_* counters. */
struct all_counts {
	unsigned long ev[NR_CPUS][NR_VM_EVENT_ITEMS];
};

static void read_all(struct all_counts *c)
{
	int cpu;

	for_each_online_cpu(cpu)
		for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
			c->ev[cpu][i] = cpu_vm_event(cpu, i);
}

static unsigned long delta(const struct all_counts *a, const struct all_counts *b, int cpu, int item)
{
	return b->ev[cpu][item] - a->ev[cpu][item];
}

/* One thread per online CPU runs the phase; the counters are read around it. */
static int run_threads(bool kmap_phase, struct all_counts *before, struct all_counts *after)
{
	int n = num_online_cpus(), cpu;

	torture.kmap_phase = kmap_phase;
	torture.ready = torture.done = 0;
	torture.go = false;
	for_each_online_cpu(cpu)
		EXPECT(kernel_thread(torture_thread, (void *)(unsigned long)cpu, "kmap-torture") > 1);
	wait_event(torture.wq, READ_ONCE(torture.ready) == n);
	read_all(before);
	torture.flushes_at_start = pkmap_flushes;
	WRITE_ONCE(torture.go, true);
	wake_up(&torture.wq);
	wait_event(torture.wq, READ_ONCE(torture.done) == n);
	read_all(after);
	for_each_online_cpu(cpu)
		if (torture.failure[cpu]) {
			printk(KERN_ERR "selftest: CPU %d: %s\n", cpu, torture.failure[cpu]);
			return -1;
		}
	return 0;
}

/* kmap_atomic on every CPU at once: each in its own fixmap slots, and not one flush counted. */
static int atomic_phase(void)
{
	struct all_counts before, after;
	unsigned long flushes = pkmap_flushes;
	int cpu;

	EXPECT(run_threads(false, &before, &after) == 0);
	EXPECT(pkmap_flushes == flushes);
	for_each_online_cpu(cpu) {
		for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
			EXPECT(delta(&before, &after, cpu, i) == 0);
		EXPECT(torture.fix_addr[cpu] == __fix_to_virt(FIX_KMAP_BEGIN + KM_TYPE_NR * cpu + KM_USER0));
	}
	return 0;
}

/* kmap on every CPU at once until the window has wrapped WRAPS times: each wrap, one shootdown. */
static int kmap_phase(void)
{
	unsigned long remote = num_online_cpus() > 1, flushes = pkmap_flushes, wraps, local = 0;
	bool full = LAST_PKMAP > 33; /* past the ceiling of single-page flushes */
	struct all_counts before, after;
	int cpu;

	torture.held = min(MAX_HELD, max(1, LAST_PKMAP / 2 / num_online_cpus()));
	EXPECT(run_threads(true, &before, &after) == 0);
	wraps = pkmap_flushes - flushes;
	EXPECT(wraps >= WRAPS);
	for_each_online_cpu(cpu) {
		/* Each wrap is this CPU's own (and then a remote flush it sent) or one it received. */
		EXPECT(delta(&before, &after, cpu, NR_TLB_REMOTE_FLUSH) +
			       delta(&before, &after, cpu, NR_TLB_REMOTE_FLUSH_RECEIVED) ==
		       remote * wraps);
		local += delta(&before, &after, cpu, full ? NR_TLB_LOCAL_FLUSH_ALL : NR_TLB_LOCAL_FLUSH_ONE);
	}
	EXPECT(local == wraps * (full ? 1 : LAST_PKMAP));
	for_each_online_cpu(cpu)
		printk(KERN_INFO "kmap torture: CPU %d made %lu kmaps\n", cpu, torture.kmaps[cpu]);
	printk(KERN_INFO "kmap torture: %d CPUs, %lu wraps, each flushed on every CPU\n",
	       num_online_cpus(), wraps);
	return 0;
}

static int fill_pool(void)
{
	int n;

	for (n = 0; n < POOL_PAGES; n++) {
		pool[n] = alloc_page(GFP_HIGHUSER);
		if (!pool[n])
			break;
		if (!PageHighMem(pool[n])) {
			__free_page(pool[n]);
			break;
		}
		stamp(pool[n]);
	}
	return n;
}

SELFTEST(kmap_torture_on_every_cpu)
{
	unsigned long start = jiffies;
	int n = fill_pool(), ret;

	if (n < POOL_PAGES) {
		while (n--)
			__free_page(pool[n]);
		SKIP("not enough HighMem to wrap the pkmap window");
	}
	memset(&torture, 0, sizeof(torture));
	init_waitqueue_head(&torture.wq);
	printk(KERN_INFO "kmap torture: %d pages stamped in %lu ms\n", n, (jiffies - start) * 1000 / HZ);
	start = jiffies;
	ret = atomic_phase();
	printk(KERN_INFO "kmap torture: kmap_atomic phase %lu ms\n", (jiffies - start) * 1000 / HZ);
	start = jiffies;
	if (!ret)
		ret = kmap_phase();
	printk(KERN_INFO "kmap torture: kmap phase %lu ms\n", (jiffies - start) * 1000 / HZ);
	while (n--)
		__free_page(pool[n]);
	return ret;
}
