/*
 * tests/host/fake_phys.c: early_memremap() over simulated physical memory, for the
 * ACPI and MP table parsers (arch/x86/kernel/acpi.c, mpparse.c) in host tests and
 * fuzz harnesses. Like the kernel's, it refuses more than a window's pages and
 * holds at most NR_BTMAP_SLOTS mappings at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_phys.h"

#undef __always_inline /* glibc's sys/cdefs.h has one too; the kernel's wins here */
#include <asm/early_ioremap.h>
#include <asm/processor.h>

struct cpuinfo_x86 boot_cpu_data; /* mp_config.c's find_smp_config() reads it */

static uint8_t *phys;
static size_t phys_size;
static struct {
	void *copy;
	unsigned long size;
} maps[NR_BTMAP_SLOTS];

uint8_t *fake_phys_init(size_t size)
{
	free(phys);
	phys = calloc(1, size);
	phys_size = size;
	return phys;
}

int early_memremap_in_use(void)
{
	int n = 0;

	for (int i = 0; i < NR_BTMAP_SLOTS; i++)
		n += maps[i].copy != NULL;
	return n;
}

int fake_phys_mapped(void)
{
	return early_memremap_in_use();
}

void fake_phys_fix_checksum(uint8_t *p, size_t len, size_t at)
{
	uint8_t sum = 0;

	p[at] = 0;
	for (size_t i = 0; i < len; i++)
		sum += p[i];
	p[at] = -sum;
}

void early_ioremap_init(void)
{
}

void *early_memremap(u64 addr, unsigned long size)
{
	int i;

	if (!size || (addr % PAGE_SIZE) + size > BTMAP_SLOT_PAGES * PAGE_SIZE || addr > phys_size ||
	    size > phys_size - addr)
		return NULL; /* more pages than one fixmap window, or past the memory */
	for (i = 0; i < NR_BTMAP_SLOTS && maps[i].copy; i++)
		;
	if (i == NR_BTMAP_SLOTS)
		return NULL;
	maps[i].copy = malloc(size);
	maps[i].size = size;
	return memcpy(maps[i].copy, phys + addr, size);
}

void early_memunmap(void *addr, unsigned long size)
{
	for (int i = 0; i < NR_BTMAP_SLOTS; i++)
		if (maps[i].copy == addr) {
			if (maps[i].size != size) {
				fprintf(stderr, "early_memunmap: %lu bytes mapped, %lu unmapped\n",
					maps[i].size, size);
				abort();
			}
			free(addr);
			maps[i].copy = NULL;
			return;
		}
	fprintf(stderr, "early_memunmap: %p was not mapped\n", addr);
	abort();
}
