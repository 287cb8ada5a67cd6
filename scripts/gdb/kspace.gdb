# scripts/gdb/kspace.gdb: gdb set-up for kspace. `make debug` loads it; by hand:
#   qemu-system-i386 -s -S -cdrom build/kspace.iso     (in one terminal)
#   gdb build/kspace.elf                               (in another)
#   (gdb) target remote :1234
#   (gdb) source scripts/gdb/kspace.gdb
#
# The breakpoint is a hardware one: when QEMU starts, paging is off and 0xC01xxxxx
# is not yet mapped, so gdb could not write a software breakpoint there.
source scripts/gdb/kspace.py
set pagination off
set width 0
set confirm off
hbreak start_kernel
continue
delete
