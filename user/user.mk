# user/user.mk: the user programs (included by the top-level Makefile after libc/libc.mk).
#
#   $(USER_PROGS)        every program for the initramfs, all under $(B)/user/: init (for
#                        /sbin/init), the shell, the utilities, runtests, the test-*
#                        programs, bench and hello (all for /bin/)
#   $(USER_BAD_ELF_DIR)  $(B)/user/bad-elf/, the malformed executables for /bin/bad-elf/,
#                        written together with hello by the host tool mkbadelf
#   make user            builds them all
#
# Each user/test-*.c is one program, linked with user/check.c; every other program is
# one file, linked alone.

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
	true \
	uname \
	v2p \
	layout \
	runtests \
	bench
USER_TESTS := \
	test-brk \
	test-brk-args \
	test-exec \
	test-execve-args \
	test-fork-cow \
	test-fork-loop \
	test-forkbomb \
	test-getpid \
	test-ioctl \
	test-proc \
	test-read \
	test-ring3 \
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
	test-stack \
	test-stat \
	test-syscall-abi \
	test-uname \
	test-wait \
	test-wait-args \
	test-write
USER_PROGS := $(addprefix $(B)/user/,$(USER_TOOLS) $(USER_TESTS)) $(B)/user/hello
USER_BAD_ELF_DIR := $(B)/user/bad-elf
MKBADELF := $(B)/tools/mkbadelf
HOSTCC ?= gcc

USER_OBJS := $(addprefix $(B)/user/,$(addsuffix .o,$(USER_TOOLS) check $(USER_TESTS)))

.PHONY: user
user: $(USER_PROGS)

$(USER_OBJS): $(B)/user/%.o: user/%.c user/user.mk libc/libc.mk | $(UAPI_HEADERS)
	$(quiet) CC $<
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(USER_CFLAGS) -MMD -MP -c $< -o $@

$(addprefix $(B)/user/,$(USER_TOOLS)): $(B)/user/%: $(CRT0) $(B)/user/%.o $(USER_LIBS)
	$(quiet) LD $@
	$(Q)$(CC) $(USER_LDFLAGS) -o $@ $^

$(addprefix $(B)/user/,$(USER_TESTS)): $(B)/user/%: $(CRT0) $(B)/user/%.o $(B)/user/check.o \
		$(USER_LIBS)
	$(quiet) LD $@
	$(Q)$(CC) $(USER_LDFLAGS) -o $@ $^

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
