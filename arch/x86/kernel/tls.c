/*
 * arch/x86/kernel/tls.c: thread-local storage, the i386 way.
 *
 * A program's __thread variables live in a block whose address differs per thread;
 * glibc reaches it through %gs, whose segment base is that address. Ring 3 cannot
 * write a descriptor table, so it asks: set_thread_area(&user_desc) stores a segment
 * descriptor in one of three per-task slots (thread.tls_array), which the kernel
 * copies into GDT entries 6..8 whenever the task runs (load_TLS, from switch_to).
 * The program then loads the selector (entry << 3 | 3) into %gs itself. The kernel
 * never changes %fs or %gs on entry, so they survive system calls and interrupts;
 * switch_to saves and restores them per task.
 */
#include <asm/desc.h>
#include <uapi/asm/ldt.h>
#include <asm/processor.h>
#include <asm/segment.h>
#include <asm/uaccess.h>
#include <kspace/errno.h>
#include <kspace/sched.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>

#define DESC_TYPE_ACCESSED 1
#define DESC_DPL3 3

/* The all-zero descriptor, or the one user_desc asks for with "not present, no limit". */
static bool desc_empty(const struct desc_struct *d)
{
	return !d->a && !d->b;
}

static bool user_desc_empty(const struct user_desc *info)
{
	return !info->base_addr && !info->limit && !info->contents && info->read_exec_only &&
	       !info->seg_32bit && !info->limit_in_pages && info->seg_not_present && !info->useable;
}

static bool user_desc_zero(const struct user_desc *info)
{
	return !info->base_addr && !info->limit && !info->contents && !info->read_exec_only &&
	       !info->seg_32bit && !info->limit_in_pages && !info->seg_not_present && !info->useable;
}

/*
 * Linux's rules: clearing an entry is always allowed; otherwise only a present,
 * 32-bit data segment (a 16-bit one would need espfix, a code segment has no place
 * here, and a not-present DPL 3 segment is attack surface for nothing).
 */
static bool tls_desc_okay(const struct user_desc *info)
{
	if (user_desc_empty(info) || user_desc_zero(info))
		return true;
	return info->seg_32bit && info->contents <= 1 && !info->seg_not_present;
}

/* user_desc -> the CPU's 8-byte descriptor (always a DPL 3 data segment). */
static struct desc_struct fill_ldt(const struct user_desc *info)
{
	u32 base = info->base_addr, limit = info->limit;
	u32 type = DESC_TYPE_ACCESSED | (!info->read_exec_only << 1) | (info->contents << 2);

	return (struct desc_struct){
		.a = (base << 16) | (limit & 0xffff),
		.b = (base & 0xff000000) | (info->limit_in_pages << 23) | (info->seg_32bit << 22) |
		     (info->useable << 20) | (limit & 0xf0000) | (!info->seg_not_present << 15) |
		     (DESC_DPL3 << 13) | (1 << 12) | (type << 8) | ((base >> 16) & 0xff),
	};
}

/* The CPU's descriptor -> user_desc, as get_thread_area reports it. */
static void fill_user_desc(struct user_desc *info, int idx, const struct desc_struct *d)
{
	u32 type = (d->b >> 8) & 0xf;

	memset(info, 0, sizeof(*info));
	info->entry_number = idx;
	info->base_addr = (d->a >> 16) | ((d->b & 0xff) << 16) | (d->b & 0xff000000);
	info->limit = (d->a & 0xffff) | (d->b & 0xf0000);
	info->seg_32bit = (d->b >> 22) & 1;
	info->contents = type >> 2;
	info->read_exec_only = !(type & 2);
	info->limit_in_pages = (d->b >> 23) & 1;
	info->seg_not_present = !((d->b >> 15) & 1);
	info->useable = (d->b >> 20) & 1;
}

static int get_free_idx(void)
{
	for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		if (desc_empty(&current->thread.tls_array[i]))
			return GDT_ENTRY_TLS_MIN + i;
	return -ESRCH;
}

/*
 * A segment register keeps a copy of the descriptor it was loaded from: one that
 * names the entry just changed is loaded again, so the program sees the new base
 * at once (or, for a cleared entry, a null selector: loadsegment's fixup).
 */
static void refresh_segments(int idx)
{
	unsigned long sel = (idx << 3) | USER_RPL, fs, gs;

	savesegment(fs, fs);
	savesegment(gs, gs);
	if (fs == sel)
		loadsegment(fs, sel);
	if (gs == sel)
		loadsegment(gs, sel);
}

/*
 * Store u_info's descriptor in p's slot. clone(CLONE_SETTLS) sets a new thread's
 * (p is not running yet: it loads its %gs from the GDT when it first runs) and may not
 * ask for a free slot (entry_number -1), as on Linux.
 */
int do_set_thread_area(struct task_struct *p, struct user_desc __user *u_info, bool can_allocate)
{
	struct user_desc info;
	int idx;

	if (copy_from_user(&info, u_info, sizeof(info)))
		return -EFAULT;
	if (!tls_desc_okay(&info))
		return -EINVAL;
	idx = info.entry_number;
	if (idx == -1 && can_allocate) {
		idx = get_free_idx();
		if (idx < 0)
			return idx;
		if (put_user(idx, &u_info->entry_number))
			return -EFAULT;
	}
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	p->thread.tls_in_use = true;
	p->thread.tls_array[idx - GDT_ENTRY_TLS_MIN] =
		user_desc_empty(&info) || user_desc_zero(&info) ? (struct desc_struct){ 0, 0 }
								 : fill_ldt(&info);
	if (p == current) {
		load_TLS(&p->thread, smp_processor_id());
		refresh_segments(idx);
	}
	return 0;
}

long sys_set_thread_area(struct user_desc __user *u_info)
{
	return do_set_thread_area(current, u_info, true);
}

long sys_get_thread_area(struct user_desc __user *u_info)
{
	struct user_desc info;
	unsigned int idx;

	if (get_user(idx, &u_info->entry_number))
		return -EFAULT;
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	fill_user_desc(&info, idx, &current->thread.tls_array[idx - GDT_ENTRY_TLS_MIN]);
	return copy_to_user(u_info, &info, sizeof(info)) ? -EFAULT : 0;
}
