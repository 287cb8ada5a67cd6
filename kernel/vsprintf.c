/*
 * kernel/vsprintf.c: vsnprintf and friends. Freestanding and self-contained, so the
 * same file is unit-tested on the host against the C library's snprintf.
 *
 * Conversions: d i u x X o c s p %; flags - 0 + space #; width and precision, also
 * as *; length modifiers hh h l ll z t. %p prints as glibc does: 0x..., or (nil).
 */
#include <kspace/kernel.h>
#include <kspace/printk.h>

struct spec {
	int flags;
	int width;     /* -1: none */
	int precision; /* -1: none */
	int base;
	bool is_signed, upper;
};

/*
 * Linux's limits: a width or precision beyond them (a typo, or a value that came
 * from somewhere hostile through '*') is clamped, so the digits cannot overflow
 * an int and one conversion cannot ask for gigabytes of padding.
 */
#define FIELD_WIDTH_MAX ((1 << 23) - 1)
#define PRECISION_MAX ((1 << 15) - 1)

#define F_LEFT 1
#define F_ZERO 2
#define F_PLUS 4
#define F_SPACE 8
#define F_ALT 16

struct out {
	char *buf;
	size_t size, len; /* len counts every byte, even those past size */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	for (; n > 0 && o->len + 1 < o->size; n--)
		put(o, c);
	if (n > 0)
		o->len += n; /* past the buffer, only the length grows */
}

/* The decimal digits at *fmt, saturating at max; *fmt moves past all of them. */
static int parse_digits(const char **fmt, int max)
{
	int v = 0;

	for (; **fmt >= '0' && **fmt <= '9'; (*fmt)++)
		v = v > (max - 9) / 10 ? max : v * 10 + (**fmt - '0');
	return v;
}

static void put_string(struct out *o, const char *s, const struct spec *sp)
{
	int len = 0;

	if (!s)
		s = "(null)";
	while (s[len] && (sp->precision < 0 || len < sp->precision))
		len++;
	if (!(sp->flags & F_LEFT))
		pad(o, ' ', sp->width - len);
	for (int i = 0; i < len; i++)
		put(o, s[i]);
	if (sp->flags & F_LEFT)
		pad(o, ' ', sp->width - len);
}

static void put_number(struct out *o, unsigned long long v, bool negative, const struct spec *sp)
{
	const char *digits = sp->upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	char sign = 0;
	const char *prefix = "";

	if (negative)
		sign = '-';
	else if (sp->is_signed && (sp->flags & F_PLUS))
		sign = '+';
	else if (sp->is_signed && (sp->flags & F_SPACE))
		sign = ' ';
	if ((sp->flags & F_ALT) && v && sp->base == 16)
		prefix = sp->upper ? "0X" : "0x";

	do {
		tmp[n++] = digits[v % sp->base];
		v /= sp->base;
	} while (v);
	if ((sp->flags & F_ALT) && sp->base == 8 && tmp[n - 1] != '0')
		tmp[n++] = '0';
	if (sp->precision == 0 && n == 1 && tmp[0] == '0' && !(sp->flags & F_ALT && sp->base == 8))
		n = 0;

	int zeros = sp->precision > n ? sp->precision - n : 0;
	int prefix_len = (sign ? 1 : 0) + (int)__builtin_strlen(prefix);
	int body = prefix_len + zeros + n;

	if ((sp->flags & F_ZERO) && !(sp->flags & F_LEFT) && sp->precision < 0)
		zeros += sp->width > body ? sp->width - body : 0, body = sp->width;
	if (!(sp->flags & F_LEFT))
		pad(o, ' ', sp->width - body);
	if (sign)
		put(o, sign);
	for (const char *p = prefix; *p; p++)
		put(o, *p);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (sp->flags & F_LEFT)
		pad(o, ' ', sp->width - body);
}

/* Parse the flags, width and precision that start at fmt; returns what follows them. */
static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
	sp->flags = 0;
	for (;; fmt++) {
		if (*fmt == '-') sp->flags |= F_LEFT;
		else if (*fmt == '0') sp->flags |= F_ZERO;
		else if (*fmt == '+') sp->flags |= F_PLUS;
		else if (*fmt == ' ') sp->flags |= F_SPACE;
		else if (*fmt == '#') sp->flags |= F_ALT;
		else break;
	}
	sp->width = -1;
	if (*fmt == '*') {
		int width = va_arg(*ap, int);

		sp->width = clamp(width, -FIELD_WIDTH_MAX, FIELD_WIDTH_MAX);
		if (sp->width < 0)
			sp->flags |= F_LEFT, sp->width = -sp->width;
		fmt++;
	} else if (*fmt >= '0' && *fmt <= '9') {
		sp->width = parse_digits(&fmt, FIELD_WIDTH_MAX);
	}
	sp->precision = -1;
	if (*fmt == '.') {
		fmt++;
		if (*fmt == '*') {
			int precision = va_arg(*ap, int);

			sp->precision = precision < 0 ? -1 : min(precision, PRECISION_MAX);
			fmt++;
		} else {
			sp->precision = parse_digits(&fmt, PRECISION_MAX);
		}
	}
	return fmt;
}

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG };

static const char *parse_length(const char *fmt, enum length *len)
{
	*len = LEN_INT;
	if (fmt[0] == 'h' && fmt[1] == 'h')
		*len = LEN_CHAR, fmt += 2;
	else if (fmt[0] == 'h')
		*len = LEN_SHORT, fmt++;
	else if (fmt[0] == 'l' && fmt[1] == 'l')
		*len = LEN_LLONG, fmt += 2;
	else if (fmt[0] == 'l' || fmt[0] == 'z' || fmt[0] == 't')
		*len = LEN_LONG, fmt++; /* size_t and ptrdiff_t are long-sized on i386 */
	return fmt;
}

static void put_integer(struct out *o, va_list *ap, enum length len, struct spec *sp)
{
	unsigned long long v;
	bool negative = false;

	if (sp->is_signed) {
		long long s;
		switch (len) {
		case LEN_LLONG: s = va_arg(*ap, long long); break;
		case LEN_LONG: s = va_arg(*ap, long); break;
		case LEN_SHORT: s = (short)va_arg(*ap, int); break;
		case LEN_CHAR: s = (signed char)va_arg(*ap, int); break;
		default: s = va_arg(*ap, int); break;
		}
		negative = s < 0;
		v = negative ? -(unsigned long long)s : (unsigned long long)s;
	} else {
		switch (len) {
		case LEN_LLONG: v = va_arg(*ap, unsigned long long); break;
		case LEN_LONG: v = va_arg(*ap, unsigned long); break;
		case LEN_SHORT: v = (unsigned short)va_arg(*ap, unsigned int); break;
		case LEN_CHAR: v = (unsigned char)va_arg(*ap, unsigned int); break;
		default: v = va_arg(*ap, unsigned int); break;
		}
	}
	put_number(o, v, negative, sp);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { buf, size, 0 };
	struct spec sp;
	enum length len;
	va_list ap;

	va_copy(ap, args);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &ap);
		fmt = parse_length(fmt, &len);
		sp.base = 10;
		sp.is_signed = sp.upper = false;
		switch (*fmt) {
		case 'd':
		case 'i': sp.is_signed = true; put_integer(&o, &ap, len, &sp); break;
		case 'u': put_integer(&o, &ap, len, &sp); break;
		case 'X': sp.upper = true; /* fall through */
		case 'x': sp.base = 16; put_integer(&o, &ap, len, &sp); break;
		case 'o': sp.base = 8; put_integer(&o, &ap, len, &sp); break;
		case 'c': {
			char c[2] = { (char)va_arg(ap, int), 0 };
			sp.precision = 1;
			if (!c[0]) { /* a NUL char still takes its place */
				if (!(sp.flags & F_LEFT)) pad(&o, ' ', sp.width - 1);
				put(&o, 0);
				if (sp.flags & F_LEFT) pad(&o, ' ', sp.width - 1);
			} else {
				put_string(&o, c, &sp);
			}
			break;
		}
		case 's': put_string(&o, va_arg(ap, const char *), &sp); break;
		case 'p': {
			void *p = va_arg(ap, void *);
			if (!p) {
				sp.precision = -1;
				put_string(&o, "(nil)", &sp);
				break;
			}
			sp.base = 16;
			sp.flags |= F_ALT;
			put_number(&o, (unsigned long)p, false, &sp);
			break;
		}
		case '%': put(&o, '%'); break;
		case '\0': fmt--; break; /* a lone '%' at the end prints nothing */
		default: put(&o, '%'); put(&o, *fmt); break;
		}
	}
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Like snprintf, but returns what was really written (never more than size - 1). */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!size)
		return 0;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n < (int)size ? n : (int)size - 1;
}
