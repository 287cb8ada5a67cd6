/*
 * termios.h: the terminal's settings. kspace's struct termios is the kernel's own
 * (<asm-generic/termbits.h>), so tcgetattr and tcsetattr pass it straight through.
 */
#ifndef _TERMIOS_H
#define _TERMIOS_H

#include <asm-generic/termbits.h>
#include <sys/types.h>

#define TCSANOW 0   /* tcsetattr: at once */
#define TCSADRAIN 1 /* once the output is written */
#define TCSAFLUSH 2 /* once the output is written, dropping unread input */

int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int when, const struct termios *t);
int tcflush(int fd, int queue);
int tcflow(int fd, int action);
int tcdrain(int fd);
pid_t tcgetsid(int fd);
void cfmakeraw(struct termios *t);

#endif
