/*
 * tests/host/ramfs_fixture.h: the root that the initramfs tests and the initramfs
 * fuzz harness unpack over (an archive must merge with what / already holds).
 */
#ifndef RAMFS_FIXTURE_H
#define RAMFS_FIXTURE_H

void ramfs_fixture_populate(void); /* /etc (0700) and /etc/existing ("old") */
void ramfs_fixture_reset(void);    /* everything under / freed, then populated again */

#endif
