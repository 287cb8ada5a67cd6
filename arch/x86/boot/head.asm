; arch/x86/boot/head.asm: the first kernel code to run.
;
; The Multiboot loader jumps here with paging off, eax = 0x2BADB002 and ebx = the
; physical address of the Multiboot information. This first part (.head.text) is
; linked at its physical address; the kernel's data is linked at PAGE_OFFSET + 1 MiB
; but loaded at 1 MiB, so until paging is on it is reached through PA(). The steps,
; as in Linux's head_32.S:
;   1. load a flat GDT (the loader's is undefined) and a stack;
;   2. build initial_page_table mapping the first BOOT_MAP_SIZE of RAM twice, at 0
;      (so the next instruction still exists) and at PAGE_OFFSET; 4 MiB pages when
;      CPUID reports PSE, otherwise 4 KiB page tables (pg0), since a 486 has no PSE;
;   3. turn paging on and jump to the high addresses;
;   4. install swapper_pg_dir, which holds only the kernel half: the identity
;      mapping is gone, and a NULL pointer now faults;
;   5. call start_kernel() on init_thread_union's stack.
; Steps 4 and 5 run at high addresses, in head_high.asm.

%include "asm-offsets.inc"

%define PA(x) ((x) - PAGE_OFFSET)
%define EFLAGS_ID (1 << 21)

extern __bss_start, __bss_stop, startup_32_high

section .head.text progbits alloc exec nowrite align=16
global startup_32
startup_32:
	cli
	cld
	lgdt [PA(boot_gdt_descr)]
	jmp __KERNEL_CS:.flat
.flat:
	mov ecx, __KERNEL_DS
	mov ds, ecx
	mov es, ecx
	mov ss, ecx
	xor ecx, ecx
	mov fs, ecx
	mov gs, ecx

	; Clear .bss (the stack and page tables live there) without losing eax/ebx.
	mov esi, eax
	mov edx, ebx
	mov edi, PA(__bss_start)
	mov ecx, PA(__bss_stop)
	sub ecx, edi
	shr ecx, 2
	xor eax, eax
	rep stosd
	mov [PA(boot_multiboot_magic)], esi
	mov [PA(boot_multiboot_info)], edx
	mov esp, PA(init_thread_union) + THREAD_SIZE

	call cpu_has_pse
	test eax, eax
	jz .small_pages

	; 4 MiB pages: one PDE per 4 MiB, both at 0 and at PAGE_OFFSET.
	mov eax, cr4
	or eax, X86_CR4_PSE
	mov cr4, eax
	mov eax, _PAGE_PSE | _KERNPG_TABLE
	mov edi, PA(initial_page_table)
	mov ecx, BOOT_MAP_SIZE >> PGDIR_SHIFT
.pse_pde:
	mov [edi], eax
	mov [edi + KERNEL_PGD_INDEX * 4], eax
	add eax, 1 << PGDIR_SHIFT
	add edi, 4
	loop .pse_pde
	jmp .enable_paging

.small_pages:
	; 4 KiB pages: fill pg0 with consecutive frames, then point PDEs at it.
	mov eax, _KERNPG_TABLE
	mov edi, PA(pg0)
	mov ecx, BOOT_MAP_SIZE >> 12
.pte:
	stosd
	add eax, 0x1000
	loop .pte
	mov eax, PA(pg0) + _KERNPG_TABLE
	mov edi, PA(initial_page_table)
	mov ecx, BOOT_MAP_SIZE >> PGDIR_SHIFT
.pde:
	mov [edi], eax
	mov [edi + KERNEL_PGD_INDEX * 4], eax
	add eax, 0x1000
	add edi, 4
	loop .pde

.enable_paging:
	mov eax, PA(initial_page_table)
	mov cr3, eax
	mov eax, cr0
	or eax, X86_CR0_PG | X86_CR0_WP
	mov cr0, eax
	mov eax, startup_32_high        ; an absolute jump: from here on, virtual addresses
	jmp eax

; Returns eax != 0 when CPUID exists (EFLAGS.ID can be toggled) and reports PSE.
cpu_has_pse:
	pushfd
	pop eax
	mov ecx, eax
	xor eax, EFLAGS_ID
	push eax
	popfd
	pushfd
	pop eax
	push ecx
	popfd
	xor eax, ecx
	jz .no
	push ebx
	xor eax, eax
	cpuid
	test eax, eax                   ; highest leaf: 0 means no leaf 1
	jz .no_pop
	mov eax, 1
	cpuid
	mov eax, edx
	shr eax, X86_FEATURE_PSE
	and eax, 1
	pop ebx
	ret
.no_pop:
	pop ebx
.no:
	xor eax, eax
	ret

section .data
align 8
; Flat 4 GiB code and data at Linux's selectors; cpu_init() replaces it with gdt_table.
boot_gdt:
	times __KERNEL_CS / 8 dq 0
	dq 0x00cf9a000000ffff          ; __KERNEL_CS: base 0, limit 4 GiB, ring 0 code
	dq 0x00cf92000000ffff          ; __KERNEL_DS: ring 0 data
boot_gdt_end:
boot_gdt_descr:
	dw boot_gdt_end - boot_gdt - 1
	dd PA(boot_gdt)

section .bss
global boot_multiboot_magic, boot_multiboot_info, swapper_pg_dir, init_thread_union
global initial_page_table
alignb 4096
initial_page_table: resb 4096
swapper_pg_dir:     resb 4096
pg0:                resb BOOT_MAP_SIZE >> 10   ; 4 KiB-page tables when there is no PSE
alignb THREAD_SIZE
init_thread_union:  resb THREAD_SIZE
boot_multiboot_magic: resd 1
boot_multiboot_info:  resd 1
