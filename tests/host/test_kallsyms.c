/*
 * tests/host/test_kallsyms.c: symbol lookup (kernel/kallsyms.c) over a small table
 * defined here in the generated tables' shape, and the generator itself
 * (scripts/kallsyms.py) on fake `nm -n` output. Run from the repository root.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kapi.h"
#include "test.h"

/* Four functions: startup_32 0x40 bytes, start_kernel 0x2c, do_work 0x30, idle_loop 0x64. */
const unsigned long kallsyms_addresses[] = { 0xc0100000, 0xc0100040, 0xc010006c, 0xc010009c };
const unsigned int kallsyms_name_offsets[] = { 0, 11, 24, 32 };
const char kallsyms_names[] = "startup_32\0start_kernel\0do_work\0idle_loop";
const unsigned int kallsyms_num_syms = 4;
const unsigned long kallsyms_text_end = 0xc0100100;

/* The obvious linear answer that the binary search must match. */
static int reference_index(unsigned long addr)
{
	int found = -1;

	for (unsigned int i = 0; i < kallsyms_num_syms; i++)
		if (kallsyms_addresses[i] <= addr)
			found = (int)i;
	return addr < kallsyms_text_end ? found : -1;
}

/* Where symbol i ends: at the next symbol, or at the end of the text for the last. */
static unsigned long reference_end(int i)
{
	if ((unsigned int)i + 1 < kallsyms_num_syms)
		return kallsyms_addresses[i + 1];
	return kallsyms_text_end;
}

TEST(kallsyms, lookup_known_addresses)
{
	unsigned long size = 1, offset = 1;

	EXPECT(kallsyms_lookup(0, &size, &offset) == NULL);
	EXPECT(kallsyms_lookup(0xc00fffff, &size, &offset) == NULL);
	EXPECT_STREQ(kallsyms_lookup(0xc0100000, &size, &offset), "startup_32");
	EXPECT_EQ_INT(offset, 0);
	EXPECT_EQ_INT(size, 0x40);
	EXPECT_STREQ(kallsyms_lookup(0xc010003f, &size, &offset), "startup_32");
	EXPECT_EQ_INT(offset, 0x3f);
	EXPECT_STREQ(kallsyms_lookup(0xc0100040, &size, &offset), "start_kernel");
	EXPECT_EQ_INT(offset, 0);
	EXPECT_EQ_INT(size, 0x2c);
	EXPECT_STREQ(kallsyms_lookup(0xc0100088, &size, &offset), "do_work");
	EXPECT_EQ_INT(offset, 0x1c);
	EXPECT_EQ_INT(size, 0x30);
	EXPECT_STREQ(kallsyms_lookup(0xc01000ff, &size, &offset), "idle_loop");
	EXPECT_EQ_INT(offset, 0x63);
	EXPECT_EQ_INT(size, 0x64); /* the last symbol ends at text_end */
	EXPECT(kallsyms_lookup(0xc0100100, &size, &offset) == NULL);
	EXPECT(kallsyms_lookup(0xc0100101, &size, &offset) == NULL);
	EXPECT(kallsyms_lookup(~0UL, &size, &offset) == NULL);
}

/* Every address around the table, against the linear search. */
TEST(kallsyms, lookup_every_address)
{
	for (unsigned long addr = 0xc00fff00; addr < 0xc0100200; addr++) {
		int i = reference_index(addr);
		unsigned long size, offset;
		const char *name = kallsyms_lookup(addr, &size, &offset);

		if (i < 0) {
			EXPECT_MSG(name == NULL, "%#lx: got %s, expected none", addr, name);
			continue;
		}
		unsigned long start = kallsyms_addresses[i], end = reference_end(i);

		EXPECT_MSG(name == kallsyms_names + kallsyms_name_offsets[i], "%#lx: got %s", addr,
			   name ? name : "none");
		EXPECT_MSG(offset == addr - start && size == end - start,
			   "%#lx: offset %#lx size %#lx", addr, offset, size);
	}
}

TEST(kallsyms, sprint_symbol)
{
	char buf[KSYM_SYMBOL_LEN];

	EXPECT_EQ_INT(sprint_symbol(buf, sizeof(buf), 0xc0100088), 17);
	EXPECT_STREQ(buf, "do_work+0x1c/0x30");
	sprint_symbol(buf, sizeof(buf), 0xc0100000);
	EXPECT_STREQ(buf, "startup_32+0x0/0x40");
	sprint_symbol(buf, sizeof(buf), 0xc01000ff);
	EXPECT_STREQ(buf, "idle_loop+0x63/0x64");
}

/* Outside the text, the bare address as "0x%08lx". */
TEST(kallsyms, sprint_symbol_hex_fallback)
{
	char buf[KSYM_SYMBOL_LEN];

	EXPECT_EQ_INT(sprint_symbol(buf, sizeof(buf), 0x1000), 10);
	EXPECT_STREQ(buf, "0x00001000");
	sprint_symbol(buf, sizeof(buf), 0xc0100100);
	EXPECT_STREQ(buf, "0xc0100100");
	sprint_symbol(buf, sizeof(buf), 0);
	EXPECT_STREQ(buf, "0x00000000");
}

/* Like scnprintf, sprint_symbol returns what fit. */
TEST(kallsyms, sprint_symbol_truncates)
{
	char buf[8];

	EXPECT_EQ_INT(sprint_symbol(buf, sizeof(buf), 0xc0100088), 7);
	EXPECT_STREQ(buf, "do_work");
	EXPECT_EQ_INT(sprint_symbol(buf, 0, 0xc0100088), 0);
}

TEST(kallsyms, lookup_name)
{
	EXPECT_EQ_INT(kallsyms_lookup_name("startup_32"), 0xc0100000);
	EXPECT_EQ_INT(kallsyms_lookup_name("do_work"), 0xc010006c);
	EXPECT_EQ_INT(kallsyms_lookup_name("idle_loop"), 0xc010009c);
	EXPECT_EQ_INT(kallsyms_lookup_name("start"), 0);
	EXPECT_EQ_INT(kallsyms_lookup_name("do_workx"), 0);
	EXPECT_EQ_INT(kallsyms_lookup_name(""), 0);
}

/*
 * Fake `nm -n` output: symbols outside [_text, _etext), data, local labels, __setup_
 * entries, a second name at one address and lines that are not symbols must all go;
 * one line is out of order.
 */
static const char fake_nm[] = "c00ff000 T before_text\n"
			      "c0100000 T _text\n"
			      "c0100000 T startup_32\n"
			      "c0100010 t early_helper\n"
			      "c0100010 T early_alias\n"
			      "c0100020 D some_data\n"
			      "c0100028 r some_rodata\n"
			      "c0100030 W weak_fn\n"
			      "c0100034 t .Lloop\n"
			      "c0100038 T __setup_quiet\n"
			      "c0100080 t late_fn\n"
			      "c0100060 t mid_fn\n"
			      "         U undefined_sym\n"
			      "c0100100 T _etext\n"
			      "c0100100 T after_etext\n"
			      "c0100200 T way_after\n";

/* Write text to a new file under build/, which make clean removes; its name goes to path. */
static bool write_temp(char path[32], const char *text)
{
	int fd;
	FILE *f;

	strcpy(path, "build/host/kallsyms-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || !(f = fdopen(fd, "w")))
		return false;
	fputs(text, f);
	return fclose(f) == 0;
}

/*
 * Run scripts/kallsyms.py ARGS < STDIN_PATH with its output, stderr included, in out.
 * Returns the exit status, or -1 if it could not run.
 */
static int kallsyms_py(const char *args, const char *stdin_path, char *out, size_t out_size)
{
	char cmd[256];
	FILE *p;
	size_t n;
	int status;

	if (access("scripts/kallsyms.py", R_OK)) {
		snprintf(out, out_size,
			 "scripts/kallsyms.py not found: run from the repository root");
		return -1;
	}
	snprintf(cmd, sizeof(cmd), "python3 scripts/kallsyms.py %s < %s 2>&1", args, stdin_path);
	p = popen(cmd, "r");
	if (!p) {
		snprintf(out, out_size, "popen failed");
		return -1;
	}
	n = fread(out, 1, out_size - 1, p);
	out[n] = '\0';
	status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The index of the first needle not found after the previous one, or -1 if all are. */
static int missing_in_order(const char *text, const char *const *needles, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *at = strstr(text, needles[i]);

		if (!at)
			return (int)i;
		text = at + strlen(needles[i]);
	}
	return -1;
}

TEST(kallsyms, generator_keeps_sorted_unique_text_symbols)
{
	static const char *const kept[] = {
		"0xc0100000",	 "0xc0100010",	      "0xc0100030",	     "0xc0100060",
		"0xc0100080",	 "\"startup_32\\0\"", "\"early_helper\\0\"", "\"weak_fn\\0\"",
		"\"mid_fn\\0\"", "\"late_fn\\0\"",
	};
	static const char *const dropped[] = {
		"before_text", "\"_text",     "early_alias",   "some_data",
		"some_rodata", ".Lloop",      "__setup_quiet", "undefined_sym",
		"\"_etext",    "after_etext", "way_after",     "0xc0100200",
	};
	char input[32], out[8192];
	int missing;

	EXPECT_MSG(write_temp(input, fake_nm), "cannot create %s: run from the repository root",
		   input);
	EXPECT_MSG(kallsyms_py("", input, out, sizeof(out)) == 0, "%s", out);
	unlink(input);
	missing = missing_in_order(out, kept, ARRAY_SIZE(kept));
	EXPECT_MSG(missing < 0, "%s missing or out of order in:\n%s", kept[missing], out);
	EXPECT_MSG(strstr(out, "kallsyms_num_syms = 5;"), "wrong count in:\n%s", out);
	EXPECT_MSG(strstr(out, "kallsyms_text_end = 0xc0100100"), "wrong text end in:\n%s", out);
	for (size_t i = 0; i < ARRAY_SIZE(dropped); i++)
		EXPECT_MSG(!strstr(out, dropped[i]), "%s kept in:\n%s", dropped[i], out);
}

/* The first link pass feeds it nothing: that must still be a valid, empty table. */
TEST(kallsyms, generator_empty_input)
{
	char out[4096];

	EXPECT_MSG(kallsyms_py("", "/dev/null", out, sizeof(out)) == 0, "%s", out);
	EXPECT_MSG(strstr(out, "kallsyms_num_syms = 0;"), "not an empty table:\n%s", out);
}

/* --verify accepts exactly the table it would generate: one changed address fails it. */
TEST(kallsyms, generator_verify)
{
	char input[32], table[32], altered[32], args[64], out[8192];
	char *addr;

	EXPECT_MSG(write_temp(input, fake_nm), "cannot create %s: run from the repository root",
		   input);
	EXPECT_MSG(kallsyms_py("", input, out, sizeof(out)) == 0, "%s", out);
	EXPECT(write_temp(table, out));
	EXPECT((addr = strstr(out, "0xc0100060")) != NULL);
	memcpy(addr, "0xc0100064", 10);
	EXPECT(write_temp(altered, out));

	snprintf(args, sizeof(args), "--verify %s", table);
	EXPECT_MSG(kallsyms_py(args, input, out, sizeof(out)) == 0, "matching table rejected: %s",
		   out);
	EXPECT_MSG(kallsyms_py(args, "/dev/null", out, sizeof(out)) > 0,
		   "a table for other symbols was accepted");
	snprintf(args, sizeof(args), "--verify %s", altered);
	EXPECT_MSG(kallsyms_py(args, input, out, sizeof(out)) > 0,
		   "a table with a changed address was accepted");
	unlink(input);
	unlink(table);
	unlink(altered);
}
