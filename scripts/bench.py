#!/usr/bin/env python3
"""make bench: boot kspace under QEMU -icount shift=0, where the guest's TSC counts
guest instructions, run the in-kernel benchmarks, and print a table of guest
instructions per operation, plus the cost of memory initialisation at two RAM sizes."""
import re
import subprocess
import sys

QEMU = ["qemu-system-i386", "-icount", "shift=0", "-net", "none", "-display", "none",
        "-monitor", "none", "-serial", "stdio", "-no-reboot",
        "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]


def boot(elf, mem):
    out = subprocess.run(QEMU + ["-m", mem, "-kernel", elf, "-append", "bench"],
                         stdin=subprocess.DEVNULL, capture_output=True, timeout=300).stdout
    text = out.decode("latin-1")
    if "bench:" not in text:
        sys.exit(f"bench: the {mem} boot printed no results:\n{text[-2000:]}")
    return text


def main():
    elf = sys.argv[1]
    small, large = boot(elf, "64M"), boot(elf, "3G")
    # Most figures are the same at any size; HighMem ones exist only in the 3G boot.
    rows = dict(re.findall(r"bench: (\S+)\s+(\d+) per op", large))
    rows.update(re.findall(r"bench: (\S+)\s+(\d+) per op", small))
    init = [int(re.search(r"memory init took (\d+) cycles", t).group(1)) for t in (small, large)]

    print("kspace benchmarks: guest instructions (QEMU -icount shift=0)")
    print(f"{'operation':<34}{'instructions':>14}   (64M boot; kmap figures from the 3G boot)")
    for name, per_op in rows.items():
        print(f"{name:<34}{int(per_op):>14}")
    print(f"{'memory init, -m 64M':<34}{init[0]:>14}")
    print(f"{'memory init, -m 3G':<34}{init[1]:>14}")
    print(f"{'memory init, 3G / 64M':<34}{init[1] / init[0]:>13.2f}x")


main()
