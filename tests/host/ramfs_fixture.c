/*
 * tests/host/ramfs_fixture.c: the populated root the initramfs tests start from.
 */
#include "kapi.h"
#include "ramfs_fixture.h"

#include <kspace/ramfs.h>

void ramfs_fixture_populate(void)
{
	ramfs_mkdir(ramfs_root(), "/etc", 0700, NULL);
	ramfs_create(ramfs_root(), "/etc/existing", 0600, "old", 3, NULL);
}

void ramfs_fixture_reset(void)
{
	struct ramfs_dentry *c;

	while ((c = ramfs_child_at(ramfs_root(), 0)))
		ramfs_remove_tree(c->inode);
	ramfs_fixture_populate();
}
