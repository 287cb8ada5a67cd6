# user/user.mk: the user programs (included by the top-level Makefile after libc/libc.mk).
#
#   $(USER_PROGS)        every program for the initramfs, all under $(B)/user/: init (for
#                        /sbin/init), the test-* programs and hello (for /bin/)
#   $(USER_BAD_ELF_DIR)  $(B)/user/bad-elf/, the malformed executables for /bin/bad-elf/,
#                        written together with hello by the host tool mkbadelf
#   make user            builds them all
#
# Each user/test-*.c is one program, linked with user/check.c; init.c is linked alone.

USER_TESTS := \
	test-brk \
	test-exec \
	test-fork-cow \
	test-fork-loop \
	test-forkbomb \
	test-getpid \
	test-ring3 \
	test-stack \
	test-wait
USER_PROGS := $(B)/user/init $(addprefix $(B)/user/,$(USER_TESTS)) $(B)/user/hello $(B)/user/bench
USER_BAD_ELF_DIR := $(B)/user/bad-elf
MKBADELF := $(B)/tools/mkbadelf
HOSTCC ?= gcc

USER_OBJS := $(addprefix $(B)/user/,$(addsuffix .o,init bench check $(USER_TESTS)))

.PHONY: user
user: $(USER_PROGS)

$(USER_OBJS): $(B)/user/%.o: user/%.c user/user.mk libc/libc.mk
	$(quiet) CC $<
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(USER_CFLAGS) -MMD -MP -c $< -o $@

# make bench's program: it times system calls, faults and switches from user space.
$(B)/user/init $(B)/user/bench: $(B)/user/%: $(CRT0) $(B)/user/%.o $(USER_LIBS)
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
