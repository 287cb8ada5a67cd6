/*
 * kernel/fs/proc/procfs.c: /proc, the kernel's state as text files. A file is rendered
 * when it is opened, through the same functions the boot log and the self-tests
 * use, in Linux's format wherever Linux has the file:
 *
 *   /proc/buddyinfo  meminfo  slabinfo  vmallocinfo  vmstat  pkmap  layout  extable  uaccess
 *   /proc/cpuinfo  loadavg  stat  uptime  version (kernel/fs/proc/proc_misc.c)
 *   /proc/mounts  filesystems (kernel/fs/namespace.c)
 *   /proc/<pid>/maps  <pid>/stat  status  cmdline (kernel/fs/proc/proc_array.c)  <pid>/pagetable
 *   (kspace's own: the present pages and their page-table entries)
 *   /proc/<pid>/task/<tid>/: each thread of the process, with the same files
 *   /proc/self -> the caller's pid  /proc/sys/kernel/hostname
 *   and the symlinks readlink reads: /proc/self, /proc/<pid>/exe -> the program's path
 */
#include <kspace/arch.h>
#include <kspace/errno.h>
#include <kspace/extable.h>
#include <kspace/fs.h>
#include <kspace/highmem.h>
#include <kspace/kernel.h>
#include <kspace/printk.h>
#include <kspace/proc_fs.h>
#include <kspace/mman.h>
#include <kspace/ramfs.h>
#include <kspace/sched.h>
#include <kspace/seq_buf.h>
#include <kspace/slab.h>
#include <kspace/string.h>
#include <kspace/utsname.h>
#include <kspace/vmalloc.h>
#include <kspace/vmstat.h>

#define PROC_BUF_MAX (256UL << 10)
#define PROC_ROOT_INO 1
#define TTY_CONSOLE_RDEV (5 << 8 | 1) /* the boot console, opened without a node: /dev/console */

struct proc_entry {
	const char *name;
	void (*show)(struct seq_buf *s, struct task_struct *task);
};

static void show_buddyinfo(struct seq_buf *s, struct task_struct *t) { (void)t; buddyinfo_render(s); }
static void show_meminfo(struct seq_buf *s, struct task_struct *t) { (void)t; meminfo_render(s); }
static void show_vmstat(struct seq_buf *s, struct task_struct *t) { (void)t; vmstat_render(s); }
static void show_vmallocinfo(struct seq_buf *s, struct task_struct *t) { (void)t; vmallocinfo_render(s); }
static void show_layout(struct seq_buf *s, struct task_struct *t) { (void)t; layout_render(s); }
static void show_extable(struct seq_buf *s, struct task_struct *t) { (void)t; extable_render(s); }
static void show_uaccess(struct seq_buf *s, struct task_struct *t) { (void)t; uaccess_render(s); }
static void show_slabinfo(struct seq_buf *s, struct task_struct *t) { (void)t; slabinfo_render(s); }
static void show_interrupts(struct seq_buf *s, struct task_struct *t) { (void)t; interrupts_render(s); }

static void show_pkmap(struct seq_buf *s, struct task_struct *t)
{
	(void)t;
	pkmap_render(s);
	fixmap_render(s);
}

static void show_hostname(struct seq_buf *s, struct task_struct *t)
{
	(void)t;
	seq_buf_printf(s, "%s\n", system_utsname.nodename);
}

static void show_maps_of(struct seq_buf *s, struct task_struct *t)
{
	proc_show_mm(s, t, show_maps);
}

static const struct proc_entry root_entries[] = {
	{ "buddyinfo", show_buddyinfo },    { "cpuinfo", proc_cpuinfo_show },
	{ "extable", show_extable },        { "filesystems", proc_filesystems_show },
	{ "interrupts", show_interrupts },
	{ "layout", show_layout },
	{ "loadavg", proc_loadavg_show },   { "meminfo", show_meminfo },
	{ "mounts", proc_mounts_show },     { "pkmap", show_pkmap },
	{ "slabinfo", show_slabinfo },
	{ "stat", proc_stat_show },         { "uaccess", show_uaccess },
	{ "uptime", proc_uptime_show },     { "version", proc_version_show },
	{ "vmallocinfo", show_vmallocinfo },
	{ "vmstat", show_vmstat },
};

static void show_pagetable_of(struct seq_buf *s, struct task_struct *t)
{
	proc_show_mm(s, t, show_pagetable);
}

static const struct proc_entry pid_entries[] = {
	{ "cmdline", proc_pid_cmdline }, { "maps", show_maps_of },     { "pagetable", show_pagetable_of },
	{ "stat", proc_pid_stat },       { "status", proc_pid_status },
};
static const struct proc_entry hostname_entry = { "hostname", show_hostname };

/* What an open /proc file is: a directory to list, or rendered text to read. */
enum proc_kind { PROC_ROOT, PROC_PID, PROC_PID_FD, PROC_FD_LINK, PROC_SYS, PROC_SYS_KERNEL, PROC_TEXT,
		 PROC_PID_TASK };

struct proc_file {
	enum proc_kind kind;
	pid_t pid;
	bool thread;                   /* reached through <pid>/task/<tid>: no task/ inside */
	unsigned int fd;               /* PROC_FD_LINK: which descriptor of pid */
	const struct proc_entry *entry;
	char *text;
	unsigned long len;
};

/*
 * pid's task (zombies too: ps shows them as Z) with a reference, or NULL: it may exit
 * and be reaped on another CPU while /proc renders it. The caller puts it.
 */
static struct task_struct *get_proc_task(pid_t pid)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid(pid);
	if (p)
		get_task_struct(p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

static void put_proc_task(struct task_struct *p)
{
	if (p)
		put_task_struct(p);
}

static bool pid_exists(pid_t pid)
{
	struct task_struct *t = get_proc_task(pid);

	put_proc_task(t);
	return t != NULL;
}

/* Split off the next component of *path into name; false at the end. */
static bool next_component(const char **path, char *name, size_t size)
{
	const char *p = *path;
	size_t n = 0;

	while (*p == '/')
		p++;
	if (!*p)
		return false;
	while (p[n] && p[n] != '/')
		n++;
	if (n >= size)
		n = size - 1; /* too long to match any entry */
	memcpy(name, p, n);
	name[n] = '\0';
	*path = p + n;
	while (**path && **path != '/')
		(*path)++;
	return true;
}

static const struct proc_entry *find_entry(const struct proc_entry *t, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].name, name))
			return &t[i];
	return NULL;
}

static pid_t parse_pid(const char *name)
{
	pid_t pid = 0;

	if (!strcmp(name, "self"))
		return current->tgid;
	for (; *name; name++) {
		if (*name < '0' || *name > '9' || pid > 100000)
			return -1;
		pid = pid * 10 + (*name - '0');
	}
	return pid;
}

/* Descriptor fd of task t with a reference, if open; NULL for a kernel thread. */
static struct file *task_fd(struct task_struct *t, unsigned int fd)
{
	return t ? fget_task(t, fd) : NULL;
}

/* name as a descriptor number of pf's task that is open, into pf->fd. */
static bool parse_fd(struct proc_file *pf, const char *name)
{
	pid_t n = parse_pid(name); /* the same digits; "self" is no descriptor */
	struct task_struct *t;
	struct file *f;

	if (n < 0 || !strcmp(name, "self") || !*name || (name[0] == '0' && name[1]))
		return false;
	pf->fd = n;
	t = get_proc_task(pf->pid);
	f = task_fd(t, n);
	put_proc_task(t);
	if (f)
		fput(f);
	return f != NULL;
}

/* Whether tid names a thread of pid's process. */
static bool thread_of(pid_t pid, pid_t tid)
{
	struct task_struct *p = get_proc_task(pid), *t = get_proc_task(tid);
	bool of = p && t && t->tgid == p->tgid && t->state != TASK_DEAD;

	put_proc_task(p);
	put_proc_task(t);
	return of;
}

/* Walk path (what follows "/proc") to a proc_file; -ENOENT when nothing is there. */
static int proc_resolve(const char *path, struct proc_file *pf)
{
	char name[32];

	*pf = (struct proc_file){ .kind = PROC_ROOT };
	while (next_component(&path, name, sizeof(name))) {
		if (pf->kind == PROC_ROOT && (pf->entry = find_entry(root_entries, ARRAY_SIZE(root_entries), name)))
			pf->kind = PROC_TEXT;
		else if (pf->kind == PROC_ROOT && !strcmp(name, "sys"))
			pf->kind = PROC_SYS;
		else if (pf->kind == PROC_ROOT && (pf->pid = parse_pid(name)) > 0 && pid_exists(pf->pid))
			pf->kind = PROC_PID;
		else if (pf->kind == PROC_PID && (pf->entry = find_entry(pid_entries, ARRAY_SIZE(pid_entries), name)))
			pf->kind = PROC_TEXT;
		else if (pf->kind == PROC_PID && !strcmp(name, "fd"))
			pf->kind = PROC_PID_FD;
		else if (pf->kind == PROC_PID && !pf->thread && !strcmp(name, "task"))
			pf->kind = PROC_PID_TASK;
		else if (pf->kind == PROC_PID_TASK && thread_of(pf->pid, parse_pid(name)))
			pf->kind = PROC_PID, pf->pid = parse_pid(name), pf->thread = true;
		else if (pf->kind == PROC_PID_FD && parse_fd(pf, name))
			pf->kind = PROC_FD_LINK;
		else if (pf->kind == PROC_SYS && !strcmp(name, "kernel"))
			pf->kind = PROC_SYS_KERNEL;
		else if (pf->kind == PROC_SYS_KERNEL && !strcmp(name, "hostname"))
			pf->kind = PROC_TEXT, pf->entry = &hostname_entry;
		else
			return pf->kind == PROC_TEXT || pf->kind == PROC_FD_LINK ? -ENOTDIR : -ENOENT;
	}
	/* As Linux: another user's descriptors are the ptrace-able's only. */
	if (pf->kind == PROC_PID_FD || pf->kind == PROC_FD_LINK) {
		struct task_struct *t = get_proc_task(pf->pid);
		bool may = t && ptrace_may_access(t);

		put_proc_task(t);
		if (!may)
			return -EACCES;
	}
	return 0;
}

/* Render into a buffer that doubles until the text fits. */
static int render(struct proc_file *pf, struct task_struct *task)
{
	for (unsigned long size = PAGE_SIZE; size <= PROC_BUF_MAX; size *= 2) {
		struct seq_buf s;

		pf->text = kmalloc(size, GFP_KERNEL);
		if (!pf->text)
			return -ENOMEM;
		seq_buf_init(&s, pf->text, size);
		pf->entry->show(&s, task);
		if (!s.overflow) {
			pf->len = s.len;
			return 0;
		}
		kfree(pf->text);
	}
	pf->text = NULL;
	return -ENOMEM;
}

static int proc_render(struct proc_file *pf)
{
	struct task_struct *task = pf->pid ? get_proc_task(pf->pid) : NULL;
	int err;

	if (pf->pid && !task)
		return -ESRCH; /* it exited between the lookup and now */
	err = render(pf, task);
	put_proc_task(task);
	return err;
}

static long proc_read(struct file *f, char __user *buf, unsigned long count, loff_t *ppos)
{
	struct proc_file *pf = f->private_data;

	return simple_read_from_buffer(buf, count, ppos, pf->text, pf->len);
}

/* /proc/sys/kernel/hostname is writable (opening it so is root's), as on Linux; a final newline is dropped. */
static long proc_write(struct file *f, const char __user *buf, unsigned long count, loff_t *ppos)
{
	struct proc_file *pf = f->private_data;
	char name[__NEW_UTS_LEN + 1];
	unsigned long n = min(count, (unsigned long)sizeof(name));

	(void)ppos; /* the whole name is written each time, wherever the offset is */
	if (pf->entry != &hostname_entry)
		return -EIO;
	if (copy_from_user(name, buf, n))
		return -EFAULT;
	if (n && name[n - 1] == '\n')
		n--;
	/* As Linux: what does not fit is cut off, and the whole write counts as done. */
	set_hostname(name, min(n, (unsigned long)__NEW_UTS_LEN));
	return count;
}

#define DT_DIR 4
#define DT_REG 8
#define DT_LNK 10

/* A name for a number, in the caller's buffer: CPUs may list /proc at once. */
#define NAME_LEN 12

/* The index'th open descriptor of t, or -1; t's table read under its locks (see fget_task). */
static int nth_fd(struct task_struct *t, unsigned long index)
{
	struct files_struct *files;
	int found = -1;

	task_lock(t);
	files = t->files;
	if (files) {
		spin_lock(&files->file_lock);
		for (unsigned int fd = 0; found < 0 && fd < files->max_fds; fd++)
			if (files->fd[fd] && index-- == 0)
				found = fd;
		spin_unlock(&files->file_lock);
	}
	task_unlock(t);
	return found;
}

/* The index'th open descriptor of t, as a name, a symlink. */
static const char *fd_entry(struct task_struct *t, unsigned long index, unsigned char *type,
			    char *name)
{
	int fd = t ? nth_fd(t, index) : -1;

	*type = DT_LNK;
	if (fd < 0)
		return NULL;
	snprintf(name, NAME_LEN, "%d", fd);
	return name;
}

/* The same for pid's: a reference held while its table is looked at. */
static const char *pid_fd_entry(pid_t pid, unsigned long index, unsigned char *type, char *name)
{
	struct task_struct *t = get_proc_task(pid);
	const char *entry = fd_entry(t, index, type, name);

	put_proc_task(t);
	return entry;
}

/* The index'th thread of pid's process, as a name. */
static const char *task_entry(pid_t pid, unsigned long index, unsigned long *ino, char *name)
{
	struct task_struct *p, *t;
	const char *entry = NULL;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags); /* the thread list stays still */
	p = find_task_by_pid(pid);
	if (p)
		for_each_thread(p, t)
			if (t->state != TASK_DEAD && index-- == 0) {
				snprintf(name, NAME_LEN, "%d", t->pid);
				*ino = 1000 + t->pid;
				entry = name;
				break;
			}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return entry;
}

/* The index'th process, as a name; its threads are in task/. */
static const char *pid_entry(unsigned long index, unsigned long *ino, char *name)
{
	struct task_struct *p;
	const char *entry = NULL;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (thread_group_leader(p) && index-- == 0) {
			snprintf(name, NAME_LEN, "%d", p->pid);
			*ino = 1000 + p->pid;
			entry = name;
			break;
		}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return entry;
}

/* A directory's index'th entry: its name, inode number and type; NULL past the end. */
static const char *dir_entry(const struct proc_file *pf, unsigned long i, unsigned long *ino,
			     unsigned char *type, char *name)
{
	*ino = PROC_ROOT_INO + 1 + i;
	*type = DT_REG;
	if (pf->kind == PROC_PID_FD)
		return pid_fd_entry(pf->pid, i, type, name);
	if (pf->kind == PROC_PID_TASK) {
		*type = DT_DIR;
		return task_entry(pf->pid, i, ino, name);
	}
	if (pf->kind == PROC_PID) {
		if (i < ARRAY_SIZE(pid_entries))
			return pid_entries[i].name;
		i -= ARRAY_SIZE(pid_entries);
		*type = i == 0 ? DT_LNK : DT_DIR;
		return i == 0 ? "exe" : i == 1 ? "fd" : i == 2 && !pf->thread ? "task" : NULL;
	}
	if (pf->kind == PROC_SYS_KERNEL)
		return i == 0 ? "hostname" : NULL;
	*type = DT_DIR;
	if (pf->kind == PROC_SYS)
		return i == 0 ? "kernel" : NULL;
	if (i < 2) {
		*type = i == 0 ? DT_LNK : DT_DIR; /* self is a symlink on Linux */
		return i == 0 ? "self" : "sys";
	}
	i -= 2;
	if (i < ARRAY_SIZE(root_entries)) {
		*type = DT_REG;
		return root_entries[i].name;
	}
	return pid_entry(i - ARRAY_SIZE(root_entries), ino, name);
}

static long proc_getdents64(struct file *f, void __user *dirp, unsigned long count)
{
	const struct proc_file *pf = f->private_data;
	unsigned long done = 0, ino = PROC_ROOT_INO;
	unsigned char type = DT_DIR;
	char namebuf[NAME_LEN];
	const char *name;

	while (f->f_pos <= INT_MAX && /* past that, only where lseek put it: no entry */
	       (name = f->f_pos < 2 ? (f->f_pos ? ".." : ".")
				    : dir_entry(pf, f->f_pos - 2, &ino, &type, namebuf))) {
		unsigned long reclen = ALIGN(19 + strlen(name) + 1, 8UL);
		char rec[64] = { 0 };

		if (reclen > count - done)
			return done ? (long)done : -EINVAL;
		*(u64 *)rec = ino;
		*(u64 *)(rec + 8) = f->f_pos + 1;
		*(u16 *)(rec + 16) = reclen;
		rec[18] = type;
		memcpy(rec + 19, name, strlen(name));
		if (copy_to_user((char __user *)dirp + done, rec, reclen))
			return -EFAULT;
		done += reclen;
		f->f_pos++;
	}
	return done;
}

static void proc_release(struct file *f)
{
	struct proc_file *pf = f->private_data;

	kfree(pf->text);
	kfree(pf);
}

static const struct file_operations proc_text_ops = {
	.read = proc_read, .write = proc_write, .release = proc_release,
};
static const struct file_operations proc_dir_ops = {
	.getdents64 = proc_getdents64, .release = proc_release,
};

/* As Linux: the file's path now, or, once its last name is gone, the old one " (deleted)". */
static int exe_link(const struct mm_struct *mm, char *buf, size_t size)
{
	bool named = mm->exe_file && ramfs_has_name(mm->exe_file);
	char *path = named ? dir_path(mm->exe_file) : NULL;

	if (named && !path)
		return -ENOMEM; /* not "(deleted)": the file still has its name */
	if (path)
		strlcpy(buf, path, size);
	else
		snprintf(buf, size, "%s (deleted)", mm->exe_name);
	kfree(path);
	return strlen(buf);
}

/*
 * What /proc/<pid>/fd/N reads as: a file's path (" (deleted)" once its last name is
 * gone), "pipe:[ino]", a device's /dev name, as Linux's d_path gives them.
 */
static int fd_link(const struct file *f, char *buf, size_t size)
{
	char *path = NULL;
	const char *dev;

	if (f->f_path) {
		strlcpy(buf, f->f_path, size);
	} else if (f->f_inode && ramfs_has_name(f->f_inode)) {
		path = dir_path(f->f_inode);
		if (!path)
			return -ENOMEM; /* not "(deleted)": the file still has its name */
		strlcpy(buf, path, size);
	} else if (f->f_inode)
		snprintf(buf, size, "/#%lu (deleted)", f->f_ino); /* its old name is not kept */
	else if (S_ISFIFO(f->f_mode))
		snprintf(buf, size, "pipe:[%lu]", f->f_ino);
	else if (S_ISCHR(f->f_mode) && (dev = chrdev_name(f->f_rdev ?: TTY_CONSOLE_RDEV)))
		snprintf(buf, size, "/dev/%s", dev);
	else
		snprintf(buf, size, "anon_inode:[%lu]", f->f_ino);
	kfree(path);
	return strlen(buf);
}

/* <pid>/exe's task, with a reference (put_proc_task); NULL if path is not that. */
static struct task_struct *exe_task(const char *path)
{
	const char *rest = path;
	char name[32];
	pid_t pid;

	if (!next_component(&rest, name, sizeof(name)) || (pid = parse_pid(name)) <= 0)
		return NULL;
	if (!next_component(&rest, name, sizeof(name)) || strcmp(name, "exe") || *rest)
		return NULL;
	return get_proc_task(pid);
}

/*
 * readlink under /proc: "self" reads as the caller's pid and <pid>/exe as the path its
 * program was run by (ENOENT for a kernel thread, which has none); anything else that
 * exists is no symlink (-EINVAL). Returns the length, the text in buf (not terminated).
 */
int procfs_readlink(const char *path, char *buf, size_t size)
{
	const char *rest = path;
	char name[32];
	struct task_struct *t;
	struct mm_struct *mm;
	struct proc_file pf;
	struct file *f;
	int err;

	if (next_component(&rest, name, sizeof(name)) && !strcmp(name, "self") && !*rest)
		return snprintf(buf, size, "%d", current->tgid);
	t = exe_task(path);
	if (t) {
		mm = get_task_mm(t);
		err = mm ? exe_link(mm, buf, size) : -ENOENT;
		if (mm)
			mmput(mm);
		put_proc_task(t);
		return err;
	}
	err = proc_resolve(path, &pf);
	if (!err && pf.kind == PROC_FD_LINK) {
		t = get_proc_task(pf.pid);
		f = task_fd(t, pf.fd);
		put_proc_task(t);
		if (!f) /* closed since proc_resolve saw it */
			return -ENOENT;
		err = fd_link(f, buf, size);
		fput(f);
		return err;
	}
	return err ? err : -EINVAL;
}

/*
 * Opening a link follows it, as Linux does: <pid>/exe opens the program's file and
 * fd/N a ramfs file or device anew; a pipe, the console or a /proc file is shared (Linux
 * opens those anew too, with its own offset and flags).
 */
static int follow_link(struct proc_file *pf, unsigned int flags, struct file **out)
{
	struct task_struct *t = get_proc_task(pf->pid);
	struct file *g = task_fd(t, pf->fd);
	int err;

	put_proc_task(t);
	if (!g)
		return -ENOENT;
	if (g->f_inode) {
		err = inode_open(g->f_inode, flags, out);
	} else if (S_ISCHR(g->f_mode) && g->f_rdev) {
		err = chrdev_open(g->f_rdev, flags, out);
	} else {
		*out = g; /* shared: task_fd's reference becomes the caller's */
		return 0;
	}
	fput(g);
	return err;
}

/* <pid>/exe: the task's program, with a reference (ramfs_iput), or NULL. */
static struct ramfs_inode *exe_of(const char *path)
{
	struct task_struct *t = exe_task(path);
	struct mm_struct *mm = t ? get_task_mm(t) : NULL;
	struct ramfs_inode *exe = mm ? mm->exe_file : NULL;

	if (exe)
		ramfs_iget(exe);
	if (mm)
		mmput(mm);
	put_proc_task(t);
	return exe;
}

umode_t procfs_link_mode(const char *path)
{
	const char *rest = path;
	char name[32];
	struct ramfs_inode *exe;
	struct proc_file pf;

	if (next_component(&rest, name, sizeof(name)) && !strcmp(name, "self") && !*rest)
		return 0777;
	exe = exe_of(path);
	if (exe) {
		ramfs_iput(exe);
		return 0777;
	}
	return !proc_resolve(path, &pf) && pf.kind == PROC_FD_LINK ? 0700 : 0;
}

int procfs_open(const char *path, unsigned int flags, struct file **out)
{
	struct proc_file *pf = kzalloc(sizeof(*pf), GFP_KERNEL);
	struct ramfs_inode *exe;
	bool text;
	int err;

	if (!pf)
		return -ENOMEM;
	exe = exe_of(path);
	if (exe) {
		kfree(pf);
		err = inode_open(exe, flags, out);
		ramfs_iput(exe);
		return err;
	}
	err = proc_resolve(path, pf);
	if (!err && pf->kind == PROC_FD_LINK) {
		err = follow_link(pf, flags, out);
		kfree(pf);
		return err;
	}
	text = pf->kind == PROC_TEXT;
	if (!err && (flags & O_DIRECTORY) && text)
		err = -ENOTDIR;
	/* Linux's modes: 0644 hostname, 0444 the rest; root may open either for writing. */
	if (!err && (flags & O_ACCMODE) != O_RDONLY)
		err = !text ? -EISDIR : current->cred.fsuid != 0 ? -EACCES : 0;
	if (!err && text)
		err = proc_render(pf);
	if (!err && !(*out = alloc_file(text ? &proc_text_ops : &proc_dir_ops, flags,
					text ? S_IFREG | (pf->entry == &hostname_entry ? 0644 : 0444)
					     : S_IFDIR | 0555)))
		err = -ENOMEM;
	if (err) {
		kfree(pf->text);
		kfree(pf);
		return err;
	}
	(*out)->private_data = pf;
	return 0;
}

bool procfs_file(const struct file *f)
{
	return f->f_op == &proc_text_ops || f->f_op == &proc_dir_ops;
}
