/* sys/fsuid.h: the file-system ids; each call returns the previous id. */
#ifndef _SYS_FSUID_H
#define _SYS_FSUID_H

#include <sys/types.h>

int setfsuid(uid_t uid);
int setfsgid(gid_t gid);

#endif
