/*
 * user/test-sethostname.c: sethostname(name, len) copies len bytes from the caller, and
 * uname shows the result. The rules, in Linux's order: only root may call it (EPERM
 * comes before any other check), len must be 0..64 (EINVAL), the bytes must all be
 * readable (EFAULT), and the change is all or nothing: a failed call leaves the
 * previous name. len 0 sets the empty name without reading anything, so even a NULL
 * or (char *)-1 name is accepted then. The program's read-only text is a fine source.
 * /proc/sys/kernel/hostname sets the name too: root may write it (a final newline is
 * dropped, a name too long is cut at 64 bytes), others may not even open it for writing.
 * The name the program found is put back at the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "check.h"

#define HOSTNAME_FILE "/proc/sys/kernel/hostname"
#define NAME_64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define LONG_NAME NAME_64 "X" /* 65 bytes */

static const char *nodename(void)
{
	static struct utsname u;

	return uname(&u) == 0 ? u.nodename : "(uname failed)";
}

static long sys_sethostname(const char *name, long len)
{
	return syscall(__NR_sethostname, name, len);
}

/* From the name "before", a call that must fail with err and leave the name. */
static void check_refused(const char *name, long len, int err, const char *what)
{
	long r;
	const char *result;

	sys_sethostname("before", 6);
	r = sys_sethostname(name, len);
	result = describe_result(r);
	check(failed_with(r, err) && !strcmp(nodename(), "before"),
	      "sethostname(%s) fails with errno %d, the name stays \"before\" (%s, name \"%s\")",
	      what, err, result, nodename());
}

/* From the name "before", a call that must succeed and set want. */
static void check_accepted(const char *name, long len, const char *want, const char *what)
{
	long r;

	sys_sethostname("before", 6);
	r = sys_sethostname(name, len);
	check(r == 0 && !strcmp(nodename(), want),
	      "sethostname(%s) succeeds and sets \"%s\" (%s, name \"%s\")", what, want,
	      describe_result(r), nodename());
}

static void check_as_root(char *edge)
{
	check_accepted("kspace-test", 11, "kspace-test", "\"kspace-test\", 11");
	check_accepted(LONG_NAME, 64, NAME_64, "64 bytes, len 64");
	check_refused(LONG_NAME, 65, EINVAL, "65 bytes, len 65");
	check_refused("name", -1, EINVAL, "\"name\", len -1");
	check_refused(NULL, 5, EFAULT, "NULL, 5");
	check_refused((char *)-1, 5, EFAULT, "(char *)-1, 5");
	check_refused((char *)TASK_SIZE, 5, EFAULT, "0xC0000000, 5");
	check_refused((char *)(TASK_SIZE - 1), 2, EFAULT, "0xBFFFFFFF, 2");
	check_accepted("x", 0, "", "\"x\", 0");
	check_accepted(NULL, 0, "", "NULL, 0");
	check_accepted((char *)-1, 0, "", "(char *)-1, 0");
	if (edge) {
		memcpy(edge - 5, "edge5", 5);
		check_accepted(edge - 5, 5, "edge5", "the last 5 bytes before the heap's edge, 5");
		check_refused(edge - 3, 5, EFAULT, "3 bytes before the heap's edge, 5");
	}

	long r = sys_sethostname((const char *)text_page, 8);
	check(r == 0 && !memcmp(nodename(), text_page, 8) && nodename()[8] == '\0',
	      "sethostname(the program's text, 8) succeeds and copies those 8 bytes (%s)",
	      describe_result(r));
}

/* In a child that gave up root: every call fails with EPERM, before any other check. */
static void not_root(void)
{
	if (setuid(1000) < 0)
		_exit(2);
	check_refused("user", 4, EPERM, "\"user\", 4, as uid 1000");
	check_refused(LONG_NAME, 65, EPERM, "65 bytes, len 65, as uid 1000");
	check_refused(NULL, 5, EPERM, "NULL, 5, as uid 1000");

	int fd = open(HOSTNAME_FILE, O_WRONLY);
	check(failed_with(fd, EACCES), "uid 1000 cannot open %s for writing (%s)", HOSTNAME_FILE,
	      describe_result(fd));
	_exit(check_status());
}

/* Write text to HOSTNAME_FILE through a fresh descriptor; the write's result. */
static long write_hostname_file(const char *text, size_t len)
{
	int fd = open(HOSTNAME_FILE, O_WRONLY);
	long r;

	if (fd < 0)
		return -1;
	r = write(fd, text, len);
	close(fd);
	return r;
}

static void check_proc_file(void)
{
	char text[80];
	long r;
	int fd;

	r = write_hostname_file("proc-name\n", 10);
	check(r == 10 && !strcmp(nodename(), "proc-name"),
	      "writing \"proc-name\\n\" to %s sets \"proc-name\" (%s, name \"%s\")", HOSTNAME_FILE,
	      describe_result(r), nodename());
	fd = open(HOSTNAME_FILE, O_RDONLY);
	r = fd < 0 ? -1 : read(fd, text, sizeof(text));
	check(r == 10 && !memcmp(text, "proc-name\n", 10), "%s reads back \"proc-name\\n\" (%s)",
	      HOSTNAME_FILE, describe_result(r));
	if (fd >= 0)
		close(fd);

	r = write_hostname_file(LONG_NAME "yyyy", 69);
	check(r == 69 && !strcmp(nodename(), NAME_64),
	      "writing 69 bytes succeeds and keeps the first 64 (%s, name \"%s\")",
	      describe_result(r), nodename());

	sys_sethostname("before", 6);
	r = write_hostname_file(NULL, 5);
	check(failed_with(r, EFAULT) && !strcmp(nodename(), "before"),
	      "writing from NULL fails with EFAULT, the name stays (%s, name \"%s\")",
	      describe_result(r), nodename());
}

int main(void)
{
	char saved[_UTSNAME_LENGTH];
	char *edge = heap_edge();
	int status;

	strcpy(saved, nodename());
	check(edge != NULL, "brk gives a heap edge");
	check_as_root(edge);
	check_proc_file();
	sys_sethostname("before", 6);
	status = run_in_child(not_root);
	check(status == 0, "the checks as uid 1000 pass (child %s)", describe_status(status));
	check(sys_sethostname(saved, strlen(saved)) == 0 && !strcmp(nodename(), saved),
	      "the name is \"%s\" again", saved);
	return check_status();
}
