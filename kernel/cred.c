/*
 * kernel/cred.c: the user and group ids of a task (struct cred) and the system calls
 * that read and change them, with Linux's rules: root (euid 0 here, Linux's
 * CAP_SETUID/CAP_SETGID) may set any id; anyone else may only shuffle the ids it
 * already holds. The 16-bit calls of the original i386 ABI fold ids above 65535 to
 * the overflow id 65534, and read 0xffff as "leave unchanged", as Linux does.
 */
#include <asm/uaccess.h>
#include <kspace/cred.h>
#include <kspace/errno.h>
#include <kspace/sched.h>
#include <kspace/syscall_defs.h>

#define NO_ID ((unsigned int)-1) /* "leave this id unchanged"; never a valid id */
#define OVERFLOW_ID 65534        /* what the 16-bit calls show for an id above 65535 */
#define NO_ID16 0xffff

bool capable(void)
{
	return current->cred.euid == 0;
}

bool in_group_p(kgid_t gid)
{
	const struct cred *c = &current->cred;

	if (gid == c->fsgid)
		return true;
	for (int i = 0; i < c->ngroups; i++)
		if (c->groups[i] == gid)
			return true;
	return false;
}

/* Linux's kill_ok_by_cred: either real or effective uid matches the target's real or saved. */
bool kill_ok_by_cred(const struct task_struct *t)
{
	const struct cred *c = &current->cred, *tc = &t->cred;

	return c->euid == tc->suid || c->euid == tc->uid || c->uid == tc->suid ||
	       c->uid == tc->uid || capable();
}

/* Linux's PTRACE_MODE_REALCREDS check: the target runs with all of the caller's real ids. */
bool ptrace_may_access(const struct task_struct *t)
{
	const struct cred *c = &current->cred, *tc = &t->cred;

	if (t == current || capable())
		return true;
	return c->uid == tc->uid && c->uid == tc->euid && c->uid == tc->suid &&
	       c->gid == tc->gid && c->gid == tc->egid && c->gid == tc->sgid;
}

/* exec: the saved and fs ids follow the effective ones (there are no set-id files). */
void install_exec_creds(void)
{
	struct cred *c = &current->cred;

	c->suid = c->fsuid = c->euid;
	c->sgid = c->fsgid = c->egid;
}

static unsigned int high2low(unsigned int id)
{
	return id > 0xffff ? OVERFLOW_ID : id;
}

static unsigned int low2high(unsigned int id)
{
	return (id & 0xffff) == NO_ID16 ? NO_ID : (id & 0xffff);
}

long sys_getuid(void) { return current->cred.uid; }
long sys_geteuid(void) { return current->cred.euid; }
long sys_getgid(void) { return current->cred.gid; }
long sys_getegid(void) { return current->cred.egid; }
long sys_getuid16(void) { return high2low(current->cred.uid); }
long sys_geteuid16(void) { return high2low(current->cred.euid); }
long sys_getgid16(void) { return high2low(current->cred.gid); }
long sys_getegid16(void) { return high2low(current->cred.egid); }

/*
 * The uid and gid rules are the same with different fields, so each rule is written
 * once over an array of the four ids: [0] real, [1] effective, [2] saved, [3] fs.
 */
enum { REAL, EFF, SAVED, FS };

static void load_ids(bool group, unsigned int id[4])
{
	const struct cred *c = &current->cred;

	id[REAL] = group ? c->gid : c->uid;
	id[EFF] = group ? c->egid : c->euid;
	id[SAVED] = group ? c->sgid : c->suid;
	id[FS] = group ? c->fsgid : c->fsuid;
}

static void store_ids(bool group, const unsigned int id[4])
{
	struct cred *c = &current->cred;

	if (group)
		c->gid = id[REAL], c->egid = id[EFF], c->sgid = id[SAVED], c->fsgid = id[FS];
	else
		c->uid = id[REAL], c->euid = id[EFF], c->suid = id[SAVED], c->fsuid = id[FS];
}

/* setuid: root sets all four; others may set the effective id to the real or saved one. */
static long do_setid(bool group, unsigned int nid)
{
	unsigned int id[4];

	if (nid == NO_ID)
		return -EINVAL;
	load_ids(group, id);
	if (capable())
		id[REAL] = id[SAVED] = nid;
	else if (nid != id[REAL] && nid != id[SAVED])
		return -EPERM;
	id[EFF] = id[FS] = nid;
	store_ids(group, id);
	return 0;
}

/*
 * setreuid: the real id may become the real or effective one, the effective id any
 * of real, effective, saved. The saved id takes the new effective id when the real
 * id is set or the effective one moves away from the real one.
 */
static long do_setreid(bool group, unsigned int r, unsigned int e)
{
	unsigned int old[4], id[4];

	load_ids(group, old);
	load_ids(group, id);
	if (r != NO_ID) {
		if (r != old[REAL] && r != old[EFF] && !capable())
			return -EPERM;
		id[REAL] = r;
	}
	if (e != NO_ID) {
		if (e != old[REAL] && e != old[EFF] && e != old[SAVED] && !capable())
			return -EPERM;
		id[EFF] = e;
	}
	if (r != NO_ID || (e != NO_ID && e != old[REAL]))
		id[SAVED] = id[EFF];
	id[FS] = id[EFF];
	store_ids(group, id);
	return 0;
}

static bool holds(const unsigned int id[4], unsigned int n)
{
	return n == NO_ID || n == id[REAL] || n == id[EFF] || n == id[SAVED];
}

/* setresuid: without root, each new id must be one of the three held now. */
static long do_setresid(bool group, unsigned int r, unsigned int e, unsigned int s)
{
	unsigned int id[4];

	load_ids(group, id);
	if ((!holds(id, r) || !holds(id, e) || !holds(id, s)) && !capable())
		return -EPERM;
	if (r != NO_ID)
		id[REAL] = r;
	if (e != NO_ID)
		id[EFF] = e;
	if (s != NO_ID)
		id[SAVED] = s;
	id[FS] = id[EFF];
	store_ids(group, id);
	return 0;
}

/* setfsuid: always returns the old fs id; changes it only to an id held, or as root. */
static long do_setfsid(bool group, unsigned int n)
{
	unsigned int id[4], old;

	load_ids(group, id);
	old = id[FS];
	if (n != NO_ID && (holds(id, n) || n == id[FS] || capable())) {
		id[FS] = n;
		store_ids(group, id);
	}
	return old;
}

/* getresuid: as Linux, the ids are stored one by one and the first fault stops it. */
static long do_getresid(bool group, bool old16, void __user *r, void __user *e, void __user *s)
{
	unsigned int id[4];
	void __user *dst[3] = { r, e, s };

	load_ids(group, id);
	for (int i = 0; i < 3; i++) {
		int err = old16 ? put_user((u16)high2low(id[i]), (u16 __user *)dst[i])
				: put_user(id[i], (unsigned int __user *)dst[i]);
		if (err)
			return -EFAULT;
	}
	return 0;
}

long sys_setuid(unsigned int uid) { return do_setid(false, uid); }
long sys_setgid(unsigned int gid) { return do_setid(true, gid); }
long sys_setreuid(unsigned int r, unsigned int e) { return do_setreid(false, r, e); }
long sys_setregid(unsigned int r, unsigned int e) { return do_setreid(true, r, e); }
long sys_setresuid(unsigned int r, unsigned int e, unsigned int s) { return do_setresid(false, r, e, s); }
long sys_setresgid(unsigned int r, unsigned int e, unsigned int s) { return do_setresid(true, r, e, s); }
long sys_setfsuid(unsigned int uid) { return do_setfsid(false, uid); }
long sys_setfsgid(unsigned int gid) { return do_setfsid(true, gid); }

long sys_getresuid(unsigned int __user *r, unsigned int __user *e, unsigned int __user *s)
{
	return do_getresid(false, false, r, e, s);
}

long sys_getresgid(unsigned int __user *r, unsigned int __user *e, unsigned int __user *s)
{
	return do_getresid(true, false, r, e, s);
}

long sys_setuid16(unsigned int uid) { return do_setid(false, low2high(uid)); }
long sys_setgid16(unsigned int gid) { return do_setid(true, low2high(gid)); }
long sys_setreuid16(unsigned int r, unsigned int e) { return do_setreid(false, low2high(r), low2high(e)); }
long sys_setregid16(unsigned int r, unsigned int e) { return do_setreid(true, low2high(r), low2high(e)); }

long sys_setresuid16(unsigned int r, unsigned int e, unsigned int s)
{
	return do_setresid(false, low2high(r), low2high(e), low2high(s));
}

long sys_setresgid16(unsigned int r, unsigned int e, unsigned int s)
{
	return do_setresid(true, low2high(r), low2high(e), low2high(s));
}

long sys_getresuid16(u16 __user *r, u16 __user *e, u16 __user *s)
{
	return do_getresid(false, true, r, e, s);
}

long sys_getresgid16(u16 __user *r, u16 __user *e, u16 __user *s)
{
	return do_getresid(true, true, r, e, s);
}

long sys_setfsuid16(unsigned int uid) { return high2low(do_setfsid(false, low2high(uid))); }
long sys_setfsgid16(unsigned int gid) { return high2low(do_setfsid(true, low2high(gid))); }

/* ---- supplementary groups ---- */

/* getgroups(0, _) asks how many; a smaller non-zero size is -EINVAL. */
static long do_getgroups(int size, void __user *list, bool old16)
{
	const struct cred *c = &current->cred;

	if (size < 0)
		return -EINVAL;
	if (!size)
		return c->ngroups;
	if (size < c->ngroups)
		return -EINVAL;
	for (int i = 0; i < c->ngroups; i++) {
		int err = old16 ? put_user((u16)high2low(c->groups[i]), (u16 __user *)list + i)
				: put_user(c->groups[i], (unsigned int __user *)list + i);
		if (err)
			return -EFAULT;
	}
	return c->ngroups;
}

/* setgroups: root only; the list is kept sorted, as Linux keeps it (getgroups shows that). */
static long do_setgroups(int size, const void __user *list, bool old16)
{
	kgid_t groups[NGROUPS_MAX];

	if (!capable())
		return -EPERM;
	if ((unsigned int)size > NGROUPS_MAX) /* Linux: above 65536 */
		return -EINVAL;
	for (int i = 0; i < size; i++) {
		u32 g;

		if (old16 ? get_user(g, (const u16 __user *)list + i)
			  : get_user(g, (const u32 __user *)list + i))
			return -EFAULT;
		g = old16 ? low2high(g) : g;
		if (g == NO_ID)
			return -EINVAL;
		int j = i;
		for (; j > 0 && groups[j - 1] > g; j--)
			groups[j] = groups[j - 1];
		groups[j] = g;
	}
	for (int i = 0; i < size; i++)
		current->cred.groups[i] = groups[i];
	current->cred.ngroups = size;
	return 0;
}

long sys_getgroups(int size, unsigned int __user *list) { return do_getgroups(size, list, false); }
long sys_setgroups(int size, const unsigned int __user *list) { return do_setgroups(size, list, false); }
long sys_getgroups16(int size, u16 __user *list) { return do_getgroups(size, list, true); }
long sys_setgroups16(int size, const u16 __user *list) { return do_setgroups(size, list, true); }
