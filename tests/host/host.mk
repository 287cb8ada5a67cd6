# tests/host/host.mk: the host unit tests (included by the top-level Makefile).
# The kernel's generic C sources are compiled for the host with their libc-clashing
# names renamed (kernel_names.h) and linked with the tests into $(HOST_TEST_BIN),
# which prints one PASS/FAIL line per test.

HOST_TEST_BIN := $(B)/host-tests

HOST_KERNEL_SRCS := kernel/kallsyms.c kernel/params.c kernel/seq_buf.c kernel/string.c \
	kernel/rbtree.c kernel/vsprintf.c kernel/fs/ramfs.c kernel/fs/ramfs_walk.c kernel/initramfs.c kernel/extable.c \
	kernel/elf_layout.c kernel/chacha.c
# The firmware tables (ACPI MADT, MP table), over tests/host/fake_phys.c's memory.
HOST_FIRMWARE_SRCS := arch/x86/kernel/acpi.c arch/x86/kernel/mp_config.c arch/x86/kernel/mpparse.c
# The physical memory allocator, over simulated RAM (tests/host/mm_sim.c).
HOST_MM_SRCS := mm/memblock.c mm/mm_init.c mm/page_alloc.c mm/page_poison.c
HOST_TEST_SRCS := $(sort $(wildcard tests/host/*.c))

# AddressSanitizer and UBSan: an out-of-bounds access or undefined behaviour in the
# kernel's code fails the test that caused it.
HOST_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Iinclude $(HOST_SANITIZE)
# Kernel sources see only the compiler's own headers, as in the kernel build.
HOST_KERNEL_CFLAGS := $(HOST_CFLAGS) -ffreestanding -nostdinc \
	-isystem $(shell $(HOSTCC) -print-file-name=include) -include tests/host/kernel_names.h

HOST_KERNEL_OBJS := $(patsubst %.c,$(B)/host/%.o,$(HOST_KERNEL_SRCS) $(HOST_MM_SRCS) $(HOST_FIRMWARE_SRCS))
HOST_TEST_OBJS := $(patsubst %.c,$(B)/host/%.o,$(HOST_TEST_SRCS))

# <asm/...> for the mm code and its tests: the host stand-ins in tests/host/arch (no
# cli/sti; RAM is a host mapping) come before the real headers, which supply the rest.
# Format checks are the i386 build's job: on the host, u64 is unsigned long, not the
# unsigned long long that the kernel's %llu expects.
HOST_ARCH_INCLUDES := -Itests/host/arch -Iarch/x86/include
$(patsubst %.c,$(B)/host/%.o,$(HOST_MM_SRCS)): HOST_MM_CFLAGS := $(HOST_ARCH_INCLUDES) -Wno-format
$(HOST_TEST_OBJS): HOST_MM_CFLAGS := $(HOST_ARCH_INCLUDES)
# ramfs reaches <asm/page.h> through <kspace/slab.h>; kmalloc and vmalloc are stub_alloc.c's.
$(B)/host/kernel/fs/ramfs.o $(B)/host/kernel/fs/ramfs_walk.o $(B)/host/kernel/initramfs.o: HOST_MM_CFLAGS := $(HOST_ARCH_INCLUDES)
# The ELF loader's plan needs the real user address space (TASK_SIZE), not the simulated RAM.
$(B)/host/kernel/elf_layout.o: HOST_MM_CFLAGS := -Iarch/x86/include
$(patsubst %.c,$(B)/host/%.o,$(HOST_FIRMWARE_SRCS)) $(B)/host/tests/host/fake_phys.o \
	$(B)/host/tests/host/test_acpi.o $(B)/host/tests/host/test_mpparse.o: \
	HOST_MM_CFLAGS := -Iarch/x86/include -Wno-format

$(HOST_KERNEL_OBJS): $(B)/host/%.o: %.c tests/host/kernel_names.h tests/host/host.mk
	$(quiet) HOSTCC $<
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOST_MM_CFLAGS) $(HOST_KERNEL_CFLAGS) -MMD -MP -c $< -o $@

$(HOST_TEST_OBJS): $(B)/host/%.o: %.c tests/host/host.mk
	$(quiet) HOSTCC $<
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOST_MM_CFLAGS) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

$(HOST_TEST_BIN): $(HOST_KERNEL_OBJS) $(HOST_TEST_OBJS)
	$(quiet) HOSTLD $@
	$(Q)$(HOSTCC) $(HOST_SANITIZE) -o $@ $^

-include $(HOST_KERNEL_OBJS:.o=.d) $(HOST_TEST_OBJS:.o=.d)
