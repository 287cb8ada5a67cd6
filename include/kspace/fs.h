/*
 * Open files (kernel/fs/file.c). A file descriptor indexes the task's files_struct,
 * whose slots point at struct files; fork shares the files (each gets one more
 * reference), so parent and child share offsets as on Linux. What a file does
 * on read or write depends on what it is: its file_operations (an initramfs file
 * or directory, the console, a /proc file).
 */
#ifndef KSPACE_FS_H
#define KSPACE_FS_H

#include <asm/atomic.h>
#include <asm/uaccess.h>
#include <kspace/sched.h>
#include <kspace/spinlock.h>
#include <kspace/stat.h>
#include <kspace/timer.h>
#include <kspace/types.h>
#include <uapi/linux/fcntl.h>

struct task_struct;

#define NR_OPEN_DEFAULT 32 /* descriptors in files_struct itself: most tasks need no more */
#define NR_OPEN 4096       /* the most a table grows to: RLIMIT_NOFILE's ceiling (INR_OPEN_MAX) */

#define O_ACCMODE 00000003
#define O_RDONLY 00000000
#define O_WRONLY 00000001
#define O_RDWR 00000002
#define O_CREAT 00000100
#define O_EXCL 00000200
#define O_NOCTTY 00000400
#define O_TRUNC 00001000
#define O_APPEND 00002000
#define O_NONBLOCK 00004000
#define O_DIRECTORY 00200000
#define O_NOFOLLOW 00400000
#define O_CLOEXEC 02000000 /* kept in the descriptor table, never in f_flags */

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

struct cred;
struct file;
struct poll_table_struct;
struct ramfs_inode;
struct vm_area_struct;

/*
 * read and write move *ppos, which is &f->f_pos for read(2)/write(2) and a local
 * copy for pread64/pwrite64; a file without positions (the tty, a pipe) ignores it.
 * poll reports which of POLLIN, POLLOUT, ... hold now, and registers the wait queues
 * that will be woken when that changes (poll_wait, <kspace/poll.h>).
 */
struct file_operations {
	long (*read)(struct file *f, char __user *buf, unsigned long count, loff_t *ppos);
	long (*write)(struct file *f, const char __user *buf, unsigned long count, loff_t *ppos);
	unsigned int (*poll)(struct file *f, struct poll_table_struct *pt); /* NULL: always ready */
	long (*getdents64)(struct file *f, void __user *dirp, unsigned long count);
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	int (*mmap)(struct file *f, struct vm_area_struct *vma); /* NULL: not mappable */
	void (*release)(struct file *f);
};

struct file {
	const struct file_operations *f_op;
	atomic_t f_count;            /* descriptors and users holding it: fput() frees at 0 */
	unsigned int f_flags;
	loff_t f_pos;
	umode_t f_mode;              /* S_IF* and permissions, for fstat */
	unsigned long f_ino;
	unsigned long f_size;        /* a /proc file: bytes a read can reach */
	unsigned int f_rdev;         /* a device's number, for fstat */
	struct ramfs_inode *f_inode; /* initramfs files and directories */
	char *f_path;                /* a /proc file's or device's path (/proc/<pid>/fd/N's text);
					a /proc directory's is where *at() calls start */
	void *private_data;          /* /proc: the rendered text and its entry */
};

/* Another reference to f: a new descriptor for it, or a user on another CPU. */
static inline struct file *get_file(struct file *f)
{
	atomic_inc(&f->f_count);
	return f;
}

/*
 * The descriptor table. It starts as the arrays inside the struct and grows (doubling,
 * up to NR_OPEN) when a descriptor past its end is asked for, as Linux's fdtable does.
 * Threads (CLONE_FILES) share one table across CPUs: file_lock guards fd[], the bitmap
 * and max_fds, and fget() takes a reference under it, so a close() on another CPU
 * leaves the file to its user until that user's fput().
 */
struct files_struct {
	atomic_t count;               /* tasks sharing this table (CLONE_FILES); fork copies */
	spinlock_t file_lock;         /* every look at or change of what follows */
	unsigned int max_fds;         /* slots in fd[] and bits in each bitmap */
	struct file **fd;             /* fd_array, or a kmalloc'd larger table */
	unsigned long *close_on_exec; /* bit n set: execve closes descriptor n */
	unsigned long *open_fds;      /* bit n set: n is taken, installed or only reserved */
	struct file *fd_array[NR_OPEN_DEFAULT];
	unsigned long close_on_exec_init[NR_OPEN_DEFAULT / 32];
	unsigned long open_fds_init[NR_OPEN_DEFAULT / 32];
};

/* Whether f has positions (lseek, pread64, pwrite64): not the console, not a pipe (-ESPIPE). */
static inline bool file_seekable(const struct file *f)
{
	return !S_ISFIFO(f->f_mode) && (f->f_size || f->f_inode || f->private_data);
}

struct file *alloc_file(const struct file_operations *op, unsigned int flags, umode_t mode);
void fput(struct file *f);
/* The lowest free descriptor, or -EMFILE; O_CLOEXEC in f_flags moves into the table. */
int fd_install_new(struct file *f);
/* The lowest free descriptor >= start (-EINVAL if start is past RLIMIT_NOFILE, -EMFILE). */
int fd_install_from(struct file *f, unsigned int start, bool cloexec);
/*
 * Linux's two steps, for a call that must have every descriptor before it shows any
 * (pipe2): reserve the lowest free one (-EMFILE; O_CLOEXEC in flags is recorded), then
 * fd_install a file there, or put_unused_fd to give the number back. A reserved
 * descriptor is not open (EBADF), no other call takes it, and dup2 onto it is EBUSY.
 */
int get_unused_fd_flags(unsigned int flags);
void fd_install(unsigned int fd, struct file *f);
void put_unused_fd(unsigned int fd);
/* Put f at fd, closing what was there (dup2, dup3); fd must be below RLIMIT_NOFILE. */
int fd_replace(unsigned int fd, struct file *f, bool cloexec);
struct file *fd_remove(unsigned int fd); /* take fd out of the table (close); NULL if not open */
/* The task's open file fd with a reference the caller fput()s, or NULL. */
struct file *fget(unsigned int fd);
struct file *fget_task(struct task_struct *task, unsigned int fd); /* another task's (/proc) */
bool fd_is_open(unsigned int fd); /* only whether it is open, at this instant */

/* fget for one system call: the reference is taken only when the table is shared. */
struct fd {
	struct file *file;
	bool put; /* fdput drops a reference */
};

struct fd fdget_shared(unsigned int fd);

/*
 * As Linux's __fget_light: while no other task shares the table, none can close fd
 * under us (this task is busy in the call), so the file needs no reference and the
 * table no lock. /proc takes references from other tasks, but never removes a file.
 * Inline: read and write pay for nothing else.
 */
static inline struct fd fdget(unsigned int fd)
{
	struct files_struct *files = current->files;

	if (files && atomic_read(&files->count) == 1)
		return (struct fd){ .file = fd < files->max_fds ? files->fd[fd] : NULL };
	return fdget_shared(fd);
}

static inline void fdput(struct fd f)
{
	if (f.put)
		fput(f.file);
}
bool get_close_on_exec(unsigned int fd);
void set_close_on_exec(unsigned int fd, bool on);
void do_close_on_exec(struct files_struct *files); /* execve, past the point of no return */
/* mm/filemap.c: mmap of an initramfs file */
int generic_file_mmap(struct file *file, struct vm_area_struct *vma);

struct files_struct *dup_files(struct files_struct *old);      /* fork */
void put_files(struct files_struct *files);                    /* exit */

/* For reading a finished text (a /proc file) from offset f_pos. */
long simple_read_from_buffer(char __user *to, unsigned long count, loff_t *ppos,
			     const void *from, unsigned long available);

/* kernel/fs/namei.c: where a path leads. */
struct path {
	struct ramfs_inode *inode; /* in ramfs (RAMFS_LOOKUP_PARENT: the last component's dir) */
	char *proc;                /* or under /proc: the rest, "" or "/..." (kmalloc'd) */
	const char *last;          /* RAMFS_LOOKUP_PARENT: the last component, last_len bytes */
	size_t last_len;
	bool slash;                /* the path ended in '/' */
	char *name;                /* what last points into, freed by path_put */
};

/*
 * A path copied in from user space, as Linux's struct filename: in iname if it fits,
 * as nearly every path does, else in a PATH_MAX kmalloc buffer. It lives on the
 * caller's stack, so a short name costs no allocation; putname frees a long one.
 */
#define EMBEDDED_NAME_MAX 128
struct filename {
	char *name; /* iname or the kmalloc'd copy */
	char iname[EMBEDDED_NAME_MAX];
};

long getname(const char __user *upath, struct filename *fn); /* 0 or -errno ("": -ENOENT) */
void putname(struct filename *fn);
int path_lookupat(int dfd, const char *name, unsigned int flags, struct path *p);
int path_lookupat_cred(int dfd, const char *name, unsigned int flags, const struct cred *cred,
		       struct path *p);
/* The same for a user's name; "" with empty_ok (AT_EMPTY_PATH) names dfd itself. */
int user_path_at(int dfd, const char __user *uname, unsigned int flags, bool empty_ok,
		 struct path *p);
void path_put(struct path *p);
const char *in_proc(const char *canon); /* the part after "/proc", or NULL */
int lexical_path(const char *base, const char *path, char **out); /* "." and ".." worked out */
char *dir_path(struct ramfs_inode *dir); /* an inode's absolute path, by its first name (kmalloc'd) */
int inode_permission(const struct ramfs_inode *inode, int mask); /* current's fs ids */
bool owner_or_capable(const struct ramfs_inode *inode);
/* May the caller add a name to dir, or remove victim's name from it? 0 or -errno. */
int may_create(struct ramfs_inode *dir);
int may_delete(struct ramfs_inode *dir, struct ramfs_inode *victim, bool isdir);
struct timespec64 current_time(void);
void inode_touch(struct ramfs_inode *inode, bool contents); /* ctime, and mtime if contents */
/* A new inode named p->last in p->inode, owned by the caller; target: a symlink. */
int vfs_create(struct path *p, umode_t mode, u32 rdev, const char *target,
	       struct ramfs_inode **out);
void namei_init(void); /* /proc becomes a mount point */

/* kernel/fs/open.c: open (dfd, name) as openat does. */
int do_filp_open(int dfd, const char *name, unsigned int flags, umode_t mode, struct file **out);

/* kernel/fs/readdir.c: the getdents64 of a ramfs directory. */
long ramfs_getdents64(struct file *f, void __user *dirp, unsigned long count);

/* mm/filemap.c: read(2)/write(2) of a ramfs file at *ppos, which they move. */
long filemap_read_user(struct ramfs_inode *inode, loff_t *ppos, char __user *buf,
		       unsigned long count);
long filemap_write_user(struct ramfs_inode *inode, loff_t *ppos, const char __user *buf,
			unsigned long count);

/* Character devices (kernel/fs/char_dev.c): the open file for device number rdev, or -ENXIO. */
int chrdev_open(u32 rdev, unsigned int flags, struct file **out);
const char *chrdev_name(u32 rdev); /* "null", "tty"...: its name under /dev, or NULL */
void chrdev_init(void); /* /dev and its nodes */
struct file *mem_open(u32 rdev); /* kernel/mem.c: /dev/null, zero, full, random, urandom, kmsg */

/* /proc (kernel/fs/proc/procfs.c): open path under /proc; -ENOENT if there is no such entry. */
int procfs_open(const char *path, unsigned int flags, struct file **out);
int procfs_readlink(const char *path, char *buf, size_t size); /* length, or -errno */
/* The ramfs file a path names, relative to the working directory. */
int path_lookup(const char *path, struct ramfs_inode **out);
/* The canonical path (kmalloc'd) of an existing file named by a user path, and its mode. */
int user_path_canonical(const char __user *upath, char **out, umode_t *mode);
/* kernel/fs/proc/procfs.c: whether f is a /proc file or directory. */
bool procfs_file(const struct file *f);
/* Whether a /proc path is a symlink (self, <pid>/exe, <pid>/fd/N): 0777, 0700, or 0 if not. */
umode_t procfs_link_mode(const char *path);
/* kernel/fs/open.c: open inode anew, with open(2)'s permission checks. */
int inode_open(struct ramfs_inode *inode, unsigned int flags, struct file **out);
/* The console (kernel/tty_io.c), and a terminal device by number (-ENXIO: none). */
struct file *tty_open(void);
int tty_open_dev(unsigned int rdev, unsigned int flags, struct file **filp);

#endif
