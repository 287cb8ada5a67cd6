/* sys/sysinfo.h: sysinfo() and Linux's struct sysinfo as laid out on i386 (64 bytes). */
#ifndef _SYS_SYSINFO_H
#define _SYS_SYSINFO_H

struct sysinfo {
	long uptime;             /* seconds since boot */
	unsigned long loads[3];  /* 1, 5 and 15 minute load averages, << 16 */
	unsigned long totalram;  /* in units of mem_unit bytes */
	unsigned long freeram;
	unsigned long sharedram;
	unsigned long bufferram;
	unsigned long totalswap;
	unsigned long freeswap;
	unsigned short procs;    /* number of processes */
	unsigned short pad;
	unsigned long totalhigh; /* the HIGHMEM part of totalram */
	unsigned long freehigh;
	unsigned int mem_unit;
	char _f[8];              /* pads the structure to 64 bytes */
};

int sysinfo(struct sysinfo *info);

#endif
