#!/usr/bin/env python3
"""make bench: boot under QEMU -icount shift=0, where the guest's TSC counts guest
instructions, and print guest instructions per operation:

  - the in-kernel benchmarks (the "bench" boot): page allocator, kmalloc, kmap;
  - memory initialisation at -m 64M and -m 3G;
  - /bin/bench from user space (system calls, fork, faults, context switches, pipes,
    busybox's sh), on kspace and, when make check-linux has fetched it, on Debian's
    Linux i386 kernel with the very same binary, side by side;
  - the same at -smp BENCH_SMP (default 2), with what only several CPUs have: a cross
    call's round trip, the pkmap window's wrap flushed on every CPU, a futex wake-up
    on another CPU;
  - wall-clock scaling (the host's clock, no -icount, multi-threaded TCG): two
    CPU-bound processes at -smp 2 against one at -smp 1 (`bench spin N`).

Usage: bench.py ELF INITRAMFS [BUSYBOX]. Linux boots an initramfs made here of /bin/bench
(from INITRAMFS's build directory), /dev/console and, with BUSYBOX (Debian's
busybox-static, which INITRAMFS then holds at /bin/busybox), /bin/busybox.
"""
import glob
import os
import re
import subprocess
import sys
import threading
import time

QEMU = ["qemu-system-i386", "-icount", "shift=0", "-net", "none", "-display", "none",
        "-monitor", "none", "-serial", "stdio", "-no-reboot",
        "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
ROW = re.compile(r"bench: (\S+)\s+(\d+) per op")
SMP = int(os.environ.get("BENCH_SMP", "2"))
SMP_ROWS = ("smp_call_function_round_trip", "flush_tlb_kernel_range_pkmap",
            "kmap_window_wrap_flush", "kmap_atomic_kunmap_atomic", "futex_wake_to_run_x2")
LINUX_APPEND = "console=ttyS0 quiet panic=-1 rdinit="
SPIN_TRIES = 3


def real_time(qemu):
    """qemu without -icount, each virtual CPU a host thread: the guest's TSC then ticks
    with the host's clock, as it would on hardware."""
    return [w for w in qemu if w not in ("-icount", "shift=0")] + ["-accel", "tcg,thread=multi"]


def boot(kernel, mem, append, initrd=None, smp=1, icount=True):
    cmd = (QEMU if icount else real_time(QEMU)) + ["-m", mem, "-smp", str(smp), "-kernel", kernel,
                                                  "-append", append]
    if initrd:
        cmd += ["-initrd", initrd]
    out = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=600).stdout
    text = out.decode("latin-1")
    if "bench:" not in text:
        sys.exit(f"bench: the {mem} boot of {kernel} printed no results:\n{text[-2000:]}")
    return text


def linux_kernel():
    found = sorted(glob.glob("build/linux/vmlinuz-*"))
    return found[-1] if found else None


def newc(entries):
    """A cpio archive in the newc format Linux unpacks, of (name, mode, data, rdev)
    entries: written here, so /dev/console needs neither root nor mknod."""
    out = b""
    for ino, (name, mode, data, rdev) in enumerate(entries + [("TRAILER!!!", 0, b"", (0, 0))], 1):
        fields = [ino, mode, 0, 0, 1, 0, len(data), 0, 0, *rdev, len(name) + 1, 0]
        head = b"070701" + b"".join(b"%08X" % f for f in fields) + name.encode() + b"\0"
        out += head + b"\0" * (-len(head) % 4) + data + b"\0" * (-len(data) % 4)
    return out


def linux_initramfs(bench, busybox):
    """build/linux/bench.cpio: what Linux needs to run the bench binary as init."""
    files = [("bin/bench", bench)] + ([("bin/busybox", busybox)] if busybox else [])
    entries = [("bin", 0o40755, b"", (0, 0)), ("dev", 0o40755, b"", (0, 0)),
               ("dev/console", 0o20600, b"", (5, 1)), ("tmp", 0o41777, b"", (0, 0))]
    for name, path in files:
        with open(path, "rb") as f:
            entries.append((name, 0o100755, f.read(), (0, 0)))
    with open("build/linux/bench.cpio", "wb") as f:
        f.write(newc(entries))
    return "build/linux/bench.cpio"


def user_table(title, elf, initramfs, vmlinuz, linux_initrd, smp=1, icount=True):
    """/bin/bench on kspace and, when there is one, on Linux, at -smp smp."""
    kspace = dict(ROW.findall(boot(elf, "64M", "init=/bin/bench", initramfs, smp, icount)))
    linux = dict(ROW.findall(boot(vmlinuz, "256M", LINUX_APPEND + "/bin/bench", linux_initrd, smp,
                                  icount))) if vmlinuz else {}
    print(f"\n{title}")
    print(f"  {'operation':<24}{'kspace':>10}{'Linux':>10}{'ratio':>8}")
    for name, k in kspace.items():
        lin = linux.get(name)
        ratio = f"{int(k) / int(lin):.2f}" if lin else "-"
        print(f"  {name:<24}{int(k):>10}{lin or '-':>10}{ratio:>8}")


def spin_seconds(kernel, initrd, prefix, n):
    """Host seconds between `bench spin n`'s start and done lines, at -smp n under
    multi-threaded TCG (each virtual CPU a host thread), and the CPUs the processes ended on."""
    cmd = real_time(QEMU) + ["-smp", str(n), "-m", "256M", "-kernel", kernel, "-initrd", initrd,
                             "-append", f"{prefix}/bin/bench spin {n}"]
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
    timer = threading.Timer(600, p.kill)
    timer.start()
    seen, text = {}, b""
    for line in p.stdout:
        text += line
        for mark in (b"bench: spin start", b"bench: spin done"):
            if line.startswith(mark):
                seen[mark] = time.monotonic()
    timer.cancel()
    p.wait()
    if len(seen) != 2:
        sys.exit(f"bench: `bench spin {n}` on {kernel} printed no start and done lines:\n"
                 f"{text.decode('latin-1')[-2000:]}")
    cpus = sorted(set(re.findall(rb"ended on CPU (\d+)", text)))
    return seen[b"bench: spin done"] - seen[b"bench: spin start"], b",".join(cpus).decode()


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

    vmlinuz = linux_kernel()
    bench = os.path.join(os.path.dirname(initramfs), "user", "bench")
    linux_initrd = vmlinuz and linux_initramfs(bench, busybox)
    user_table("from user space (/bin/bench, the same binary on both kernels)",
               elf, initramfs, vmlinuz, linux_initrd)
    if not vmlinuz:
        print("  (Linux column: run `make check-linux` once to fetch Debian's i386 kernel)")

    smp = dict(ROW.findall(boot(elf, "3G", "bench", smp=SMP)))
    smp.update(ROW.findall(boot(elf, "64M", "init=/bin/bench", initramfs, SMP)))
    print(f"\nwhat other CPUs add, at -smp {SMP} "
          "(in the kernel, 3G boot; the futex row from /bin/bench)")
    print(f"  {'operation':<32}{'-smp 1':>10}{f'-smp {SMP}':>10}")
    for name in SMP_ROWS:
        print(f"  {name:<32}{rows.get(name, '-'):>10}{smp.get(name, '-'):>10}")
    # Under -icount, QEMU 7.2 runs the CPUs in turn and Linux 6.1 never finishes bringing up
    # its second one ("x86: Booting SMP configuration:" is its last line): both kernels run
    # this table in real time instead, so its figures are TSC ticks and vary with the host.
    user_table(f"from user space at -smp {SMP}: TSC ticks per operation, no -icount "
               "(host-dependent)", elf, initramfs, vmlinuz, linux_initrd, SMP, icount=False)

    print(f"\nwall-clock scaling (host seconds, no -icount, best of {SPIN_TRIES}): `bench spin N`, "
          "N CPU-bound processes")
    print(f"  {'kernel':<12}{'1 at -smp 1':>14}{'2 at -smp 2':>14}{'ratio':>8}  on CPUs")
    for name, kernel, initrd, prefix in (("kspace", elf, initramfs, "init="),
                                         ("Linux", vmlinuz, linux_initrd, LINUX_APPEND)):
        if kernel:
            # The fastest of SPIN_TRIES: other work on the host only ever slows a run down.
            (one, _), (two, cpus) = (
                min(spin_seconds(kernel, initrd, prefix, n) for _ in range(SPIN_TRIES))
                for n in (1, 2))
            print(f"  {name:<12}{one:>14.2f}{two:>14.2f}{two / one:>8.2f}  {cpus}")
    print(f"  (ratio 1.0: the two ran in parallel; 2.0: one after the other. Host load now: "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")


main()
