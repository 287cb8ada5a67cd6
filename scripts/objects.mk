# The kernel's objects, by directory. head.o must come first: its .head.text is
# what the loader jumps to.
KERNEL_OBJS := \
	arch/x86/boot/head.o \
	boot/header.o \
	boot/multiboot.o \
	boot/multiboot_test.o \
	arch/x86/kernel/entry.o \
	arch/x86/kernel/cpu.o \
	arch/x86/kernel/cpu_tables_test.o \
	arch/x86/kernel/dumpstack.o \
	arch/x86/kernel/gdt.o \
	arch/x86/kernel/i8259.o \
	arch/x86/kernel/irq.o \
	arch/x86/kernel/process.o \
	arch/x86/kernel/reboot.o \
	arch/x86/kernel/serial.o \
	arch/x86/kernel/setup.o \
	arch/x86/kernel/time.o \
	arch/x86/kernel/time_test.o \
	arch/x86/kernel/traps.o \
	arch/x86/kernel/vga.o \
	arch/x86/mm/fault.o \
	arch/x86/mm/init.o \
	arch/x86/mm/layout.o \
	arch/x86/mm/paging_test.o \
	arch/x86/mm/pgtable.o \
	kernel/kallsyms.o \
	kernel/kallsyms_test.o \
	kernel/main.o \
	kernel/panic.o \
	kernel/params.o \
	kernel/printk.o \
	kernel/printk_test.o \
	kernel/selftest.o \
	kernel/seq_buf.o \
	kernel/string.o \
	kernel/time.o \
	kernel/vsprintf.o \
	mm/memblock.o \
	mm/mm_init.o \
	mm/page_alloc.o \
	mm/page_alloc_test.o \
	mm/slab.o \
	mm/slab_test.o \
	mm/vmalloc.o \
	mm/vmalloc_test.o \
	mm/vmstat.o
