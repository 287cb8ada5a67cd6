/*
 * kernel/utsname.c: uname, sethostname and setdomainname, the articles' example of
 * data crossing from user space into the kernel.
 *
 * sethostname(name, len): the kernel cannot trust name, so copy_from_user() checks
 * the range with access_ok() and copies; if a page of it is not mapped, the fault
 * is caught through the exception table and the call fails with -EFAULT. The copy
 * goes into a temporary first: the hostname changes only when all of it arrived.
 */
#include <asm/uaccess.h>
#include <kspace/errno.h>
#include <kspace/sched.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>
#include <kspace/utsname.h>

struct new_utsname system_utsname = {
	.sysname = "kspace",
	.nodename = "(none)",
	.release = "0.1",
	.version = "#1",
	.machine = "i686",
	.domainname = "(none)",
};

static void store_name(char *field, const char *name, int len)
{
	memcpy(field, name, len);
	memset(field + len, 0, __NEW_UTS_LEN + 1 - len); /* every byte after the name is zero */
}

/* Replace field with len bytes from user space, all or nothing. */
static long set_name(char *field, const char __user *name, int len)
{
	char tmp[__NEW_UTS_LEN];

	if (!capable())
		return -EPERM;
	if (len < 0 || len > __NEW_UTS_LEN)
		return -EINVAL;
	if (copy_from_user(tmp, name, len))
		return -EFAULT;
	store_name(field, tmp, len);
	return 0;
}

long set_hostname(const char *name, int len)
{
	if (len < 0 || len > __NEW_UTS_LEN)
		return -EINVAL;
	store_name(system_utsname.nodename, name, len);
	return 0;
}

long sys_sethostname(const char __user *name, int len)
{
	return set_name(system_utsname.nodename, name, len);
}

long sys_setdomainname(const char __user *name, int len)
{
	return set_name(system_utsname.domainname, name, len);
}

long sys_uname(struct new_utsname __user *name)
{
	return copy_to_user(name, &system_utsname, sizeof(system_utsname)) ? -EFAULT : 0;
}
