/* Control registers, CPUID and what the boot CPU was found to support. */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

#include <asm/desc.h>
#include <kspace/compiler.h>
#include <kspace/percpu.h>
#include <kspace/types.h>

#define X86_CR0_MP 0x00000002 /* fwait honours TS */
#define X86_CR0_EM 0x00000004 /* no FPU: every FPU instruction traps */
#define X86_CR0_TS 0x00000008
#define X86_CR0_NE 0x00000020 /* FPU errors as exception 16, not IRQ 13 */
#define X86_CR0_WP 0x00010000 /* ring 0 honours read-only pages (copy-on-write needs it) */
#define X86_CR0_PG 0x80000000
#define X86_CR4_PSE 0x00000010
#define X86_CR4_PGE 0x00000080
#define X86_CR4_OSFXSR 0x00000200     /* the OS saves SSE state with fxsave: SSE allowed */
#define X86_CR4_OSXMMEXCPT 0x00000400 /* SIMD errors as exception 19 */

/* CPUID leaf 1, EDX bits. */
#define X86_FEATURE_FPU 0
#define X86_FEATURE_VME 1
#define X86_FEATURE_DE 2
#define X86_FEATURE_PSE 3
#define X86_FEATURE_TSC 4
#define X86_FEATURE_MSR 5
#define X86_FEATURE_PAE 6
#define X86_FEATURE_CX8 8
#define X86_FEATURE_APIC 9
#define X86_FEATURE_SEP 11
#define X86_FEATURE_PGE 13
#define X86_FEATURE_CMOV 15
#define X86_FEATURE_PAT 16
#define X86_FEATURE_MMX 23
#define X86_FEATURE_FXSR 24
#define X86_FEATURE_SSE 25
#define X86_FEATURE_SSE2 26
#define X86_FEATURE_HT 28 /* CPUID.1:EBX[23:16] counts the logical CPUs of the package */

struct cpuinfo_x86 {
	bool has_cpuid; /* original 486s have no CPUID instruction */
	int family, model, stepping;
	char vendor[13];
	char model_id[49]; /* the brand string, or "unknown" */
	int cpuid_level;   /* the highest basic leaf; -1 without CPUID */
	u32 features;      /* CPUID.1:EDX */
	/* Topology, from the initial APIC id (CPUID.1:EBX[31:24]), as Linux derives it. */
	u32 initial_apicid, apicid;
	int phys_proc_id, cpu_core_id;
	int x86_max_cores;   /* cores per package */
	int x86_siblings;    /* logical CPUs per package */
	int cpu_index;       /* which CPU this is (smp_store_cpu_info) */
};
extern struct cpuinfo_x86 boot_cpu_data;
/* Each CPU's own, filled by smp_store_cpu_info() running on it. */
DECLARE_PER_CPU(struct cpuinfo_x86, cpu_info);
#define cpu_data(cpu) per_cpu(cpu_info, cpu)
void smp_store_cpu_info(int cpu);

static inline bool cpu_has(int feature) { return boot_cpu_data.features & (1u << feature); }

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ __volatile__("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

#define DEFINE_CR(n)                                                                   \
	static inline unsigned long read_cr##n(void)                                   \
	{                                                                              \
		unsigned long v;                                                       \
		__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));                 \
		return v;                                                              \
	}                                                                              \
	static inline void write_cr##n(unsigned long v)                                \
	{                                                                              \
		__asm__ __volatile__("mov %0, %%cr" #n ::"r"(v) : "memory");          \
	}
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)
#undef DEFINE_CR

static inline void __flush_tlb_one(unsigned long addr)
{
	__asm__ __volatile__("invlpg (%0)" ::"r"(addr) : "memory");
}

/* Reloading CR3 flushes every non-global TLB entry. */
static inline void __flush_tlb(void) { write_cr3(read_cr3()); }

static inline u64 rdtsc(void)
{
	u32 lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

/* pause (rep; nop): tells a hyper-threaded core a spin loop is running; a nop on a 486. */
static inline void cpu_relax(void) { __asm__ __volatile__("rep; nop" ::: "memory"); }
static inline void halt(void) { __asm__ __volatile__("hlt" ::: "memory"); }

void cpu_detect(void);
void print_cpu_info(void);

/*
 * A task's FPU registers while it is switched out (arch/x86/kernel/fpu.c): the fxsave
 * image when the CPU has FXSR (which must be 16-byte aligned), else fnsave's.
 */
union fpu_state {
	u8 fxsave[512];
	u8 fsave[108];
} __aligned(16);

/* What a switched-out task's CPU state needs beyond its stack. */
struct thread_struct {
	unsigned long esp;  /* kernel esp while switched out (__switch_to_asm) */
	unsigned long esp0; /* top of its kernel stack: TSS.esp0 while it runs */
	/* The GDT's thread-local storage entries while it runs (set_thread_area). */
	struct desc_struct tls_array[GDT_ENTRY_TLS_ENTRIES];
	bool tls_in_use; /* set_thread_area was called: tls_array may hold entries */
	/* The user's %fs and %gs while switched out: the kernel never changes them. */
	unsigned long fs, gs;
	/* The last fault, for the signal frame's sigcontext (trapno, err, cr2). */
	unsigned long trap_nr, error_code, cr2;
	union fpu_state fpu;
};

/* Copy t's TLS entries into cpu's GDT (this CPU's), for the task about to run there. */
static inline void load_TLS(const struct thread_struct *t, int cpu)
{
	struct desc_struct *gdt = &get_cpu_gdt_table(cpu)[GDT_ENTRY_TLS_MIN];

	_Static_assert(GDT_ENTRY_TLS_ENTRIES == 3, "load_TLS copies three entries");
	gdt[0] = t->tls_array[0];
	gdt[1] = t->tls_array[1];
	gdt[2] = t->tls_array[2];
}

struct task_struct;
struct pt_regs;
/* Prepare a new task's stack so its first switch-in runs fn(arg) (arch/x86/kernel/process.c). */
void copy_thread(struct task_struct *p, int (*fn)(void *), void *arg);
/* A forked child's stack: a copy of the parent's user registers, returning 0 to it;
 * a non-zero sp (clone's newsp) becomes its user esp. */
void copy_thread_user(struct task_struct *p, const struct pt_regs *regs, unsigned long sp);
struct user_desc;
/* set_thread_area for p (clone's CLONE_SETTLS: a new thread, which may not pick a free slot) */
int do_set_thread_area(struct task_struct *p, struct user_desc __user *u_info, bool can_allocate);
/* execve: forget the old program's thread-local storage; %fs and %gs become 0. */
void flush_thread(void);
/* Make regs start a user program at eip with stack esp (execve). */
void start_thread(struct pt_regs *regs, unsigned long eip, unsigned long esp);
/* The user registers saved at the top of the current task's kernel stack. */
struct pt_regs *current_pt_regs(void);
/* Leave the kernel for the user program described by regs (pid 1's first exec). */
__noreturn void enter_user_mode(struct pt_regs *regs);

#endif
