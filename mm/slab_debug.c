/*
 * mm/slab_debug.c: red zones, poisoning and owner tracking for kmalloc objects
 * ("slub_debug" on the command line), after Linux's mm/slub.c debug checks. The
 * layout and the byte values are in include/kspace/slab_debug.h; mm/slab.c lays the
 * slots out and calls these hooks when the cache has debug on.
 */
#include <kspace/init.h>
#include <kspace/kallsyms.h>
#include <kspace/printk.h>
#include <kspace/sched.h>
#include <kspace/slab_debug.h>
#include <kspace/stacktrace.h>
#include <kspace/string.h>

bool slub_debug;
unsigned long slab_debug_reports;

/* Linux's slub_debug takes flags (F, Z, P, U); here they come as one: all or nothing. */
static int slub_debug_setup(const char *value)
{
	(void)value;
	slub_debug = true;
	return 0;
}
__setup("slub_debug", slub_debug_setup);

static u8 *left_zone(const struct kmem_cache *c, void *obj)
{
	(void)c;
	return (u8 *)obj - SLAB_RED_ZONE;
}

static u8 *right_zone(const struct kmem_cache *c, void *obj)
{
	return (u8 *)obj + c->size;
}

/* The first byte of [p, p + n) that is not v, or NULL. */
static u8 *first_not(u8 *p, size_t n, u8 v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return p + i;
	return NULL;
}

static void print_owner(const char *what, unsigned long addr)
{
	char sym[KSYM_SYMBOL_LEN];

	if (!addr)
		return;
	sprint_symbol(sym, sizeof(sym), addr);
	printk(KERN_ERR "INFO: %s in %s\n", what, sym);
}

static void print_bytes(const char *label, const u8 *p, size_t n)
{
	printk(KERN_ERR "%s %p:", label, p);
	for (size_t i = 0; i < n; i++)
		pr_cont(" %02x", p[i]);
	pr_cont("\n");
}

/*
 * What Linux prints for a damaged object: the cache and the damage, the object's
 * owners, its bytes, a call trace; then the bytes [bad, end) get back the value v.
 */
static void slab_bug(struct kmem_cache *c, void *obj, const char *what, u8 *bad, u8 *end, u8 v)
{
	struct slab_track *t = slab_track(c, obj);

	slab_debug_reports++;
	printk(KERN_ERR "=============================================================================\n");
	printk(KERN_ERR "BUG %s: %s\n", c->name, what);
	printk(KERN_ERR "-----------------------------------------------------------------------------\n");
	printk(KERN_ERR "INFO: %p-%p @offset=%d. First byte 0x%02x instead of 0x%02x\n", bad, end - 1,
	       (int)(bad - (u8 *)obj), *bad, v);
	print_owner("Allocated", t->alloc_addr);
	print_owner("Freed", t->free_addr);
	printk(KERN_ERR "INFO: Object %p size %u, kmalloc(%u) by pid %d\n", obj, c->size, t->req_size,
	       t->pid);
	print_bytes("Redzone", left_zone(c, obj), SLAB_RED_ZONE);
	print_bytes("Object ", obj, c->size < 16 ? c->size : 16);
	print_bytes("Redzone", right_zone(c, obj), SLAB_RED_ZONE);
	dump_stack();
	printk(KERN_ERR "FIX %s: Restoring %p-%p=0x%02x\n", c->name, bad, end - 1, v);
	memset(bad, v, end - bad);
}

/* Check [p, p + n) holds v; report and repair if not. */
static void check_bytes(struct kmem_cache *c, void *obj, const char *what, u8 *p, size_t n, u8 v)
{
	u8 *bad = first_not(p, n, v);
	u8 *end = p + n;

	if (!bad)
		return;
	while (end > bad && end[-1] == v) /* report the damaged stretch only */
		end--;
	slab_bug(c, obj, what, bad, end, v);
}

static void poison(struct kmem_cache *c, void *obj)
{
	memset(obj, POISON_FREE, c->size - 1);
	((u8 *)obj)[c->size - 1] = POISON_END;
}

void slab_debug_init_object(struct kmem_cache *c, void *obj)
{
	memset(left_zone(c, obj), SLUB_RED_INACTIVE, SLAB_RED_ZONE);
	memset(right_zone(c, obj), SLUB_RED_INACTIVE, SLAB_RED_ZONE);
	poison(c, obj);
	memset(slab_track(c, obj), 0, sizeof(struct slab_track));
}

bool slab_debug_is_free(const struct kmem_cache *c, const void *obj)
{
	(void)c;
	return *((const u8 *)obj - SLAB_RED_ZONE) == SLUB_RED_INACTIVE;
}

void slab_debug_alloc(struct kmem_cache *c, void *obj, size_t size, unsigned long caller)
{
	struct slab_track *t = slab_track(c, obj);

	check_bytes(c, obj, "Left Redzone overwritten", left_zone(c, obj), SLAB_RED_ZONE,
		    SLUB_RED_INACTIVE);
	check_bytes(c, obj, "Poison overwritten", obj, c->size - 1, POISON_FREE);
	check_bytes(c, obj, "Poison overwritten", (u8 *)obj + c->size - 1, 1, POISON_END);
	check_bytes(c, obj, "Right Redzone overwritten", right_zone(c, obj), SLAB_RED_ZONE,
		    SLUB_RED_INACTIVE);
	memset(left_zone(c, obj), SLUB_RED_ACTIVE, SLAB_RED_ZONE);
	/* The bytes past what was asked for are red zone too. */
	memset((u8 *)obj + size, SLUB_RED_ACTIVE, c->size - size + SLAB_RED_ZONE);
	t->alloc_addr = caller;
	t->free_addr = 0;
	t->req_size = size;
	t->pid = current->pid;
}

void slab_debug_free(struct kmem_cache *c, void *obj, unsigned long caller)
{
	struct slab_track *t = slab_track(c, obj);

	check_bytes(c, obj, "Left Redzone overwritten", left_zone(c, obj), SLAB_RED_ZONE,
		    SLUB_RED_ACTIVE);
	check_bytes(c, obj, "Right Redzone overwritten", (u8 *)obj + t->req_size,
		    c->size - t->req_size + SLAB_RED_ZONE, SLUB_RED_ACTIVE);
	memset(left_zone(c, obj), SLUB_RED_INACTIVE, SLAB_RED_ZONE);
	memset(right_zone(c, obj), SLUB_RED_INACTIVE, SLAB_RED_ZONE);
	poison(c, obj);
	t->free_addr = caller;
}

bool slab_debug_owner_gone(const struct kmem_cache *c, void *obj)
{
	int pid = slab_track(c, obj)->pid;

	return pid > 1 && !find_task_by_pid(pid);
}

void slab_debug_show_object(struct kmem_cache *c, void *obj)
{
	struct slab_track *t = slab_track(c, obj);
	char sym[KSYM_SYMBOL_LEN];

	sprint_symbol(sym, sizeof(sym), t->alloc_addr);
	printk(KERN_INFO "%s: %p kmalloc(%u) by pid %d in %s\n", c->name, obj, t->req_size, t->pid,
	       sym);
}
