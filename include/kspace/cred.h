/*
 * Credentials (kernel/cred.c): who a task is, as Linux's struct cred has it. The
 * real ids say who started it, the effective ids what it may do, the saved ids what it
 * may switch back to, and the fs ids whose files it may touch. Here the struct is
 * embedded in task_struct and copied by fork; capable() means euid 0.
 */
#ifndef KSPACE_CRED_H
#define KSPACE_CRED_H

#include <kspace/types.h>

/* Linux allows 65536 supplementary groups; kspace keeps a small fixed array. */
#define NGROUPS_MAX 32

typedef unsigned int kuid_t;
typedef unsigned int kgid_t;

struct cred {
	kuid_t uid, euid, suid, fsuid;
	kgid_t gid, egid, sgid, fsgid;
	int ngroups;
	kgid_t groups[NGROUPS_MAX];
};

struct task_struct;

/* Root's powers (CAP_SETUID, CAP_SETGID, CAP_SYS_RESOURCE, CAP_KILL...): euid 0. */
bool capable(void);

/* Whether gid is current's fs group or one of its supplementary groups. */
bool in_group_p(kgid_t gid);

/* Whether current may signal t (kill), or inspect it (get_robust_list, prlimit64). */
bool kill_ok_by_cred(const struct task_struct *t);
bool ptrace_may_access(const struct task_struct *t);

/* execve: the saved and fs ids take the effective ones. */
void install_exec_creds(void);

#endif
