# user/user.mk: the user programs (included by the top-level Makefile after libc/libc.mk).
#
#   $(USER_PROGS)        every program for the initramfs, all under $(B)/user/: init (for
#                        /sbin/init), the shell, the utilities, runtests, the test-*
#                        programs, bench, hello and the elf-image* layouts (all for /bin/)
#   $(USER_BAD_ELF_DIR)  $(B)/user/bad-elf/, the malformed executables for /bin/bad-elf/,
#                        written together with hello by the host tool mkbadelf
#   $(USER_GLIBC_TESTS)  the same test-* programs built against glibc (Debian's
#                        i686-linux-gnu-gcc -static), under $(B)/user-glibc/: the tests
#                        must pass whichever libc made the binary, on kspace and on Linux
#   $(GLIBC_DEMO)        a glibc program whose output must match on both kernels
#   $(GLIBC_PTHREADS)    the same for a glibc program using POSIX threads
#   $(USER_PROGS_GLIBC)  the glibc initramfs's programs
#   make user            builds them all
#
# Each user/test-*.c is one program, linked with user/check.c; every other program is
# one file, linked alone, but for sysfuzz (sysfuzz*.c).

USER_TOOLS := \
	init \
	sh \
	cat \
	dmesg \
	echo \
	false \
	free \
	hostname \
	ls \
	ps \
	pwd \
	sleep \
	runas \
	dd \
	sysfuzz \
	true \
	uname \
	v2p \
	layout \
	runtests \
	bench
USER_TESTS := \
	test-auxv \
	test-brk \
	test-brk-args \
	test-clock \
	test-chmod-perm \
	test-clone \
	test-creat \
	test-creds \
	test-dup \
	test-dev \
	test-exec \
	test-execve-args \
	test-fcntl \
	test-fork-cow \
	test-fork-loop \
	test-forkbomb \
	test-futex \
	test-futex-threads \
	test-getpid \
	test-getrandom \
	test-interrupts \
	test-ioctl \
	test-link \
	test-large-copy \
	test-lseek \
	test-madvise \
	test-mmap \
	test-mount \
	test-mprotect \
	test-mremap \
	test-oom \
	test-openat \
	test-path-length \
	test-prctl \
	test-pipe \
	test-pipe2-race \
	test-priority \
	test-poll \
	test-proc \
	test-proc-fd \
	test-proc-files \
	test-ramfs-smp \
	test-read \
	test-readlink \
	test-rename \
	test-ring3 \
	test-rw-vectors \
	test-rlimit \
	test-sethostname \
	test-sh \
	test-signal-altstack \
	test-signal-fault \
	test-signal-fpu \
	test-signal-frame \
	test-signal-handler \
	test-signal-job \
	test-signal-kill \
	test-signal-mask \
	test-signal-restart \
	test-signal-rt \
	test-smp \
	test-smp-stress \
	test-slabinfo \
	test-stack \
	test-stat \
	test-statx \
	test-syscall-abi \
	test-termios \
	test-tlb \
	test-threads \
	test-threads-files \
	test-tls \
	test-tty-ctty \
	test-truncate \
	test-uname \
	test-unlink \
	test-wait \
	test-wait-args \
	test-write
# elf-image checks its own memory image; test-exec runs it linked in each layout:
# the default one and those of user/elf-image-*.ld.
ELF_IMAGE_LAYOUTS := shared bss-only unsorted
ELF_IMAGES := $(addprefix $(B)/user/,elf-image $(addprefix elf-image-,$(ELF_IMAGE_LAYOUTS)))
USER_PROGS := $(addprefix $(B)/user/,$(USER_TOOLS) $(USER_TESTS)) $(B)/user/hello $(ELF_IMAGES)
USER_BAD_ELF_DIR := $(B)/user/bad-elf
MKBADELF := $(B)/tools/mkbadelf
HOSTCC ?= gcc

# sysfuzz is the one program of several files: these besides sysfuzz.c.
SYSFUZZ_PARTS := $(addprefix $(B)/user/,sysfuzz_calls.o sysfuzz_tidy.o sysfuzz_memory.o)
USER_OBJS := $(addprefix $(B)/user/,$(addsuffix .o,$(USER_TOOLS) check $(USER_TESTS) elf-image)) \
	$(SYSFUZZ_PARTS)

.PHONY: user
user: $(USER_PROGS)

$(USER_OBJS): $(B)/user/%.o: user/%.c user/user.mk libc/libc.mk | $(UAPI_HEADERS)
	$(quiet) CC $<
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(USER_CFLAGS) -MMD -MP -c $< -o $@

$(addprefix $(B)/user/,$(filter-out sysfuzz,$(USER_TOOLS))): $(B)/user/%: $(CRT0) $(B)/user/%.o \
		$(USER_LIBS)
	$(quiet) LD $@
	$(Q)$(CC) $(USER_LDFLAGS) -o $@ $^

$(B)/user/sysfuzz: $(CRT0) $(B)/user/sysfuzz.o $(SYSFUZZ_PARTS) $(USER_LIBS)
	$(quiet) LD $@
	$(Q)$(CC) $(USER_LDFLAGS) -o $@ $^

$(addprefix $(B)/user/,$(USER_TESTS)): $(B)/user/%: $(CRT0) $(B)/user/%.o $(B)/user/check.o \
		$(USER_LIBS)
	$(quiet) LD $@
	$(Q)$(CC) $(USER_LDFLAGS) -o $@ $^

$(B)/user/elf-image: $(CRT0) $(B)/user/elf-image.o $(USER_LIBS)
	$(quiet) LD $@
	$(Q)$(CC) $(USER_LDFLAGS) -o $@ $^

$(B)/user/elf-image-%: user/elf-image-%.ld $(CRT0) $(B)/user/elf-image.o $(USER_LIBS)
	$(quiet) LD $@
	$(Q)$(CC) $(USER_LDFLAGS) -Wl,-T,$< -o $@ $(filter-out $<,$^)

# mkbadelf runs on the build machine: it only writes files, with the host's <elf.h>.
$(MKBADELF): user/mkbadelf.c user/bad_elf.h user/user.mk
	$(quiet) HOSTCC $<
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -std=gnu11 -O2 -g -Wall -Wextra -Werror -o $@ $<

# One run writes both hello and bad-elf/.
$(B)/user/hello: $(MKBADELF)
	$(quiet) GEN $@
	$(Q)rm -rf $(USER_BAD_ELF_DIR)
	$(Q)$(MKBADELF) $(B)/user

$(USER_BAD_ELF_DIR): $(B)/user/hello

-include $(USER_OBJS:.o=.d)

# ---------------------------------------------------------------- glibc builds
# Debian's cross compiler with its own glibc (libc6-dev-i386-cross), exactly as anyone
# would build a static i386 program: nothing of kspace's is linked in. The tests pass NULL
# where a declaration says nonnull and negative sizes where one says a size (that is the
# point of them), hence -Wno-nonnull -Wno-stringop-overflow.
GLIBC_CC := i686-linux-gnu-gcc
GLIBC_CFLAGS := -std=gnu11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror \
	-Wno-nonnull -Wno-stringop-overflow -fno-pie -no-pie -static -s
USER_GLIBC_TESTS := $(addprefix $(B)/user-glibc/,$(USER_TESTS))
GLIBC_DEMO := $(B)/user-glibc/glibc-demo
GLIBC_PTHREADS := $(B)/user-glibc/glibc-pthreads
# The programs of the glibc initramfs: kspace's tools, the glibc tests and the demo.
USER_PROGS_GLIBC := $(filter-out $(addprefix $(B)/user/,$(USER_TESTS)),$(USER_PROGS)) \
	$(USER_GLIBC_TESTS) $(GLIBC_DEMO) $(GLIBC_PTHREADS)

.PHONY: user-glibc
user-glibc: $(USER_GLIBC_TESTS) $(GLIBC_DEMO) $(GLIBC_PTHREADS)

$(USER_GLIBC_TESTS): $(B)/user-glibc/%: user/%.c user/check.c user/check.h user/clone_thread.h user/user.mk
	$(quiet) GLIBC $@
	@mkdir -p $(dir $@)
	$(Q)$(GLIBC_CC) $(GLIBC_CFLAGS) -o $@ $< user/check.c

$(GLIBC_DEMO): user/glibc-demo.c user/user.mk
	$(quiet) GLIBC $@
	@mkdir -p $(dir $@)
	$(Q)$(GLIBC_CC) $(GLIBC_CFLAGS) -o $@ $< -lm

$(GLIBC_PTHREADS): user/glibc-pthreads.c user/user.mk
	$(quiet) GLIBC $@
	@mkdir -p $(dir $@)
	$(Q)$(GLIBC_CC) $(GLIBC_CFLAGS) -pthread -o $@ $<
