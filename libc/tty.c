/*
 * libc/tty.c: the terminal: isatty, and the foreground process group that receives
 * ^C (tcgetpgrp, tcsetpgrp), all over ioctl.
 */
#include <sys/ioctl.h>
#include <unistd.h>

/* Only a terminal answers TCGETS; the settings themselves are not needed. */
int isatty(int fd)
{
	char termios[60]; /* glibc's struct termios; the kernel fills the first 36 bytes */

	return ioctl(fd, TCGETS, termios) == 0;
}

pid_t tcgetpgrp(int fd)
{
	pid_t pgrp;

	return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	return ioctl(fd, TIOCSPGRP, &pgrp);
}
