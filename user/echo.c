/* user/echo.c: echo [-n] [WORD...]: print the words separated by blanks; -n: no newline. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	bool newline = true;
	int i = 1;

	if (argc > 1 && !strcmp(argv[1], "-n")) {
		newline = false;
		i++;
	}
	for (; i < argc; i++) {
		fputs(argv[i], stdout);
		if (i + 1 < argc)
			putchar(' ');
	}
	if (newline)
		putchar('\n');
	return fflush(stdout) ? 1 : 0;
}
