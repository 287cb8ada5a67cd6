/*
 * tests/host/test_mpparse.c: find_smp_config()'s MP-table path (arch/x86/kernel/
 * mpparse.c) over simulated physical memory: the floating pointer in the BIOS ROM and
 * the EBDA, the table SeaBIOS builds under -machine acpi=off, the IMCR flag, default
 * configurations, and hostile tables.
 */
#include <string.h>

#include "fake_phys.h"
#include "kapi.h"
#include "test.h"

#include <asm/acpi.h>

#define PHYS_SIZE (2u << 20)
#define MPF_AT 0xf5b80 /* where SeaBIOS puts it */
#define MPC_AT 0xf5b90

static uint8_t *mem;
static uint8_t mpc[1024];
static uint16_t mpc_len;
static struct mp_config cfg;

static void mpc_add(const uint8_t *e, int len)
{
	memcpy(mpc + mpc_len, e, len);
	mpc_len += len;
	memcpy(mpc + 4, &mpc_len, 2);
}

static void mpc_cpu(uint8_t id, uint8_t flags)
{
	uint8_t e[20] = { 0, id, 0x14, flags };

	mpc_add(e, 20);
}

static void mpc_entry8(uint8_t a, uint8_t b, uint8_t c, uint8_t d, uint8_t e, uint8_t f, uint8_t g,
		       uint8_t h)
{
	uint8_t x[8] = { a, b, c, d, e, f, g, h };

	mpc_add(x, 8);
}

/* SeaBIOS's table at -smp n,sockets=n -machine acpi=off. */
static void mpc_qemu(int n)
{
	uint32_t lapic = 0xfee00000;

	memset(mpc, 0, sizeof(mpc));
	memcpy(mpc, "PCMP", 4);
	mpc[6] = 4;
	memcpy(mpc + 8, "BOCHSCPU0.1         ", 20);
	memcpy(mpc + 36, &lapic, 4);
	mpc_len = 44;
	for (int i = 0; i < n; i++)
		mpc_cpu(i, i ? 1 : 3);
	mpc_entry8(1, 0, 'P', 'C', 'I', ' ', ' ', ' ');
	mpc_entry8(1, 1, 'I', 'S', 'A', ' ', ' ', ' ');
	mpc_entry8(2, 0, 0x11, 1, 0x00, 0x00, 0xc0, 0xfe); /* IOAPIC 0 at 0xfec00000 */
	for (int irq = 0; irq < 16; irq++)
		if (irq != 2 && irq != 5 && irq != 9 && irq != 10 && irq != 11)
			mpc_entry8(3, 0, 0, 0, 1, irq, 0, irq ? irq : 2);
	mpc_entry8(4, 3, 0, 0, 1, 0, 0, 0);
	mpc_entry8(4, 1, 0, 0, 1, 0, 0xff, 1);
}

static void install(uint32_t mpf_at, uint8_t feature1, uint8_t feature2)
{
	uint8_t *mpf = mem + mpf_at;
	uint32_t ptr = feature1 ? 0 : MPC_AT;

	memcpy(mpf, "_MP_", 4);
	memcpy(mpf + 4, &ptr, 4);
	mpf[8] = 1;
	mpf[9] = 4;
	mpf[11] = feature1;
	mpf[12] = feature2;
	fake_phys_fix_checksum(mpf, 16, 10);
	fake_phys_fix_checksum(mpc, mpc_len, 7);
	memcpy(mem + MPC_AT, mpc, mpc_len);
}

static void setup(void)
{
	mem = fake_phys_init(PHYS_SIZE);
	acpi_disabled = false;
	printk_clear();
}

TEST(mpparse, qemu_table_4_cpus)
{
	setup();
	mpc_qemu(4);
	install(MPF_AT, 0, 0);
	smp_read_config(&cfg, 0);
	EXPECT_STREQ(cfg.source, "MP table");
	EXPECT_EQ_INT(cfg.nr_cpus, 4);
	EXPECT_EQ_INT(cfg.cpu_apicid[3], 3);
	EXPECT_EQ_INT(cfg.lapic_addr, 0xfee00000);
	EXPECT_EQ_INT(cfg.nr_ioapics, 1);
	EXPECT_EQ_INT(cfg.ioapic[0].addr, 0xfec00000);
	EXPECT_EQ_INT(cfg.isa_irq_gsi[0], 2);
	EXPECT_EQ_INT(cfg.isa_irq_gsi[4], 4);
	EXPECT(!cfg.pic_mode);
	EXPECT(strstr(printk_output(), "found SMP MP-table at [mem 0x000f5b80-0x000f5b8f]"));
	EXPECT(strstr(printk_output(), "Virtual Wire compatibility mode."));
	EXPECT(strstr(printk_output(), "MPTABLE: OEM ID: BOCHSCPU"));
	EXPECT_EQ_INT(fake_phys_mapped(), 0);
}

TEST(mpparse, ebda_pointer_and_imcr)
{
	setup();
	mpc_qemu(2);
	mem[0x40e] = 0xc0, mem[0x40f] = 0x9f; /* EBDA at 0x9fc00 */
	install(0x9fc10, 0, 0x80);
	smp_read_config(&cfg, 0);
	EXPECT_STREQ(cfg.source, "MP table");
	EXPECT(cfg.pic_mode);
	EXPECT(strstr(printk_output(), "IMCR and PIC compatibility mode."));
}

TEST(mpparse, default_configuration)
{
	setup();
	install(MPF_AT, 5, 0);
	smp_read_config(&cfg, 0);
	EXPECT_STREQ(cfg.source, "MP table");
	EXPECT_EQ_INT(cfg.nr_cpus, 2);
	EXPECT_EQ_INT(cfg.ioapic[0].apic_id, 2);
	EXPECT(strstr(printk_output(), "Default MP configuration #5"));
	setup();
	install(MPF_AT, 9, 0);
	smp_read_config(&cfg, 0);
	EXPECT(cfg.source == NULL);
}

TEST(mpparse, madt_preferred_unless_acpi_off)
{
	setup();
	mpc_qemu(4);
	install(MPF_AT, 0, 0);
	acpi_disabled = true;
	smp_read_config(&cfg, 0);
	EXPECT_STREQ(cfg.source, "MP table");
}

TEST(mpparse, unknown_entry_or_truncated_entry_rejects_the_table)
{
	setup();
	mpc_qemu(2);
	mpc_entry8(7, 0, 0, 0, 0, 0, 0, 0);
	install(MPF_AT, 0, 0);
	smp_read_config(&cfg, 0);
	EXPECT(cfg.source == NULL);
	EXPECT(strstr(printk_output(), "MPTABLE: unknown entry type 7"));
	mpc_qemu(2);
	mpc_len -= 4; /* the last entry cut in half */
	memcpy(mpc + 4, &mpc_len, 2);
	EXPECT_EQ_INT(mp_parse_config_table(mpc, mpc_len, &cfg), -EINVAL);
	EXPECT(strstr(printk_output(), "runs past the table"));
	mpc_len += 4;
	memcpy(mpc + 4, &mpc_len, 2);
	EXPECT_EQ_INT(mp_parse_config_table(mpc, mpc_len - 1, &cfg), -EINVAL);
}

TEST(mpparse, bad_checksum_and_bad_pointer)
{
	setup();
	mpc_qemu(2);
	install(MPF_AT, 0, 0);
	mem[MPC_AT + 50] ^= 1;
	smp_read_config(&cfg, 0);
	EXPECT(cfg.source == NULL);
	EXPECT(strstr(printk_output(), "MPTABLE: checksum error!"));
	setup();
	mpc_qemu(2);
	install(MPF_AT, 0, 0);
	memcpy(mem + MPF_AT + 4, &(uint32_t){ 0xfffffff0 }, 4); /* the table past 4 GiB's edge */
	fake_phys_fix_checksum(mem + MPF_AT, 16, 10);
	smp_read_config(&cfg, 0);
	EXPECT(cfg.source == NULL);
	EXPECT_EQ_INT(fake_phys_mapped(), 0);
}

TEST(mpparse, interrupt_to_unknown_ioapic_or_pin)
{
	setup();
	mp_config_reset(&cfg);
	mpc_qemu(1);
	mpc_entry8(3, 0, 0, 0, 1, 3, 9, 3);  /* IOAPIC 9 does not exist */
	mpc_entry8(3, 0, 0, 0, 1, 4, 0, 30); /* pin 30 */
	mpc_entry8(3, 0, 0, 0, 0, 6, 0, 20); /* bus 0 is PCI: not an ISA IRQ */
	EXPECT_EQ_INT(mp_parse_config_table(mpc, mpc_len, &cfg), 0);
	EXPECT(strstr(printk_output(), "IRQ 3 routed to unknown IOAPIC 9"));
	EXPECT(strstr(printk_output(), "IRQ 4 to pin 30 of IOAPIC 0 ignored"));
	EXPECT_EQ_INT(cfg.isa_irq_gsi[6], 6);
}
