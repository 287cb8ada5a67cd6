/*
 * user/ls.c: ls [-a] [-l] [FILE...]: list directories (the current one by default),
 * one name per line in byte order; names starting with '.' only with -a. A FILE that
 * is not a directory is listed as itself. Several FILEs are listed in the order
 * given, each directory's names after a "NAME:" line. -l shows, before each name, the
 * mode ("drwxr-xr-x"), link count, owner and group ids and size, as stat reports them
 * (symbolic links are followed: there is no lstat). Errors give coreutils' messages
 * and exit status 2.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool show_all, long_format;
static int status;

static void mode_string(unsigned int mode, char *s)
{
	static const char types[] = "?pc?d?b?-?l?s???"; /* by S_IFMT >> 12 */

	s[0] = types[(mode & S_IFMT) >> 12];
	for (int i = 0; i < 9; i++)
		s[i + 1] = mode & (0400 >> i) ? "rwxrwxrwx"[i] : '-';
	s[10] = '\0';
}

/* One line: the name, after its stat fields with -l; path is where to stat it. */
static void show(const char *path, const char *name)
{
	struct stat st;
	char mode[11];

	if (!long_format) {
		puts(name);
		return;
	}
	if (stat(path, &st) < 0) {
		fprintf(stderr, "ls: cannot access '%s': %s\n", path, strerror(errno));
		status = 2;
		return;
	}
	mode_string(st.st_mode, mode);
	printf("%s %2u %4lu %4lu %8lld %s\n", mode, st.st_nlink, st.st_uid, st.st_gid,
	       st.st_size, name);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void *must(void *p)
{
	if (!p) {
		fprintf(stderr, "ls: out of memory\n");
		exit(2);
	}
	return p;
}

/* The directory's names, sorted, in a malloc'ed array; returns how many, or -1. */
static int read_names(const char *dir, char ***names)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	*names = NULL;
	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' || show_all) {
			*names = must(realloc(*names, (n + 1) * sizeof(char *)));
			(*names)[n++] = must(strdup(e->d_name));
		}
	closedir(d);
	qsort(*names, n, sizeof(char *), by_name);
	return n;
}

static void list_dir(const char *dir)
{
	char path[PATH_MAX];
	char **names;
	int n = read_names(dir, &names);

	if (n < 0) {
		fprintf(stderr, "ls: cannot open directory '%s': %s\n", dir, strerror(errno));
		status = 2;
		return;
	}
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		show(path, names[i]);
		free(names[i]);
	}
	free(names);
}

/* With several FILEs, each directory's list comes after a blank line and "FILE:". */
static void list(const char *file, bool header)
{
	static bool listed_one;
	struct stat st;

	if (stat(file, &st) < 0) {
		fprintf(stderr, "ls: cannot access '%s': %s\n", file, strerror(errno));
		status = 2;
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		show(file, file);
		return;
	}
	if (header)
		printf("%s%s:\n", listed_one ? "\n" : "", file);
	listed_one = true;
	list_dir(file);
}

int main(int argc, char **argv)
{
	int first = 1;

	for (; first < argc && argv[first][0] == '-' && argv[first][1]; first++)
		for (const char *c = argv[first] + 1; *c; c++) {
			if (*c == 'a') {
				show_all = true;
			} else if (*c == 'l') {
				long_format = true;
			} else {
				fprintf(stderr, "ls: invalid option -- '%c'\n", *c);
				return 2;
			}
		}
	if (first == argc)
		list(".", false);
	for (int i = first; i < argc; i++)
		list(argv[i], argc - first > 1);
	return status;
}
