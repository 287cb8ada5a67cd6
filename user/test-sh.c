/*
 * user/test-sh.c: the shell and the utilities, judged by exit statuses and by what
 * they change (the host name): there are no pipes to read their output through, so
 * their output just goes to the console.
 *
 * The shell: "sh -c" with builtins, $?, quotes, comments, ';' and newlines; 127 for a
 * program not found, 126 for one that cannot be run, 128 + the signal for one killed;
 * commands from a file and from a non-terminal standard input. The file is
 * /proc/sys/kernel/hostname, the one file a test can fill: with the host name set to
 * "exit 9", it holds the command "exit 9". The utilities: hostname sets the name and
 * fails with status 1 for uid 1000; runas's statuses (125, 126, 127); and a plain run
 * of the others, each of which must exit 0, or fail as coreutils would.
 *
 * Usage: test-sh [DIR], where DIR holds the programs (default /bin); the children get
 * PATH=DIR. test-sh --kill SIG kills itself with SIG, to be a program that a signal ends.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define HOSTNAME_FILE "/proc/sys/kernel/hostname"

static const char *dir = "/bin";
static char *child_env[3]; /* PATH=DIR, HOME=/ */

enum { STDIN_FROM_HOSTNAME = 1, NO_STDOUT = 2 };

/* Run DIR/argv[0] with how's changes to fds 0 and 1; its wait status, or -1. */
static int run(char *const argv[], int how)
{
	char path[256];
	int status;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/%s", dir, argv[0]);
	pid = fork();
	if (pid == 0) {
		if (how & STDIN_FROM_HOSTNAME)
			dup2(open(HOSTNAME_FILE, O_RDONLY), STDIN_FILENO);
		if (how & NO_STDOUT)
			close(STDOUT_FILENO);
		execve(path, argv, child_env);
		_exit(255);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static const char *nodename(void)
{
	static struct utsname u;

	return uname(&u) == 0 ? u.nodename : "(uname failed)";
}

/* argv joined with blanks, newlines shown as \n, for messages (a static buffer). */
static const char *command_text(char *const argv[])
{
	static char text[256];
	size_t n = 0;

	for (int i = 0; argv[i] && n < sizeof(text) - 3; i++) {
		if (i)
			text[n++] = ' ';
		for (const char *c = argv[i]; *c && n < sizeof(text) - 3; c++) {
			if (*c == '\n') {
				text[n++] = '\\';
				text[n++] = 'n';
			} else {
				text[n++] = *c;
			}
		}
	}
	text[n] = '\0';
	return text;
}

/* Run argv and check its exit status. */
static void check_run(char *const argv[], int how, int want)
{
	int status = run(argv, how);

	check(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == want,
	      "'%s' exits with %d (%s)", command_text(argv), want, describe_status(status));
}

static void check_sh(const char *commands, int want)
{
	char *argv[] = { "sh", "-c", (char *)commands, NULL };

	check_run(argv, 0, want);
}

static void check_shell(void)
{
	char command[300];

	check_sh("true", 0);
	check_sh("false", 1);
	check_sh("exit 3", 3);
	check_sh("exit 300", 300 & 0xff);
	check_sh("exit abc", 2);
	check_sh("false; exit", 1);
	check_sh("false; exit $?", 1);
	check_sh("false\nexit $?", 1);
	check_sh("false; exit \"$?\"", 1);
	check_sh("true; exit $?$?", 0);
	check_sh("exit \"4\"", 4);
	check_sh("sh -c \"exit 5\"; exit $?", 5);
	check_sh("exit 6 # not 7", 6);
	check_sh("", 0);
	check_sh("exit \"7", 2);
	check_sh("no-such-program", 127);
	check_sh("/no/such/file", 127);
	check_sh("true; no-such-program; exit $?", 127);
	check_sh(dir, 126); /* a directory cannot be run */
	check_sh("cd /no/such/dir", 1);
	snprintf(command, sizeof(command), "cd %s; ./false", dir);
	check_sh(command, 1);
	snprintf(command, sizeof(command), "%s/test-sh --kill %d", dir, SIGTERM);
	check_sh(command, 128 + SIGTERM);
}

static void check_script_input(void)
{
	char *file[] = { "sh", HOSTNAME_FILE, NULL };
	char *no_file[] = { "sh", "/no/such/file", NULL };
	char *from_stdin[] = { "sh", NULL };

	sethostname("exit 9", 6);
	check_run(file, 0, 9);
	check_run(from_stdin, STDIN_FROM_HOSTNAME, 9);
	sethostname("false", 5);
	check_run(file, 0, 1);
	check_run(no_file, 0, 127);
}

static void check_hostname(void)
{
	char *set[] = { "hostname", "sh-test-name", NULL };
	char *get[] = { "hostname", NULL };
	char *as_user[] = { "runas", "1000", "hostname", "other", NULL };

	check_run(set, 0, 0);
	check(!strcmp(nodename(), "sh-test-name"), "hostname set the name (\"%s\")", nodename());
	check_run(get, 0, 0);
	check_run(as_user, 0, 1);
	check(!strcmp(nodename(), "sh-test-name"), "uid 1000's hostname left it (\"%s\")",
	      nodename());
}

static void check_runas(void)
{
	char *ok[] = { "runas", "1000", "true", NULL };
	char *no_args[] = { "runas", NULL };
	char *bad_uid[] = { "runas", "x", "true", NULL };
	char *regain_root[] = { "runas", "1000", "runas", "0", "true", NULL };
	char *missing[] = { "runas", "1000", "no-such-program", NULL };
	char *directory[] = { "runas", "0", (char *)dir, NULL };

	check_run(ok, 0, 0);
	check_run(no_args, 0, 125);
	check_run(bad_uid, 0, 125);
	check_run(regain_root, 0, 125);
	check_run(missing, 0, 127);
	check_run(directory, 0, 126);
}

static void check_utilities(void)
{
	static char *const ok[][4] = {
		{ "uname", "-a" }, { "uname", "-snrvm" }, { "uname", "--machine" },
		{ "echo", "-n" }, { "cat", HOSTNAME_FILE }, { "ls", "/proc/sys" },
		{ "ls", "-l", HOSTNAME_FILE }, { "ps" }, { "free" }, { "pwd" },
	};
	static char *const failing[][3] = {
		{ "uname", "-q" }, { "uname", "extra" }, { "cat", "/no/such" },
	};
	char *ls_missing[] = { "ls", "/no/such", NULL };
	char *dmesg[] = { "dmesg", NULL };

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		check_run(ok[i], 0, 0);
	for (size_t i = 0; i < sizeof(failing) / sizeof(failing[0]); i++)
		check_run(failing[i], 0, 1);
	check_run(ls_missing, 0, 2);
	check_run(dmesg, NO_STDOUT, 0); /* the whole log is too long to print */
}

int main(int argc, char **argv)
{
	char saved[_UTSNAME_LENGTH], path_var[256];

	if (argc > 2 && !strcmp(argv[1], "--kill"))
		return kill(getpid(), atoi(argv[2]));
	if (argc > 1)
		dir = argv[1];
	snprintf(path_var, sizeof(path_var), "PATH=%s", dir);
	child_env[0] = path_var;
	child_env[1] = "HOME=/";
	strcpy(saved, nodename());
	check_shell();
	check_script_input();
	check_hostname();
	check_runas();
	check_utilities();
	check(sethostname(saved, strlen(saved)) == 0, "the name is \"%s\" again", saved);
	return check_status();
}
