/*
 * arch/x86/kernel/rtc.c: the wall-clock time at boot, read once from the CMOS
 * real-time clock (BCD or binary, as its status register says). Afterwards the
 * kernel counts jiffies from it.
 */
#include <asm/io.h>
#include <kspace/jiffies.h>
#include <kspace/printk.h>

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define RTC_STATUS_A 0x0a
#define RTC_STATUS_B 0x0b
#define RTC_UIP 0x80    /* an update is in progress: the registers are changing */
#define RTC_BINARY 0x04 /* status B: values are binary, not BCD */

static u8 cmos_read(u8 reg)
{
	outb(reg, CMOS_INDEX);
	return inb(CMOS_DATA);
}

static unsigned int value(u8 v, bool binary)
{
	return binary ? v : (v >> 4) * 10 + (v & 0xf);
}

/* Days from 1970-01-01 to year-month-day (a proleptic Gregorian calendar). */
static unsigned long days_since_epoch(unsigned int y, unsigned int m, unsigned int d)
{
	static const unsigned short before[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
	unsigned long days = (y - 1970) * 365 + (y - 1969) / 4 - (y - 1901) / 100 + (y - 1601) / 400;

	days += before[m - 1] + d - 1;
	if (m > 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		days++;
	return days;
}

unsigned long read_persistent_clock(void)
{
	bool binary;
	unsigned int sec, min, hour, day, mon, year;

	for (int i = 0; i < 100000 && (cmos_read(RTC_STATUS_A) & RTC_UIP); i++)
		;
	binary = cmos_read(RTC_STATUS_B) & RTC_BINARY;
	sec = value(cmos_read(0x00), binary);
	min = value(cmos_read(0x02), binary);
	hour = value(cmos_read(0x04), binary);
	day = value(cmos_read(0x07), binary);
	mon = value(cmos_read(0x08), binary);
	year = 2000 + value(cmos_read(0x09), binary);
	if (mon < 1 || mon > 12 || day < 1 || day > 31) {
		pr_warn("rtc: nonsense date, using the epoch\n");
		return 0;
	}
	return days_since_epoch(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
}
