/* grp.h: the supplementary groups (there is no group database). */
#ifndef _GRP_H
#define _GRP_H

#include <sys/types.h>

int setgroups(size_t size, const gid_t *list);

#endif
