/*
 * user/test-uname.c: uname copies a struct utsname (six 65-byte strings, 390 bytes) out
 * to the caller. The answer is well formed: every field NUL-terminated, the host name
 * the one /proc/sys/kernel/hostname shows. Any destination the kernel cannot write
 * fails with EFAULT: NULL, (char *)-1, the kernel's half (0xC0000000), a structure
 * that crosses into it from 0xBFFFFFFF, one that runs off the heap into an unmapped
 * page, and the program's own read-only text, which stays intact. A structure that
 * ends exactly at the heap's edge is filled. A child's uname into a page it shares
 * copy-on-write with its parent leaves the parent's copy alone.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static bool terminated(const char *field)
{
	return memchr(field, '\0', _UTSNAME_LENGTH) != NULL;
}

/* /proc/sys/kernel/hostname without its newline, or "" if it cannot be read. */
static void proc_hostname(char *name, size_t size)
{
	int fd = open("/proc/sys/kernel/hostname", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, name, size - 1);

	if (fd >= 0)
		close(fd);
	name[n > 0 ? n - 1 : 0] = '\0';
}

static void check_answer(void)
{
	struct utsname u;
	char name[128];
	long r;

	memset(&u, 0xff, sizeof(u));
	r = uname(&u);
	check(r == 0, "uname into a good buffer succeeds (%s)", describe_result(r));
	check(terminated(u.sysname) && terminated(u.nodename) && terminated(u.release) &&
		      terminated(u.version) && terminated(u.machine) && terminated(u.domainname),
	      "every field is NUL-terminated");
	if (on_kspace())
		check(!strcmp(u.sysname, "kspace"), "sysname is kspace (\"%s\")", u.sysname);
	else
		check(!strcmp(u.sysname, "Linux"), "sysname is Linux (\"%s\")", u.sysname);
	check(!strcmp(u.machine, "i686"), "machine is i686 (\"%s\")", u.machine);
	proc_hostname(name, sizeof(name));
	check(!strcmp(u.nodename, name), "nodename \"%s\" is /proc/sys/kernel/hostname's \"%s\"",
	      u.nodename, name);
}

static void check_efault(void *buf, const char *what)
{
	long r = uname(buf);

	check(failed_with(r, EFAULT), "uname(%s) fails with EFAULT (%s)", what,
	      describe_result(r));
}

static void check_bad_pointers(char *edge)
{
	check_efault(NULL, "NULL");
	check_efault((void *)-1, "(char *)-1");
	check_efault((void *)TASK_SIZE, "0xC0000000");
	check_efault((void *)(TASK_SIZE - 1), "0xBFFFFFFF");
	check_efault((void *)(TASK_SIZE - 100), "0xC0000000 - 100");
	check_efault(edge - 100, "100 bytes before the heap's edge");
	check_efault((void *)text_page, "the program's text");
	check(text_page_intact(), "the text is unchanged");

	long r = uname((struct utsname *)(edge - sizeof(struct utsname)));
	check(r == 0, "uname into the last 390 bytes before the heap's edge succeeds (%s)",
	      describe_result(r));
}

static struct utsname shared; /* copy-on-write between parent and child after fork */

static void check_cow(void)
{
	int status = -1;
	pid_t pid;

	memset(&shared, 'P', sizeof(shared));
	pid = fork();
	if (pid == 0)
		_exit(uname(&shared) == 0 && terminated(shared.sysname) ? 0 : 1);
	check(pid > 0 && waitpid(pid, &status, 0) == pid && status == 0,
	      "uname in a child succeeds (child %s)", describe_status(status));
	bool untouched = true;
	for (size_t i = 0; i < sizeof(shared); i++)
		untouched &= ((char *)&shared)[i] == 'P';
	check(untouched, "the child's uname left the parent's copy-on-write page alone");
}

int main(void)
{
	char *edge = heap_edge();

	check(edge != NULL, "brk gives a heap edge");
	check_answer();
	if (edge)
		check_bad_pointers(edge);
	check_cow();
	return check_status();
}
