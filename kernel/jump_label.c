/*
 * kernel/jump_label.c: enabling a static key (include/kspace/jump_label.h): every
 * site in __jump_table that tests the key becomes a jump.
 */
#include <asm/irqflags.h>
#include <kspace/errno.h>
#include <kspace/jump_label.h>
#include <kspace/printk.h>
#include <kspace/smp.h>

extern const struct jump_entry __start___jump_table[], __stop___jump_table[];

int static_branch_enable(struct static_key *key)
{
	const struct jump_entry *e;
	unsigned long flags;
	int sites = 0;

	if (key->enabled)
		return 0;
	if (num_online_cpus() > 1) { /* another CPU could be executing a site */
		pr_err("jump_label: a static key can be enabled only before the other CPUs start\n");
		return -EBUSY;
	}
	flags = local_irq_save(); /* an interrupt handler may run a site being rewritten */
	for (e = __start___jump_table; e < __stop___jump_table; e++) {
		if (e->key == key) {
			arch_jump_label_transform(e);
			sites++;
		}
	}
	key->enabled = true;
	local_irq_restore(flags);
	return sites;
}
