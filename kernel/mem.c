/*
 * kernel/mem.c: the memory devices, major 1, as Linux's drivers/char/mem.c: /dev/null
 * (reads end at once, writes vanish), /dev/zero (zeros), /dev/full (zeros, and every
 * write fails with ENOSPC), /dev/random and /dev/urandom (the kernel's ChaCha20
 * generator, as getrandom; writes are accepted and add nothing), /dev/kmsg (a write is
 * one printk; a read returns the next log line as a "level,seq,usec,-;text" record).
 */
#include <kspace/errno.h>
#include <kspace/fs.h>
#include <kspace/kernel.h>
#include <kspace/printk.h>
#include <kspace/slab.h>
#include <kspace/string.h>
#include <kspace/syscall_defs.h>

static long null_read(struct file *f, char __user *buf, unsigned long count, loff_t *ppos)
{
	(void)f, (void)buf, (void)count, (void)ppos;
	return 0;
}

static long null_write(struct file *f, const char __user *buf, unsigned long count, loff_t *ppos)
{
	(void)f, (void)buf, (void)ppos;
	return count;
}

/* /dev/zero and /dev/full: bytes up to the first fault, -EFAULT if none. */
static long zero_read(struct file *f, char __user *buf, unsigned long count, loff_t *ppos)
{
	unsigned long left = clear_user(buf, count);

	(void)f, (void)ppos;
	return left == count && count ? -EFAULT : (long)(count - left);
}

static long full_write(struct file *f, const char __user *buf, unsigned long count, loff_t *ppos)
{
	(void)f, (void)buf, (void)count, (void)ppos;
	return -ENOSPC;
}

static long random_read(struct file *f, char __user *buf, unsigned long count, loff_t *ppos)
{
	(void)f, (void)ppos;
	return sys_getrandom(buf, count, 0);
}

/* One line of text per write, at the level a leading "<N>" gives (default 4, as Linux). */
static long kmsg_write(struct file *f, const char __user *buf, unsigned long count, loff_t *ppos)
{
	char line[256];
	unsigned long n = min(count, sizeof(line) - 1);

	(void)f, (void)ppos;
	if (copy_from_user(line, buf, n))
		return -EFAULT;
	line[n] = '\0';
	if (n && line[n - 1] == '\n')
		line[--n] = '\0';
	printk(line[0] == '<' ? "%s\n" : KERN_WARNING "%s\n", line);
	return count;
}

static unsigned long parse_decimal(const char *s)
{
	unsigned long v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

/*
 * Line *ppos of the log, "<level>[sec.usec] text", as Linux's record
 * "level,seq,usec,-;text\n". At the end of the log: -EAGAIN (kspace's kmsg never
 * waits for new lines, as Linux's does without O_NONBLOCK).
 */
static long kmsg_read(struct file *f, char __user *buf, unsigned long count, loff_t *ppos)
{
	char *log = kmalloc(LOG_BUF_LEN, GFP_KERNEL), *line, *end, *text;
	unsigned long sec = 0, usec = 0, len;
	char rec[64];
	long n, err = -EAGAIN;
	loff_t i = 0;

	(void)f;
	if (!log)
		return -ENOMEM;
	len = log_buf_read(log, LOG_BUF_LEN - 1);
	log[len] = '\0';
	for (line = log; *line && i < *ppos; i++)
		line = strchr(line, '\n') ? strchr(line, '\n') + 1 : line + strlen(line);
	if (*line) {
		end = strchr(line, '\n');
		if (end)
			*end = '\0';
		text = strchr(line, ']') ? strchr(line, ']') + 2 : line;
		if (text > line + strlen(line))
			text = line + strlen(line);
		if (line[0] == '<' && line[3] == '[') {
			sec = parse_decimal(line + 4);
			usec = strchr(line, '.') ? parse_decimal(strchr(line, '.') + 1) : 0;
		}
		n = snprintf(rec, sizeof(rec), "%d,%lld,%lu,-;", line[0] == '<' ? line[1] - '0' : 4,
			     *ppos, sec * 1000000 + usec);
		len = n + strlen(text) + 1;
		if (len > count)
			err = -EINVAL;
		else if (copy_to_user(buf, rec, n) || copy_to_user(buf + n, text, strlen(text)) ||
			 copy_to_user(buf + len - 1, "\n", 1))
			err = -EFAULT;
		else {
			err = len;
			++*ppos;
		}
	}
	kfree(log);
	return err;
}

static const struct file_operations null_fops = { .read = null_read, .write = null_write };
static const struct file_operations zero_fops = { .read = zero_read, .write = null_write };
static const struct file_operations full_fops = { .read = zero_read, .write = full_write };
static const struct file_operations random_fops = { .read = random_read, .write = null_write };
static const struct file_operations kmsg_fops = { .read = kmsg_read, .write = kmsg_write };

struct file *mem_open(u32 rdev)
{
	static const struct file_operations *const fops[] = {
		[3] = &null_fops, [5] = &zero_fops, [7] = &full_fops,
		[8] = &random_fops, [9] = &random_fops, [11] = &kmsg_fops,
	};
	unsigned int minor = rdev & 0xff;

	if (minor >= sizeof(fops) / sizeof(fops[0]) || !fops[minor])
		return NULL;
	return alloc_file(fops[minor], O_RDWR, S_IFCHR | 0666);
}
