/* user/sleep.c: sleep SECONDS: wait that many whole seconds (a job to stop and continue). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char *end;
	long seconds;

	if (argc != 2 || (seconds = strtol(argv[1], &end, 10)) < 0 || *end || !*argv[1]) {
		fprintf(stderr, "usage: sleep SECONDS\n");
		return 1;
	}
	sleep(seconds);
	return 0;
}
