/*
 * include/uapi/asm-generic/ioctls.h: the terminal's ioctl requests, with Linux's
 * numbers (x86 uses the generic ones).
 */
#ifndef UAPI_ASM_GENERIC_IOCTLS_H
#define UAPI_ASM_GENERIC_IOCTLS_H

#define TCGETS 0x5401
#define TCSETS 0x5402  /* now */
#define TCSETSW 0x5403 /* once the output is written */
#define TCSETSF 0x5404 /* once the output is written, dropping unread input */
#define TCSBRK 0x5409
#define TCXONC 0x540A
#define TCFLSH 0x540B
#define TIOCSCTTY 0x540E
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCOUTQ 0x5411
#define TIOCSTI 0x5412
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD 0x541B
#define TIOCINQ FIONREAD
#define TIOCNOTTY 0x5422
#define TIOCGSID 0x5429

#endif
