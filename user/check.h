/*
 * user/check.h: what the test-* programs share. Each check prints one line, "ok - what"
 * or "not ok - what", and the program's exit status is 0 only if every check passed.
 */
#ifndef USER_CHECK_H
#define USER_CHECK_H

#include <stdbool.h>

#define PAGE_SIZE 4096UL
#define TASK_SIZE 0xC0000000UL /* where the kernel's part starts, on kspace and Linux i386 */

__attribute__((format(printf, 2, 3))) void check(bool ok, const char *fmt, ...);

/* The exit status that sums up the checks: 0 if all passed, else 1. */
int check_status(void);

/* Whether KSPACE=1 is set: checks that only kspace can promise are made then. */
bool on_kspace(void);

/* Run body in a child that then exits 0; returns its wait status, or -1 if fork fails. */
int run_in_child(void (*body)(void));

/*
 * execve(path, argv, envp) in a child; its wait status, or -1 if fork or wait fails.
 * When execve fails, the child exits with the errno, or with EXEC_MEMORY_LOST if its
 * memory did not survive the attempt (a failed execve must leave the caller intact).
 */
#define EXEC_MEMORY_LOST 200 /* an exit status no errno has */
int exec_in_child(const char *path, char *const argv[], char *const envp[]);

/* A child that exits with code at once, or one that waits in pause() until killed. */
int child_exiting_with(int code);
int child_pausing(void);

/* "exited with status N" or "killed by signal S", for messages (a static buffer). */
const char *describe_status(int status);

/* The whole of a file (a /proc file, say) into buf, NUL-terminated; its length, or -1. */
long read_text(const char *path, char *buf, unsigned long size);

/* Whether a system call's result r is a failure with errno err. */
bool failed_with(long r, int err);

/* "N", or "-1 (errno E: message)" for a failure, for messages (a static buffer). */
const char *describe_result(long r);

/*
 * The end of the heap, raised to a page boundary with brk: the page below the address
 * returned is mapped and writable, the page at it is not. Buffers that start below it
 * and end above it run from mapped memory into unmapped memory. Nothing may grow the
 * heap afterwards (malloc would); NULL if brk fails.
 */
char *heap_edge(void);

/*
 * A page of the program's own text, filled with int3 and never executed: read-only
 * memory to hand to system calls as a destination they must not write.
 */
extern const unsigned char text_page[PAGE_SIZE];

/* Whether text_page still holds nothing but int3 (0xcc). */
bool text_page_intact(void);

/* One line of /proc/self/maps. */
struct mapping {
	unsigned long start, end;
	char perms[5];       /* "rw-p", "r--s", ... */
	unsigned long offset;
	unsigned long inode;
	char name[64];       /* "" for anonymous memory */
};

/* The /proc/self/maps line whose range holds addr; false if none does. */
bool find_mapping(unsigned long addr, struct mapping *m);

#endif
