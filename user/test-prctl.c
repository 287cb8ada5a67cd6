/*
 * user/test-prctl.c: prctl(PR_SET_NAME) and PR_GET_NAME, the name ps and top show
 * (/proc/<pid>/stat's comm): at most 15 bytes are kept, the buffer read back is always
 * 16 bytes with a NUL, bad pointers give EFAULT, an unknown option EINVAL.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "check.h"

#define BAD_PTR ((void *)1)
#define KERNEL_PTR ((void *)0xc0100000)

/* Our comm as /proc/self/stat shows it, between the parentheses. */
static const char *stat_comm(void)
{
	static char text[512];
	int fd = open("/proc/self/stat", O_RDONLY);
	long n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);
	char *open_paren, *close_paren;

	close(fd);
	if (n <= 0)
		return "";
	text[n] = '\0';
	open_paren = strchr(text, '(');
	close_paren = strrchr(text, ')');
	if (!open_paren || !close_paren)
		return "";
	*close_paren = '\0';
	return open_paren + 1;
}

int main(void)
{
	char name[16];
	long r;

	memset(name, 'x', sizeof(name));
	r = prctl(PR_GET_NAME, name, 0, 0, 0);
	check(r == 0 && !strcmp(name, "test-prctl"), "PR_GET_NAME: the program's name (%s, \"%.16s\")",
	      describe_result(r), name);
	r = prctl(PR_SET_NAME, "applet", 0, 0, 0);
	check(r == 0 && !strcmp(stat_comm(), "applet"), "PR_SET_NAME shows in /proc/self/stat (%s, %s)",
	      describe_result(r), stat_comm());
	r = prctl(PR_SET_NAME, "a-name-longer-than-fifteen", 0, 0, 0);
	memset(name, 'x', sizeof(name));
	check(r == 0 && prctl(PR_GET_NAME, name, 0, 0, 0) == 0 && !strcmp(name, "a-name-longer-t"),
	      "a long name keeps its first 15 bytes (\"%.16s\")", name);
	r = prctl(PR_SET_NAME, "", 0, 0, 0);
	check(r == 0 && !strcmp(stat_comm(), ""), "an empty name is allowed (%s)", describe_result(r));
	prctl(PR_SET_NAME, "test-prctl", 0, 0, 0);
	r = prctl(PR_SET_NAME, BAD_PTR, 0, 0, 0);
	check(failed_with(r, EFAULT), "PR_SET_NAME from a bad pointer: EFAULT (%s)", describe_result(r));
	r = prctl(PR_SET_NAME, KERNEL_PTR, 0, 0, 0);
	check(failed_with(r, EFAULT) && !strcmp(stat_comm(), "test-prctl"),
	      "PR_SET_NAME from kernel memory: EFAULT, name unchanged (%s)", describe_result(r));
	r = prctl(PR_GET_NAME, (void *)text_page, 0, 0, 0);
	check(failed_with(r, EFAULT) && text_page_intact(),
	      "PR_GET_NAME into read-only memory: EFAULT (%s)", describe_result(r));
	r = prctl(PR_GET_NAME, KERNEL_PTR, 0, 0, 0);
	check(failed_with(r, EFAULT), "PR_GET_NAME into kernel memory: EFAULT (%s)", describe_result(r));
	r = prctl(0x7fffffff, 0, 0, 0, 0);
	check(failed_with(r, EINVAL), "an unknown option: EINVAL (%s)", describe_result(r));
	r = prctl(-1, 0, 0, 0, 0);
	check(failed_with(r, EINVAL), "option -1: EINVAL (%s)", describe_result(r));
	return check_status();
}
