/*
 * user/runas.c: runas UID COMMAND [ARG...]: run a command as another user. runas
 * calls setuid(UID), which only root may do for a new uid and which then drops root
 * for good, and replaces itself with COMMAND, found in $PATH (default /bin:/sbin) as
 * the shell does. So "runas 1000 hostname x" shows what an ordinary user gets.
 *
 * As with coreutils' env and chroot, the exit status tells runas's own failures from
 * the command's: 125 for a usage error, a bad UID or a failed setuid, 126 when the
 * command cannot be run, 127 when it is not found. Messages:
 *   usage: runas UID COMMAND [ARG...]
 *   runas: invalid user id 'UID'
 *   runas: cannot set user id to UID: MESSAGE
 *   runas: COMMAND: not found
 *   runas: COMMAND: MESSAGE
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned long uid;
	char *end;

	if (argc < 3) {
		fprintf(stderr, "usage: runas UID COMMAND [ARG...]\n");
		return 125;
	}
	errno = 0;
	uid = strtoul(argv[1], &end, 10);
	if (!*argv[1] || *end || argv[1][0] == '-' || errno || uid > 0xfffffffeUL) {
		fprintf(stderr, "runas: invalid user id '%s'\n", argv[1]);
		return 125;
	}
	if (setuid(uid) < 0) {
		fprintf(stderr, "runas: cannot set user id to %lu: %s\n", uid, strerror(errno));
		return 125;
	}
	execvp(argv[2], argv + 2);
	if (errno == ENOENT) {
		fprintf(stderr, "runas: %s: not found\n", argv[2]);
		return 127;
	}
	fprintf(stderr, "runas: %s: %s\n", argv[2], strerror(errno));
	return 126;
}
