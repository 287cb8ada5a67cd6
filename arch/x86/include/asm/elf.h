/*
 * What the auxiliary vector tells an i386 program about the machine (kernel/exec.c's
 * create_elf_tables), defined as Linux's asm/elf.h defines them.
 */
#ifndef ASM_ELF_H
#define ASM_ELF_H

#include <asm/processor.h>
#include <kspace/utsname.h>

#define ELF_HWCAP (boot_cpu_data.features)    /* AT_HWCAP: CPUID.1:EDX, 0 without CPUID */
#define ELF_PLATFORM (system_utsname.machine) /* AT_PLATFORM: "i686" */

#endif
