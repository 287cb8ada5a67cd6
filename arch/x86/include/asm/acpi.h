/*
 * The ACPI tables kspace reads (arch/x86/kernel/acpi.c), laid out as the ACPI 6.x
 * specification defines them: the RSDP, the common table header, the RSDT/XSDT
 * that list the tables, and the MADT's interrupt-controller entries.
 */
#ifndef ASM_ACPI_H
#define ASM_ACPI_H

#include <asm/mpspec.h>
#include <kspace/compiler.h>
#include <kspace/types.h>

#define ACPI_RSDP_CHECKSUM_LENGTH 20  /* the ACPI 1.0 part */
#define ACPI_RSDP_XCHECKSUM_LENGTH 36 /* revision 2 and later: the whole structure */

struct acpi_table_rsdp {
	char signature[8]; /* "RSD PTR " */
	u8 checksum;
	char oem_id[6];
	u8 revision; /* 0: ACPI 1.0, RSDT only; 2: XSDT too */
	u32 rsdt_physical_address;
	u32 length;
	u64 xsdt_physical_address;
	u8 extended_checksum;
	u8 reserved[3];
} __packed;

struct acpi_table_header {
	char signature[4];
	u32 length; /* of the whole table, header included */
	u8 revision;
	u8 checksum; /* all length bytes sum to 0 */
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	char asl_compiler_id[4];
	u32 asl_compiler_revision;
} __packed;

/* "APIC": the Multiple APIC Description Table. */
struct acpi_table_madt {
	struct acpi_table_header header;
	u32 address; /* every CPU's local APIC */
	u32 flags;   /* ACPI_MADT_PCAT_COMPAT: dual 8259s are present too */
} __packed;

struct acpi_subtable_header {
	u8 type;
	u8 length; /* of the entry, these two bytes included */
} __packed;

enum acpi_madt_type {
	ACPI_MADT_TYPE_LOCAL_APIC = 0,
	ACPI_MADT_TYPE_IO_APIC = 1,
	ACPI_MADT_TYPE_INTERRUPT_OVERRIDE = 2,
	ACPI_MADT_TYPE_NMI_SOURCE = 3,
	ACPI_MADT_TYPE_LOCAL_APIC_NMI = 4,
	ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE = 5,
	ACPI_MADT_TYPE_LOCAL_X2APIC = 9,
};

#define ACPI_MADT_ENABLED 1 /* lapic_flags: the CPU is usable */

struct acpi_madt_local_apic {
	struct acpi_subtable_header header;
	u8 processor_id;
	u8 id; /* its local APIC id */
	u32 lapic_flags;
} __packed;

struct acpi_madt_io_apic {
	struct acpi_subtable_header header;
	u8 id;
	u8 reserved;
	u32 address;
	u32 global_irq_base;
} __packed;

struct acpi_madt_interrupt_override {
	struct acpi_subtable_header header;
	u8 bus; /* 0: ISA */
	u8 source_irq;
	u32 global_irq;
	u16 inti_flags; /* MP_IRQPOL_* | MP_IRQTRIG_* */
} __packed;

struct acpi_madt_local_apic_nmi {
	struct acpi_subtable_header header;
	u8 processor_id;
	u16 inti_flags;
	u8 lint;
} __packed;

struct acpi_madt_local_apic_override {
	struct acpi_subtable_header header;
	u16 reserved;
	u64 address;
} __packed;

extern bool acpi_disabled; /* acpi=off */

/* Find the RSDP, walk the RSDT or XSDT and parse the MADT into cfg: 0, or -ENODEV. */
int acpi_boot_init(struct mp_config *cfg);
/* Parse a MADT of len readable bytes (its checksum already checked): 0 or -EINVAL. */
int acpi_parse_madt(const void *table, u32 len, struct mp_config *cfg);

#endif
