/*
 * user/test-readlink.c: readlink(2). /proc/self reads as the pid, /proc/self/exe and
 * /proc/<pid>/exe as the program's path; the result is not NUL-terminated and is cut
 * to bufsiz; a bufsiz of 0 or less is EINVAL; a file that is no symlink is EINVAL, a
 * missing one ENOENT; bad paths and buffers are EFAULT.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

#define KERNEL_ADDR ((void *)0xC0000000UL)
#define SELF "/bin/test-readlink"

int main(void)
{
	char buf[128], want[32], path[32];
	long n;

	memset(buf, 'X', sizeof(buf));
	n = readlink("/proc/self/exe", buf, sizeof(buf));
	check(n == (long)strlen(SELF) && !memcmp(buf, SELF, n), "/proc/self/exe reads %s (%.*s)", SELF,
	      n > 0 ? (int)n : 0, buf);
	check(n > 0 && buf[n] == 'X', "no NUL is written after it");
	memset(buf, 'X', sizeof(buf));
	n = readlink("/proc/self/exe", buf, 4);
	check(n == 4 && !memcmp(buf, "/bin", 4) && buf[4] == 'X', "bufsiz 4: the first 4 bytes (%ld)", n);
	snprintf(path, sizeof(path), "/proc/%d/exe", getpid());
	n = readlink(path, buf, sizeof(buf));
	check(n == (long)strlen(SELF) && !memcmp(buf, SELF, n), "%s reads the same", path);
	snprintf(want, sizeof(want), "%d", getpid());
	n = readlink("/proc/self", buf, sizeof(buf));
	check(n == (long)strlen(want) && !memcmp(buf, want, n), "/proc/self reads the pid %s", want);

	const int bad_sizes[] = { 0, -1, INT_MIN };
	for (int i = 0; i < 3; i++) {
		n = syscall(__NR_readlink, "/proc/self/exe", buf, bad_sizes[i]);
		check(failed_with(n, EINVAL), "bufsiz %d: EINVAL (%s)", bad_sizes[i], describe_result(n));
	}
	n = syscall(__NR_readlink, "/nonexistent", buf, 0);
	check(failed_with(n, EINVAL), "bufsiz 0 is EINVAL before the path is looked up");
	const char *not_links[] = { "/bin/true", "/bin", "/", "/proc", "/proc/meminfo", "/proc/self/maps" };
	for (int i = 0; i < 6; i++) {
		n = readlink(not_links[i], buf, sizeof(buf));
		check(failed_with(n, EINVAL), "%s is no symlink: EINVAL (%s)", not_links[i], describe_result(n));
	}
	const char *missing[] = { "/nonexistent", "/bin/nonexistent", "/proc/999999/exe", "/proc/self/nonexistent" };
	for (int i = 0; i < 4; i++) {
		n = readlink(missing[i], buf, sizeof(buf));
		check(failed_with(n, ENOENT), "%s: ENOENT (%s)", missing[i], describe_result(n));
	}
	check(failed_with(readlink("", buf, sizeof(buf)), ENOENT), "the empty path: ENOENT");
	check(failed_with(readlink(NULL, buf, sizeof(buf)), EFAULT), "path NULL: EFAULT");
	check(failed_with(readlink(KERNEL_ADDR, buf, sizeof(buf)), EFAULT), "path at a kernel address: EFAULT");
	check(failed_with(readlink("/proc/self/exe", NULL, sizeof(buf)), EFAULT), "buf NULL: EFAULT");
	check(failed_with(readlink("/proc/self/exe", KERNEL_ADDR, sizeof(buf)), EFAULT),
	      "buf at a kernel address: EFAULT");
	check(failed_with(readlink("/proc/self/exe", (char *)text_page, sizeof(buf)), EFAULT) &&
		      text_page_intact(),
	      "buf in read-only text: EFAULT, text intact");
	return check_status();
}
