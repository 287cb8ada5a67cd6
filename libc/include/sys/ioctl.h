/*
 * sys/ioctl.h: ioctl() and the terminal requests kspace's console answers, with
 * Linux's numbers (asm-generic/ioctls.h).
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#define TCGETS 0x5401    /* the terminal's settings, a struct termios */
#define TIOCGPGRP 0x540F /* the foreground process group, a pid_t */
#define TIOCSPGRP 0x5410 /* make a process group the foreground one */

int ioctl(int fd, unsigned long request, ...);

#endif
