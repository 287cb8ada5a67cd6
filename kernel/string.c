/* kernel/string.c: the memory and string functions the kernel links against. */
#include <kspace/string.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	void *ret = dst;
	size_t words = n / 4, rest = n % 4;

	/* rep movsl then movsb: the fastest simple copy on every CPU from the 486 on. */
	__asm__ __volatile__("rep movsl" : "+D"(dst), "+S"(src), "+c"(words) : : "memory");
	__asm__ __volatile__("rep movsb" : "+D"(dst), "+S"(src), "+c"(rest) : : "memory");
	return ret;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	void *ret = dst;
	size_t words = n / 4, rest = n % 4;
	u32 pattern = (u8)c * 0x01010101u;

	/* Words first, as memcpy does: clearing a page is 1024 stores, not 4096. */
	__asm__ __volatile__("rep stosl" : "+D"(dst), "+c"(words) : "a"(pattern) : "memory");
	__asm__ __volatile__("rep stosb" : "+D"(dst), "+c"(rest) : "a"(pattern) : "memory");
	return ret;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s != (char)c; s++)
		if (!*s)
			return NULL;
	return (char *)s;
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (!strncmp(haystack, needle, n))
			return (char *)haystack;
	return n ? NULL : (char *)haystack;
}

/* Copy with truncation, always NUL-terminated; returns strlen(src) as BSD does. */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
