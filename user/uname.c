/*
 * user/uname.c: uname [-asnrvm]: print what the uname system call reports, as
 * coreutils' uname does: -s the kernel's name (the default), -n the host name, -r its
 * release, -v its version, -m the machine, -a all five. Fields come out in that order
 * whatever the order of the options, separated by blanks. (coreutils' -a also prints
 * the processor, platform and operating system names it knows; those are not kernel
 * fields and are left out.) The long options are --all, --kernel-name, --nodename,
 * --kernel-release, --kernel-version and --machine. Errors give coreutils' messages
 * and status 1.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

enum { SYSNAME = 1, NODENAME = 2, RELEASE = 4, VERSION = 8, MACHINE = 16, ALL = 31 };

#define NR_OPTIONS 6
static const struct {
	char letter;
	const char *name; /* the long option, without "--" */
	int fields;
} options[NR_OPTIONS] = {
	{ 'a', "all", ALL },		  { 's', "kernel-name", SYSNAME },
	{ 'n', "nodename", NODENAME },	  { 'r', "kernel-release", RELEASE },
	{ 'v', "kernel-version", VERSION }, { 'm', "machine", MACHINE },
};

/* The fields a short option letter asks for, or -1 if it is none. */
static int letter_fields(char c)
{
	for (int i = 0; i < NR_OPTIONS; i++)
		if (options[i].letter == c)
			return options[i].fields;
	return -1;
}

/* The fields one argument asks for ("-sn" or "--nodename"), or -1 if it is not an option. */
static int parse_option(const char *arg)
{
	int fields = 0;

	if (arg[0] != '-' || !arg[1])
		return -1;
	if (arg[1] == '-') {
		for (int i = 0; i < NR_OPTIONS; i++)
			if (!strcmp(arg + 2, options[i].name))
				return options[i].fields;
		return -1;
	}
	for (const char *c = arg + 1; *c; c++) {
		if (letter_fields(*c) < 0)
			return -1;
		fields |= letter_fields(*c);
	}
	return fields;
}

/* coreutils' complaint about arg: an unknown short or long option, or an operand. */
static int usage_error(const char *arg)
{
	const char *c = arg + 1;

	if (arg[0] != '-' || !arg[1]) {
		fprintf(stderr, "uname: extra operand '%s'\n", arg);
	} else if (arg[1] == '-') {
		fprintf(stderr, "uname: unrecognized option '%s'\n", arg);
	} else {
		while (letter_fields(*c) >= 0)
			c++;
		fprintf(stderr, "uname: invalid option -- '%c'\n", *c);
	}
	fprintf(stderr, "Try 'uname --help' for more information.\n");
	return 1;
}

int main(int argc, char **argv)
{
	const char *sep = "";
	struct utsname u;
	int fields = 0;

	for (int i = 1; i < argc; i++) {
		int f = parse_option(argv[i]);

		if (f < 0)
			return usage_error(argv[i]);
		fields |= f;
	}
	if (uname(&u) < 0) {
		fprintf(stderr, "uname: cannot get system name: %s\n", strerror(errno));
		return 1;
	}
	const char *values[] = { u.sysname, u.nodename, u.release, u.version, u.machine };
	for (int i = 0; i < 5; i++)
		if ((fields ? fields : SYSNAME) & (1 << i)) {
			printf("%s%s", sep, values[i]);
			sep = " ";
		}
	putchar('\n');
	return 0;
}
