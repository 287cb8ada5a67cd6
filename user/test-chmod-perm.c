/*
 * user/test-chmod-perm.c: chmod, fchmod, chown and permissions for a user who is not
 * root (the test runs as root and drops to uid 1000 in a child): reading, writing and
 * searching need the owner, group or other bits that apply; creating and removing
 * need write permission in the directory; in a sticky directory only owners remove;
 * chmod and chown of someone else's file are EPERM; access() checks the real ids.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define DIR "/tmp/test-chmod-perm"

static mode_t mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? 0 : st.st_mode & 07777;
}

static void as_root(void)
{
	struct stat st;
	int fd = open(DIR "/mine", O_CREAT | O_WRONLY, 0600);

	check(fd >= 0, "root creates mine (0600)");
	check(!fchmod(fd, 04755) && mode_of(DIR "/mine") == 04755, "fchmod 04755");
	check(!chown(DIR "/mine", 1000, 1000) && !stat(DIR "/mine", &st) && st.st_uid == 1000 &&
		      st.st_gid == 1000, "chown to 1000:1000");
	check(mode_of(DIR "/mine") == 0755, "chown cleared the set-user-ID bit (%o)", mode_of(DIR "/mine"));
	check(!chown(DIR "/mine", -1, -1) && !stat(DIR "/mine", &st) && st.st_uid == 1000,
	      "chown -1, -1 changes nothing");
	close(fd);
	check(!chmod(DIR "/mine", 0640), "chmod 0640");
	close(open(DIR "/rootonly", O_CREAT | O_WRONLY, 0600));
	close(open(DIR "/sticky-root", O_CREAT | O_WRONLY, 0666));
	check(!mkdir(DIR "/closed", 0700) && !mkdir(DIR "/ro", 0555), "directories 0700 and 0555");
	check(!chmod(DIR, 01777) && mode_of(DIR) == 01777, DIR " becomes 01777, as /tmp");
	check(failed_with(chmod(DIR "/none", 0600), ENOENT), "chmod of a missing file: ENOENT");
	check(failed_with(chmod(NULL, 0600), EFAULT), "chmod NULL: EFAULT");
	check(failed_with(fchmod(-1, 0600), EBADF), "fchmod -1: EBADF");
}

static void as_user(void)
{
	int fd;

	if (setgroups(0, NULL) || setgid(1000) || setuid(1000)) {
		check(0, "drop to uid 1000");
		return;
	}
	check(failed_with(open(DIR "/rootonly", O_RDONLY), EACCES), "root's 0600 file: EACCES");
	check(failed_with(access(DIR "/rootonly", R_OK), EACCES), "access R_OK: EACCES");
	check(!access(DIR "/rootonly", F_OK), "access F_OK: it exists");
	fd = open(DIR "/mine", O_RDWR);
	check(fd >= 0, "its own 0640 file opens for writing (%s)", describe_result(fd));
	close(fd);
	check(!chmod(DIR "/mine", 0400) && failed_with(open(DIR "/mine", O_WRONLY), EACCES),
	      "after chmod 0400: writing is EACCES");
	check(!access(DIR "/mine", R_OK) && failed_with(access(DIR "/mine", W_OK), EACCES) &&
		      failed_with(access(DIR "/mine", X_OK), EACCES), "access agrees: R yes, W and X no");
	check(failed_with(chmod(DIR "/rootonly", 0666), EPERM), "chmod of root's file: EPERM");
	check(failed_with(chown(DIR "/mine", 0, -1), EPERM), "chown to root: EPERM");
	check(failed_with(chown(DIR "/mine", -1, 0), EPERM), "chgrp to a group it is not in: EPERM");
	check(!chown(DIR "/mine", -1, 1000), "chgrp to its own group works");
	check(failed_with(access(DIR "/closed/x", F_OK), EACCES), "search in a 0700 root directory: EACCES");
	check(failed_with(open(DIR "/ro/new", O_CREAT | O_WRONLY, 0600), EACCES),
	      "create in a 0555 directory: EACCES");
	check(failed_with(mkdir(DIR "/ro/d", 0755), EACCES), "mkdir there: EACCES");
	check(failed_with(unlink(DIR "/sticky-root"), EPERM),
	      "sticky directory: root's file cannot be removed: EPERM");
	check(failed_with(rename(DIR "/sticky-root", DIR "/x"), EPERM), "nor renamed: EPERM");
	fd = open(DIR "/user-file", O_CREAT | O_WRONLY, 0644);
	check(fd >= 0, "but a new file can be made there");
	close(fd);
	check(!unlink(DIR "/user-file"), "and its owner removes it");
	check(failed_with(link(DIR "/rootonly", DIR "/hard"), EPERM),
	      "hard link to root's unreadable file: EPERM (protected_hardlinks)");
	check(failed_with(mknod(DIR "/dev", S_IFCHR | 0600, 0x0103), EPERM), "mknod of a device: EPERM");
	_exit(check_status());
}

int main(void)
{
	int status;

	if (getuid() != 0) {
		check(1, "not root: nothing to test");
		return check_status();
	}
	mkdir(DIR, 0755);
	as_root();
	status = run_in_child(as_user);
	check(status == 0, "the uid 1000 child: %s", describe_status(status));
	check(!unlink(DIR "/mine") && !unlink(DIR "/rootonly") && !unlink(DIR "/sticky-root") &&
		      !rmdir(DIR "/closed") && !rmdir(DIR "/ro") && !rmdir(DIR), "clean up");
	return check_status();
}
