/* BUG(), BUG_ON() and WARN_ON(): invariants stated in code and enforced at run time. */
#ifndef KSPACE_BUG_H
#define KSPACE_BUG_H

#include <kspace/compiler.h>

__noreturn void __bug(const char *file, int line, const char *cond);
void __warn(const char *file, int line, const char *cond);

#define BUG() __bug(__FILE__, __LINE__, NULL)
#define BUG_ON(cond)                                   \
	do {                                           \
		if (unlikely(cond))                    \
			__bug(__FILE__, __LINE__, #cond); \
	} while (0)
#define WARN_ON(cond)                                         \
	({                                                    \
		int __c = !!(cond);                           \
		if (unlikely(__c))                            \
			__warn(__FILE__, __LINE__, #cond);    \
		__c;                                          \
	})

#endif
