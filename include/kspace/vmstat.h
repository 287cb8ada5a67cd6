/* The text of /proc/buddyinfo and /proc/meminfo, in Linux's formats (mm/vmstat.c). */
#ifndef KSPACE_VMSTAT_H
#define KSPACE_VMSTAT_H

struct seq_buf;

void buddyinfo_render(struct seq_buf *s);
void meminfo_render(struct seq_buf *s);

#endif
