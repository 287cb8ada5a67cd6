/*
 * tests/host/fake_phys.h: physical memory for the firmware-table parsers on the host.
 * early_memremap() hands out an exact-size heap copy of the bytes asked for, so
 * AddressSanitizer catches a read one byte past what the parser mapped; every
 * mapping must be unmapped with its own size (checked).
 */
#ifndef HOST_FAKE_PHYS_H
#define HOST_FAKE_PHYS_H

#include <stddef.h>
#include <stdint.h>

/* Make [0, size) the physical memory, zeroed; returns it for the test to fill. */
uint8_t *fake_phys_init(size_t size);
/* Mappings not yet unmapped: 0 after every parse. */
int fake_phys_mapped(void);
/* Set the byte at offset `at` of [p, p + len) so that all len bytes sum to 0. */
void fake_phys_fix_checksum(uint8_t *p, size_t len, size_t at);

#endif
