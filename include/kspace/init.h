/*
 * Kernel command-line parameters. __setup("name=", fn) registers fn for "name=value"
 * (fn gets "value"); __setup("name", fn) registers a flag (fn gets ""). The table is
 * collected by the linker in .init.setup and walked by parse_kernel_params().
 */
#ifndef KSPACE_INIT_H
#define KSPACE_INIT_H

#include <kspace/compiler.h>

#define COMMAND_LINE_SIZE 2048

struct kernel_param {
	const char *name;
	int (*setup)(const char *value); /* 0, or a negative errno for a bad value */
};

#define __setup(str, fn)                                                      \
	static const struct kernel_param __setup_##fn __used                  \
		__section(".init.setup") = { str, fn }

extern char boot_command_line[COMMAND_LINE_SIZE];

void parse_kernel_params(char *cmdline);

/* Command-line words no handler claimed, for init (kernel/params.c); NULL-terminated. */
#define MAX_INIT_ARGS 16
extern const char *argv_init[];
extern const char *envp_init[];

/* Hand each word of cmdline to the first param in [start, end) that claims it. */
void parse_args(char *cmdline, const struct kernel_param *start, const struct kernel_param *end,
		void (*unknown)(const char *word));


#endif
