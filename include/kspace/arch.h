/* What generic code asks of the architecture during boot (implemented under arch/). */
#ifndef KSPACE_ARCH_H
#define KSPACE_ARCH_H

void trap_init(void);    /* GDT, TSS and IDT: the CPU can now report faults */
void early_console_init(void); /* the serial console: needs nothing but port I/O */
void console_init(void); /* the VGA console, which needs ioremap */
void setup_arch(void);   /* CPU features, memory map, paging, layout table */
void init_IRQ(void);     /* interrupt controller */
void time_init(void);    /* the periodic timer behind jiffies */
void arch_cpu_idle(void); /* wait for an interrupt */

/* Text the architecture renders for /proc. */
struct seq_buf;
void layout_render(struct seq_buf *s);  /* /proc/layout: the virtual memory layout */
void uaccess_render(struct seq_buf *s); /* /proc/uaccess: user-access fixups */
void fixmap_render(struct seq_buf *s);  /* the occupied fixmap slots (in /proc/pkmap) */
void interrupts_render(struct seq_buf *s); /* /proc/interrupts: counts per line and per CPU */

#endif
