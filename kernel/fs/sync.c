/*
 * kernel/fs/sync.c: sync and syncfs. Every kspace file system lives in RAM (ramfs, /proc,
 * /dev), so there is never dirty data waiting for a disk: the calls succeed at once,
 * as Linux's do on such file systems. syncfs still checks its descriptor.
 */
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/syscall_defs.h>

long sys_sync(void)
{
	return 0;
}

long sys_syncfs(unsigned int fd)
{
	return fd_is_open(fd) ? 0 : -EBADF;
}
