/*
 * arch/x86/kernel/acpi.c: the ACPI tables that say which CPUs and interrupt
 * controllers exist. The RSDP is found by its signature in the first KiB of the
 * EBDA or in the BIOS area 0xE0000-0xFFFFF; it points to the RSDT (32-bit table
 * addresses) or, from ACPI 2.0, the XSDT (64-bit); one of the tables listed there is
 * the MADT ("APIC"), parsed into mp_config.
 *
 * All of it is firmware input, read with early_memremap() because it may lie anywhere
 * below 4 GiB: every structure's checksum and length is checked before use, and each
 * MADT entry must fit in the table and be long enough for its type.
 */
#include <asm/acpi.h>
#include <asm/early_ioremap.h>
#include <kspace/errno.h>
#include <kspace/init.h>
#include <kspace/printk.h>
#include <kspace/string.h>

#define BDA_EBDA_SEGMENT 0x40e /* BIOS data area: the EBDA's real-mode segment */
#define BIOS_AREA_START 0xe0000
#define BIOS_AREA_END 0x100000

bool acpi_disabled;

static int acpi_setup(const char *value)
{
	if (!strcmp(value, "off"))
		acpi_disabled = true;
	else if (!strcmp(value, "force"))
		acpi_disabled = false;
	else
		return -EINVAL;
	return 0;
}
__setup("acpi=", acpi_setup);

static u8 acpi_checksum(const void *p, u32 len)
{
	const u8 *b = p;
	u8 sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

/* A firmware string for the log: non-printing bytes become '?', as ACPICA prints them. */
static const char *fix_string(char *out, const char *in, int len)
{
	for (int i = 0; i < len; i++)
		out[i] = in[i] >= ' ' && in[i] <= '~' ? in[i] : '?';
	out[len] = '\0';
	return out;
}

static void print_table_header(u64 phys, const struct acpi_table_header *h)
{
	char sig[5], oem[7], table[9], asl[5];

	pr_info("ACPI: %s 0x%016llX %06X (v%02d %-6s %-8s %08X %-4s %08X)\n",
		fix_string(sig, h->signature, 4), phys, h->length, h->revision,
		fix_string(oem, h->oem_id, 6), fix_string(table, h->oem_table_id, 8),
		h->oem_revision, fix_string(asl, h->asl_compiler_id, 4), h->asl_compiler_revision);
}

static bool rsdp_valid(const struct acpi_table_rsdp *rsdp)
{
	if (memcmp(rsdp->signature, "RSD PTR ", 8) ||
	    acpi_checksum(rsdp, ACPI_RSDP_CHECKSUM_LENGTH))
		return false;
	return rsdp->revision < 2 || !acpi_checksum(rsdp, ACPI_RSDP_XCHECKSUM_LENGTH);
}

/* The first valid RSDP on a 16-byte boundary in [start, start + len), or 0. */
static u64 scan_rsdp(u32 start, u32 len)
{
	const char *area = early_memremap(start, len);
	u64 found = 0;

	if (!area)
		return 0;
	for (u32 off = 0; off + 8 <= len && !found; off += 16) {
		struct acpi_table_rsdp *rsdp;

		if (memcmp(area + off, "RSD PTR ", 8))
			continue;
		/* Mapped on its own: it may run past the end of the area. */
		rsdp = early_memremap(start + off, sizeof(*rsdp));
		if (rsdp && rsdp_valid(rsdp))
			found = start + off;
		if (rsdp)
			early_memunmap(rsdp, sizeof(*rsdp));
	}
	early_memunmap((void *)area, len);
	return found;
}

static u64 acpi_find_rsdp(void)
{
	u16 *bda = early_memremap(BDA_EBDA_SEGMENT, sizeof(u16));
	u32 ebda = 0;
	u64 rsdp = 0;

	if (bda) {
		ebda = (u32)*bda << 4;
		early_memunmap(bda, sizeof(u16));
	}
	if (ebda >= 0x400 && ebda < BIOS_AREA_START) /* inside base memory, past the BDA */
		rsdp = scan_rsdp(ebda, 1024);
	/* The BIOS area is 128 KiB: two windows of 64 KiB. */
	for (u32 a = BIOS_AREA_START; !rsdp && a < BIOS_AREA_END; a += 0x10000)
		rsdp = scan_rsdp(a, 0x10000);
	return rsdp;
}

/*
 * Map the table at phys whole, once its header says it is sane and its checksum
 * holds; logs it. NULL if not (sig: the signature it must have, or NULL for any).
 */
static struct acpi_table_header *acpi_map_table(u64 phys, const char *sig)
{
	struct acpi_table_header *h = early_memremap(phys, sizeof(*h));
	u32 len;

	if (!h) {
		pr_warn("ACPI: table at 0x%016llX cannot be mapped\n", phys);
		return NULL;
	}
	len = h->length;
	print_table_header(phys, h);
	if (sig && memcmp(h->signature, sig, 4)) {
		pr_warn("ACPI: expected %s at 0x%016llX\n", sig, phys);
		len = 0;
	}
	early_memunmap(h, sizeof(*h));
	if (len < sizeof(*h) || len > MAX_EARLY_MEMREMAP) {
		if (len)
			pr_warn("ACPI: table at 0x%016llX has a bad length %u\n", phys, len);
		return NULL;
	}
	h = early_memremap(phys, len);
	if (h && (h->length != len || acpi_checksum(h, len))) {
		pr_warn("ACPI: table at 0x%016llX: checksum or length changed, ignored\n", phys);
		early_memunmap(h, len);
		return NULL;
	}
	return h;
}

static void acpi_unmap_table(struct acpi_table_header *h)
{
	early_memunmap(h, h->length);
}

/* Parse the MADT at phys into cfg: 0, or a negative errno. */
static int acpi_use_madt(u64 phys, struct mp_config *cfg)
{
	struct acpi_table_header *h = acpi_map_table(phys, "APIC");
	int err;

	if (!h)
		return -EINVAL;
	err = acpi_parse_madt(h, h->length, cfg);
	acpi_unmap_table(h);
	return err;
}

/* Log each table the RSDT or XSDT lists, and parse the first MADT among them. */
static int acpi_walk_root(u64 phys, bool xsdt, struct mp_config *cfg)
{
	struct acpi_table_header *root = acpi_map_table(phys, xsdt ? "XSDT" : "RSDT");
	u32 entry_size = xsdt ? 8 : 4, n;
	int err = -ENODEV;

	if (!root)
		return -ENODEV;
	n = (root->length - sizeof(*root)) / entry_size;
	for (u32 i = 0; i < n; i++) {
		const u8 *entry = (const u8 *)(root + 1) + i * entry_size;
		struct acpi_table_header *h;
		u64 table = 0;
		bool madt;

		memcpy(&table, entry, entry_size); /* XSDT entries are only 4-byte aligned */
		h = early_memremap(table, sizeof(*h));

		if (!h) {
			pr_warn("ACPI: table at 0x%016llX cannot be mapped\n", table);
			continue;
		}
		madt = !memcmp(h->signature, "APIC", 4);
		if (!madt)
			print_table_header(table, h);
		early_memunmap(h, sizeof(*h));
		if (madt && err == -ENODEV)
			err = acpi_use_madt(table, cfg);
	}
	acpi_unmap_table(root);
	return err;
}

int acpi_boot_init(struct mp_config *cfg)
{
	u64 phys = acpi_find_rsdp();
	struct acpi_table_rsdp *rsdp;
	char oem[7];
	u64 root;
	bool xsdt;
	int err;

	if (!phys)
		return -ENODEV;
	rsdp = early_memremap(phys, sizeof(*rsdp));
	if (!rsdp)
		return -ENODEV;
	xsdt = rsdp->revision >= 2 && rsdp->xsdt_physical_address;
	root = xsdt ? rsdp->xsdt_physical_address : rsdp->rsdt_physical_address;
	pr_info("ACPI: RSDP 0x%016llX %06X (v%02d %-6s)\n", phys,
		rsdp->revision >= 2 ? rsdp->length : ACPI_RSDP_CHECKSUM_LENGTH, rsdp->revision,
		fix_string(oem, rsdp->oem_id, 6));
	early_memunmap(rsdp, sizeof(*rsdp));
	err = acpi_walk_root(root, xsdt, cfg);
	if (err == -EINVAL)
		pr_err("ACPI: Invalid BIOS MADT, disabling ACPI\n");
	return err ? -ENODEV : 0;
}

#define APIC_DEFAULT_PHYS_BASE 0xfee00000 /* where a 0 in the MADT says the LAPIC is */

static const char *const polarity_name[] = { "dfl", "high", "res", "low" };
static const char *const trigger_name[] = { "dfl", "edge", "res", "level" };

/* The shortest entry of each type kspace reads; entries of other types are skipped. */
static const u8 madt_entry_size[] = {
	[ACPI_MADT_TYPE_LOCAL_APIC] = sizeof(struct acpi_madt_local_apic),
	[ACPI_MADT_TYPE_IO_APIC] = sizeof(struct acpi_madt_io_apic),
	[ACPI_MADT_TYPE_INTERRUPT_OVERRIDE] = sizeof(struct acpi_madt_interrupt_override),
	[ACPI_MADT_TYPE_LOCAL_APIC_NMI] = sizeof(struct acpi_madt_local_apic_nmi),
	[ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE] = sizeof(struct acpi_madt_local_apic_override),
};

static void madt_interrupt_override(const struct acpi_madt_interrupt_override *e,
				    struct mp_config *cfg)
{
	u16 f = e->inti_flags;

	pr_info("ACPI: INT_SRC_OVR (bus %d bus_irq %d global_irq %u %s %s)\n", e->bus,
		e->source_irq, e->global_irq, polarity_name[f & MP_IRQPOL_MASK],
		trigger_name[(f & MP_IRQTRIG_MASK) >> 2]);
	if (e->bus) {
		pr_warn("ACPI: override of an IRQ on bus %d (not ISA) ignored\n", e->bus);
		return;
	}
	mp_override_isa_irq(cfg, e->source_irq, e->global_irq, f);
}

static void madt_entry(const struct acpi_subtable_header *h, struct mp_config *cfg)
{
	const struct acpi_madt_local_apic *lapic = (const void *)h;
	const struct acpi_madt_io_apic *ioapic = (const void *)h;
	const struct acpi_madt_local_apic_nmi *nmi = (const void *)h;
	const struct acpi_madt_local_apic_override *lapic_addr = (const void *)h;

	switch (h->type) {
	case ACPI_MADT_TYPE_LOCAL_APIC:
		mp_register_lapic(cfg, lapic->id, lapic->lapic_flags & ACPI_MADT_ENABLED);
		break;
	case ACPI_MADT_TYPE_IO_APIC:
		mp_register_ioapic(cfg, ioapic->id, ioapic->address, ioapic->global_irq_base);
		break;
	case ACPI_MADT_TYPE_INTERRUPT_OVERRIDE:
		madt_interrupt_override((const void *)h, cfg);
		break;
	case ACPI_MADT_TYPE_LOCAL_APIC_NMI:
		pr_info("ACPI: LAPIC_NMI (acpi_id[0x%02x] %s %s lint[0x%x])\n", nmi->processor_id,
			polarity_name[nmi->inti_flags & MP_IRQPOL_MASK],
			trigger_name[(nmi->inti_flags & MP_IRQTRIG_MASK) >> 2], nmi->lint);
		break;
	case ACPI_MADT_TYPE_LOCAL_APIC_OVERRIDE:
		if (lapic_addr->address >> 32)
			pr_warn("ACPI: LAPIC address override 0x%016llX above 4 GiB ignored\n",
				lapic_addr->address);
		else
			cfg->lapic_addr = lapic_addr->address;
		break;
	}
}

int acpi_parse_madt(const void *table, u32 len, struct mp_config *cfg)
{
	const struct acpi_table_madt *madt = table;
	const u8 *p, *end;

	if (len < sizeof(*madt) || madt->header.length < sizeof(*madt) || madt->header.length > len) {
		pr_err("ACPI: MADT too short or longer than its mapping\n");
		return -EINVAL;
	}
	cfg->lapic_addr = madt->address ? madt->address : APIC_DEFAULT_PHYS_BASE;
	end = (const u8 *)table + madt->header.length;
	for (p = (const u8 *)(madt + 1); p < end; p += p[1]) {
		const struct acpi_subtable_header *h = (const void *)p;
		u32 off = p - (const u8 *)table;

		/* A zero length would loop forever; one past the end reads past the table. */
		if (end - p < 2 || h->length < 2 || h->length > end - p) {
			pr_err("ACPI: MADT entry at offset %u: bad length %d\n", off,
			       end - p < 2 ? -1 : h->length);
			return -EINVAL;
		}
		if (h->type < ARRAY_SIZE(madt_entry_size) && h->length < madt_entry_size[h->type]) {
			pr_err("ACPI: MADT entry at offset %u: type %d needs %d bytes, has %d\n", off,
			       h->type, madt_entry_size[h->type], h->length);
			return -EINVAL;
		}
		madt_entry(h, cfg);
	}
	return 0;
}
