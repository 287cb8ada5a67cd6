/* Backtraces: walk the frame-pointer chain and print each return address symbolized. */
#ifndef KSPACE_STACKTRACE_H
#define KSPACE_STACKTRACE_H

void dump_stack(void);
/* Print eip (unless 0), then the kernel-text addresses on the stack from esp up. */
void show_trace(unsigned long eip, unsigned long esp, unsigned long ebp);

#endif
