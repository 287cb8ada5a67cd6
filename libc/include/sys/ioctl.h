/*
 * sys/ioctl.h: ioctl() and the terminal's requests, with Linux's numbers
 * (<asm-generic/ioctls.h>), and struct winsize for TIOCGWINSZ.
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include <asm-generic/ioctls.h>
#include <asm-generic/termbits.h>

int ioctl(int fd, unsigned long request, ...);

#endif
