# kspace top-level Makefile.
#
#   make            build build/kspace.elf and build/kspace.iso
#   make run        boot the ISO in QEMU (serial on this terminal, VGA window if a display exists)
#   make run-nox    boot the ISO with the serial console only
#   make debug      boot stopped, with gdb attached at start_kernel
#   make test       host unit tests + QEMU boot tests; ends with "N passed, M failed"
#   make bench      guest instructions per operation, under QEMU -icount shift=0, at
#                   -smp 1 and -smp 2, beside Linux; wall-clock scaling of two processes
#   make fuzz       every libFuzzer harness (tests/fuzz/) for FUZZ_SECONDS=60 each, then
#                   make fuzz-syscalls: 10^7 random system calls by /bin/sysfuzz
#                   (SYSFUZZ_CALLS=, SYSFUZZ_SEED=); both print their rates
#   make check-linux  the same user programs on Debian's i386 Linux in QEMU (root; 52 MB once), and
#                     the busybox applet suite's expected output recorded there
#   make docs       redraw docs/diagrams/*.svg and re-record the walkthroughs' transcripts
#   make clean      remove build/
#
# Variables: MEM=128M (RAM), QEMU_ARGS= (extra QEMU options), INIT=/path (the first
# program, default /sbin/init), CMDLINE= (more kernel parameters, e.g. selftest=highmem_),
# EXTRA_DIR=dir (files added to the initramfs root), V=1 (show full commands),
# USERLAND=busybox (Debian's busybox-static at /bin/busybox and its applets under /bin, so
# make run boots to busybox's ash; scripts/install-deps fetches it into KSPACE_CACHE).

MEM        ?= 128M
QEMU_ARGS  ?=
INIT       ?=
CMDLINE    ?=
EXTRA_DIR  ?=
V          ?= 0
USERLAND   ?= kspace
KSPACE_CACHE ?= $(HOME)/.cache/kspace
BUSYBOX    ?= $(KSPACE_CACHE)/busybox/busybox

# Every goal but clean needs the toolchain: install it (as root) or say how, before the
# variables below ask the compiler anything.
ifneq ($(filter-out clean,$(or $(MAKECMDGOALS),all)),)
ifneq ($(shell scripts/ensure-deps >&2 && echo ok),ok)
$(error required tools are missing (see above))
endif
endif

# Prefer a bare-metal i686-elf toolchain; fall back to Debian's Linux-targeted cross gcc,
# which we use freestanding.
ifeq ($(origin CROSS_COMPILE),undefined)
CROSS_COMPILE := $(if $(shell command -v i686-elf-gcc 2>/dev/null),i686-elf-,i686-linux-gnu-)
endif

CC      := $(CROSS_COMPILE)gcc
LD      := $(CROSS_COMPILE)ld
NM      := $(CROSS_COMPILE)nm
OBJCOPY := $(CROSS_COMPILE)objcopy
NASM    := nasm
QEMU    := qemu-system-i386
PYTHON  := python3
HOSTCC  := gcc

ifeq ($(V),1)
Q :=
quiet = @true
else
Q := @
quiet = @printf '  %-7s %s\n'
endif

# B: the output directory; KCFLAGS: extra kernel compiler flags (used for the test
# kernel built with a small pkmap window).
B ?= build
KCFLAGS ?=

KERNEL_INCLUDES := -Iinclude -Iarch/x86/include
# -march=i486: the kernel must run on a 486, and gcc's i686 default emits cmov.
# Frame pointers stay so oopses can walk the stack. The stack is kept 4-byte aligned,
# as Linux/i386 keeps it: the kernel has no SSE data, and 16-byte alignment costs an
# esp adjustment around calls.
KERNEL_CFLAGS := -std=gnu11 -m32 -march=i486 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -fno-builtin -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-fno-pie -fno-pic -fno-stack-protector -fno-omit-frame-pointer -mpreferred-stack-boundary=2 \
	-fno-asynchronous-unwind-tables -fno-common -mgeneral-regs-only \
	$(KERNEL_INCLUDES) $(KCFLAGS)
NASMFLAGS := -f elf32 -g -F dwarf -I$(B)/include/generated/
LDFLAGS   := -m elf_i386 -nostdlib -z max-page-size=0x1000 -z noexecstack -T linker.ld
LIBGCC    := $(shell $(CC) -print-libgcc-file-name 2>/dev/null)

include scripts/objects.mk

KOBJS := $(addprefix $(B)/,$(KERNEL_OBJS))

ELF := $(B)/kspace.elf
ISO := $(B)/kspace.iso
INITRAMFS := $(B)/initramfs.cpio
KERNEL_CMDLINE := $(strip $(if $(INIT),init=$(INIT)) $(CMDLINE))

.DEFAULT_GOAL := all
include libc/libc.mk
include user/user.mk

.PHONY: all iso run run-nox debug test bench check-linux docs clean FORCE
all: $(ELF) $(ISO) $(B)/compile_commands.json

iso: $(ISO)

# ---------------------------------------------------------------- compile
$(B)/%.o: %.c Makefile
	$(quiet) CC $<
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KERNEL_CFLAGS) -MMD -MP -c $< -o $@

$(B)/%.o: %.asm Makefile $(B)/include/generated/asm-offsets.inc
	$(quiet) AS $<
	@mkdir -p $(dir $@)
	$(Q)$(NASM) $(NASMFLAGS) -MD $(@:.o=.d) -MP $< -o $@

-include $(KOBJS:.o=.d)

# Constants for NASM, computed by the C compiler from the C headers.
# The headers too: a struct that grows (a lock added to task_struct) moves the offsets.
$(B)/include/generated/asm-offsets.inc: arch/x86/kernel/asm-offsets.c scripts/asm-offsets Makefile \
	$(wildcard include/kspace/*.h arch/x86/include/asm/*.h)
	$(quiet) GEN $@
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KERNEL_CFLAGS) -S -o $(B)/asm-offsets.s $<
	$(Q)scripts/asm-offsets $(B)/asm-offsets.s > $@

# ---------------------------------------------------------------- link
# kallsyms: pass 1 links with an empty symbol table, the table is generated from
# pass 1's text symbols, and pass 2 links it in. The table lives after .text, so
# text addresses are identical in both passes; the final check proves it.
$(B)/kallsyms_empty.c: scripts/kallsyms.py
	$(quiet) GEN $@
	@mkdir -p $(B)
	$(Q)$(PYTHON) scripts/kallsyms.py < /dev/null > $@

$(B)/kallsyms_empty.o $(B)/kallsyms.o: $(B)/%.o: $(B)/%.c
	$(quiet) CC $<
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(B)/.tmp_kspace1.elf: $(KOBJS) $(B)/kallsyms_empty.o linker.ld
	$(quiet) LD $@
	$(Q)$(LD) $(LDFLAGS) -o $@ $(KOBJS) $(B)/kallsyms_empty.o $(LIBGCC)

$(B)/kallsyms.c: $(B)/.tmp_kspace1.elf scripts/kallsyms.py
	$(quiet) KSYM $@
	$(Q)$(NM) -n $< | $(PYTHON) scripts/kallsyms.py > $@

$(ELF): $(KOBJS) $(B)/kallsyms.o linker.ld
	$(quiet) LD $@
	$(Q)$(LD) $(LDFLAGS) -o $@ $(KOBJS) $(B)/kallsyms.o $(LIBGCC)
	$(Q)$(NM) -n $@ | $(PYTHON) scripts/kallsyms.py --verify $(B)/kallsyms.c

# ---------------------------------------------------------------- initramfs
ifeq ($(USERLAND),busybox)
ifeq ($(wildcard $(BUSYBOX)),)
$(error USERLAND=busybox: no $(BUSYBOX): fetch it with scripts/install-deps (as root))
endif
INITRAMFS_BUSYBOX_ENV := BUSYBOX=$(BUSYBOX)
else ifneq ($(USERLAND),kspace)
$(error USERLAND is kspace or busybox, not $(USERLAND))
endif

# Rebuilt on every make (EXTRA_DIR's files may change), but only rewritten when its
# content changes, so the ISO is not remade for nothing. The programs go in without their
# debug information (gdb reads it from $(B)/user/), so a 16 MiB machine has room to unpack.
$(B)/initramfs.cpio $(B)/initramfs-glibc.cpio $(B)/initramfs-busybox.cpio: export STRIP_DEBUG := $(OBJCOPY) --strip-debug
$(INITRAMFS): $(USER_PROGS) $(USER_BAD_ELF_DIR) scripts/mkinitramfs FORCE
	$(Q)$(INITRAMFS_BUSYBOX_ENV) scripts/mkinitramfs $(B)/initramfs "$(USER_BAD_ELF_DIR)" "$(EXTRA_DIR)" $(USER_PROGS) | \
		scripts/update-if-changed $@

# The same root with the test programs built against glibc, and glibc-demo (make test).
INITRAMFS_GLIBC := $(B)/initramfs-glibc.cpio
$(INITRAMFS_GLIBC): $(USER_PROGS_GLIBC) $(USER_BAD_ELF_DIR) scripts/mkinitramfs FORCE
	$(Q)scripts/mkinitramfs $(B)/initramfs-glibc "$(USER_BAD_ELF_DIR)" "" $(USER_PROGS_GLIBC) | \
		scripts/update-if-changed $@

# The kspace root with Debian's busybox and the busybox tests' /test added (make test's
# busybox cases), when busybox was fetched.
INITRAMFS_BB := $(if $(wildcard $(BUSYBOX)),$(B)/initramfs-busybox.cpio)
$(B)/initramfs-busybox.cpio: $(USER_PROGS) $(USER_BAD_ELF_DIR) scripts/mkinitramfs scripts/busybox-applets FORCE
	$(Q)BUSYBOX=$(BUSYBOX) scripts/mkinitramfs $(B)/initramfs-busybox "$(USER_BAD_ELF_DIR)" \
		tests/busybox/root $(USER_PROGS) | scripts/update-if-changed $@

# ---------------------------------------------------------------- ISO
# The GRUB menu carries INIT= (as init=) and CMDLINE=; it too is rewritten only when it changes.
# It reaches the script through the environment, so no shell quoting stands in between.
$(B)/iso/boot/grub/grub.cfg: export KERNEL_CMDLINE := $(KERNEL_CMDLINE)
$(B)/iso/boot/grub/grub.cfg: boot/grub.cfg scripts/mkgrubcfg FORCE
	@mkdir -p $(dir $@)
	$(Q)scripts/mkgrubcfg $< > $@.new && scripts/update-if-changed $@ < $@.new; \
		status=$$?; rm -f $@.new; exit $$status

$(ISO): $(ELF) $(INITRAMFS) $(B)/iso/boot/grub/grub.cfg
	$(quiet) ISO $@
	$(Q)cp $(ELF) $(B)/iso/boot/kspace.elf
	$(Q)cp $(INITRAMFS) $(B)/iso/boot/initramfs.cpio
	$(Q)grub-mkrescue -o $@ $(B)/iso >$(B)/grub-mkrescue.log 2>&1 || \
		{ cat $(B)/grub-mkrescue.log; exit 1; }

# ---------------------------------------------------------------- editors
$(B)/compile_commands.json: Makefile scripts/objects.mk scripts/compile-commands
	$(quiet) GEN $@
	@mkdir -p $(B)
	$(Q)scripts/compile-commands "$(CURDIR)" "$(CC) $(KERNEL_CFLAGS)" $(KERNEL_OBJS) > $@

# ---------------------------------------------------------------- run
QEMU_BASE := $(QEMU) -m $(MEM) -no-reboot -net none -boot d -device isa-debug-exit,iobase=0xf4,iosize=0x04
# Show a VGA window only when there is a display to show it on.
QEMU_DISPLAY := $(if $(DISPLAY)$(WAYLAND_DISPLAY),,-display none)

run: $(ISO)
	$(Q)scripts/qemu-exit $(QEMU_BASE) -cdrom $(ISO) -serial mon:stdio $(QEMU_DISPLAY) $(QEMU_ARGS)

run-nox: $(ISO)
	$(Q)scripts/qemu-exit $(QEMU_BASE) -cdrom $(ISO) -nographic $(QEMU_ARGS)

debug: $(ISO)
	$(Q)scripts/debug "$(ELF)" $(QEMU_BASE) -cdrom $(ISO) $(QEMU_DISPLAY) $(QEMU_ARGS)

# ---------------------------------------------------------------- docs
# docs/diagrams/*.svg are drawn from a 2 GiB boot's own log (scripts/mkdiagrams.py), and
# the transcripts in docs/walkthrough-*.md are recorded by typing their commands into
# make debug and make run (scripts/walkthroughs.py). So they cannot drift from the code:
# make test fails when they are out of date.
DOCS_LOG := $(B)/docs-boot.log
docs: $(ELF) scripts/mkdiagrams.py scripts/walkthroughs.py
	$(quiet) BOOT $(DOCS_LOG)
	$(Q)timeout 60 scripts/qemu-exit $(QEMU) -m 2G -no-reboot -net none -display none -monitor none \
		-serial file:$(DOCS_LOG) -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel $(ELF) -append selftest=printk
	$(quiet) GEN docs/diagrams
	$(Q)$(PYTHON) scripts/mkdiagrams.py $(DOCS_LOG) docs/diagrams
	$(Q)$(PYTHON) scripts/walkthroughs.py record docs/walkthrough-*.md

# ---------------------------------------------------------------- tests
include tests/host/host.mk
include tests/fuzz/fuzz.mk

# A second kernel with LAST_PKMAP=8, so tests can drive the pkmap wrap-around cheaply.
PKMAP8_ELF := $(B)/pkmap8/kspace.elf
$(PKMAP8_ELF): FORCE
	$(Q)$(MAKE) --no-print-directory B=$(B)/pkmap8 KCFLAGS=-DLAST_PKMAP=8 $@

test: $(ELF) $(ISO) $(INITRAMFS) $(INITRAMFS_GLIBC) $(INITRAMFS_BB) $(HOST_TEST_BIN) $(PKMAP8_ELF) $(FUZZ_BINS)
	$(if $(INITRAMFS_BB),,@echo "test: no $(BUSYBOX): the busybox/ cases are skipped (scripts/install-deps fetches it)")
	$(Q)$(PYTHON) tests/run.py --host $(HOST_TEST_BIN) --fuzz $(FUZZ_DIR) --elf $(ELF) --iso $(ISO) \
		--pkmap8-elf $(PKMAP8_ELF) --initramfs $(INITRAMFS) --initramfs-glibc $(INITRAMFS_GLIBC) \
		$(if $(INITRAMFS_BB),--initramfs-busybox $(INITRAMFS_BB))

# With busybox fetched, the initramfs that has it, for the busybox_sh_c_true row.
bench: $(ELF) $(INITRAMFS) $(INITRAMFS_BB)
	$(Q)$(PYTHON) scripts/bench.py $(ELF) $(or $(INITRAMFS_BB),$(INITRAMFS)) $(if $(INITRAMFS_BB),$(BUSYBOX))

# The system-call fuzzer's long run; one of make fuzz's steps.
FUZZ_STEPS += fuzz-syscalls
fuzz-syscalls: $(ELF) $(INITRAMFS)
	$(Q)scripts/fuzz-syscalls $(ELF) $(INITRAMFS)

# Twice: the programs as built against kspace's libc, then with the tests (and glibc-demo)
# built against glibc.
check-linux: $(USER_PROGS) $(USER_PROGS_GLIBC) $(USER_BAD_ELF_DIR) scripts/check-linux
	$(Q)scripts/check-linux $(B) $(USER_PROGS)
	$(Q)CHECK_LINUX_NAME=linux-glibc scripts/check-linux $(B) $(USER_PROGS_GLIBC)
	$(if $(wildcard $(BUSYBOX)),$(Q)scripts/record-busybox-applets $(B) $(BUSYBOX))

clean:
	$(quiet) CLEAN $(B)
	$(Q)rm -rf $(B)
