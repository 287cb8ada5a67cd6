/* sys/klog.h: klogctl(), glibc's name for the syslog system call that reads the kernel log. */
#ifndef _SYS_KLOG_H
#define _SYS_KLOG_H

#define SYSLOG_ACTION_READ_ALL 3     /* copy the whole log, leaving it in place */
#define SYSLOG_ACTION_SIZE_BUFFER 10 /* the log buffer's size in bytes */

int klogctl(int type, char *buf, int len);

#endif
