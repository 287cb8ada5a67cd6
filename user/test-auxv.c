/*
 * user/test-auxv.c: the auxiliary vector execve leaves after envp. Every entry a
 * static program's C library reads is there once, in the order Linux's
 * create_elf_tables writes them, and says the truth: the page size, clock ticks,
 * where the program headers are mapped (the same bytes as in the file), the entry
 * point, the ids, AT_HWCAP as CPUID leaf 1 reports EDX (less the features Linux
 * disabled), 16 random bytes, the platform as uname's machine, and the path given
 * to execve. The strings and the random bytes lie on the stack where Linux puts
 * them: the random bytes, then the platform, below the argument strings; the path
 * above the environment strings.
 *
 * Linux adds entries kspace has no use for (AT_SYSINFO for the vDSO, AT_HWCAP2,
 * AT_MINSIGSTKSZ); they are skipped, and only with KSPACE=1 must none be there.
 */
#include <elf.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "check.h"

#define MAX_AUXV 64

/* The entries Linux writes for a static program, in its order. */
static const unsigned long linux_order[] = {
	AT_HWCAP, AT_PAGESZ, AT_CLKTCK, AT_PHDR, AT_PHENT, AT_PHNUM, AT_BASE, AT_FLAGS, AT_ENTRY,
	AT_UID,   AT_EUID,   AT_GID,    AT_EGID, AT_SECURE, AT_RANDOM, AT_EXECFN, AT_PLATFORM,
};
#define NR_KNOWN (sizeof(linux_order) / sizeof(linux_order[0]))

struct auxv {
	unsigned long type, value;
};

static unsigned long values[NR_KNOWN];
static int seen[NR_KNOWN];

extern void _start(void);

static int known(unsigned long type)
{
	for (unsigned int i = 0; i < NR_KNOWN; i++)
		if (linux_order[i] == type)
			return i;
	return -1;
}

static unsigned long at(unsigned long type)
{
	return values[known(type)];
}

/* Walk the vector: each known entry once, in Linux's order, and AT_NULL at the end. */
static void check_order(const struct auxv *v)
{
	int last = -1, in_order = 1, others = 0, n;

	for (n = 0; n < MAX_AUXV && v[n].type != AT_NULL; n++) {
		int k = known(v[n].type);

		if (k < 0) {
			others++;
			continue;
		}
		in_order &= k > last;
		last = k;
		seen[k]++;
		values[k] = v[n].value;
	}
	check(n < MAX_AUXV, "the vector ends with AT_NULL (after %d entries)", n);
	check(in_order, "the entries come in create_elf_tables' order");
	for (unsigned int i = 0; i < NR_KNOWN; i++)
		check(seen[i] == 1, "AT_* %lu appears once (%d times)", linux_order[i], seen[i]);
	if (on_kspace())
		check(others == 0, "no other entries (%d)", others);
}

static uint32_t cpuid_1_edx(void)
{
	uint32_t a = 1, b, c = 0, d;

	__asm__("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return d;
}

/* AT_PHDR shows the very headers the file has, AT_PHNUM of them. */
static void check_phdrs(const char *path)
{
	static Elf32_Phdr file[32];
	Elf32_Ehdr eh;
	int fd = open(path, O_RDONLY);
	size_t size;
	bool ok = fd >= 0 && read(fd, &eh, sizeof(eh)) == sizeof(eh) && eh.e_phnum <= 32;

	size = ok ? eh.e_phnum * sizeof(Elf32_Phdr) : 0;
	ok = ok && lseek(fd, eh.e_phoff, SEEK_SET) == (off_t)eh.e_phoff &&
	     read(fd, file, size) == (ssize_t)size;
	check(ok, "read my own headers from %s", path);
	if (!ok)
		return;
	close(fd);
	check(at(AT_PHNUM) == eh.e_phnum, "AT_PHNUM is e_phnum, %u (%lu)", eh.e_phnum, at(AT_PHNUM));
	check(at(AT_PHENT) == sizeof(Elf32_Phdr), "AT_PHENT is 32 (%lu)", at(AT_PHENT));
	check(at(AT_PHDR) && !memcmp((void *)at(AT_PHDR), file, size),
	      "AT_PHDR (%#lx) shows the file's program headers", at(AT_PHDR));
	check(at(AT_ENTRY) == eh.e_entry && at(AT_ENTRY) == (unsigned long)_start,
	      "AT_ENTRY is e_entry, _start (%#lx)", at(AT_ENTRY));
}

static void check_values(char **argv)
{
	struct utsname u;
	const unsigned char *random = (const unsigned char *)at(AT_RANDOM);
	int distinct = 0;

	check(at(AT_PAGESZ) == 4096, "AT_PAGESZ is 4096 (%lu)", at(AT_PAGESZ));
	check(at(AT_CLKTCK) == 100, "AT_CLKTCK is 100 (%lu)", at(AT_CLKTCK));
	check(at(AT_BASE) == 0 && at(AT_FLAGS) == 0, "AT_BASE and AT_FLAGS are 0 without an interpreter");
	check(at(AT_UID) == getuid() && at(AT_EUID) == geteuid() && at(AT_GID) == getgid() &&
		      at(AT_EGID) == getegid(),
	      "AT_UID, AT_EUID, AT_GID, AT_EGID are the ids (%lu %lu %lu %lu)", at(AT_UID),
	      at(AT_EUID), at(AT_GID), at(AT_EGID));
	check(at(AT_SECURE) == 0, "AT_SECURE is 0 (%lu)", at(AT_SECURE));
	/* Linux clears the features it turned off (PAT on Debian's 686 kernel); kspace none. */
	check((at(AT_HWCAP) & ~cpuid_1_edx()) == 0 && (!on_kspace() || at(AT_HWCAP) == cpuid_1_edx()),
	      "AT_HWCAP is CPUID.1:EDX%s (%#lx, %#x)", on_kspace() ? "" : " or less",
	      at(AT_HWCAP), cpuid_1_edx());
	check(uname(&u) == 0 && at(AT_PLATFORM) && !strcmp((char *)at(AT_PLATFORM), u.machine),
	      "AT_PLATFORM is uname's machine, \"%s\"", u.machine);
	check(at(AT_EXECFN) && !strcmp((char *)at(AT_EXECFN), argv[0]),
	      "AT_EXECFN is the path given to execve, \"%s\"", argv[0]);
	for (int i = 1; random && i < 16; i++)
		distinct += random[i] != random[0];
	check(random && distinct, "AT_RANDOM points to 16 bytes, not all the same");
}

/* Below argv[0]: the platform string, below it the random bytes; above envp's: the path. */
static void check_placement(char **argv, char **envp)
{
	unsigned long platform = at(AT_PLATFORM), random = at(AT_RANDOM), execfn = at(AT_EXECFN);
	unsigned long strings_end = (unsigned long)argv[0];
	char **p;

	if (!platform || !random || !execfn)
		return; /* already reported missing */
	for (p = argv; *p; p++)
		strings_end = (unsigned long)*p + strlen(*p) + 1;
	for (p = envp; *p; p++)
		strings_end = (unsigned long)*p + strlen(*p) + 1;
	check(random + 16 <= platform, "the random bytes lie below the platform string");
	check(platform + strlen((char *)platform) + 1 <= (unsigned long)argv[0],
	      "the platform string lies below the argument strings");
	check(execfn >= strings_end && execfn < TASK_SIZE,
	      "the path lies above the environment strings, in user space (%#lx)", execfn);
}

int main(int argc, char **argv, char **envp)
{
	char **p = envp;

	(void)argc;
	while (*p)
		p++;
	check_order((const struct auxv *)(p + 1));
	check_phdrs(argv[0]);
	check_values(argv);
	check_placement(argv, envp);
	return check_status();
}
