/*
 * stdio.h: formatted output on stdout and stderr. stdout is buffered and flushed at
 * every newline, when full, and by exit(); stderr is unbuffered. There is no input side.
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)
#define BUFSIZ 1024

typedef struct __file FILE;

extern FILE *const stdout;
extern FILE *const stderr;

#define __printf_like(fmt, args) __attribute__((format(printf, fmt, args)))

__printf_like(1, 2) int printf(const char *fmt, ...);
__printf_like(2, 3) int fprintf(FILE *f, const char *fmt, ...);
__printf_like(2, 3) int sprintf(char *buf, const char *fmt, ...);
__printf_like(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
int vprintf(const char *fmt, va_list ap);
int vfprintf(FILE *f, const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

int fputc(int c, FILE *f);
int putchar(int c);
int fputs(const char *s, FILE *f);
int puts(const char *s);
size_t fwrite(const void *p, size_t size, size_t n, FILE *f);
int fflush(FILE *f);
void perror(const char *s);

int rename(const char *oldpath, const char *newpath);
int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);

#endif
