/* sys/random.h: getrandom(). */
#ifndef _SYS_RANDOM_H
#define _SYS_RANDOM_H

#include <sys/types.h>

#define GRND_NONBLOCK 0x01 /* fail with EAGAIN rather than wait for the generator */
#define GRND_RANDOM 0x02   /* the "blocking pool": the same bytes since Linux 5.6 */
#define GRND_INSECURE 0x04 /* never wait, even before the generator is ready */

ssize_t getrandom(void *buf, size_t buflen, unsigned int flags);

#endif
