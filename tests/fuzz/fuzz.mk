# tests/fuzz/fuzz.mk: libFuzzer harnesses for the kernel's parsers of untrusted bytes
# (included by the top-level Makefile). Each harness is tests/fuzz/<name>.c linked
# with the kernel sources it drives, compiled for the host as tests/host/host.mk
# compiles them, but with clang's coverage instrumentation, ASan and UBSan.
#
#   make fuzz                 every step in FUZZ_STEPS, one after another
#                             (FUZZ_SECONDS=60 per harness; FUZZ_MERGE=1 folds the new
#                             inputs, minimized, into the committed corpus)
#   make fuzz-<name>          one harness
#   make test                 replays the committed corpora (scripts/fuzz-replay)
#
# Another fuzzer joins `make fuzz` by adding its target to FUZZ_STEPS (FUZZ_STEPS +=
# fuzz-syscalls, before or after this file is included); the steps run in order.

FUZZCC := clang
FUZZ_SECONDS ?= 60
FUZZ_DIR := $(B)/fuzz
FUZZ_OBJ := $(B)/fuzz/obj

FUZZ_HARNESSES := vsprintf elf params initramfs multiboot namei setup madt mptable

# The kernel sources (and host stand-ins from tests/host) each harness links.
fuzz_vsprintf_SRCS := kernel/vsprintf.c
fuzz_elf_SRCS := kernel/elf_layout.c kernel/string.c
# params_kernel.c is kernel/params.c with a reset for the harness: a kernel source.
fuzz_params_SRCS := tests/fuzz/params_kernel.c kernel/string.c kernel/vsprintf.c tests/host/stubs.c tests/host/stub_locks.c
fuzz_initramfs_SRCS := kernel/initramfs.c kernel/fs/ramfs.c kernel/fs/ramfs_walk.c kernel/string.c kernel/vsprintf.c \
	tests/host/stubs.c tests/host/stub_locks.c tests/host/stub_alloc.c tests/host/stub_filemap.c tests/host/newc.c \
	tests/host/ramfs_fixture.c
# mm_kernel.c is mm/page_alloc.c with a reset for the harness: a kernel source.
fuzz_multiboot_SRCS := boot/multiboot.c mm/memblock.c mm/mm_init.c tests/fuzz/mm_kernel.c mm/page_poison.c \
	kernel/params.c kernel/seq_buf.c kernel/string.c kernel/vsprintf.c tests/host/stubs.c tests/host/stub_locks.c \
	tests/host/mm_sim.c
fuzz_namei_SRCS := kernel/fs/ramfs.c kernel/fs/ramfs_walk.c kernel/string.c kernel/vsprintf.c tests/host/stubs.c tests/host/stub_locks.c \
	tests/host/stub_alloc.c tests/host/stub_filemap.c
# The firmware tables; early_memremap() is tests/host/fake_phys.c's.
FUZZ_FIRMWARE_SRCS := arch/x86/kernel/acpi.c arch/x86/kernel/mp_config.c \
	arch/x86/kernel/mpparse.c kernel/string.c kernel/vsprintf.c tests/host/stubs.c \
	tests/host/fake_phys.c
fuzz_madt_SRCS := $(FUZZ_FIRMWARE_SRCS)
fuzz_mptable_SRCS := $(FUZZ_FIRMWARE_SRCS)
# The real __setup handlers, each file with a reset (tests/fuzz/setup_*_kernel.c). These
# objects go to their own directory: setup_section.h moves their table where the host's
# linker bounds it, and --gc-sections drops the boot code around the handlers (with lld:
# GNU ld still reports the undefined symbols of the sections it drops).
fuzz_setup_SRCS := $(addprefix setup/tests/fuzz/setup_,printk_kernel.c selftest_kernel.c \
	main_kernel.c fault_inject_kernel.c bench_kernel.c) setup/mm/slab_debug.c \
	setup/mm/page_poison.c kernel/string.c kernel/vsprintf.c tests/fuzz/setup_stubs.c tests/host/stub_locks.c
fuzz_setup_LDFLAGS := -fuse-ld=lld -Wl,--gc-sections

$(FUZZ_OBJ)/setup/%.o: %.c tests/fuzz/setup_section.h tests/host/kernel_names.h tests/fuzz/fuzz.mk
	$(quiet) FUZZCC $<
	@mkdir -p $(dir $@)
	$(Q)$(FUZZCC) $(FUZZ_KERNEL_CFLAGS) -include tests/fuzz/setup_section.h \
		-ffunction-sections -fdata-sections $(FUZZ_SETUP_ARCH) -Wno-format -MMD -MP -c $< -o $@
# printk.c and page_poison.c take the host's interrupt flags and page macros; the
# others need the real memory layout, with the host's current_thread_info().
FUZZ_SETUP_ARCH = -Itests/fuzz/arch -Iarch/x86/include
$(FUZZ_OBJ)/setup/tests/fuzz/setup_printk_kernel.o $(FUZZ_OBJ)/setup/mm/page_poison.o: \
	FUZZ_SETUP_ARCH = -Itests/host/arch -Iarch/x86/include

FUZZ_STEPS += $(addprefix fuzz-,$(FUZZ_HARNESSES))
FUZZ_BINS := $(addprefix $(FUZZ_DIR)/,$(FUZZ_HARNESSES))

FUZZ_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Iinclude $(FUZZ_SANITIZE) \
	-fsanitize=fuzzer-no-link
FUZZ_KERNEL_CFLAGS := $(FUZZ_CFLAGS) -ffreestanding -nostdinc \
	-isystem $(shell $(FUZZCC) -print-file-name=include 2>/dev/null) \
	-include tests/host/kernel_names.h
# As in host.mk: the host's <asm/...> stand-ins first, except for the ELF plan, which
# needs the real user address space (TASK_SIZE).
FUZZ_ARCH := -Itests/host/arch -Iarch/x86/include -Wno-format
$(FUZZ_OBJ)/kernel/elf_layout.o $(FUZZ_OBJ)/tests/fuzz/elf.o: FUZZ_ARCH := -Iarch/x86/include
$(patsubst %.c,$(FUZZ_OBJ)/%.o,$(filter arch/%,$(FUZZ_FIRMWARE_SRCS)) tests/host/fake_phys.c \
	tests/fuzz/madt.c tests/fuzz/mptable.c): FUZZ_ARCH := -Iarch/x86/include -Wno-format

FUZZ_TU_CFLAGS = $(FUZZ_CFLAGS)
$(FUZZ_OBJ)/tests/fuzz/params_kernel.o $(FUZZ_OBJ)/tests/fuzz/mm_kernel.o: \
	FUZZ_TU_CFLAGS = $(FUZZ_KERNEL_CFLAGS)

# The host stand-ins and models (tests/host) are not what is fuzzed: no coverage
# feedback from them (mm_sim's model checks would otherwise dominate the run time).
$(FUZZ_OBJ)/tests/host/%.o: FUZZ_TU_CFLAGS = $(filter-out -fsanitize=fuzzer-no-link,$(FUZZ_CFLAGS))

$(FUZZ_OBJ)/tests/%.o: tests/%.c tests/fuzz/fuzz.mk
	$(quiet) FUZZCC $<
	@mkdir -p $(dir $@)
	$(Q)$(FUZZCC) $(FUZZ_TU_CFLAGS) $(FUZZ_ARCH) -MMD -MP -c $< -o $@

$(FUZZ_OBJ)/%.o: %.c tests/host/kernel_names.h tests/fuzz/fuzz.mk
	$(quiet) FUZZCC $<
	@mkdir -p $(dir $@)
	$(Q)$(FUZZCC) $(FUZZ_KERNEL_CFLAGS) $(FUZZ_ARCH) -MMD -MP -c $< -o $@

define fuzz_harness
$(FUZZ_DIR)/$(1): $(FUZZ_OBJ)/tests/fuzz/$(1).o $(FUZZ_OBJ)/tests/fuzz/support.o \
		$(patsubst %.c,$(FUZZ_OBJ)/%.o,$(fuzz_$(1)_SRCS))
	$$(quiet) FUZZLD $$@
	$$(Q)$$(FUZZCC) $$(FUZZ_SANITIZE) -fsanitize=fuzzer $$(fuzz_$(1)_LDFLAGS) -o $$@ $$^

fuzz-$(1): $(FUZZ_DIR)/$(1)
	$$(Q)scripts/fuzz-run $(FUZZ_DIR)/$(1) $(1) $$(FUZZ_SECONDS)
endef
$(foreach h,$(FUZZ_HARNESSES),$(eval $(call fuzz_harness,$(h))))

# One step at a time: each harness gets the machine's cores to itself for its time.
fuzz:
	$(Q)for step in $(FUZZ_STEPS); do $(MAKE) --no-print-directory $$step || exit 1; done

.PHONY: fuzz $(FUZZ_STEPS)

-include $(shell find $(FUZZ_OBJ) -name '*.d' 2>/dev/null)
