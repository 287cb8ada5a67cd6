# libc/libc.mk: the user C library (included by the top-level Makefile after B, CC,
# CROSS_COMPILE, Q and quiet are set).
#
#   $(LIBC_A)        the library: system call wrappers, string, stdio, stdlib, malloc, dirent
#   $(CRT0)          _start, linked first into every program
#   $(USER_CFLAGS)   how user programs are compiled: freestanding, headers from libc/include
#                    and the kernel's installed uapi headers
#   $(USER_LDFLAGS)  how they are linked: static i386 ELF, no host C library
#   $(USER_LIBS)     what they are linked with, after their objects
#   make libc        builds the two
#
# vsnprintf and the basic string functions are the kernel's own kernel/vsprintf.c and
# kernel/string.c, compiled a second time for user space.

# The kernel's user-space ABI headers (include/uapi, arch/x86/include/uapi) installed
# where user programs find them, without the uapi/ prefix: <asm/unistd_32.h>,
# <asm/signal.h>, <asm-generic/errno.h>, <linux/stat.h>. Linux's make headers_install.
UAPI_DIR := $(B)/usr/include
UAPI_SRCS := $(wildcard include/uapi/*/*.h arch/x86/include/uapi/*/*.h)
UAPI_HEADERS := $(patsubst include/uapi/%,$(UAPI_DIR)/%,\
	$(patsubst arch/x86/include/uapi/%,$(UAPI_DIR)/%,$(UAPI_SRCS)))

$(UAPI_DIR)/%.h: include/uapi/%.h
	@mkdir -p $(dir $@)
	$(Q)cp $< $@

$(UAPI_DIR)/%.h: arch/x86/include/uapi/%.h
	@mkdir -p $(dir $@)
	$(Q)cp $< $@

USER_CFLAGS := -std=gnu11 -m32 -march=i486 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -fno-builtin -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-fno-pie -fno-stack-protector -fno-asynchronous-unwind-tables -Ilibc/include \
	-I$(UAPI_DIR)
USER_LDFLAGS := -static -nostdlib -no-pie -Wl,-z,noexecstack -Wl,--build-id=none

LIBC_A := $(B)/libc/libc.a
CRT0 := $(B)/libc/crt0.o
# libgcc supplies the 64-bit division that printf's %llu needs.
USER_LIBS := $(LIBC_A) $(shell $(CC) -print-libgcc-file-name)

LIBC_C_OBJS := $(addprefix $(B)/libc/, \
	brk.o \
	dirent.o \
	errno.o \
	fd.o \
	poll.o \
	file.o \
	malloc.o \
	mman.o \
	namei.o \
	process.o \
	resource.o \
	signal.o \
	stdio.o \
	stdlib.o \
	string.o \
	sys.o \
	tty.o \
	uio.o)
LIBC_ASM_OBJS := $(addprefix $(B)/libc/, syscall.o setjmp.o sigreturn.o)
LIBC_OBJS := $(LIBC_C_OBJS) $(LIBC_ASM_OBJS) $(B)/libc/vsprintf.o $(B)/libc/kstring.o

.PHONY: libc
libc: $(LIBC_A) $(CRT0)

$(LIBC_C_OBJS): $(B)/libc/%.o: libc/%.c libc/libc.mk
	$(quiet) CC $<
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(USER_CFLAGS) -MMD -MP -c $< -o $@

$(LIBC_ASM_OBJS) $(CRT0): $(B)/libc/%.o: libc/%.S libc/libc.mk
	$(quiet) AS $<
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(USER_CFLAGS) -MMD -MP -c $< -o $@

# -Iinclude: vsprintf.c includes <kspace/printk.h>, which needs only compiler headers.
$(B)/libc/vsprintf.o: kernel/vsprintf.c libc/libc.mk
	$(quiet) CC $@
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(USER_CFLAGS) -Iinclude -MMD -MP -c $< -o $@

$(B)/libc/kstring.o: kernel/string.c libc/libc.mk
	$(quiet) CC $@
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(USER_CFLAGS) -Iinclude -MMD -MP -c $< -o $@

$(LIBC_OBJS) $(CRT0): | $(UAPI_HEADERS)

$(LIBC_A): $(LIBC_OBJS)
	$(quiet) AR $@
	$(Q)rm -f $@
	$(Q)$(CROSS_COMPILE)ar rcs $@ $^

-include $(LIBC_OBJS:.o=.d) $(CRT0:.o=.d)
