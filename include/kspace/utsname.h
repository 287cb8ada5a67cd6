/* The system's names (kernel/utsname.c): what uname(2) reports and sethostname(2) changes. */
#ifndef KSPACE_UTSNAME_H
#define KSPACE_UTSNAME_H

#define __NEW_UTS_LEN 64

struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1]; /* the hostname */
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

extern struct new_utsname system_utsname;

/* Set the hostname from a kernel buffer (the caller checked the user may): 0 or -EINVAL. */
long set_hostname(const char *name, int len);

#endif
