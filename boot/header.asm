; boot/header.asm: the Multiboot 1 header. GRUB (and QEMU's -kernel) look for it in
; the first 8 KiB of the image; the linker script puts it first in .text.

MULTIBOOT_MAGIC     equ 0x1BADB002
MULTIBOOT_PAGE_ALIGN equ 1 << 0   ; load modules (the initramfs) on page boundaries
MULTIBOOT_MEMINFO   equ 1 << 1    ; we need the memory map
MULTIBOOT_FLAGS     equ MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMINFO

section .multiboot progbits alloc noexec nowrite align=4
	dd MULTIBOOT_MAGIC
	dd MULTIBOOT_FLAGS
	dd -(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)
