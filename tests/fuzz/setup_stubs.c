/*
 * tests/fuzz/setup_stubs.c: host stand-ins for what the setup harness's kernel
 * sources use beside their handlers (printk's warnings): the clock printk stamps lines
 * with and the interrupt flag it saves. The rest of those files is dropped at link.
 */
#include "../host/kapi.h"

unsigned long host_eflags = 0x200;

unsigned long long sched_clock(void)
{
	return 0;
}
