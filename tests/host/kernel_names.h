/*
 * tests/host/kernel_names.h: the kernel's functions that share a name with the C
 * library get a k prefix on the host, so one test binary holds both: kmemcpy is the
 * kernel's, memcpy libc's. host.mk force-includes this into every kernel source;
 * test files get the k names through kapi.h, which undoes these defines.
 */
#define memcpy kmemcpy
#define memmove kmemmove
#define memset kmemset
#define memcmp kmemcmp
#define strlen kstrlen
#define strnlen kstrnlen
#define strcmp kstrcmp
#define strncmp kstrncmp
#define strchr kstrchr
#define strstr kstrstr
#define strlcpy kstrlcpy
#define vsnprintf kvsnprintf
#define snprintf ksnprintf
#define scnprintf kscnprintf
