/*
 * user/layout.c: the address-space atlas in one screen: the shell's regions below
 * the 3 GiB line, then the kernel's part above it: lowmem, the vmalloc areas in
 * use, and the pkmap and fixmap slots in use. Everything comes from /proc.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static void show(const char *path)
{
	char buf[1024];
	int fd = open(path, O_RDONLY);
	long n;

	if (fd < 0) {
		perror(path);
		return;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write(1, buf, n);
	close(fd);
}

int main(void)
{
	char path[32];

	snprintf(path, sizeof(path), "/proc/%d/maps", getppid());
	printf("== user space of the shell (pid %d): %s\n", getppid(), path);
	show(path);
	printf("== 0xc0000000: PAGE_OFFSET, the 3G/1G line; above it, the kernel (/proc/layout)\n");
	show("/proc/layout");
	printf("== vmalloc areas in use (/proc/vmallocinfo)\n");
	show("/proc/vmallocinfo");
	printf("== pkmap and fixmap slots in use (/proc/pkmap)\n");
	show("/proc/pkmap");
	return 0;
}
