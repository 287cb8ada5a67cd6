/*
 * user/dd.c: dd [if=FILE] [of=FILE] [bs=N] [count=N]: copy blocks of bs bytes (default
 * 512; a K or M suffix multiplies by 1024 or 1048576) from if (default standard input)
 * to of (default standard output, created or truncated), count blocks or to the end,
 * then report on standard error as dd does: "full+partial records in/out". Each block
 * is one read and one write, so a block size of one page makes one system call per page.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *in_name, *out_name;
static unsigned long block_size = 512, count = -1UL;

/* A size or count: digits, then (with suffixes) K or M. -1 if it is not one. */
static long number(const char *s, int suffixes)
{
	char *end;
	long n = strtoul(s, &end, 10);

	if (suffixes && *end == 'K')
		n <<= 10, end++;
	else if (suffixes && *end == 'M')
		n <<= 20, end++;
	return end == s || *end || n < 0 ? -1 : n;
}

/* One NAME=VALUE operand; -1 if dd does not know it or its value is bad. */
static int operand(const char *a)
{
	long n;

	if (!strncmp(a, "if=", 3))
		in_name = a + 3;
	else if (!strncmp(a, "of=", 3))
		out_name = a + 3;
	else if (!strncmp(a, "bs=", 3) && (n = number(a + 3, 1)) > 0)
		block_size = n;
	else if (!strncmp(a, "count=", 6) && (n = number(a + 6, 0)) >= 0)
		count = n;
	else
		return -1;
	return 0;
}

static int open_or_std(const char *name, int flags, int std)
{
	int fd = name ? open(name, flags, 0644) : std;

	if (fd < 0)
		fprintf(stderr, "dd: %s: %s\n", name, strerror(errno));
	return fd;
}

struct records {
	unsigned long full, partial;
};

static void count_record(struct records *r, long n)
{
	if ((unsigned long)n == block_size)
		r->full++;
	else
		r->partial++;
}

/* Copy block by block until count blocks or the end; 1 after a read or write error. */
static int copy(int in, int out, char *buf, struct records *r_in, struct records *r_out)
{
	while (r_in->full + r_in->partial < count) {
		ssize_t n = read(in, buf, block_size), w;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "dd: reading: %s\n", strerror(errno));
			return 1;
		}
		if (n == 0)
			return 0;
		count_record(r_in, n);
		w = write(out, buf, n);
		if (w < 0) {
			fprintf(stderr, "dd: writing: %s\n", strerror(errno));
			return 1;
		}
		count_record(r_out, w);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct records r_in = { 0, 0 }, r_out = { 0, 0 };
	int in, out, status;
	char *buf;

	for (int i = 1; i < argc; i++) {
		if (operand(argv[i])) {
			fprintf(stderr, "dd: invalid operand '%s'\n", argv[i]);
			return 1;
		}
	}
	in = open_or_std(in_name, O_RDONLY, STDIN_FILENO);
	out = open_or_std(out_name, O_WRONLY | O_CREAT | O_TRUNC, STDOUT_FILENO);
	if (in < 0 || out < 0)
		return 1;
	buf = malloc(block_size);
	if (!buf) {
		fprintf(stderr, "dd: memory exhausted by bs=%lu\n", block_size);
		return 1;
	}
	status = copy(in, out, buf, &r_in, &r_out);
	fprintf(stderr, "%lu+%lu records in\n%lu+%lu records out\n", r_in.full, r_in.partial,
		r_out.full, r_out.partial);
	return status;
}
