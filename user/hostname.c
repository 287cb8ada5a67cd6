/*
 * user/hostname.c: hostname [NAME]: print the host name, or set it to NAME. The
 * messages are those of Debian's hostname (util-linux has none):
 *   hostname: you must be root to change the host name    sethostname: EPERM
 *   hostname: name too long                                sethostname: EINVAL
 *   hostname: sethostname: MESSAGE                         any other error
 * and the exit status is 1 after any of them.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int set_name(const char *name)
{
	if (sethostname(name, strlen(name)) == 0)
		return 0;
	if (errno == EPERM)
		fprintf(stderr, "hostname: you must be root to change the host name\n");
	else if (errno == EINVAL)
		fprintf(stderr, "hostname: name too long\n");
	else
		fprintf(stderr, "hostname: sethostname: %s\n", strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	char name[HOST_NAME_MAX + 1];

	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "Usage: hostname [NAME]\n");
		return 1;
	}
	if (argc == 2)
		return set_name(argv[1]);
	if (gethostname(name, sizeof(name)) < 0) {
		fprintf(stderr, "hostname: gethostname: %s\n", strerror(errno));
		return 1;
	}
	puts(name);
	return 0;
}
