/* sys/prctl.h: prctl(), for the process's name (PR_SET_NAME, PR_GET_NAME: 16 bytes). */
#ifndef _SYS_PRCTL_H
#define _SYS_PRCTL_H

#define PR_SET_NAME 15
#define PR_GET_NAME 16

int prctl(int option, ...);

#endif
