; arch/x86/boot/head_high.asm: the rest of head.asm's work, once paging is on and eip
; is above PAGE_OFFSET: drop the identity map and call start_kernel().
;
; It has a file of its own because NASM's debug information describes one code
; section per file; here, gdb knows the lines of both halves, and backtraces from
; start_kernel end cleanly.

%include "asm-offsets.inc"

%define PA(x) ((x) - PAGE_OFFSET)

extern initial_page_table, swapper_pg_dir, init_thread_union, start_kernel

section .text
global startup_32_high
startup_32_high:
	; swapper_pg_dir gets the kernel half only; loading it drops the identity map.
	mov esi, initial_page_table + KERNEL_PGD_INDEX * 4
	mov edi, swapper_pg_dir + KERNEL_PGD_INDEX * 4
	mov ecx, BOOT_MAP_SIZE >> PGDIR_SHIFT
	rep movsd
	mov eax, PA(swapper_pg_dir)
	mov cr3, eax

	mov esp, init_thread_union + THREAD_SIZE
	xor ebp, ebp                    ; the end of every backtrace
	push 0
	popfd
	call start_kernel
.hang:
	cli
	hlt
	jmp .hang
