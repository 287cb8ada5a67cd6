/*
 * include/uapi/asm-generic/termbits.h: the terminal's settings as Linux i386 keeps
 * them (TCGETS/TCSETS copy this struct termios, 36 bytes: four flag words, the line
 * discipline and 19 control characters; glibc's own struct termios is longer and
 * converted by the library), the flag bits and c_cc's slots, and struct winsize.
 */
#ifndef UAPI_ASM_GENERIC_TERMBITS_H
#define UAPI_ASM_GENERIC_TERMBITS_H

typedef unsigned char cc_t;
typedef unsigned int tcflag_t;

#define NCCS 19
struct termios {
	tcflag_t c_iflag; /* input modes */
	tcflag_t c_oflag; /* output modes */
	tcflag_t c_cflag; /* control modes (the line: speed, character size) */
	tcflag_t c_lflag; /* local modes (the line discipline) */
	cc_t c_line;      /* line discipline number: 0 is N_TTY */
	cc_t c_cc[NCCS];  /* control characters */
};

struct winsize {
	unsigned short ws_row, ws_col;
	unsigned short ws_xpixel, ws_ypixel;
};

/* c_cc slots */
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5 /* non-canonical read timeout, tenths of a second */
#define VMIN 6  /* non-canonical read: bytes to wait for */
#define VSWTC 7
#define VSTART 8
#define VSTOP 9
#define VSUSP 10
#define VEOL 11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE 14
#define VLNEXT 15
#define VEOL2 16

/* c_iflag */
#define IGNBRK 0000001
#define BRKINT 0000002
#define IGNPAR 0000004
#define PARMRK 0000010
#define INPCK 0000020
#define ISTRIP 0000040
#define INLCR 0000100
#define IGNCR 0000200
#define ICRNL 0000400
#define IUCLC 0001000
#define IXON 0002000
#define IXANY 0004000
#define IXOFF 0010000
#define IMAXBEL 0020000
#define IUTF8 0040000

/* c_oflag */
#define OPOST 0000001
#define OLCUC 0000002
#define ONLCR 0000004
#define OCRNL 0000010
#define ONOCR 0000020
#define ONLRET 0000040
#define TABDLY 0014000
#define XTABS 0014000 /* TAB3: expand tabs to spaces */

/* c_cflag */
#define CBAUD 0010017
#define B9600 0000015
#define B38400 0000017
#define CSIZE 0000060
#define CS5 0000000
#define CS6 0000020
#define CS7 0000040
#define CS8 0000060
#define CSTOPB 0000100
#define CREAD 0000200
#define PARENB 0000400
#define PARODD 0001000
#define HUPCL 0002000
#define CLOCAL 0004000

/* c_lflag */
#define ISIG 0000001
#define ICANON 0000002
#define XCASE 0000004
#define ECHO 0000010
#define ECHOE 0000020
#define ECHOK 0000040
#define ECHONL 0000100
#define NOFLSH 0000200
#define TOSTOP 0000400
#define ECHOCTL 0001000
#define ECHOPRT 0002000
#define ECHOKE 0004000
#define FLUSHO 0010000
#define PENDIN 0040000
#define IEXTEN 0100000
#define EXTPROC 0200000

/* TCFLSH */
#define TCIFLUSH 0
#define TCOFLUSH 1
#define TCIOFLUSH 2

/* TCXONC */
#define TCOOFF 0
#define TCOON 1
#define TCIOFF 2
#define TCION 3

#endif
