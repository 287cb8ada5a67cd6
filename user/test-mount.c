/*
 * user/test-mount.c: mount, umount, umount2, statfs and fstatfs (and the 64-bit
 * statfs64/fstatfs64 behind them), with Linux's answers to bad arguments, and the
 * /proc/mounts lines that busybox's mount and df read: "source target type options 0 0",
 * options "rw"/"ro" then the per-mount ones, and a space in a name written as \040.
 * It mounts only on /tmp and leaves nothing mounted there.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define TMPFS_MAGIC 0x01021994
#define RAMFS_MAGIC 0x858458f6
#define PROC_SUPER_MAGIC 0x9fa0
#define STATFS64_SIZE 84 /* i386's struct statfs64, packed to 4 bytes */

#ifndef ST_VALID /* glibc has them in <sys/statvfs.h>, with other names there */
#define ST_RDONLY 1
#define ST_NOSUID 2
#define ST_NODEV 4
#define ST_VALID 32
#define ST_RELATIME 4096
#endif

#define BAD_PTR ((void *)1)
#define KERNEL_PTR ((void *)0xc0100000)

/* How many lines of /proc/mounts are exactly line (without its newline). */
static int mounts_lines(const char *line)
{
	char text[4096], *p, *nl;
	int fd = open("/proc/mounts", O_RDONLY), n = 0;
	long len;

	if (fd < 0)
		return -1;
	len = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (len < 0)
		return -1;
	text[len] = '\0';
	for (p = text; (nl = strchr(p, '\n')); p = nl + 1) {
		*nl = '\0';
		n += !strcmp(p, line);
	}
	return n;
}

/* Whether the first line of /proc/mounts starts with prefix. */
static bool mounts_start_with(const char *prefix)
{
	char text[256];
	int fd = open("/proc/mounts", O_RDONLY);
	long len = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);

	close(fd);
	if (len <= 0)
		return false;
	text[len] = '\0';
	return !strncmp(text, prefix, strlen(prefix));
}

static void check_tmpfs(void)
{
	struct statfs st;
	long r = mount("none", "/tmp", "tmpfs", 0, NULL);

	check(r == 0, "mount tmpfs on /tmp (%s)", describe_result(r));
	check(mounts_lines("none /tmp tmpfs rw,relatime 0 0") == 1,
	      "/proc/mounts has \"none /tmp tmpfs rw,relatime 0 0\"");
	r = statfs("/tmp", &st);
	check(r == 0 && st.f_type == TMPFS_MAGIC && st.f_bsize == 4096 && st.f_namelen == 255,
	      "statfs(/tmp): tmpfs's magic, 4096-byte blocks, names up to 255 (%s, %#x %d %d)",
	      describe_result(r), st.f_type, st.f_bsize, st.f_namelen);
	check(st.f_blocks > 0 && st.f_bfree <= st.f_blocks && st.f_bavail <= st.f_blocks,
	      "statfs(/tmp): a size, free space within it (%lu %lu %lu)", st.f_blocks, st.f_bfree,
	      st.f_bavail);
	check((st.f_flags & (ST_VALID | ST_RELATIME | ST_RDONLY)) == (ST_VALID | ST_RELATIME),
	      "statfs(/tmp): f_flags has ST_VALID and ST_RELATIME, not ST_RDONLY (%#x)", st.f_flags);

	r = mount("none", "/tmp", "tmpfs", MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL);
	check(r == 0, "remount /tmp read-only, nosuid, nodev (%s)", describe_result(r));
	check(mounts_lines("none /tmp tmpfs ro,nosuid,nodev,relatime 0 0") == 1,
	      "/proc/mounts then has \"none /tmp tmpfs ro,nosuid,nodev,relatime 0 0\"");
	r = statfs("/tmp", &st);
	check(r == 0 && (st.f_flags & (ST_RDONLY | ST_NOSUID | ST_NODEV | ST_VALID)) ==
				(ST_RDONLY | ST_NOSUID | ST_NODEV | ST_VALID),
	      "statfs(/tmp) then has ST_RDONLY, ST_NOSUID and ST_NODEV (%#x)", st.f_flags);

	r = umount2("/tmp", MNT_EXPIRE | MNT_FORCE);
	check(failed_with(r, EINVAL), "umount2 with MNT_EXPIRE and MNT_FORCE: EINVAL (%s)",
	      describe_result(r));
	r = umount2("/tmp", MNT_EXPIRE);
	check(failed_with(r, EAGAIN), "umount2(MNT_EXPIRE) once: EAGAIN, marked (%s)",
	      describe_result(r));
	r = umount2("/tmp", MNT_EXPIRE);
	check(r == 0, "umount2(MNT_EXPIRE) again: unmounted (%s)", describe_result(r));
	check(mounts_lines("none /tmp tmpfs ro,nosuid,nodev,relatime 0 0") == 0,
	      "its line is gone from /proc/mounts");
	r = umount("/tmp");
	check(failed_with(r, EINVAL), "umount(/tmp) when nothing is mounted there: EINVAL (%s)",
	      describe_result(r));
}

/* Two mounts on one place stack; umount takes the top one. Names are escaped. */
static void check_stacking(void)
{
	struct statfs st;
	long r1 = mount("a b\\c", "/tmp", "ramfs", MS_MGC_VAL | MS_NOATIME, NULL);
	long r2 = mount("second", "/tmp", "tmpfs", 0, "size=1m");

	check(r1 == 0 && r2 == 0, "ramfs then tmpfs on /tmp, the old magic in flags ignored (%s, %s)",
	      describe_result(r1), describe_result(r2));
	check(mounts_lines("a\\040b\\134c /tmp ramfs rw,noatime 0 0") == 1,
	      "a space and a backslash in the source read as \\040 and \\134, noatime without relatime");
	r1 = statfs("/tmp", &st);
	check(r1 == 0 && st.f_type == TMPFS_MAGIC, "statfs sees the top mount, tmpfs (%#x)", st.f_type);
	r1 = umount("/tmp");
	r2 = statfs("/tmp", &st);
	check(r1 == 0 && r2 == 0 && st.f_type == (int)RAMFS_MAGIC && st.f_blocks == 0,
	      "after one umount, ramfs, with no size (%s, %#x, %lu blocks)", describe_result(r1),
	      st.f_type, st.f_blocks);
	r1 = umount2("/tmp", 0);
	check(r1 == 0 && mounts_lines("a\\040b\\134c /tmp ramfs rw,noatime 0 0") == 0,
	      "the second umount removes the ramfs (%s)", describe_result(r1));
}

static void check_mount_errors(void)
{
	long r;

	r = mount("none", "/no/such/dir", "tmpfs", 0, NULL);
	check(failed_with(r, ENOENT), "mount on a missing directory: ENOENT (%s)", describe_result(r));
	r = mount("none", "/tmp", "nosuchfs", 0, NULL);
	check(failed_with(r, ENODEV), "an unknown file system type: ENODEV (%s)", describe_result(r));
	r = mount("none", "/tmp", NULL, 0, NULL);
	check(failed_with(r, EINVAL), "no type for a new mount: EINVAL (%s)", describe_result(r));
	r = mount("none", "/sbin/init", "tmpfs", 0, NULL);
	check(failed_with(r, ENOTDIR), "tmpfs on a regular file: ENOTDIR (%s)", describe_result(r));
	r = mount("none", "/tmp", "tmpfs", MS_REMOUNT, NULL);
	check(failed_with(r, EINVAL), "remount where nothing is mounted: EINVAL (%s)",
	      describe_result(r));
	r = mount("none", "/tmp", BAD_PTR, 0, NULL);
	check(failed_with(r, EFAULT), "a bad type pointer: EFAULT (%s)", describe_result(r));
	r = mount(KERNEL_PTR, "/tmp", "tmpfs", 0, NULL);
	check(failed_with(r, EFAULT), "a kernel source pointer: EFAULT (%s)", describe_result(r));
	r = mount("none", BAD_PTR, "tmpfs", 0, NULL);
	check(failed_with(r, EFAULT), "a bad target pointer: EFAULT (%s)", describe_result(r));
	r = mount("none", "/tmp", "tmpfs", 0, KERNEL_PTR);
	check(failed_with(r, EFAULT), "a kernel data pointer: EFAULT (%s)", describe_result(r));
	check(mounts_lines("none /tmp tmpfs rw,relatime 0 0") == 0, "no failed call left a mount");
	r = mount(NULL, "/", NULL, MS_PRIVATE | MS_REC, NULL);
	check(r == 0, "make the root mount private, recursively (%s)", describe_result(r));
	r = mount(NULL, "/", NULL, MS_PRIVATE | MS_SHARED, NULL);
	check(failed_with(r, EINVAL), "two propagation types at once: EINVAL (%s)", describe_result(r));
	r = mount(NULL, "/", NULL, MS_PRIVATE | MS_NOSUID, NULL);
	check(failed_with(r, EINVAL), "a propagation type with another flag: EINVAL (%s)",
	      describe_result(r));
	r = mount(NULL, "/tmp", NULL, MS_PRIVATE, NULL);
	check(failed_with(r, EINVAL), "a propagation type where nothing is mounted: EINVAL (%s)",
	      describe_result(r));
	r = umount2("/tmp", 0x100);
	check(failed_with(r, EINVAL), "umount2 with an unknown flag: EINVAL (%s)", describe_result(r));
	r = umount2("/no/such/dir", 0);
	check(failed_with(r, ENOENT), "umount2 of a missing path: ENOENT (%s)", describe_result(r));
	r = umount2(BAD_PTR, 0);
	check(failed_with(r, EFAULT), "umount2 of a bad pointer: EFAULT (%s)", describe_result(r));
}

/* Not root: mount and umount say EPERM, but only once the path exists. */
static void unprivileged_body(void)
{
	int code = 0;

	if (setuid(1000))
		_exit(99);
	code |= !failed_with(mount("none", "/tmp", "tmpfs", 0, NULL), EPERM);
	code |= !failed_with(mount("none", "/no/such/dir", "tmpfs", 0, NULL), ENOENT) << 1;
	code |= !failed_with(umount("/tmp"), EPERM) << 2;
	_exit(code);
}

static void check_unprivileged(void)
{
	long r = mount("none", "/tmp", "tmpfs", 0, NULL);
	int status = run_in_child(unprivileged_body);

	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "as uid 1000: mount EPERM, missing path ENOENT, umount EPERM (%s)",
	      describe_status(status));
	if (r == 0)
		umount("/tmp");
}

static void check_statfs(void)
{
	char buf[STATFS64_SIZE + 8];
	struct statfs st;
	int fd = open("/proc/meminfo", O_RDONLY);
	long r;

	r = statfs("/proc", &st);
	check(r == 0 && st.f_type == PROC_SUPER_MAGIC && st.f_blocks == 0,
	      "statfs(/proc): proc's magic, no size (%s, %#x)", describe_result(r), st.f_type);
	r = fstatfs(fd, &st);
	check(r == 0 && st.f_type == PROC_SUPER_MAGIC, "fstatfs of a /proc file: proc's (%s, %#x)",
	      describe_result(r), st.f_type);
	close(fd);
	r = statfs("/no/such/file", &st);
	check(failed_with(r, ENOENT), "statfs of a missing path: ENOENT (%s)", describe_result(r));
	r = statfs(BAD_PTR, &st);
	check(failed_with(r, EFAULT), "statfs of a bad path pointer: EFAULT (%s)", describe_result(r));
	/* The system call itself: a C library may copy the result through its own buffer. */
	r = syscall(__NR_statfs, "/", text_page);
	check(failed_with(r, EFAULT) && text_page_intact(),
	      "statfs into read-only memory: EFAULT, nothing written (%s)", describe_result(r));
	r = fstatfs(-1, &st);
	check(failed_with(r, EBADF), "fstatfs(-1): EBADF (%s)", describe_result(r));
	r = fstatfs(1000, &st);
	check(failed_with(r, EBADF), "fstatfs(1000): EBADF (%s)", describe_result(r));

	r = syscall(__NR_statfs64, "/proc", STATFS64_SIZE, buf);
	check(r == 0 && *(unsigned *)buf == PROC_SUPER_MAGIC,
	      "statfs64 with i386's size, 84: proc's magic (%s)", describe_result(r));
	r = syscall(__NR_statfs64, "/proc", STATFS64_SIZE + 4, buf);
	check(failed_with(r, EINVAL), "statfs64 with another size: EINVAL (%s)", describe_result(r));
	r = syscall(__NR_fstatfs64, 0, 0, buf);
	check(failed_with(r, EINVAL), "fstatfs64 with size 0: EINVAL (%s)", describe_result(r));
	r = syscall(__NR_fstatfs64, -1, STATFS64_SIZE, buf);
	check(failed_with(r, EBADF), "fstatfs64(-1): EBADF (%s)", describe_result(r));
	r = syscall(__NR_statfs64, "/", STATFS64_SIZE, KERNEL_PTR);
	check(failed_with(r, EFAULT), "statfs64 into kernel memory: EFAULT (%s)", describe_result(r));
}

/* Whether /proc/filesystems has the line "nodev\t<type>". */
static bool has_filesystem(const char *type)
{
	char text[4096], line[64];
	int fd = open("/proc/filesystems", O_RDONLY);
	long len = fd < 0 ? -1 : read(fd, text + 1, sizeof(text) - 2);

	close(fd);
	if (len <= 0)
		return false;
	text[0] = '\n'; /* so that the first line too follows a newline */
	text[len + 1] = '\0';
	snprintf(line, sizeof(line), "\nnodev\t%s\n", type);
	return strstr(text, line) != NULL;
}

int main(void)
{
	check(has_filesystem("proc") && has_filesystem("tmpfs") && has_filesystem("ramfs"),
	      "/proc/filesystems lists proc, tmpfs and ramfs as nodev types");
	check(mounts_start_with("rootfs / rootfs rw"), "/proc/mounts starts with the root, rootfs");
	check(mounts_lines("proc /proc proc rw,relatime 0 0") >= 1,
	      "/proc/mounts has \"proc /proc proc rw,relatime 0 0\"");
	check_tmpfs();
	check_stacking();
	check_mount_errors();
	check_unprivileged();
	check_statfs();
	return check_status();
}
