/* Console input (kernel/tty.c): drivers hand each received character to the tty. */
#ifndef KSPACE_TTY_H
#define KSPACE_TTY_H

void tty_receive_char(char c); /* from interrupt handlers */

#endif
