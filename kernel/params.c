/*
 * kernel/params.c: split the kernel command line into words and hand each to the
 * __setup handler that claims it. Words nobody claims are reported and, as on
 * Linux, passed to init: "name=value" in its environment, anything else as an
 * argument (so "KSPACE=1" on the command line reaches every test program).
 */
#include <kspace/init.h>
#include <kspace/printk.h>
#include <kspace/string.h>

extern const struct kernel_param __setup_start[], __setup_end[];

char boot_command_line[COMMAND_LINE_SIZE];

/* A name ending in '=' takes a value; any other name is a flag and must match exactly. */
static const struct kernel_param *find_param(const struct kernel_param *start,
					     const struct kernel_param *end, const char *word,
					     const char **value)
{
	for (const struct kernel_param *p = start; p < end; p++) {
		size_t n = strlen(p->name);

		if (p->name[n - 1] == '=' ? !strncmp(word, p->name, n) : !strcmp(word, p->name)) {
			*value = word + n; /* the value, or "" for a flag */
			return p;
		}
	}
	return NULL;
}

/*
 * Each word is NUL-terminated in place only while its handler runs, so cmdline reads
 * the same afterwards and a handler must copy any value it keeps.
 */
void parse_args(char *cmdline, const struct kernel_param *start, const struct kernel_param *end,
		void (*unknown)(const char *word))
{
	char *word = cmdline;

	while (*word) {
		char *word_end = word;
		const char *value;
		const struct kernel_param *p;

		while (*word_end && *word_end != ' ')
			word_end++;
		if (word_end == word) {
			word++;
			continue;
		}
		char saved = *word_end;
		*word_end = '\0';
		p = find_param(start, end, word, &value);
		if (!p) {
			pr_warn("Unknown kernel command line parameter \"%s\"\n", word);
			if (unknown)
				unknown(word);
		}
		else if (p->setup(value) < 0)
			pr_warn("Bad value in kernel command line parameter \"%s\"\n", word);
		*word_end = saved;
		word = word_end;
	}
}

const char *argv_init[MAX_INIT_ARGS + 2];
const char *envp_init[MAX_INIT_ARGS + 4] = { "HOME=/", "TERM=linux", "PATH=/sbin:/bin" };
static char init_words[COMMAND_LINE_SIZE]; /* copies: the command line is restored */
static size_t init_words_len;

static void pass_to_init(const char *word)
{
	const char **vec = strchr(word, '=') ? envp_init : argv_init + 1; /* argv[0]: the program */
	size_t n = strlen(word) + 1;
	int i = 0;

	while (vec[i])
		i++;
	if (i >= MAX_INIT_ARGS || init_words_len + n > sizeof(init_words)) {
		pr_warn("Too many kernel command line parameters for init: \"%s\" dropped\n", word);
		return;
	}
	vec[i] = memcpy(init_words + init_words_len, word, n);
	init_words_len += n;
}

void parse_kernel_params(char *cmdline)
{
	parse_args(cmdline, __setup_start, __setup_end, pass_to_init);
}
