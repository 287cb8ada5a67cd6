"""The gdb helpers check (scripts/gdb/kspace.py): QEMU halted with a gdb stub boots
/bin/test-wait as init, and gdb in batch mode, set up by scripts/gdb/kspace.gdb, stops
in sys_wait4, where pid 1 waits for a child: two user processes with regions. It runs
every kspace-* command there, then stops in the user's waitpid() to run some in user
mode, and checks each command's output. The kernel's own boot log (read back with
kspace-dmesg) is the reference for the layout table and the exception table's size.
Returns the reason it failed, or None. gdb_helpers_smp_case does the same for the
commands that know about CPUs (scripts/gdb/kspace_cpus.py), at -smp 2."""
import os
import re
import subprocess

from gdb_case import free_port

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEX = "[0-9a-f]{8}"

# (name, gdb command): each command's output is found after an "@@ name" marker.
STEPS = [
    ("v2p-kernel", "kspace-v2p start_kernel"),
    ("v2p-stack", "kspace-v2p 0xbffff000"),
    ("v2p-unmapped", "kspace-v2p 0"),
    ("current", "kspace-current"),
    ("ps", "kspace-ps"),
    ("vmas", "kspace-vmas"),
    ("vmas-child", "kspace-vmas 2"),
    ("buddyinfo", "kspace-buddyinfo"),
    ("pkmap", "kspace-pkmap"),
    ("fixmap", "kspace-fixmap"),
    ("layout", "kspace-layout"),
    ("dmesg", "kspace-dmesg"),
    ("extable", "kspace-extable"),
    ("extable-one", "kspace-extable __start___ex_table[0].insn"),
    ("extable-none", "kspace-extable start_kernel"),
    ("user-symbols", "kspace-user-symbols"),
    ("user-main", "info address main"),
    ("user-stop", "delete\nhbreak waitpid\ncontinue"),
    ("current-user", "kspace-current"),
    ("v2p-user-esp", "kspace-v2p $esp"),
]

EXPECT = {
    "v2p-kernel": [rf"^PDE\[ 768\] = 0x{HEX}  P RW -- PS . A D  4 MiB page at phys 0x00000000$"],
    "v2p-stack": [rf"^PTE\[1023\] = 0x{HEX}  P RW US - A D +page at phys 0x{HEX}$",
                  rf"^physical 0x{HEX}$"],
    "v2p-unmapped": [r"^PDE\[   0\] = 0x00000000  PDE not present: 0x00000000 is not mapped$"],
    "current": [r"in kernel mode$",
                rf"^current: pid 1 \(test-wait\), task_struct 0x{HEX}, state RUNNING$"],
    "ps": [r"^ +0 +0 RUNNING +0x\w+ +- +- +- +\[swapper\]$",
           rf"^\* +1 +0 \w+ +0x{HEX} 0x{HEX} 0x{HEX} 0x{HEX} test-wait$",
           r"^ +2 +1 \w+ .* test-wait$"],
    "vmas": [r"^pid 1 \(test-wait\), mm 0x\w+, (\d+) regions \(map_count \1\):$",
             r"^08048000-\w{8} r--p 00000000 00:00 [1-9]\d* +/bin/test-wait$",
             r"^\w{8}-c0000000 rw-p 00000000 00:00 0 {34}\[stack\]$",
             r"^black \w{8}-\w{8}  depth 0$", r"^  [LR] (red|black) \w{8}-\w{8}  depth 1$",
             r"^rb-tree valid: \d+ nodes, black height \d+, in-order walk = the mmap list$"],
    "vmas-child": [r"^pid 2 \(test-wait\)", r"\[stack\]$", r"^rb-tree valid"],
    "buddyinfo": [r"^Node 0, zone      DMA (?:[ \d]{5}\d ){11}$",
                  r"^Node 0, zone   Normal (?:[ \d]{5}\d ){11}$"],
    "pkmap": [rf"^pkmap: 0x{HEX}-0x{HEX}, LAST_PKMAP 1024, last_pkmap_nr \d+$",
              r"^slots in use 0, flushes \d+, waits \d+$"],
    "fixmap": [rf"^fixmap: 0x{HEX}-0xfffff000, \d+ slots$"],
    "layout": [r"^virtual kernel memory layout:$",
               r"^    user    : 0x00000000 - 0xc0000000   \(3072 MB\)$"],
    "dmesg": [r"^\[ *\d+\.\d{6}\] kspace version", r"^\[ *\d+\.\d{6}\] extable: \d+ entries"],
    "extable": [r"^__ex_table: \d+ entries$",
                rf"^0x{HEX} __copy_user\+0x\w+ -> 0x{HEX} __fixup_start\+0x\w+$"],
    # a fixup is in .fixup or at a label of the function itself (unsafe_put_user)
    "extable-one": [rf"^0x{HEX} \w+\+0x\w+ -> 0x{HEX} \w+\+0x\w+$"],
    "extable-none": [rf"^no exception-table entry for 0x{HEX} start_kernel\+0x0: "],
    "user-symbols": [rf"^/bin/test-wait: symbols of (?:.*/)?build/user/test-wait, "
                     rf"entry 0x{HEX} _start\+0x0$",
                     r"^  08048000-\w{8} r--$", r"^  \w{8}-\w{8} r-x$"],
    "user-main": [r'^Symbol "main" is a function at address 0x804'],
    "user-stop": [r"^Breakpoint \d+(\.\d+)?, waitpid \("],
    "current-user": [r"^thread_info 0x\w+ = \(init_tss.esp0 - 1\) & ~0x1fff, in user mode$",
                     r"^current: pid \d+ \(test-wait\)"],
    "v2p-user-esp": [r"^PDE\[ 767\] = 0x\w+  P RW US", rf"^physical 0x{HEX}$"],
}

REJECT = [r"Python Exception", r"Error occurred in Python", r"rb-tree INVALID",
          r"is not the program running", r"^Undefined command"]


def run_gdb(elf, initramfs, port, steps=STEPS, machine=("-m", "64M"),
            stop=("hbreak sys_wait4", "continue")):
    qemu = subprocess.Popen(
        ["qemu-system-i386", *machine, "-display", "none", "-net", "none",
         "-monitor", "none", "-serial", "null", "-no-reboot", "-kernel", elf,
         "-initrd", initramfs, "-append", "init=/bin/test-wait",
         "-gdb", f"tcp:127.0.0.1:{port}", "-S"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cmd = ["gdb", "-q", "-batch", "-nx", "-ex", f"target remote 127.0.0.1:{port}",
           "-x", "scripts/gdb/kspace.gdb"]
    for command in stop:
        cmd += ["-ex", command]
    for name, command in steps:
        cmd += ["-ex", f"echo @@ {name}\\n"]
        for line in command.split("\n"):
            cmd += ["-ex", line]
    try:
        # From the repository root, where kspace.gdb finds kspace.py.
        proc = subprocess.run(cmd + [elf], cwd=REPO, capture_output=True, text=True, timeout=90)
        return proc.stdout, proc.stderr
    finally:
        qemu.kill()
        qemu.wait()


def sections(out):
    """The output of each step, by name."""
    parts = re.split(r"^@@ (\S+)\n", out, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def cross_checks(got):
    """Compare the helpers' views with what the kernel printed about itself at boot."""
    dmesg = re.sub(r"^\[ *\d+\.\d{6}\] ", "", got.get("dmesg", ""), flags=re.M)
    for line in got.get("layout", "").splitlines():
        if line not in dmesg.splitlines():
            return f"kspace-layout line {line!r} differs from the boot log's table"
    m = re.search(r"^extable: (\d+) entries", dmesg, re.M)
    table = got.get("extable", "")
    if not m or len(re.findall(r"^0x\w+ .* -> ", table, re.M)) != int(m.group(1)):
        return "kspace-extable does not list as many entries as the kernel sorted at boot"
    if got.get("extable-one", "").strip() not in table.splitlines():
        return "kspace-extable ADDR does not print that address's line of the table"
    m = re.search(r"^virtual 0x(\w+),.*^physical 0x(\w+)$", got.get("v2p-kernel", ""), re.M | re.S)
    if not m or int(m.group(2), 16) != int(m.group(1), 16) - 0xC0000000:
        return "kspace-v2p start_kernel is not start_kernel - 0xC0000000"
    return None


def gdb_helpers_case(elf, initramfs, log):
    port = free_port()
    try:
        out, err = run_gdb(os.path.abspath(elf), os.path.abspath(initramfs), port)
    except subprocess.TimeoutExpired:
        return "gdb timed out"
    with open(log, "w") as f:
        f.write(out + "\n--- gdb's standard error ---\n" + err)
    got = sections(out)
    for name, patterns in EXPECT.items():
        for pattern in patterns:
            if not re.search(pattern, got.get(name, ""), re.M):
                return f"{name}: output lacks /{pattern}/ (see {log})"
    for pattern in REJECT:
        if re.search(pattern, out + err, re.M):
            return f"gdb output has /{pattern}/ (see {log})"
    reason = cross_checks(got)
    return f"{reason} (see {log})" if reason else None



# At -smp 2 and 2 GiB, stopped as exec gives /bin/test-wait its stack page: HIGHMEM,
# mapped through this CPU's KM_USER0 slot (kmap_atomic has just returned).
SMP_STEPS = [
    ("threads", "info threads"),
    ("current", "kspace-current"),
    ("kmap-atomic", "kspace-kmap-atomic"),
    ("fixmap", "kspace-fixmap"),
    ("kmap-atomic-cpu1", "kspace-kmap-atomic 1"),
    ("current-cpu1", "kspace-current 1"),
]

SMP_EXPECT = {
    "threads": [r"Thread 1\.1 \(CPU#0", r"Thread 1\.2 \(CPU#1"],
    "current": [r"^CPU 0(?: \(gdb is here\))?:$", r"^CPU 1(?: \(gdb is here\))?:$",
                r"^current: pid 1 \(", r"^runqueues\.curr: pid \d+ \("],
    "kmap-atomic": [r"^kmap_atomic: (\d+) slots per CPU at FIX_KMAP_BEGIN \+ \1 \* cpu \+ type; "
                    r"gdb is on CPU [01]$",
                    rf"^  cpu 0: 0x{HEX}-0x{HEX}, \d+ in use$", rf"^  cpu 1: 0x{HEX}-0x{HEX}, \d+ in use$",
                    rf"^    KM_USER0 +FIX_KMAP_BEGIN\+\d+ +0x{HEX} -> pfn 0x\w+$"],
    "fixmap": [rf"^  FIX_KMAP_BEGIN\+\d+ +KM_USER0 +cpu [01]  0x{HEX} -> pfn 0x\w+$"],
    "kmap-atomic-cpu1": [r"^    KM_SOFTIRQ1 +FIX_KMAP_BEGIN\+\d+ "],
    "current-cpu1": [r"^CPU 1(?: \(gdb is here\))?:$"],
}


def smp_cross_checks(got):
    """The CPU gdb stopped on is the one whose KM_USER0 slot is in use, in both commands,
    and pid 1 (doing the exec) is current there; one CPU's listing has all its slots."""
    blocks = dict(re.findall(r"^CPU (\d) \(gdb is here\):\n((?:(?!CPU \d).*\n)*)",
                             got.get("current", ""), re.M))
    if len(blocks) != 1:
        return "kspace-current marks not exactly one CPU as the one gdb is on"
    (cpu, block), = blocks.items()
    if not re.search(r"^current: pid 1 \(", block, re.M):
        return f"kspace-current does not show pid 1 running on CPU {cpu}, where exec stopped"
    atomic = got.get("kmap-atomic", "")
    if f"gdb is on CPU {cpu}\n" not in atomic or not re.search(rf"^  cpu {cpu}: .*, 1 in use$", atomic, re.M):
        return f"kspace-kmap-atomic does not show CPU {cpu}'s slot in use"
    if not re.search(rf"KM_USER0 +cpu {cpu} ", got.get("fixmap", "")):
        return f"kspace-fixmap does not put the KM_USER0 slot on CPU {cpu}"
    per_cpu = int(re.search(r"(\d+) slots per CPU", atomic).group(1))
    if len(re.findall(r"^    KM_\w+ ", got.get("kmap-atomic-cpu1", ""), re.M)) != per_cpu:
        return f"kspace-kmap-atomic 1 does not list CPU 1's {per_cpu} slots"
    if got.get("current-cpu1", "").count("CPU ") != 1:
        return "kspace-current 1 shows other CPUs too"
    return None


def gdb_helpers_smp_case(elf, initramfs, log):
    """The CPU-aware helpers (scripts/gdb/kspace_cpus.py) at -smp 2: the reason they
    failed, or None."""
    port = free_port()
    try:
        out, err = run_gdb(os.path.abspath(elf), os.path.abspath(initramfs), port, SMP_STEPS,
                           ("-m", "2G", "-smp", "2"),
                           ("hbreak kmap_atomic if type == KM_USER0", "continue", "finish"))
    except subprocess.TimeoutExpired:
        return "gdb timed out"
    with open(log, "w") as f:
        f.write(out + "\n--- gdb's standard error ---\n" + err)
    got = sections(out)
    for name, patterns in SMP_EXPECT.items():
        for pattern in patterns:
            if not re.search(pattern, got.get(name, ""), re.M):
                return f"{name}: output lacks /{pattern}/ (see {log})"
    for pattern in REJECT:
        if re.search(pattern, out + err, re.M):
            return f"gdb output has /{pattern}/ (see {log})"
    reason = smp_cross_checks(got)
    return f"{reason} (see {log})" if reason else None
