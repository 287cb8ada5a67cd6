/*
 * arch/x86/kernel/mpparse.c: the Intel MultiProcessor Specification 1.4 tables,
 * what older firmware (and QEMU with -machine acpi=off) offers instead of ACPI. The
 * 16-byte floating pointer "_MP_" lies in the first KiB of the EBDA, the last KiB of
 * base memory or the BIOS ROM at 0xF0000; it names a default configuration or points
 * to the configuration table "PCMP", a list of processor, bus, IOAPIC and interrupt
 * entries. Its feature byte 2 says whether an IMCR routes the 8259 to the boot CPU.
 *
 * The table is firmware input: checksums, lengths and every entry's bounds are
 * checked; an entry of an unknown type (whose length is unknown) ends the parse.
 */
#include <asm/early_ioremap.h>
#include <asm/mpspec.h>
#include <kspace/compiler.h>
#include <kspace/errno.h>
#include <kspace/printk.h>
#include <kspace/string.h>

#define BDA_EBDA_SEGMENT 0x40e  /* BIOS data area: the EBDA's real-mode segment */
#define BDA_BASE_MEM_KIB 0x413  /* BIOS data area: KiB of base memory */
#define MPF_IMCRP 0x80          /* feature2: the IMCR is present, PIC mode */
#define MP_IOAPIC_PINS 24       /* an 82093AA's pins: the GSI span of each IOAPIC listed */

struct mpf_intel {
	char signature[4]; /* "_MP_" */
	u32 physptr;       /* the configuration table, or 0 */
	u8 length;         /* in 16-byte units: 1 */
	u8 specification;  /* 1 or 4: version 1.1 or 1.4 */
	u8 checksum;
	u8 feature1; /* non-zero: default configuration number, no table */
	u8 feature2; /* MPF_IMCRP */
	u8 feature3, feature4, feature5;
} __packed;

struct mpc_table {
	char signature[4]; /* "PCMP" */
	u16 length;        /* of the base table, this header included */
	u8 spec;
	u8 checksum;
	char oem[8];
	char productid[12];
	u32 oemptr;
	u16 oemsize;
	u16 oemcount; /* entries */
	u32 lapic;    /* every CPU's local APIC */
	u16 reserved;
	u8 ext_checksum;
	u8 reserved2;
} __packed;

enum { MP_PROCESSOR, MP_BUS, MP_IOAPIC, MP_INTSRC, MP_LINTSRC };

#define CPU_ENABLED 1
#define MPC_APIC_USABLE 1
#define MP_APIC_ALL 0xff /* an interrupt entry for every IOAPIC */
#define MP_INT 0         /* an interrupt entry's type: a vectored interrupt */

struct mpc_cpu {
	u8 type, apicid, apicver, cpuflag;
	u32 cpufeature, featureflag, reserved[2];
} __packed;

struct mpc_bus {
	u8 type, busid;
	char bustype[6]; /* "ISA   ", "PCI   " */
} __packed;

struct mpc_ioapic {
	u8 type, apicid, apicver, flags;
	u32 apicaddr;
} __packed;

struct mpc_intsrc {
	u8 type, irqtype;
	u16 irqflag; /* MP_IRQPOL_* | MP_IRQTRIG_* */
	u8 srcbus, srcbusirq, dstapic, dstirq;
} __packed;

static const u8 mpc_entry_size[] = {
	[MP_PROCESSOR] = sizeof(struct mpc_cpu), [MP_BUS] = sizeof(struct mpc_bus),
	[MP_IOAPIC] = sizeof(struct mpc_ioapic), [MP_INTSRC] = sizeof(struct mpc_intsrc),
	[MP_LINTSRC] = sizeof(struct mpc_intsrc),
};

static u32 isa_buses[256 / 32]; /* the bus ids the table calls ISA */

static u8 mp_checksum(const void *p, u32 len)
{
	const u8 *b = p;
	u8 sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

static void mp_bus(const struct mpc_bus *b)
{
	if (!memcmp(b->bustype, "ISA", 3))
		isa_buses[b->busid / 32] |= 1u << (b->busid % 32);
}

/* An ISA IRQ wired to an IOAPIC pin: its GSI is the IOAPIC's base plus the pin. */
static void mp_intsrc(const struct mpc_intsrc *m, struct mp_config *cfg)
{
	if (m->irqtype != MP_INT || !(isa_buses[m->srcbus / 32] & (1u << (m->srcbus % 32))))
		return;
	for (int i = 0; i < cfg->nr_ioapics; i++) {
		if (m->dstapic != MP_APIC_ALL && m->dstapic != cfg->ioapic[i].apic_id)
			continue;
		if (m->dstirq >= MP_IOAPIC_PINS) {
			pr_warn("MPTABLE: IRQ %d to pin %d of IOAPIC %d ignored\n", m->srcbusirq,
				m->dstirq, m->dstapic);
			return;
		}
		mp_override_isa_irq(cfg, m->srcbusirq, cfg->ioapic[i].gsi_base + m->dstirq,
				    m->irqflag);
		return;
	}
	pr_warn("MPTABLE: IRQ %d routed to unknown IOAPIC %d\n", m->srcbusirq, m->dstapic);
}

static void mp_entry(const u8 *e, struct mp_config *cfg)
{
	const struct mpc_cpu *cpu = (const void *)e;
	const struct mpc_ioapic *ioapic = (const void *)e;

	switch (e[0]) {
	case MP_PROCESSOR:
		mp_register_lapic(cfg, cpu->apicid, cpu->cpuflag & CPU_ENABLED);
		break;
	case MP_BUS:
		mp_bus((const void *)e);
		break;
	case MP_IOAPIC:
		if (ioapic->flags & MPC_APIC_USABLE)
			mp_register_ioapic(cfg, ioapic->apicid, ioapic->apicaddr,
					   cfg->nr_ioapics * MP_IOAPIC_PINS);
		break;
	case MP_INTSRC:
		mp_intsrc((const void *)e, cfg);
		break;
	}
}

int mp_parse_config_table(const void *table, u32 len, struct mp_config *cfg)
{
	const struct mpc_table *mpc = table;
	const u8 *p, *end;

	memset(isa_buses, 0, sizeof(isa_buses));
	if (len < sizeof(*mpc) || memcmp(mpc->signature, "PCMP", 4) || mpc->length < sizeof(*mpc) ||
	    mpc->length > len) {
		pr_err("MPTABLE: bad signature or length\n");
		return -EINVAL;
	}
	if (mpc->spec != 1 && mpc->spec != 4) {
		pr_err("MPTABLE: bad table version (%d)!!\n", mpc->spec);
		return -EINVAL;
	}
	cfg->lapic_addr = mpc->lapic;
	end = (const u8 *)table + mpc->length;
	for (p = (const u8 *)(mpc + 1); p < end; p += mpc_entry_size[p[0]]) {
		if (p[0] >= ARRAY_SIZE(mpc_entry_size)) {
			pr_err("MPTABLE: unknown entry type %d at offset %d\n", p[0],
			       (int)(p - (const u8 *)table));
			return -EINVAL;
		}
		if (end - p < mpc_entry_size[p[0]]) {
			pr_err("MPTABLE: entry at offset %d runs past the table\n",
			       (int)(p - (const u8 *)table));
			return -EINVAL;
		}
		mp_entry(p, cfg);
	}
	return 0;
}

/* MPS chapter 5: two CPUs (APIC ids 0 and 1) and one IOAPIC (id 2), no table. */
static int mp_default_config(int type, struct mp_config *cfg)
{
	pr_info("Default MP configuration #%d\n", type);
	if (type > 7) {
		pr_err("MPTABLE: unknown default configuration %d\n", type);
		return -EINVAL;
	}
	cfg->lapic_addr = 0xfee00000;
	mp_register_lapic(cfg, 0, true);
	mp_register_lapic(cfg, 1, true);
	mp_register_ioapic(cfg, 2, 0xfec00000, 0);
	mp_override_isa_irq(cfg, 0, 2, 0); /* the timer arrives on pin 2 */
	return 0;
}

/* The first valid floating pointer on a 16-byte boundary in [base, base + len), or 0. */
static u32 mpf_scan(u32 base, u32 len)
{
	const u8 *area = early_memremap(base, len);
	u32 found = 0;

	if (!area)
		return 0;
	for (u32 off = 0; off + sizeof(struct mpf_intel) <= len && !found; off += 16) {
		const struct mpf_intel *mpf = (const void *)(area + off);

		if (!memcmp(mpf->signature, "_MP_", 4) && mpf->length == 1 &&
		    !mp_checksum(mpf, sizeof(*mpf)) &&
		    (mpf->specification == 1 || mpf->specification == 4))
			found = base + off;
	}
	early_memunmap((void *)area, len);
	return found;
}

static u32 bda_word(u32 addr)
{
	u16 *p = early_memremap(addr, sizeof(u16));
	u32 v = 0;

	if (p) {
		v = *p;
		early_memunmap(p, sizeof(u16));
	}
	return v;
}

/* MPS 4: the EBDA's first KiB, base memory's last KiB, then the BIOS ROM. */
static u32 mpf_find(void)
{
	u32 ebda = bda_word(BDA_EBDA_SEGMENT) << 4, base_kib = bda_word(BDA_BASE_MEM_KIB);
	u32 found = 0;

	if (ebda >= 0x400 && ebda < 0xa0000)
		found = mpf_scan(ebda, 1024);
	if (!found)
		found = mpf_scan((base_kib >= 512 && base_kib <= 640 ? base_kib : 640) * 1024 - 1024,
				 1024);
	if (!found)
		found = mpf_scan(0xf0000, 0x10000);
	return found;
}

static int mp_read_table(u32 phys, struct mp_config *cfg)
{
	struct mpc_table *mpc = early_memremap(phys, sizeof(*mpc));
	char oem[9], product[13];
	u32 len;
	int err = -EINVAL;

	if (!mpc)
		return -EINVAL;
	len = mpc->length;
	early_memunmap(mpc, sizeof(*mpc));
	if (len < sizeof(*mpc) || len > MAX_EARLY_MEMREMAP || !(mpc = early_memremap(phys, len))) {
		pr_err("MPTABLE: table at 0x%08x has a bad length %u\n", phys, len);
		return -EINVAL;
	}
	if (mpc->length != len || mp_checksum(mpc, len)) {
		pr_err("MPTABLE: checksum error!\n");
	} else {
		memcpy(oem, mpc->oem, 8);
		oem[8] = '\0';
		memcpy(product, mpc->productid, 12);
		product[12] = '\0';
		for (char *c = oem; *c; c++)
			*c = *c >= ' ' && *c <= '~' ? *c : '?';
		for (char *c = product; *c; c++)
			*c = *c >= ' ' && *c <= '~' ? *c : '?';
		pr_info("MPTABLE: OEM ID: %s\n", oem);
		pr_info("MPTABLE: Product ID: %s\n", product);
		pr_info("MPTABLE: APIC at: 0x%X\n", mpc->lapic);
		err = mp_parse_config_table(mpc, len, cfg);
	}
	early_memunmap(mpc, len);
	return err;
}

int mpparse_find(struct mp_config *cfg)
{
	u32 phys = mpf_find();
	struct mpf_intel *mpf;
	u32 physptr;
	u8 feature1;

	if (!phys)
		return -ENODEV;
	mpf = early_memremap(phys, sizeof(*mpf));
	if (!mpf)
		return -ENODEV;
	pr_info("found SMP MP-table at [mem %#010x-%#010x]\n", phys, phys + 15);
	pr_info("Intel MultiProcessor Specification v1.%d\n", mpf->specification);
	cfg->pic_mode = mpf->feature2 & MPF_IMCRP;
	pr_info("    %s compatibility mode.\n", cfg->pic_mode ? "IMCR and PIC" : "Virtual Wire");
	physptr = mpf->physptr;
	feature1 = mpf->feature1;
	early_memunmap(mpf, sizeof(*mpf));
	if (feature1)
		return mp_default_config(feature1, cfg);
	if (!physptr) {
		pr_err("MPTABLE: no configuration table and no default\n");
		return -EINVAL;
	}
	return mp_read_table(physptr, cfg);
}
