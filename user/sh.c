/*
 * user/sh.c: /bin/sh, a small shell.
 *
 *   sh               commands from standard input; on a terminal, with a prompt ("# " for
 *                    root, "$ " otherwise) and job control
 *   sh -c COMMANDS   the commands of one argument (lines, or ';'-separated)
 *   sh FILE          the commands of a file
 *
 * A command is words separated by blanks. Double quotes make one word of what they
 * enclose, blanks included; "$?" anywhere becomes the last command's status; a word
 * starting with '#' begins a comment; ';' ends a command. The builtins are "cd [DIR]"
 * (default $HOME, else /), "exit [N]" (default $?) and, for job control, "jobs",
 * "fg [%N]" and "bg [%N]" (default: the newest job); anything else is a
 * program, found in $PATH (default /bin:/sbin) unless its name holds a '/'. A
 * program that cannot be found gives "sh: NAME: not found" and status 127, one that
 * cannot be run status 126, one killed by a signal 128 + the signal. At the end of
 * the input (^D at the start of a line) the shell exits with the last status.
 *
 * Job control, when interactive, works as in a Unix shell: each program runs in its
 * own process group, made the terminal's foreground group while it runs, so ^C
 * interrupts it and ^Z stops it, not the shell (which ignores SIGINT, SIGQUIT and the
 * stop signals; its children get the defaults back). A stopped program becomes a job:
 * "jobs" lists them, "fg" continues one in the foreground, "bg" in the background;
 * before its next prompt the shell reports background jobs that have finished, or
 * stopped (a background job that reads the terminal gets SIGTTIN). The shell leads
 * its own process group and takes the terminal for it at startup, and again after
 * each foreground job.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define LINE_MAX 1024
#define MAX_ARGS 64
#define MAX_JOBS 16
#define JOB_CMD_MAX 64

/* A stopped or background program: its process group and the command that started it. */
struct job {
	pid_t pgid; /* 0: a free slot */
	bool stopped;
	char cmd[JOB_CMD_MAX];
};

static struct job jobs[MAX_JOBS]; /* jobs[i] is job %i+1 */

/* The signals an interactive shell ignores and its children must not inherit ignored. */
static const int job_signals[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU };

static int last_status;     /* $? */
static bool interactive;    /* reading a terminal: prompt and job control */
static pid_t shell_fg = -1; /* the shell's own group, foreground at the prompt; -1: none */

/*
 * Split the next command of *line into argv, storing the words in out, which must
 * hold 2 * strlen(*line) + 2 bytes ("$?" grows to at most 3 bytes, each word gets a
 * NUL). *line moves past the command and its ';'. Returns the word count, 0 for an
 * empty command, or -1 after reporting a syntax error.
 */
static int parse(const char **line, char *out, char **argv)
{
	const char *p = *line;
	int argc = 0;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#') {
			p += strlen(p);
			break;
		}
		if (*p == ';') {
			p++;
			break;
		}
		if (argc == MAX_ARGS) {
			fprintf(stderr, "sh: too many arguments\n");
			return -1;
		}
		argv[argc++] = out;
		for (bool quoted = false; quoted || (*p && !strchr(" \t;", *p));) {
			if (!*p) {
				fprintf(stderr, "sh: syntax error: unterminated quoted string\n");
				return -1;
			}
			if (*p == '"') {
				quoted = !quoted;
				p++;
			} else if (p[0] == '$' && p[1] == '?') {
				out += sprintf(out, "%d", last_status);
				p += 2;
			} else {
				*out++ = *p++;
			}
		}
		*out++ = '\0';
	}
	argv[argc] = NULL;
	*line = p;
	return argc;
}

static int builtin_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : getenv("HOME");

	if (!dir)
		dir = "/";
	if (chdir(dir) < 0) {
		fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	return 0;
}

static void builtin_exit(int argc, char **argv)
{
	int status = last_status;
	char *end;

	if (argc > 1) {
		status = strtol(argv[1], &end, 10) & 0xff;
		if (!*argv[1] || *end) {
			fprintf(stderr, "sh: exit: %s: numeric argument required\n", argv[1]);
			status = 2;
		}
	}
	exit(status);
}

static void set_job_signals(sighandler_t action)
{
	for (size_t i = 0; i < sizeof(job_signals) / sizeof(job_signals[0]); i++)
		signal(job_signals[i], action);
}

/* In the child: become the program, or say why not and exit with 127 or 126. */
static void exec_program(char **argv)
{
	if (interactive) {
		setpgid(0, 0);
		set_job_signals(SIG_DFL);
	}
	execvp(argv[0], argv);
	if (errno == ENOENT)
		fprintf(stderr, "sh: %s: not found\n", argv[0]);
	else
		fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

static void job_command(struct job *job, char **argv)
{
	size_t n = 0;

	job->cmd[0] = '\0';
	for (int i = 0; argv[i] && n < sizeof(job->cmd) - 1; i++)
		n += snprintf(job->cmd + n, sizeof(job->cmd) - n, "%s%s", i ? " " : "", argv[i]);
}

/* The job with number spec ("%N" or "N"), or the newest one; NULL if there is none. */
static struct job *find_job(const char *spec)
{
	int n;

	if (spec) {
		n = atoi(spec[0] == '%' ? spec + 1 : spec);
		return n >= 1 && n <= MAX_JOBS && jobs[n - 1].pgid ? &jobs[n - 1] : NULL;
	}
	for (n = MAX_JOBS; n > 0; n--)
		if (jobs[n - 1].pgid)
			return &jobs[n - 1];
	return NULL;
}

static struct job *new_job(pid_t pgid, char **argv)
{
	for (int i = 0; i < MAX_JOBS; i++) {
		if (!jobs[i].pgid) {
			jobs[i].pgid = pgid;
			job_command(&jobs[i], argv);
			return &jobs[i];
		}
	}
	return NULL;
}

static int job_number(const struct job *job)
{
	return job - jobs + 1;
}

/*
 * Wait for the foreground group pgid, with the terminal given to it, until it exits,
 * dies or stops; a stopped program becomes (or stays) a job. Returns the status for $?.
 */
static int wait_foreground(pid_t pgid, struct job *job, char **argv)
{
	int status;

	if (interactive && shell_fg >= 0)
		tcsetpgrp(STDIN_FILENO, pgid);
	while (waitpid(pgid, &status, interactive ? WUNTRACED : 0) < 0)
		if (errno != EINTR)
			return 126;
	if (interactive && shell_fg >= 0)
		tcsetpgrp(STDIN_FILENO, shell_fg);
	if (WIFSTOPPED(status)) {
		if (!job)
			job = new_job(pgid, argv);
		if (job) {
			job->stopped = true;
			/* The terminal echoed ^Z without a newline, as Linux's does. */
			fprintf(stderr, "\n[%d]+  Stopped  %s\n", job_number(job), job->cmd);
		}
		return 128 + WSTOPSIG(status);
	}
	if (job)
		job->pgid = 0;
	if (!WIFSIGNALED(status))
		return WEXITSTATUS(status);
	if (WTERMSIG(status) == SIGINT) /* the terminal echoed ^C: end its line */
		fputc('\n', stderr);
	else
		fprintf(stderr, "sh: %s: killed by signal %d\n", job ? job->cmd : argv[0],
			WTERMSIG(status));
	return 128 + WTERMSIG(status);
}

/* Fork, run the program in the foreground and wait for it; returns its status for $?. */
static int run_program(char **argv)
{
	pid_t pid = fork();

	if (pid < 0) {
		fprintf(stderr, "sh: fork: %s\n", strerror(errno));
		return 126;
	}
	if (pid == 0)
		exec_program(argv);
	if (interactive)
		setpgid(pid, pid); /* as the child does: whichever runs first makes the group */
	return wait_foreground(pid, NULL, argv);
}

/* Say which background jobs have ended (and forget them) or stopped. */
static void update_jobs(void)
{
	int status;

	for (int i = 0; i < MAX_JOBS; i++) {
		if (!jobs[i].pgid || waitpid(jobs[i].pgid, &status, WNOHANG | WUNTRACED) <= 0)
			continue;
		if (WIFSTOPPED(status)) {
			jobs[i].stopped = true;
			fprintf(stderr, "[%d]+  Stopped  %s\n", i + 1, jobs[i].cmd);
			continue;
		}
		fprintf(stderr, "[%d]+  Done  %s\n", i + 1, jobs[i].cmd);
		jobs[i].pgid = 0;
	}
}

static int builtin_jobs(void)
{
	update_jobs();
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].pgid)
			printf("[%d]  %s  %s\n", i + 1, jobs[i].stopped ? "Stopped" : "Running",
			       jobs[i].cmd);
	return 0;
}

/* fg and bg: continue a job, in the foreground (and wait) or in the background. */
static int builtin_fg_bg(int argc, char **argv, bool foreground)
{
	struct job *job = find_job(argc > 1 ? argv[1] : NULL);

	if (!job) {
		fprintf(stderr, "sh: %s: no such job\n", argv[0]);
		return 1;
	}
	if (foreground)
		printf("%s\n", job->cmd);
	else
		printf("[%d] %s &\n", job_number(job), job->cmd);
	fflush(stdout);
	job->stopped = false;
	if (foreground && interactive && shell_fg >= 0)
		tcsetpgrp(STDIN_FILENO, job->pgid);
	kill(-job->pgid, SIGCONT);
	return foreground ? wait_foreground(job->pgid, job, argv) : 0;
}

static void run_line(const char *line)
{
	char words[2 * LINE_MAX + 2];
	char *argv[MAX_ARGS + 1];
	int argc;

	while (*line) {
		argc = parse(&line, words, argv);
		if (argc < 0) {
			last_status = 2;
			return;
		}
		if (argc == 0)
			continue;
		if (!strcmp(argv[0], "exit"))
			builtin_exit(argc, argv);
		else if (!strcmp(argv[0], "cd"))
			last_status = builtin_cd(argc, argv);
		else if (!strcmp(argv[0], "jobs"))
			last_status = builtin_jobs();
		else if (!strcmp(argv[0], "fg") || !strcmp(argv[0], "bg"))
			last_status = builtin_fg_bg(argc, argv, argv[0][0] == 'f');
		else
			last_status = run_program(argv);
	}
}

/*
 * Read one line from fd into line (size LINE_MAX), without its newline; false at the
 * end of the input. One byte per read() leaves the file offset just past the line, so
 * a program that reads the same file (its inherited standard input) starts there.
 * A line too long is reported and read as empty.
 */
static bool read_line(int fd, char *line)
{
	size_t n = 0;
	bool too_long = false;
	ssize_t r;
	char c;

	for (;;) {
		r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 && n == 0 && !too_long)
			return false;
		if (r <= 0 || c == '\n')
			break;
		if (n < LINE_MAX - 1)
			line[n++] = c;
		else
			too_long = true;
	}
	if (too_long) {
		fprintf(stderr, "sh: line too long\n");
		n = 0;
	}
	line[n] = '\0';
	return true;
}

static void run_fd(int fd)
{
	char line[LINE_MAX];

	for (;;) {
		if (interactive) {
			update_jobs();
			fputs(geteuid() == 0 ? "# " : "$ ", stderr);
		}
		if (!read_line(fd, line))
			break;
		run_line(line);
	}
	if (interactive)
		fputs("exit\n", stderr);
}

static void run_string(const char *s)
{
	char line[LINE_MAX];

	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);

		if (n < sizeof(line)) {
			memcpy(line, s, n);
			line[n] = '\0';
			run_line(line);
		} else {
			fprintf(stderr, "sh: line too long\n");
		}
		s += n + (nl != NULL);
	}
}

int main(int argc, char **argv)
{
	int fd;

	if (argc > 1 && !strcmp(argv[1], "-c")) {
		if (argc < 3) {
			fprintf(stderr, "sh: -c: option requires an argument\n");
			return 2;
		}
		run_string(argv[2]);
		return last_status;
	}
	if (argc > 1) {
		fd = open(argv[1], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
			return 127;
		}
		run_fd(fd);
		return last_status;
	}
	interactive = isatty(STDIN_FILENO);
	if (interactive) {
		set_job_signals(SIG_IGN);
		setpgid(0, 0);
		shell_fg = tcsetpgrp(STDIN_FILENO, getpgrp()) == 0 ? getpgrp() : -1;
	}
	run_fd(STDIN_FILENO);
	return last_status;
}
