/*
 * user/check.h: what the test-* programs share. Each check prints one line, "ok - what"
 * or "not ok - what", and the program's exit status is 0 only if every check passed.
 */
#ifndef USER_CHECK_H
#define USER_CHECK_H

#include <stdbool.h>

__attribute__((format(printf, 2, 3))) void check(bool ok, const char *fmt, ...);

/* The exit status that sums up the checks: 0 if all passed, else 1. */
int check_status(void);

/* Whether KSPACE=1 is set: checks that only kspace can promise are made then. */
bool on_kspace(void);

/* Run body in a child that then exits 0; returns its wait status, or -1 if fork fails. */
int run_in_child(void (*body)(void));

/* "exited with status N" or "killed by signal S", for messages (a static buffer). */
const char *describe_status(int status);

#endif
