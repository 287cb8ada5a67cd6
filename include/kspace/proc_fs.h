/*
 * The renderers behind /proc's files (kernel/fs/proc/procfs.c finds and opens them). Each
 * writes one file's whole text; task is the process of a /proc/<pid>/ file, NULL
 * for the others.
 */
#ifndef KSPACE_PROC_FS_H
#define KSPACE_PROC_FS_H

struct mm_struct;
struct seq_buf;
struct task_struct;

/* kernel/fs/proc/proc_array.c */
void proc_show_mm(struct seq_buf *s, struct task_struct *task,
		  void (*show)(struct seq_buf *s, struct mm_struct *mm)); /* task's mm, locked */
void proc_pid_stat(struct seq_buf *s, struct task_struct *task);
void proc_pid_status(struct seq_buf *s, struct task_struct *task);
void proc_pid_cmdline(struct seq_buf *s, struct task_struct *task);

/* kernel/fs/proc/proc_misc.c */
void proc_stat_show(struct seq_buf *s, struct task_struct *task);
void proc_uptime_show(struct seq_buf *s, struct task_struct *task);
void proc_loadavg_show(struct seq_buf *s, struct task_struct *task);
void proc_version_show(struct seq_buf *s, struct task_struct *task);
void proc_cpuinfo_show(struct seq_buf *s, struct task_struct *task);

/* kernel/fs/namespace.c */
void proc_mounts_show(struct seq_buf *s, struct task_struct *task);
void proc_filesystems_show(struct seq_buf *s, struct task_struct *task);

/* arch/x86/kernel/cpu.c: the boot CPU, as Linux's /proc/cpuinfo shows one */
void cpuinfo_render(struct seq_buf *s);

#endif
