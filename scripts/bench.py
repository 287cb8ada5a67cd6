#!/usr/bin/env python3
"""make bench: boot under QEMU -icount shift=0, where the guest's TSC counts guest
instructions, and print guest instructions per operation:

  - the in-kernel benchmarks (the "bench" boot): page allocator, kmalloc, kmap;
  - memory initialisation at -m 64M and -m 3G;
  - /bin/bench from user space (system calls, fork, faults, context switches, pipes,
    busybox's sh), on kspace and, when make check-linux has fetched it, on Debian's
    Linux i386 kernel with the very same binary, side by side.

Usage: bench.py ELF INITRAMFS [BUSYBOX]. With BUSYBOX (Debian's busybox-static, which
INITRAMFS then holds at /bin/busybox), Linux's initramfs gets the same binary: a second
cpio archive with just /bin/busybox, appended (Linux unpacks concatenated archives).
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

QEMU = ["qemu-system-i386", "-icount", "shift=0", "-net", "none", "-display", "none",
        "-monitor", "none", "-serial", "stdio", "-no-reboot",
        "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
ROW = re.compile(r"bench: (\S+)\s+(\d+) per op")


def boot(kernel, mem, append, initrd=None):
    cmd = QEMU + ["-m", mem, "-kernel", kernel, "-append", append]
    if initrd:
        cmd += ["-initrd", initrd]
    out = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=600).stdout
    text = out.decode("latin-1")
    if "bench:" not in text:
        sys.exit(f"bench: the {mem} boot of {kernel} printed no results:\n{text[-2000:]}")
    return text


def linux_kernel():
    found = sorted(glob.glob("build/linux/vmlinuz-*"))
    return (found[-1], "build/linux/linux.cpio") if found else (None, None)


def with_busybox(cpio, busybox):
    """cpio with an archive holding busybox at /bin/busybox appended; the new file's name."""
    out = cpio.replace(".cpio", "-bench.cpio")
    with tempfile.TemporaryDirectory() as root:
        os.mkdir(os.path.join(root, "bin"))
        shutil.copy(busybox, os.path.join(root, "bin", "busybox"))
        extra = subprocess.run("find . | LC_ALL=C sort | cpio -o -H newc --owner=0:0 --quiet",
                               shell=True, cwd=root, capture_output=True, check=True).stdout
    with open(cpio, "rb") as f, open(out, "wb") as o:
        o.write(f.read())
        o.write(extra)
    return out


def main():
    elf, initramfs = sys.argv[1], sys.argv[2]
    busybox = sys.argv[3] if len(sys.argv) > 3 else None
    small, large = boot(elf, "64M", "bench"), boot(elf, "3G", "bench")
    rows = dict(ROW.findall(large))
    rows.update(ROW.findall(small))  # the 64M figure wherever both exist
    init = [int(re.search(r"memory init took (\d+) cycles", t).group(1)) for t in (small, large)]

    print("kspace benchmarks: guest instructions per operation (QEMU -icount shift=0)")
    print("\nin the kernel (64M boot; kmap figures from the 3G boot)")
    for name, per_op in rows.items():
        print(f"  {name:<32}{int(per_op):>10}")
    print(f"  {'memory init, -m 64M':<32}{init[0]:>10}")
    print(f"  {'memory init, -m 3G':<32}{init[1]:>10}")
    print(f"  {'memory init, 3G / 64M':<32}{init[1] / init[0]:>9.2f}x")

    kspace = dict(ROW.findall(boot(elf, "64M", "init=/bin/bench", initramfs)))
    vmlinuz, linux_initrd = linux_kernel()
    linux = {}
    if vmlinuz:
        if busybox:
            linux_initrd = with_busybox(linux_initrd, busybox)
        linux = dict(ROW.findall(boot(vmlinuz, "256M", "console=ttyS0 quiet panic=-1 rdinit=/bin/bench",
                                      linux_initrd)))
    print("\nfrom user space (/bin/bench, the same binary on both kernels)")
    print(f"  {'operation':<24}{'kspace':>10}{'Linux':>10}{'ratio':>8}")
    for name, k in kspace.items():
        lin = linux.get(name)
        ratio = f"{int(k) / int(lin):.2f}" if lin else "-"
        print(f"  {name:<24}{int(k):>10}{lin or '-':>10}{ratio:>8}")
    if not vmlinuz:
        print("  (Linux column: run `make check-linux` once to fetch Debian's i386 kernel)")


main()
