/*
 * user/test-ioctl.c: ioctl on the console, fd 0 (a terminal on kspace and on Linux).
 * TCGETS fills the kernel's struct termios, 36 bytes on i386 (four flag words, the
 * line discipline and 19 control characters), so 36 bytes ending at the heap's edge
 * are room enough, while NULL, (char *)-1 and the program's read-only text (which
 * stays intact) give EFAULT. A regular file answers TCGETS with ENOTTY, the terminal
 * answers an unknown request with ENOTTY, and a descriptor not open gives EBADF.
 *
 * Usage: test-ioctl [DIR], where DIR holds hello (default /bin).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "check.h"

#define KERNEL_TERMIOS_SIZE 36
#define UNKNOWN_REQUEST 0x1234

static void check_ioctl(int fd, unsigned long request, void *arg, int err, const char *what)
{
	long r = ioctl(fd, request, arg);

	if (err)
		check(failed_with(r, err), "ioctl(%s) fails with errno %d (%s)", what, err,
		      describe_result(r));
	else
		check(r == 0, "ioctl(%s) succeeds (%s)", what, describe_result(r));
}

int main(int argc, char **argv)
{
	char *edge = heap_edge();
	char hello[256], termios[KERNEL_TERMIOS_SIZE];
	int fd;

	snprintf(hello, sizeof(hello), "%s/hello", argc > 1 ? argv[1] : "/bin");
	check(edge != NULL, "brk gives a heap edge");
	if (edge)
		check_ioctl(0, TCGETS, edge - KERNEL_TERMIOS_SIZE, 0,
			    "0, TCGETS, 36 bytes before the heap's edge");
	check_ioctl(0, TCGETS, NULL, EFAULT, "0, TCGETS, NULL");
	check_ioctl(0, TCGETS, (void *)-1, EFAULT, "0, TCGETS, (char *)-1");
	check_ioctl(0, TCGETS, (void *)text_page, EFAULT, "0, TCGETS, the program's text");
	check(text_page_intact(), "the text is unchanged");
	check_ioctl(0, UNKNOWN_REQUEST, NULL, ENOTTY, "0, 0x1234, NULL");
	fd = open(hello, O_RDONLY);
	check_ioctl(fd, TCGETS, termios, ENOTTY, "a regular file, TCGETS");
	close(fd);
	check_ioctl(1000, TCGETS, NULL, EBADF, "1000, TCGETS, NULL");
	return check_status();
}
