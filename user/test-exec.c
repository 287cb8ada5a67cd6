/*
 * user/test-exec.c: execve. A missing file fails with ENOENT; each malformed ELF file
 * in bad-elf/ is refused (with KSPACE=1: ENOEXEC, always; see bad_elf.h for Linux) and
 * the caller carries on with its memory intact; the layouts linkers emit load, each
 * segment's image as its header promises (elf-image checks itself); argv and envp
 * arrive exactly as passed; an argument list too large fails with E2BIG.
 *
 * Usage: test-exec [DIR], where DIR holds hello, elf-image* and bad-elf/ (default /bin). To check
 * argv and envp, test-exec runs itself (argv[0]) with EXEC_CHILD as its first argument.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bad_elf.h"
#include "check.h"

#define EXEC_CHILD "--exec-child"
static bool exited_with(int status, int code)
{
	return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == code;
}

static void check_missing(void)
{
	char *argv[] = { "missing", NULL };
	int r = execve("/nonexistent/missing", argv, environ);

	check(r == -1 && errno == ENOENT, "execve of a missing file fails with ENOENT (errno %d)",
	      errno);
}

#ifndef SYSLOG_ACTION_READ_ALL /* glibc's <sys/klog.h> names no actions: syslog(2)'s numbers */
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_SIZE_BUFFER 10
#endif

/* Whether the kernel log holds text (kspace's reason for refusing a dynamic program). */
static bool kernel_log_has(const char *text)
{
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	char *log = size > 0 ? malloc(size + 1) : NULL;
	int len = log ? klogctl(SYSLOG_ACTION_READ_ALL, log, size) : -1;
	bool found = len >= 0 && (log[len] = '\0', strstr(log, text) != NULL);

	free(log);
	return found;
}

static void check_bad_elf(const char *dir)
{
	char path[256];
	char *argv[] = { path, NULL };

	snprintf(path, sizeof(path), "%s/hello", dir);
	check(exited_with(exec_in_child(path, argv, environ), 0),
	      "%s, the base of the bad files, runs and exits 0", path);

	for (size_t i = 0; i < BAD_ELF_COUNT; i++) {
		const struct bad_elf *b = &bad_elf_files[i];
		/* kspace refuses them all with ENOEXEC; Linux some only (bad_elf.h), and a
		 * dynamic one with ENOENT, as it opens the missing interpreter first. */
		int want = on_kspace() ? ENOEXEC : b->linux_errno;
		int status;

		snprintf(path, sizeof(path), "%s/bad-elf/%s", dir, b->name);
		status = exec_in_child(path, argv, environ);
		if (want)
			check(exited_with(status, want),
			      "bad-elf/%s: execve fails with %s, caller intact (child %s)", b->name,
			      want == ENOEXEC ? "ENOEXEC" : strerror(want), describe_status(status));
		else
			printf("# bad-elf/%s: not checked without KSPACE=1, Linux commits to "
			       "this exec (child %s)\n", b->name, describe_status(status));
	}
	if (on_kspace())
		check(kernel_log_has("bad-elf/pt-interp: dynamically linked (interpreter "
				     "/lib/ld-linux.so.2)"),
		      "the kernel log says why bad-elf/pt-interp does not run");
}

/* elf-image linked in each layout (user/user.mk): it exits 0 when its image is right. */
static void check_layouts(const char *dir)
{
	static const char *const layouts[] = { "", "-shared", "-bss-only", "-unsorted" };
	char path[256];
	char *argv[] = { path, NULL };

	for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
		int status;

		snprintf(path, sizeof(path), "%s/elf-image%s", dir, layouts[i]);
		status = exec_in_child(path, argv, environ);
		check(exited_with(status, 0), "%s loads, its memory image as its headers promise (child %s)",
		      path, describe_status(status));
	}
}

/* Equal strings, or both NULL. */
static bool same(const char *a, const char *b)
{
	return a && b ? !strcmp(a, b) : a == b;
}

/* In the child: argv and envp must be exactly what check_args passes, in order. */
static int exec_child(int argc, char **argv)
{
	static const char *const want_argv[] = { EXEC_CHILD, "two words", "", "last", NULL };
	static const char *const want_env[] = { "TEST_EXEC=yes", "EMPTY=", NULL };
	int bad = 0;

	if (argc != 5) {
		printf("# exec child: argc is %d, not 5\n", argc);
		return 1;
	}
	for (int i = 0; i < 5; i++)
		if (!same(argv[i + 1], want_argv[i])) {
			printf("# exec child: argv[%d] is \"%s\"\n", i + 1, argv[i + 1]);
			bad = 1;
		}
	for (int i = 0; i < 3; i++)
		if (!same(environ[i], want_env[i])) {
			printf("# exec child: envp[%d] is \"%s\"\n", i, environ[i]);
			bad = 1;
		}
	return bad;
}

static void check_args(const char *self)
{
	char *argv[] = { (char *)self, EXEC_CHILD, "two words", "", "last", NULL };
	char *envp[] = { "TEST_EXEC=yes", "EMPTY=", NULL };

	check(exited_with(exec_in_child(self, argv, envp), 0),
	      "argv (with an empty string) and envp reach the new program exactly, in order");
}

/*
 * Two lists over any limit: a single 256 KiB string (Linux allows 128 KiB per string)
 * and 2048 strings of 4 KiB, 8 MiB in all (Linux allows a quarter of the stack limit,
 * at most 6 MiB). All 2048 pointers share one buffer.
 */
static void check_too_big(const char *dir)
{
	static char *argv[2050];
	char path[256];
	char *big = malloc(256 * 1024 + 1), *page = malloc(4096);

	check(big && page, "malloc the argument strings");
	if (!big || !page)
		return;
	memset(big, 'x', 256 * 1024);
	big[256 * 1024] = '\0';
	memset(page, 'y', 4095);
	page[4095] = '\0';
	snprintf(path, sizeof(path), "%s/hello", dir);

	argv[0] = path;
	argv[1] = big;
	argv[2] = NULL;
	int status = exec_in_child(path, argv, environ);
	check(exited_with(status, E2BIG), "a 256 KiB argument fails with E2BIG (child %s)",
	      describe_status(status));
	for (int i = 1; i <= 2048; i++)
		argv[i] = page;
	argv[2049] = NULL;
	status = exec_in_child(path, argv, environ);
	check(exited_with(status, E2BIG), "8 MiB of arguments fail with E2BIG (child %s)",
	      describe_status(status));
	free(big);
	free(page);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/bin";

	if (argc > 1 && !strcmp(argv[1], EXEC_CHILD))
		return exec_child(argc, argv);
	check_missing();
	check_bad_elf(dir);
	check_layouts(dir);
	check_args(argv[0]);
	check_too_big(dir);
	return check_status();
}
