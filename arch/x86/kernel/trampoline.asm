; arch/x86/kernel/trampoline.asm: where an application processor starts.
;
; A STARTUP IPI starts the AP in real mode at TRAMPOLINE_BASE (vector page << 12,
; below 1 MiB, CS = TRAMPOLINE_BASE >> 4, IP = 0). This code is linked inside the
; kernel image and copied there by smpboot.c, which also fills the header at its end
; before each start: the page directory to use, the boot CPU's CR4 (PSE, PGE: the
; kernel's mappings need them), the idle task's stack top, and the C entry point.
; The steps, as Linux's trampoline_32.S:
;   1. real mode: load a flat GDT of its own, set CR0.PE, far jump into 32-bit code;
;   2. protected mode: flat data segments, CR4, CR3, then CR0.PG | CR0.WP;
;   3. paging on: the page directory maps this page at its physical address too, so
;      the next instruction exists; jump to the entry point at its kernel address,
;      on the idle task's stack. start_secondary() then loads swapper_pg_dir and
;      this CPU's own GDT, TSS and IDT.

%include "asm-offsets.inc"

%define TR(x) (TRAMPOLINE_BASE + (x) - trampoline_start)

section .rodata
global trampoline_start, trampoline_header, trampoline_end
align 16
bits 16
trampoline_start:
	cli
	cld
	mov ax, cs
	mov ds, ax
	lgdt [tr_gdt_descr - trampoline_start]
	mov eax, cr0
	or eax, 1                       ; PE
	mov cr0, eax
	jmp dword TR_KERNEL_CS:TR(tr_protected)

bits 32
tr_protected:
	mov eax, TR_KERNEL_DS
	mov ds, eax
	mov es, eax
	mov ss, eax
	xor eax, eax
	mov fs, eax
	mov gs, eax
	mov eax, [TR(tr_cr4)]
	test eax, eax                   ; the boot CPU had no CR4 bits to copy
	jz .no_cr4
	mov cr4, eax
.no_cr4:
	mov eax, [TR(tr_cr3)]
	mov cr3, eax
	mov eax, cr0
	or eax, X86_CR0_PG | X86_CR0_WP
	mov cr0, eax
	mov esp, [TR(tr_stack)]
	mov eax, [TR(tr_entry)]
	jmp eax                         ; an absolute jump: to the kernel's virtual addresses

; Selectors 0x08 and 0x10 here (TR_KERNEL_CS/DS); start_secondary() replaces this GDT.
align 8
tr_gdt:
	dq 0
	dq 0x00cf9a000000ffff           ; flat 4 GiB code, ring 0
	dq 0x00cf92000000ffff           ; flat 4 GiB data, ring 0
tr_gdt_end:
tr_gdt_descr:
	dw tr_gdt_end - tr_gdt - 1
	dd TR(tr_gdt)

; struct trampoline_header (smpboot.c), filled in the copy below 1 MiB.
align 4
trampoline_header:
tr_cr3:   dd 0
tr_cr4:   dd 0
tr_stack: dd 0
tr_entry: dd 0
trampoline_end:
