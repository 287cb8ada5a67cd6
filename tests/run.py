#!/usr/bin/env python3
"""kspace test driver: host unit tests, then QEMU boots of the kernel.

Every QEMU run has a timeout, captures the serial port to build/test-logs/NAME.log and
reads the verdict from QEMU's exit code: the kernel writes 1 + its exit status, or 127
after a panic, to the isa-debug-exit device, which exits QEMU with (byte << 1) | 1.
So exit code 255 is a panic, another odd code c >= 3 is status (c >> 1) - 1, and 1
is QEMU's own failure (see arch/x86/kernel/reboot.c). A run may also end when an
expected line appears (boots that would otherwise idle). Output: one PASS/FAIL line per
case, then "N passed, M failed"; the exit code is non-zero when anything failed.
"""
import argparse
import concurrent.futures
import glob
import os
import re
import subprocess
import sys
import time

from docs_case import docs_case
from gdb_case import gdb_case
from gdb_helpers import gdb_helpers_case
from grubcfg_case import grubcfg_case
from qemu_cases import qemu_cases
from vga_case import vga_vi_case

PANIC = "panic"
LOG_DIR = "build/test-logs"


class Result:
    def __init__(self):
        self.passed, self.failed = [], []

    def add(self, name, ok, detail=""):
        (self.passed if ok else self.failed).append(name)
        line = f"PASS {name}" if ok else f"FAIL {name}: {detail}"
        print(line, flush=True)


def run_reporter(argv, prefix, result):
    """Run a program that prints "PASS NAME" / "FAIL NAME: why" lines, and add them."""
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        result.add(prefix + "runner", False, f"{argv[0]} timed out")
        return
    seen = 0
    for line in proc.stdout.splitlines():
        m = re.match(r"(PASS|FAIL) (\S+)(?:: (.*))?$", line)
        if m:
            seen += 1
            result.add(prefix + m.group(2), m.group(1) == "PASS", m.group(3) or "")
    if proc.returncode not in (0, 1) or seen == 0:
        result.add(prefix + "runner", False, f"exit code {proc.returncode}, {seen} tests reported"
                   f"\n{proc.stderr[-2000:]}")


DEFAULT_SMP = 1  # the CPUs of a case without an "smp" key (--smp)


def boot(case, kernels, iso):
    """Run one QEMU boot; returns (status or None, log text, seconds, seconds after mark)."""
    log = os.path.join(LOG_DIR, case["name"].replace("/", "_") + ".log")
    typed = case.get("type_lines")
    serial = ["-chardev", f"pipe,id=tty,path={log}.pipe", "-serial", "chardev:tty"] if typed \
        else ["-serial", "file:" + log]
    cmd = ["qemu-system-i386", "-m", case.get("mem", "64M"), "-no-reboot", "-net", "none",
           "-display", "none", "-monitor", "none", *serial,
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if case.get("medium"):
        cmd += [a.replace("@ISO@", iso) for a in case["medium"]]
    else:
        cmd += ["-kernel", kernels[case.get("kernel", "default")], "-append", case.get("cmdline", "")]
        if case.get("initrd"):
            cmd += ["-initrd", kernels[case.get("initramfs", "initramfs")]]
    if case.get("smp", DEFAULT_SMP) > 1:
        cmd += ["-smp", str(case.get("smp", DEFAULT_SMP))]
    cmd += case.get("qemu", [])
    open(log, "w").close()
    console = Console(log, typed) if typed else None
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    stop_on, mark = case.get("stop_on"), case.get("mark")
    last_without_mark = start  # the run ended at most (end - this) after mark appeared
    while proc.poll() is None:
        if time.monotonic() - start > case.get("timeout", 60):
            proc.kill()
            proc.wait()
            return "timeout", read(log), time.monotonic() - start, None
        if console:
            console.pump(case.get("prompt", ""))
        now, text = time.monotonic(), read(log)
        if mark and mark not in text:
            last_without_mark = now
        if stop_on and stop_on in text:
            proc.kill()
            proc.wait()
            return "stopped", read(log), time.monotonic() - start, None
        time.sleep(0.02)
    end = time.monotonic()
    if console:
        console.drain()

    def after_mark(end):
        return end - last_without_mark if mark and mark in read(log) else None
    return decode_exit(proc), read(log), end - start, after_mark(end)


class Console:
    """A serial line a test types into, like a person at the keyboard. QEMU's pipe
    chardev reads PATH.in and writes PATH.out (two FIFOs); what it writes is copied to
    the log, and each time one more prompt has appeared, the next line is typed. An entry
    (pattern, keys) is for a full-screen program: keys are typed as they are once pattern
    has appeared in what came since the last typing."""

    def __init__(self, log, lines):
        self.log, self.lines, self.seen, self.sent, self.mark = log, list(lines), "", 0, 0
        self.path = log + ".pipe"
        for suffix in (".in", ".out"):
            if os.path.exists(self.path + suffix):
                os.unlink(self.path + suffix)
            os.mkfifo(self.path + suffix)
        self.out = os.open(self.path + ".out", os.O_RDONLY | os.O_NONBLOCK)
        self.inp = None

    def drain(self):
        while True:
            try:
                chunk = os.read(self.out, 65536).decode("latin-1")
            except BlockingIOError:
                return
            if not chunk:
                return
            self.seen += chunk
            with open(self.log, "a") as f:
                f.write(chunk)

    def pump(self, prompt):
        if self.inp is None:  # the write end opens once QEMU has opened the read end
            try:
                self.inp = os.open(self.path + ".in", os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                return
        self.drain()
        if not self.lines:
            return
        head = self.lines[0]
        if isinstance(head, tuple):
            if not re.search(head[0], self.seen[self.mark:]):
                return
            keys = head[1]
        elif len(re.findall(prompt, self.seen)) > self.sent:
            keys = head + "\r"
            self.sent += 1
        else:
            return
        os.write(self.inp, keys.encode())
        self.lines.pop(0)
        self.mark = len(self.seen)


def decode_exit(proc):
    rc = proc.returncode
    if rc == 255:
        return PANIC
    if rc >= 3 and rc & 1:
        return (rc >> 1) - 1
    return f"qemu exit code {rc}: {proc.stderr.read().decode().strip()}"


def read(path):
    with open(path, "rb") as f:
        return f.read().decode("latin-1")


def check(case, status, text, after_mark):
    """The reason a boot failed its expectations, or None."""
    want = case.get("status", 0)
    if status != want:
        return f"expected exit status {want}, got {status}"
    for pattern in case.get("expect", []):
        if not re.search(pattern, text, re.M):
            return f"missing output /{pattern}/"
    for pattern in case.get("reject", []):
        if re.search(pattern, text, re.M):
            return f"unexpected output /{pattern}/"
    if "check" in case:
        reason = case["check"](text)
        if reason:
            return reason
    if "mark" in case:
        if after_mark is None:
            return f"never printed {case['mark']!r}"
        if after_mark > case["mark_within"]:
            return f"took {after_mark:.2f}s after {case['mark']!r} (limit {case['mark_within']}s)"
    return None


def run_case(case, kernels, iso):
    status, text, secs, after_mark = boot(case, kernels, iso)
    return case, status, text, secs, check(case, status, text, after_mark)


def report(result, case, status, text, secs, reason):
    name = case["name"]
    if reason:
        tail = "\n".join("    | " + l for l in text.replace("\r", "").splitlines()[-25:])
        result.add(name, False, f"{reason} ({secs:.1f}s)\n{tail}")
        return
    result.add(name, True)
    if case.get("per_selftest"):
        for m in re.finditer(r"selftest: (PASS|FAIL) (\S+)", text):
            result.add("kernel/" + m.group(2), m.group(1) == "PASS", "see " + LOG_DIR)
    if case.get("per_program"):
        for m in re.finditer(r"^(PASS|FAIL) (test-\S+)(.*)$", text, re.M):
            result.add(f"{name}/{m.group(2)}", m.group(1) == "PASS", m.group(3).strip())


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--host", help="host unit-test binary")
    ap.add_argument("--fuzz", help="directory of the libFuzzer harnesses: replay their corpora")
    ap.add_argument("--elf", required=True)
    ap.add_argument("--iso", required=True)
    ap.add_argument("--pkmap8-elf", help="the kernel built with LAST_PKMAP=8")
    ap.add_argument("--initramfs", help="the initramfs with the user-space tests")
    ap.add_argument("--initramfs-glibc", help="the same with the tests built against glibc")
    ap.add_argument("--initramfs-busybox", help="the same with Debian's busybox (if fetched)")
    ap.add_argument("-k", "--filter", default="", help="run only cases whose name contains this")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--smp", type=int, default=1,
                    help="CPUs for the cases that do not choose (QEMU -smp)")
    args = ap.parse_args()
    global DEFAULT_SMP
    DEFAULT_SMP = args.smp

    os.makedirs(LOG_DIR, exist_ok=True)
    result = Result()
    if args.host and args.filter in "host":
        run_reporter([args.host], "host/", result)
    if args.fuzz and args.filter in "fuzz/replay":
        run_reporter(["scripts/fuzz-replay", args.fuzz], "", result)
    kernels = {"default": args.elf, "pkmap8": args.pkmap8_elf, "initramfs": args.initramfs,
               "initramfs-glibc": args.initramfs_glibc, "initramfs-busybox": args.initramfs_busybox}
    cases = [c for c in qemu_cases() if args.filter in c["name"]
             and kernels[c.get("kernel", "default")]
             and (not c.get("initrd") or kernels[c.get("initramfs", "initramfs")])]
    # The longest first (their timeouts say which), so that the last job to finish is short.
    cases.sort(key=lambda c: -c.get("timeout", 60))
    durations = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(run_case, c, kernels, args.iso) for c in cases]
        for f in futures:
            done = f.result()
            durations.append((done[3], done[0]["name"]))
            report(result, *done)
    with open(os.path.join(LOG_DIR, "durations.txt"), "w") as f:
        f.writelines(f"{secs:7.1f}s {name}\n" for secs, name in sorted(durations, reverse=True))
    if args.filter in "debug/gdb-stub":
        reason = gdb_case(args.elf, args.iso, os.path.join(LOG_DIR, "debug_gdb-stub.log"))
        result.add("debug/gdb-stub", reason is None, reason or "")
    if args.filter in "build/grub-cmdline":
        reason = grubcfg_case()
        result.add("build/grub-cmdline", reason is None, reason or "")
    if args.filter in "docs/diagrams":
        reason = docs_case(args.elf, os.path.join(LOG_DIR, "docs_diagrams.log"))
        result.add("docs/diagrams", reason is None, reason or "")
    if args.initramfs and args.filter in "debug/gdb-helpers":
        reason = gdb_helpers_case(args.elf, args.initramfs,
                                  os.path.join(LOG_DIR, "debug_gdb-helpers.log"))
        result.add("debug/gdb-helpers", reason is None, reason or "")
    if args.initramfs and args.filter in "docs/walkthrough":
        # The transcripts in docs/walkthrough-*.md, replayed on this build.
        run_reporter([sys.executable, "scripts/walkthroughs.py", "check", "--elf", args.elf,
                      "--initrd", args.initramfs, "--log", LOG_DIR,
                      *sorted(glob.glob("docs/walkthrough-*.md"))], "docs/", result)
    if args.initramfs_busybox and args.filter in "busybox/vi-on-vga":
        reason = vga_vi_case(args.elf, args.initramfs_busybox,
                             os.path.join(LOG_DIR, "busybox_vi-on-vga.log"))
        result.add("busybox/vi-on-vga", reason is None, reason or "")
    print(f"{len(result.passed)} passed, {len(result.failed)} failed")
    sys.exit(1 if result.failed else 0)


if __name__ == "__main__":
    main()
