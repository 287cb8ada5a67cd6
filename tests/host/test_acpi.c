/*
 * tests/host/test_acpi.c: find_smp_config()'s ACPI path (arch/x86/kernel/acpi.c and
 * mp_config.c) over simulated physical memory: the RSDP search, RSDT and XSDT, the
 * MADT as QEMU's SeaBIOS builds it, and hostile tables: bad checksums, lengths that
 * wrap or run past the table, entries of length 0, too many CPUs, duplicate ids.
 */
#include <string.h>

#include "fake_phys.h"
#include "kapi.h"
#include "test.h"

#include <asm/acpi.h>

#define PHYS_SIZE (2u << 20)
#define RSDP_AT 0xf59d0 /* where SeaBIOS puts it */
#define ROOT_AT 0x100000
#define MADT_AT 0x100800

static uint8_t *mem;
static uint8_t madt[1024];
static uint32_t madt_len;

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

static void header(uint8_t *p, const char *sig, uint32_t len)
{
	memcpy(p, sig, 4);
	put32(p + 4, len);
	p[8] = 1;
	memcpy(p + 10, "BOCHS BXPC    ", 14);
}

static void madt_begin(uint32_t lapic)
{
	memset(madt, 0, sizeof(madt));
	madt_len = 44;
	header(madt, "APIC", madt_len);
	put32(madt + 36, lapic);
	put32(madt + 40, 1); /* PCAT_COMPAT */
}

static void madt_add(const uint8_t *e, uint8_t len)
{
	memcpy(madt + madt_len, e, len);
	madt_len += len;
	put32(madt + 4, madt_len);
}

static void madt_lapic(uint8_t id, uint32_t flags)
{
	uint8_t e[8] = { 0, 8, id, id };

	put32(e + 4, flags);
	madt_add(e, 8);
}

static void madt_ioapic(uint8_t id, uint32_t addr, uint32_t gsi)
{
	uint8_t e[12] = { 1, 12, id };

	put32(e + 4, addr);
	put32(e + 8, gsi);
	madt_add(e, 12);
}

static void madt_override(uint8_t irq, uint32_t gsi, uint16_t flags)
{
	uint8_t e[10] = { 2, 10, 0, irq };

	put32(e + 4, gsi);
	memcpy(e + 8, &flags, 2);
	madt_add(e, 10);
}

/* SeaBIOS's MADT at -smp n. */
static void madt_qemu(int n)
{
	static const uint8_t nmi[6] = { 4, 6, 0xff, 0, 0, 1 };

	madt_begin(0xfee00000);
	for (int i = 0; i < n; i++)
		madt_lapic(i, 1);
	madt_ioapic(0, 0xfec00000, 0);
	madt_override(0, 2, 0);
	for (uint8_t irq = 5; irq <= 11; irq++)
		if (irq == 5 || irq >= 9)
			madt_override(irq, irq, 0xd);
	madt_add(nmi, 6);
}

/* RSDP (revision 0, or 2 with an XSDT) -> root table -> the MADT built above. */
static void install(int revision)
{
	uint8_t *rsdp = mem + RSDP_AT, *root = mem + ROOT_AT;
	bool x = revision >= 2;
	uint32_t root_len = 36 + (x ? 8 : 4);

	memcpy(rsdp, "RSD PTR ", 8);
	memcpy(rsdp + 9, "BOCHS ", 6);
	rsdp[15] = revision;
	put32(rsdp + 16, x ? 0 : ROOT_AT);
	put32(rsdp + 20, 36);
	put64(rsdp + 24, x ? ROOT_AT : 0);
	fake_phys_fix_checksum(rsdp, 20, 8);
	if (x)
		fake_phys_fix_checksum(rsdp, 36, 32);
	header(root, x ? "XSDT" : "RSDT", root_len);
	if (x)
		put64(root + 36, MADT_AT);
	else
		put32(root + 36, MADT_AT);
	fake_phys_fix_checksum(root, root_len, 9);
	header(madt, "APIC", madt_len);
	fake_phys_fix_checksum(madt, madt_len, 9);
	memcpy(mem + MADT_AT, madt, madt_len);
}

static struct mp_config cfg;

static void setup(void)
{
	mem = fake_phys_init(PHYS_SIZE);
	acpi_disabled = false;
	printk_clear();
}

TEST(acpi, qemu_madt_4_cpus)
{
	setup();
	madt_qemu(4);
	install(0);
	smp_read_config(&cfg, 0);
	EXPECT_STREQ(cfg.source, "ACPI MADT");
	EXPECT_EQ_INT(cfg.nr_cpus, 4);
	for (int i = 0; i < 4; i++)
		EXPECT_EQ_INT(cfg.cpu_apicid[i], i);
	EXPECT_EQ_INT(cfg.lapic_addr, 0xfee00000);
	EXPECT_EQ_INT(cfg.nr_ioapics, 1);
	EXPECT_EQ_INT(cfg.ioapic[0].addr, 0xfec00000);
	EXPECT_EQ_INT(cfg.isa_irq_gsi[0], 2);
	EXPECT_EQ_INT(cfg.isa_irq_gsi[1], 1);
	EXPECT_EQ_INT(cfg.isa_irq_flags[9], MP_IRQPOL_ACTIVE_HIGH | MP_IRQTRIG_LEVEL);
	EXPECT_EQ_INT(cfg.isa_irq_flags[1], 0);
	EXPECT(strstr(printk_output(), "ACPI: RSDP 0x00000000000F59D0 000014 (v00 BOCHS )"));
	EXPECT(strstr(printk_output(), "ACPI: INT_SRC_OVR (bus 0 bus_irq 0 global_irq 2 dfl dfl)"));
	EXPECT(strstr(printk_output(), "ACPI: Using ACPI (MADT) for SMP configuration information"));
	EXPECT_EQ_INT(fake_phys_mapped(), 0);
}

TEST(acpi, xsdt_and_rsdp_in_the_ebda)
{
	setup();
	madt_qemu(2);
	install(2);
	memmove(mem + 0x9fc00, mem + RSDP_AT, 36); /* the EBDA's first KiB */
	memset(mem + RSDP_AT, 0, 36);
	mem[0x40e] = 0xc0, mem[0x40f] = 0x9f; /* EBDA segment 0x9fc0 */
	smp_read_config(&cfg, 0);
	EXPECT_STREQ(cfg.source, "ACPI MADT");
	EXPECT_EQ_INT(cfg.nr_cpus, 2);
	EXPECT(strstr(printk_output(), "ACPI: XSDT 0x0000000000100000"));
	EXPECT_EQ_INT(fake_phys_mapped(), 0);
}

TEST(acpi, boot_cpu_first_and_disabled_cpus_left_out)
{
	setup();
	madt_begin(0);
	madt_lapic(0, 1);
	madt_lapic(1, 0); /* present in the table, not enabled */
	madt_lapic(2, 1);
	install(0);
	smp_read_config(&cfg, 2);
	EXPECT_EQ_INT(cfg.nr_cpus, 2);
	EXPECT_EQ_INT(cfg.cpu_apicid[0], 2);
	EXPECT_EQ_INT(cfg.cpu_apicid[1], 0);
	EXPECT_EQ_INT(cfg.lapic_addr, 0xfee00000); /* 0 in the table: the default */
}

TEST(acpi, boot_cpu_missing_from_the_table_is_added)
{
	setup();
	madt_qemu(2);
	install(0);
	smp_read_config(&cfg, 7);
	EXPECT_EQ_INT(cfg.nr_cpus, 3);
	EXPECT_EQ_INT(cfg.cpu_apicid[0], 7);
	EXPECT(strstr(printk_output(), "BIOS bug: the boot CPU (APIC id 0x7) is not listed"));
}

TEST(acpi, more_cpus_than_nr_cpus_are_counted_not_kept)
{
	setup();
	madt_begin(0xfee00000);
	for (int i = 0; i < NR_CPUS + 4; i++)
		madt_lapic(i, 1);
	install(0);
	smp_read_config(&cfg, 10); /* the boot CPU is one the cut would drop */
	EXPECT_EQ_INT(cfg.nr_cpus, NR_CPUS + 4);
	EXPECT_EQ_INT(cfg.cpu_apicid[0], 10);
	for (int i = 1; i < NR_CPUS; i++)
		EXPECT_EQ_INT(cfg.cpu_apicid[i], i - 1);
	EXPECT(strstr(printk_output(),
		      "NR_CPUS/possible_cpus limit of 8 reached. Processor 7/0x7 ignored."));
}

TEST(acpi, duplicate_and_broadcast_apic_ids_ignored)
{
	setup();
	madt_begin(0xfee00000);
	madt_lapic(0, 1);
	madt_lapic(1, 1);
	madt_lapic(1, 1);
	madt_lapic(0xff, 1);
	install(0);
	smp_read_config(&cfg, 0);
	EXPECT_EQ_INT(cfg.nr_cpus, 2);
	EXPECT(strstr(printk_output(), "duplicate APIC id 0x1 ignored"));
	EXPECT(strstr(printk_output(), "APIC id 0xff ignored"));
}

TEST(acpi, zero_length_entry_rejects_the_madt)
{
	static const uint8_t zero[2] = { 0, 0 };

	setup();
	madt_qemu(2);
	madt_add(zero, 2);
	install(0);
	smp_read_config(&cfg, 0);
	EXPECT(cfg.source == NULL); /* no MP table either: one CPU */
	EXPECT_EQ_INT(cfg.nr_cpus, 1);
	EXPECT(strstr(printk_output(), "bad length 0"));
	EXPECT(strstr(printk_output(), "Invalid BIOS MADT, disabling ACPI"));
	EXPECT_EQ_INT(fake_phys_mapped(), 0);
}

TEST(acpi, entry_shorter_than_its_type_or_past_the_end)
{
	static const uint8_t short_ioapic[6] = { 1, 6, 0, 0, 0, 0 };
	static const uint8_t past_end[4] = { 0, 8, 5, 5 };

	setup();
	madt_qemu(1);
	madt_add(short_ioapic, 6);
	EXPECT_EQ_INT(acpi_parse_madt(madt, madt_len, &cfg), -EINVAL);
	EXPECT(strstr(printk_output(), "type 1 needs 12 bytes, has 6"));
	madt_qemu(1);
	madt_add(past_end, 4);
	put32(madt + 4, madt_len);
	EXPECT_EQ_INT(acpi_parse_madt(madt, madt_len, &cfg), -EINVAL);
	put32(madt + 4, madt_len + 1); /* the header claims more than there is */
	EXPECT_EQ_INT(acpi_parse_madt(madt, madt_len, &cfg), -EINVAL);
}

TEST(acpi, bad_checksums)
{
	setup();
	madt_qemu(2);
	install(0);
	mem[MADT_AT + 20] ^= 1;
	smp_read_config(&cfg, 0);
	EXPECT(cfg.source == NULL);
	EXPECT(strstr(printk_output(), "checksum or length changed, ignored"));
	setup();
	madt_qemu(2);
	install(0);
	mem[RSDP_AT + 9] ^= 1; /* the RSDP's own checksum */
	smp_read_config(&cfg, 0);
	EXPECT(cfg.source == NULL);
	EXPECT(!strstr(printk_output(), "ACPI: RSDP"));
	EXPECT_EQ_INT(fake_phys_mapped(), 0);
}

TEST(acpi, lengths_that_wrap_or_tables_out_of_reach)
{
	setup();
	madt_qemu(2);
	install(0);
	put32(mem + ROOT_AT + 4, 0xffffffff); /* the RSDT's length */
	smp_read_config(&cfg, 0);
	EXPECT(cfg.source == NULL);
	EXPECT(strstr(printk_output(), "bad length 4294967295"));
	setup();
	madt_qemu(2);
	install(2);
	put64(mem + ROOT_AT + 36, 0xfffffffffffff000ull); /* an XSDT entry near 2^64 */
	fake_phys_fix_checksum(mem + ROOT_AT, 44, 9);
	smp_read_config(&cfg, 0);
	EXPECT(cfg.source == NULL);
	EXPECT(strstr(printk_output(), "table at 0xFFFFFFFFFFFFF000 cannot be mapped"));
	EXPECT_EQ_INT(fake_phys_mapped(), 0);
}

TEST(acpi, lapic_override_and_bad_overrides)
{
	uint8_t over[12] = { 5, 12 };

	setup();
	madt_qemu(1);
	put64(over + 4, 0xfee10000);
	madt_add(over, 12);
	put64(over + 4, 0x100000000ull);
	madt_add(over, 12);
	madt_override(16, 16, 0);
	EXPECT_EQ_INT(acpi_parse_madt(madt, madt_len, &cfg), 0);
	EXPECT_EQ_INT(cfg.lapic_addr, 0xfee10000);
	EXPECT(strstr(printk_output(), "LAPIC address override 0x0000000100000000 above 4 GiB ignored"));
	EXPECT(strstr(printk_output(), "ISA IRQ 16 does not exist"));
}

TEST(acpi, ioapic_limits)
{
	setup();
	mp_config_reset(&cfg);
	madt_begin(0xfee00000);
	madt_lapic(0, 1);
	madt_ioapic(1, 0, 0);
	for (int i = 0; i <= MAX_IO_APICS; i++)
		madt_ioapic(2 + i, 0xfec00000 + 0x1000 * i, 24 * i);
	madt_ioapic(2, 0xfed00000, 0);
	EXPECT_EQ_INT(acpi_parse_madt(madt, madt_len, &cfg), 0);
	EXPECT_EQ_INT(cfg.nr_ioapics, MAX_IO_APICS);
	EXPECT(strstr(printk_output(), "apic_id 1 at address 0 ignored"));
	EXPECT(strstr(printk_output(), "more than 4 IOAPICs"));
	EXPECT(strstr(printk_output(), "apic_id 2 at 0xfed00000 ignored"));
}

TEST(acpi, acpi_off_skips_the_madt)
{
	setup();
	madt_qemu(4);
	install(0);
	acpi_disabled = true;
	smp_read_config(&cfg, 0);
	EXPECT(cfg.source == NULL);
	EXPECT(!strstr(printk_output(), "ACPI:"));
}
