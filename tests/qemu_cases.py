"""The QEMU boot cases run by tests/run.py.

A case boots build/kspace.elf with QEMU's Multiboot loader (-kernel, fast, any command
line) or build/kspace.iso through GRUB from a CD, a hard disk or a USB stick, then
checks the exit status and the serial output.

Keys: name; cmdline; mem; qemu (extra options); medium (boot the ISO instead of
-kernel; @ISO@ is replaced); status (the expected exit status, or "panic"); expect /
reject (regexes on the serial log); stop_on (end the run when this text appears);
mark and mark_within (the run must end within that many seconds after mark appears);
kernel ("pkmap8": the kernel built with LAST_PKMAP=8); initrd (boot with the
initramfs: user space runs); initramfs ("initramfs-glibc": the one whose test programs
were built against glibc; "initramfs-busybox": the one with Debian's busybox, whose cases
run only when make found busybox fetched); type_lines and prompt (type each line on the serial
console when one more prompt has appeared, as a person would); per_program (count each user test program's PASS/FAIL);
per_selftest (count each in-kernel self-test as its own case); check (a function of
the log returning why it is wrong, or None); timeout (seconds); smp (QEMU -smp: the
number of CPUs; run.py --smp sets it for the cases that do not).
"""
import re

from memory_check import check_memory


def same_as_linux(program):
    """A check: the program's lines (not the kernel's) equal tests/expected/PROGRAM.txt."""
    def check(text):
        with open(f"tests/expected/{program}.txt") as f:
            want = f.read().splitlines()
        lines = [l for l in text.replace("\r", "").splitlines() if not l.startswith("[")]
        start, end = f"{program}: start", f"{program}: done"
        got = lines[lines.index(start):lines.index(end) + 1] if start in lines and end in lines \
            else lines[-len(want):]
        if got == want:
            return None
        diff = [f"want {w!r}, got {g!r}" for w, g in zip(want, got) if w != g]
        return f"output differs from tests/expected/{program}.txt: " + "; ".join(diff[:3] or
                                                                               ["line count"])
    return check

PANIC = "panic"

BOOT_LINES = [
    r"kspace version \S+",
    r"CPU: CPUID (yes|no), PSE (yes|no), PGE (yes|no), TSC (yes|no)",
    r"Memory: \d+k/\d+k available",
    r"Node 0, zone      DMA(\s+\d+){11}",
    r"MemTotal:\s+\d+ kB",
    r"virtual kernel memory layout:",
    r"^\S* +\S+ +fixmap  : 0x[0-9a-f]{8} - 0x[0-9a-f]{8}",
    r"pkmap   : 0x",
    r"vmalloc : 0x",
    r"lowmem  : 0xc0000000 - 0x",
    r"\.text : 0xc0100000 - 0x",
    r"kspace: boot complete",
]
SELFTEST_OK = BOOT_LINES + [r"selftest: \d+ passed, 0 failed, \d+ skipped"]
SMP_LINES = [r"IOAPIC\[0\]: apic_id \d+, version \d+, address 0xfec00000, GSI 0-23",
             r"APIC: timer calibrated against the PIT", r"smp: Bringing up secondary CPUs \.\.\.",
             r"selftest: PASS on_each_cpu_reaches_every_online_cpu",
             r"selftest: PASS lapic_timer_ticks_on_every_cpu"]
NO_FAIL = [r"selftest: FAIL", r"Kernel panic", r"Unknown kernel command line"]


# The next line of a call trace, up to the symbol.
TRACE_LINE = r"\r?\n\[ *\d+\.\d+\] +\[<[0-9a-f]+>\] "
# The debugging the test boots run with: slab red zones and poison, page poison, and
# lock debugging (owners, lock order, irq state, sleeping in atomic context).
MEMORY_DEBUG = "slub_debug page_poison=1 debug_locks"
# What lock debugging says when it finds something: no boot of the suite may say it
# unless it provokes it on purpose (the lockdep self-tests).
LOCKDEP_REPORTS = [r"BUG: spinlock", r"WARNING: possible", r"WARNING: inconsistent lock state",
                   r"BUG: sleeping function called from invalid context", r"INFO: trying to register",
                   r"turning off the locking correctness validator"]


def selftest_boot(name, mem="64M", qemu=(), extra=()):
    return dict(name=name, mem=mem, cmdline="selftest " + MEMORY_DEBUG, qemu=list(qemu),
                expect=SELFTEST_OK + list(extra), reject=NO_FAIL)


def firmware_boot(name, qemu, cmdline, lines, reject=()):
    """Boot with these QEMU options and run the firmware_ self-tests (mp_config, cpu_data,
    /proc/cpuinfo); lines must be logged."""
    return dict(name="firmware/" + name, mem="64M", qemu=qemu,
                cmdline=f"selftest=firmware_ {cmdline}".strip(),
                expect=lines + [r"selftest: 3 passed, 0 failed"], reject=NO_FAIL + list(reject))


def iso_boot(name, medium):
    # The ISO's default entry boots to idle; the case ends once boot is complete.
    return dict(name=name, medium=medium, stop_on="kspace: boot complete", status="stopped",
                expect=BOOT_LINES + [r"Booted kernel by GRUB 2"], reject=NO_FAIL)


def memory_boot(mem, extra=()):
    # Memory accounting and every self-test, at one RAM size.
    return dict(selftest_boot("memory/" + mem, mem=mem, extra=extra), check=check_memory,
                timeout=120)


def bug_boot(name, lines):
    # A deliberate misuse that the kernel must catch as a BUG and die of cleanly.
    return dict(name="bug/" + name, cmdline="crash=" + name, status=PANIC,
                expect=[r"crashtest: " + name] + lines +
                [r"Kernel panic - not syncing: BUG", r"CPU: 0 PID: 1 Comm: init\r?$", r"Call Trace:"])


def oops_boot(kind, lines):
    # The oops must end QEMU within a second of the deliberate fault.
    return dict(name="oops/" + kind, cmdline="crash=" + kind, status=PANIC,
                expect=[r"crashtest: " + kind] + lines +
                [r"CPU: 0 PID: 1 Comm: init\r?$", r"EIP is at crash_%s\+0x[0-9a-f]+/0x[0-9a-f]+" % kind,
                 r"Call Trace:", r"\? run_crashtest\+", r"Kernel panic - not syncing: Fatal exception"],
                mark="crashtest: " + kind, mark_within=1.0)


FAULTS_CLEAN = [r"fault-inject: [1-9]\d* page allocations and [1-9]\d* kmallocs failed on purpose",
                r"fault-inject: system calls that met one: [1-9]\d* failed cleanly \(ENOMEM/EAGAIN\), "
                r"\d+ succeeded anyway, \d+ killed \(OOM\), 0 failed otherwise"]
FAULTS_REJECT = [r"Kernel panic", r"BUG", r"Oops", r"fault-inject: .* returned -\d+ after"]


# Objects a program that failed half-way may leave behind: the files it created
# (kernel/fs/ramfs.c, mm/filemap.c) and the file systems it mounted (kernel/fs/namespace.c),
# named by the function that called kmalloc.
def file_owner(caller):
    return caller.startswith("ramfs_") or caller in ("alloc_inode", "d_add", "grab_page", "grow_pages", "sys_mount")


def no_page_lost(log):
    """A check: the run ends with the free pages it had once init's memory settled, less
    only what files left behind hold; every object outliving its task is a file's."""
    m = re.search(r"pages free after the second program (\d+) \(slab \d+\), at the end (\d+)", log)
    if not m:
        return "no 'pages free' line from fault-inject"
    orphans = re.findall(r"kmalloc-\d+: 0x\w+ kmalloc\(\d+\) by pid \d+ in (\w+)", log)
    leaked = [o for o in orphans if not file_owner(o)]
    if leaked:
        return "objects leaked by exited tasks, allocated in: " + ", ".join(leaked)
    before, after = int(m.group(1)), int(m.group(2))
    if after != before and not orphans:
        return f"{before - after} pages lost: {before} free before the tests, {after} after"
    return None


def fault_boot(name, init, rates, expect, timeout=60, check=None, seed=1):
    # Allocations fail on purpose (kernel/fault_inject.c); whatever the programs make of
    # it, every system call must fail cleanly, nothing may crash, and init reports.
    case = dict(name="faults/" + name, mem="64M", initrd=True, status=1, timeout=timeout,
                cmdline=f"init={init} KSPACE=1 failslab={rates} fail_page_alloc={rates} fail_seed={seed} "
                        + MEMORY_DEBUG,
                expect=expect + FAULTS_CLEAN, reject=FAULTS_REJECT)
    return dict(case, check=check) if check else case


def qemu_cases():
    # snapshot=on: the image is only read, so parallel cases may share it.
    usb = ["-drive", "if=none,id=stick,format=raw,snapshot=on,file=@ISO@",
           "-device", "usb-ehci,id=ehci",
           "-device", "usb-storage,bus=ehci.0,drive=stick,bootindex=0"]
    cases = [
        dict(memory_boot("2G"), per_selftest=True),
        memory_boot("8M"),
        memory_boot("16M"),
        memory_boot("512M"),
        memory_boot("1G"),
        memory_boot("3G"),
        memory_boot("3584M", extra=[r"memblock: ignoring 512 MiB of RAM above 4 GiB"]),
        selftest_boot("cpu/486", qemu=["-cpu", "486"], extra=[r"smp: Brought up 1 node, 1 CPU\b(?!s)"]),
        # SMP: the APs come up through the trampoline, each with its LAPIC timer; the
        # cross-call and IPI self-tests reach every online CPU.
        dict(selftest_boot("smp/4", extra=SMP_LINES + [r"CPUs:\s+#1  #2  #3\s",
                                                       r"smp: Brought up 1 node, 4 CPUs"]), smp=4),
        dict(selftest_boot("smp/8", extra=SMP_LINES + [r"smp: Brought up 1 node, 8 CPUs"]), smp=8),
        dict(selftest_boot("smp/nosmp", extra=[r"Command line: selftest nosmp", r"smpboot: Allowing 1 CPUs",
                                               r"smp: Brought up 1 node, 1 CPU\b(?!s)"]),
             cmdline="selftest nosmp " + MEMORY_DEBUG, smp=4),
        dict(selftest_boot("smp/maxcpus=2", extra=[r"smpboot: Allowing 4 CPUs",
                                                   r"smp: Brought up 1 node, 2 CPUs"]),
             cmdline="selftest maxcpus=2 " + MEMORY_DEBUG, smp=4),
        dict(selftest_boot("smp/noapic", extra=[r"APIC: local APIC id 0 .* 8259 in virtual wire mode",
                                                r"smp: Brought up 1 node, 4 CPUs"]),
             cmdline="selftest noapic " + MEMORY_DEBUG, smp=4),
        dict(selftest_boot("smp/nolapic", extra=[r"smp: Brought up 1 node, 1 CPU\b(?!s)"],),
             cmdline="selftest nolapic " + MEMORY_DEBUG, smp=4),
        selftest_boot("cpu/486-no-pse", qemu=["-cpu", "486,pse=off"],
                      extra=[r"CPU: CPUID yes, PSE no",
                             r"paging: direct map of lowmem with 4 KiB page tables \(no PSE\)"]),
        selftest_boot("cpu/486-no-cpuid-leaf1", qemu=["-cpu", "486,level=0"],
                      extra=[r"CPU: CPUID yes, PSE no, PGE no, TSC no"]),
        selftest_boot("cpu/pentium", qemu=["-cpu", "pentium"],
                      extra=[r"CPU: GenuineIntel family 5", r"paging: direct map of lowmem with 4 MiB pages \(PSE\)"]),
        selftest_boot("cpu/pentium3", qemu=["-cpu", "pentium3"],
                      extra=[r"CPU: GenuineIntel family 6", r"TSC yes"]),
        # The firmware tables (arch/x86/kernel/acpi.c, mpparse.c): SeaBIOS's MADT, and its
        # MP table under acpi=off (one processor entry per socket, hence sockets=).
        firmware_boot("madt-smp4", ["-smp", "4"], "", [
            r"ACPI: RSDP 0x0{8}000F[0-9A-F]{4} 000014 \(v00 BOCHS \)",
            r"ACPI: RSDT 0x[0-9A-F]{16} 0000\w\w \(v01 BOCHS  BXPC     00000001 BXPC 00000001\)",
            r"ACPI: APIC 0x[0-9A-F]{16} 000090 \(v01 BOCHS  BXPC",
            r"IOAPIC\[0\]: apic_id 0, address 0xfec00000, GSI 0",
            r"ACPI: INT_SRC_OVR \(bus 0 bus_irq 0 global_irq 2 dfl dfl\)",
            r"ACPI: INT_SRC_OVR \(bus 0 bus_irq 9 global_irq 9 high level\)",
            r"ACPI: LAPIC_NMI \(acpi_id\[0xff\] dfl dfl lint\[0x1\]\)",
            r"ACPI: Using ACPI \(MADT\) for SMP configuration information",
            r"smpboot: 4 CPUs in the ACPI MADT, local APIC at 0xfee00000, 1 IOAPIC; APIC ids: 0 1 2 3"]),
        firmware_boot("madt-smp8", ["-smp", "8"], "", [
            r"smpboot: 8 CPUs in the ACPI MADT, local APIC at 0xfee00000, 1 IOAPIC; APIC ids: 0 1 2 3 4 5 6 7"]),
        firmware_boot("mptable-smp4", ["-smp", "4,sockets=4", "-machine", "acpi=off"], "", [
            r"found SMP MP-table at \[mem 0x000f\w{4}-0x000f\w{4}\]",
            r"Intel MultiProcessor Specification v1\.4",
            r"    Virtual Wire compatibility mode\.",
            r"MPTABLE: OEM ID: BOCHSCPU",
            r"MPTABLE: APIC at: 0xFEE00000",
            r"IOAPIC\[0\]: apic_id 0, address 0xfec00000, GSI 0",
            r"smpboot: 4 CPUs in the MP table, local APIC at 0xfee00000, 1 IOAPIC; APIC ids: 0 1 2 3"],
            reject=[r"ACPI: "]),
        firmware_boot("acpi-off-smp8", ["-smp", "8,sockets=8"], "acpi=off", [
            r"Command line: .*acpi=off",
            r"smpboot: 8 CPUs in the MP table, local APIC at 0xfee00000, 1 IOAPIC; APIC ids: 0 1 2 3 4 5 6 7"],
            reject=[r"ACPI: "]),
        # /proc/cpuinfo as a user reads it, at -smp 4 (MADT) and from the MP table.
        dict(name="firmware/proc-cpuinfo-smp4", mem="64M", initrd=True, qemu=["-smp", "4"],
             prompt=r"(?:^|\n)# ", timeout=60, status=3, type_lines=["cat /proc/cpuinfo", "exit 3"],
             expect=[r"processor\s+: 0\r?\nvendor_id\s+: GenuineIntel\r?\ncpu family\s+: 6",
                     r"model name\s+: QEMU Virtual CPU",
                     r"cpu MHz\s+: \d+\.\d{3}\r?\n",
                     r"physical id\s+: 0\r?\nsiblings\s+: [1-4]\r?\ncore id\s+: 0\r?\n"
                     r"cpu cores\s+: [1-4]\r?\napicid\s+: 0\r?\ninitial apicid\s+: 0\r?\n",
                     r"flags\s+: fpu .* apic .* ht\r?\n",
                     r"bogomips\s+: \d+\.\d\d\r?\n"]),
        dict(name="firmware/proc-cpuinfo-mptable", mem="64M", initrd=True,
             qemu=["-smp", "4,sockets=4", "-machine", "acpi=off"],
             prompt=r"(?:^|\n)# ", timeout=60, status=3, type_lines=["cat /proc/cpuinfo", "exit 3"],
             expect=[r"smpboot: 4 CPUs in the MP table",
                     r"processor\s+: 0\r?\nvendor_id\s+: GenuineIntel",
                     r"physical id\s+: 0\r?\nsiblings\s+: 1\r?\ncore id\s+: 0\r?\ncpu cores\s+: 1\r?\n"
                     r"apicid\s+: 0\r?\n"]),
        firmware_boot("486-one-cpu", ["-cpu", "486", "-smp", "1"], "", [
            r"smpboot: 1 CPU in the ACPI MADT"]),
        iso_boot("iso/cdrom", ["-cdrom", "@ISO@"]),
        iso_boot("iso/ide-disk", ["-drive", "file=@ISO@,format=raw,if=ide,snapshot=on"]),
        iso_boot("iso/usb-stick", usb),
        # The self-tests as a user boots them: GRUB's "kspace (self-test)" entry, picked by
        # its hotkey, with the initramfs loaded (a self-test once failed only then).
        dict(name="iso/self-test-menu-entry", medium=["-cdrom", "@ISO@"], mem="128M",
             type_lines=[(r"press s for the self-tests", "s")],
             expect=SELFTEST_OK + [r"Booted kernel by GRUB 2", r"Command line: selftest\s*$",
                                   r"initramfs: unpacked \d+ directories, \d+ files",
                                   r"selftest: PASS vmallocinfo_format"],
             reject=NO_FAIL),
        # The same on a small machine, where the initramfs fills most of ZONE_NORMAL (or
        # cannot be unpacked at all): the self-tests must not depend on that either.
        dict(name="iso/self-test-menu-entry-24M", medium=["-cdrom", "@ISO@"], mem="24M",
             type_lines=[(r"press s for the self-tests", "s")], expect=SELFTEST_OK + [r"Command line: selftest\s*$", r"initramfs: "],
             reject=NO_FAIL),
        oops_boot("page_fault", [
            r"BUG: unable to handle kernel paging request at virtual address 00001234",
            r"Oops: 0002 \[#1\]",
            r"trap: page fault \(vector 14\), error code 0002",
            r"CR2: 00001234"]),
        oops_boot("divide_error", [r"trap: divide error \(vector 0\), error code 0000"]),
        oops_boot("invalid_op", [r"trap: invalid opcode \(vector 6\), error code 0000"]),
        oops_boot("general_protection",
                  [r"trap: general protection \(vector 13\), error code 01f8"]),
        # The double fault is a task of its own: a push onto an unmapped page (a stack run
        # off its end into a guard page) is reported, naming the task, not a triple fault.
        dict(name="oops/double_fault", cmdline="crash=double_fault", status=PANIC,
             expect=[r"crashtest: double_fault", r"double fault: 0000 \[#1\]",
                     r"trap: double fault \(vector 8\), error code 0000",
                     r"CPU: 0 PID: 1 Comm: init\r?$", r"EIP is at crash_double_fault\+",
                     r"esp c[0-9a-f]{7} is off the task's stack c[0-9a-f]{7}-c[0-9a-f]{7}",
                     r"Call Trace:\r?\n.*\] crash_double_fault\+\S+\r?\n.*\] run_crashtest\+",
                     r"Kernel panic - not syncing: Fatal exception"],
             mark="crashtest: double_fault", mark_within=1.0),
        # A kernel stack run over its end (STACK_END_MAGIC and thread_info overwritten):
        # found at the next schedule(), or by the oops of a later fault, naming the task.
        dict(name="oops/stack_overflow", cmdline="crash=stack_overflow", status=PANIC,
             expect=[r"Kernel panic - not syncing: corrupted stack end detected inside scheduler",
                     r"CPU: 0 PID: 1 Comm: init\r?$",
                     r"Thread overran stack, or stack corrupted: STACK_END_MAGIC at "
                     r"0xc[0-9a-f]{7} reads 5a5a5a5a", r" schedule\+"],
             mark="crashtest: stack_overflow", mark_within=1.0),
        dict(name="oops/stack_overflow_then_oops", cmdline="crash=stack_overflow_then_oops",
             status=PANIC,
             expect=[r"Oops: 0002 \[#1\]", r"CPU: 0 PID: 1 Comm: init\r?$",
                     r"Thread overran stack, or stack corrupted: STACK_END_MAGIC at 0xc[0-9a-f]{7} "
                     r"reads 5a5a5a5a", r"EIP is at crash_stack_overflow_then_oops\+",
                     r"Kernel panic - not syncing: Fatal exception"],
             mark="crashtest: stack_overflow_then_oops", mark_within=1.0),
        bug_boot("page_double_free", [r"BUG: Bad page state: pfn \d+ .*: double free"]),
        bug_boot("page_free_reserved", [r"BUG: Bad page state: pfn 256 \(phys 0x00100000\): "
                                        r"freeing a reserved page"]),
        bug_boot("page_free_wrong_order", [r"freed with a different order"]),
        bug_boot("kfree_double", [r"BUG: kfree\(0x[0-9a-f]+\): double free"]),
        bug_boot("kfree_inside_object", [r"not the start of an object kmalloc returned"]),
        bug_boot("kfree_not_kmalloc", [r"BUG: kfree\(0xc0[0-9a-f]+\): not memory kmalloc returned"]),
        dict(oops_boot("vmalloc_guard_page", [r"Oops: 0002", r"CR2: c[0-9a-f]{4}[0-9a-f]000"]),
             expect=[r"crashtest: vmalloc_guard_page", r"Oops: 0002",
                     r"EIP is at crash_vmalloc_guard_page\+"]),
        bug_boot("schedule_while_atomic", [r"BUG: scheduling while atomic: init/1, preempt_count 1"]),
        dict(bug_boot("kmap_atomic_slot_in_use",
                      [r"BUG: kmap_atomic: slot KM_USER0 of CPU 0 is already in use"]), mem="2G"),
        dict(name="highmem/last-pkmap-8", kernel="pkmap8", mem="2G", cmdline="selftest=highmem_",
             expect=[r"pkmap   : 0xffc00000 - 0xffc08000", r"selftest: PASS highmem_kmap_sleeps_when_full",
                     r"selftest: PASS highmem_count1_slot_waits_for_flush",
                     r"selftest: 6 passed, 0 failed, 0 skipped"]),
        # LAST_PKMAP=8 is under the 33-page ceiling: the wrap flushes its 8 pages one by one.
        dict(name="tlb/last-pkmap-8", kernel="pkmap8", mem="2G", cmdline="selftest=tlb_",
             expect=[r"selftest: PASS tlb_kmap_wrap_flushes_the_window",
                     r"selftest: 5 passed, 0 failed, 0 skipped"]),
        # Every CPU kmaps and kmap_atomics high pages while the pkmap window wraps
        # (mm/kmap_torture_test.c): each wrap is shot down on the other CPUs, and
        # kmap_atomic moves no TLB counter. LAST_PKMAP=8 wraps every few kmaps.
        dict(name="stress/kmap-torture-2G-smp4", mem="2G", smp=4, timeout=90,
             cmdline="selftest=kmap_torture_ " + MEMORY_DEBUG,
             expect=[r"smp: Brought up 1 node, 4 CPUs",
                     r"kmap torture: 4 CPUs, \d+ wraps, each flushed on every CPU",
                     r"selftest: PASS kmap_torture_on_every_cpu", r"selftest: 1 passed, 0 failed, 0 skipped"],
             reject=NO_FAIL + LOCKDEP_REPORTS),
        dict(name="stress/kmap-torture-pkmap8-smp4", kernel="pkmap8", mem="2G", smp=4, timeout=90,
             cmdline="selftest=kmap_torture_ " + MEMORY_DEBUG,
             expect=[r"kmap torture: 4 CPUs, \d+ wraps, each flushed on every CPU",
                     r"selftest: PASS kmap_torture_on_every_cpu", r"selftest: 1 passed, 0 failed, 0 skipped"],
             reject=NO_FAIL + LOCKDEP_REPORTS),
        dict(name="highmem/3584M-all-highmem-tests", mem="3584M", cmdline="selftest=highmem_",
             expect=[r"selftest: 6 passed, 0 failed, 0 skipped"], timeout=120),
        # KSPACE=1 reaches the tests' environment: it turns on checks that hold on kspace
        # but not on Linux (exact free RAM after 1000 forks, ENOEXEC for every bad ELF).
        dict(name="user/64M", mem="64M", initrd=True, per_program=True, timeout=180,
             cmdline="init=/bin/runtests KSPACE=1 " + MEMORY_DEBUG,
             expect=[r"Run /bin/runtests as init process", r"user: \d+ passed, 0 failed"],
             reject=LOCKDEP_REPORTS),
        # The smallest machine the brief names: the initramfs (its programs without debug
        # information) and its unpacked copy fit beside the whole suite.
        dict(name="user/16M", mem="16M", initrd=True, timeout=180,
             cmdline="init=/bin/runtests KSPACE=1",
             expect=[r"Run /bin/runtests as init process", r"user: \d+ passed, 0 failed"]),
        # The whole suite at -smp 4 with lock debugging: tasks and threads on every CPU.
        dict(name="user/64M-smp4", mem="64M", initrd=True, timeout=240, smp=4,
             cmdline="init=/bin/runtests KSPACE=1 " + MEMORY_DEBUG,
             expect=[r"smp: Brought up 1 node, 4 CPUs", r"Run /bin/runtests as init process",
                     r"user: \d+ passed, 0 failed"],
             reject=LOCKDEP_REPORTS),
        dict(name="user/16M-smp4", mem="16M", initrd=True, timeout=180, smp=4,
             cmdline="init=/bin/runtests KSPACE=1",
             expect=[r"smp: Brought up 1 node, 4 CPUs", r"Run /bin/runtests as init process",
                     r"user: \d+ passed, 0 failed"]),
        # Processes and threads faulting, forking and unmapping at once on four CPUs
        # (user/test-smp-stress.c); the suite above runs it at -smp 1 too.
        dict(name="stress/smp4-user", mem="64M", initrd=True, timeout=90, smp=4,
             cmdline="init=/bin/test-smp-stress KSPACE=1 " + MEMORY_DEBUG,
             expect=[r"smp: Brought up 1 node, 4 CPUs", r"ok - run 2: 4 processes of 4 threads",
                     r"ok - every page outside the slab caches comes back", r"ok - every slab object comes back"],
             reject=LOCKDEP_REPORTS + [r"not ok", r"Oops", r"BUG", r"WARNING"]),
        dict(name="user/2G-highmem", mem="2G", initrd=True, per_program=True, timeout=180,
             cmdline="init=/bin/runtests KSPACE=1",
             expect=[r"Run /bin/runtests as init process", r"user: \d+ passed, 0 failed"]),
        # Memory debugging: each deliberate overrun, underrun and write after free is
        # reported with the object, its cache, its owners and a call trace.
        dict(name="debug/slub_debug", cmdline="selftest=slub_debug_ slub_debug",
             expect=[r"slub_debug: red zones, poisoning and owner tracking in kmalloc-8 \.\. kmalloc-2048",
                     r"BUG kmalloc-64: Poison overwritten",
                     r"INFO: 0x[0-9a-f]{8}-0x[0-9a-f]{8} @offset=5\. First byte 0x78 instead of 0x6b",
                     r"INFO: Allocated in slub_debug_catches_use_after_free\+0x[0-9a-f]+/0x[0-9a-f]+",
                     r"INFO: Freed in slub_debug_catches_use_after_free\+",
                     r"Call Trace:[\s\S]*?\] slab_debug_alloc\+", r"FIX kmalloc-64: Restoring",
                     r"BUG kmalloc-128: Left Redzone overwritten",
                     r"BUG kmalloc-32: Right Redzone overwritten",
                     r"INFO: 0x[0-9a-f]{8}-0x[0-9a-f]{8} @offset=20\. First byte 0x78 instead of 0xcc",
                     r"INFO: Object 0x[0-9a-f]{8} size 32, kmalloc\(20\) by pid 1",
                     r"\] slab_debug_free\+\S+" + TRACE_LINE + r"kfree\+",
                     r"selftest: 3 passed, 0 failed, 0 skipped"], reject=NO_FAIL),
        dict(name="debug/page_poison", cmdline="selftest=page_poison page_poison=1",
             expect=[r"pagealloc: memory corruption in a free page: pfn \d+, offset 100: "
                     r"byte 0x42 instead of 0xaa", r"Call Trace:" + TRACE_LINE + r"check_poison_pages\+\S+" + TRACE_LINE + r"alloc_pages\+",
                     r"selftest: 1 passed, 0 failed, 0 skipped"], reject=NO_FAIL),
        # Fault injection: 1,000 forks of which many fail, and every page comes back.
        fault_boot("fork-loop", "/bin/sh -c /bin/test-fork-loop fail_task=test-fork-loop", "1,2,0,-1",
                   [r"ok - free RAM returns exactly to its value before the loop"]),
        # readlink of /proc/self/exe when the path cannot be built: ENOMEM, not a
        # "(deleted)" name for a file that still has one (seed 2 fails that kmalloc).
        fault_boot("readlink", "/bin/sh -c /bin/test-readlink fail_task=test-readlink", "1,10,0,-1",
                   [], seed=2),
        # The whole suite with 2% of kmallocs and kernel page allocations failing.
        fault_boot("user-suite", "/bin/runtests", "1,2,0,-1",
                   [r"user: \d+ passed, [1-9]\d* failed"], timeout=180, check=no_page_lost),
        # The same tests built against glibc, as Debian's i686-linux-gnu-gcc -static builds
        # any program; and a glibc program whose output must be what Linux printed.
        dict(name="user-glibc/256M", mem="256M", initrd=True, initramfs="initramfs-glibc",
             per_program=True, timeout=180, cmdline="init=/bin/runtests KSPACE=1 " + MEMORY_DEBUG,
             expect=[r"Run /bin/runtests as init process", r"user: \d+ passed, 0 failed"],
             reject=LOCKDEP_REPORTS),
        # Lock debugging: each deliberate locking mistake and the report it must give,
        # with the stacks of both orders for a circular dependency.
        dict(name="debug/lockdep", cmdline="selftest=lockdep_ debug_locks",
             expect=[r"lockdep: lock debugging on",
                     r"BUG: spinlock recursion on CPU#0, init/1",
                     r"BUG: spinlock wrong owner on CPU#0, init/1",
                     r"BUG: spinlock already unlocked on CPU#0, init/1",
                     r"WARNING: possible circular locking dependency detected",
                     r"-> #1 \(test_lock_b\):\r?\n\[ *\d+\.\d+\]        take_a_then_b\+",
                     r"-> #0 \(test_lock_a\):\r?\n\[ *\d+\.\d+\]        take_b_then_a\+",
                     r"WARNING: possible recursive locking detected",
                     r"inconsistent \{IN-HARDIRQ-W\} -> \{HARDIRQ-ON-W\} usage\.",
                     r"BUG: sleeping function called from invalid context at mm/slab\.c:\d+",
                     r"selftest: 11 passed, 0 failed, 0 skipped"], reject=NO_FAIL),
        dict(name="user-glibc/demo", mem="256M", initrd=True, initramfs="initramfs-glibc",
             timeout=60, cmdline="init=/bin/glibc-demo", check=same_as_linux("glibc-demo")),
        # POSIX threads through glibc: mutexes, condition variables, joins, as on Linux.
        dict(name="user-glibc/pthreads", mem="256M", initrd=True, initramfs="initramfs-glibc",
             timeout=60, cmdline="init=/bin/glibc-pthreads", check=same_as_linux("glibc-pthreads")),
        dict(name="user-glibc/pthreads-smp4", mem="256M", initrd=True, initramfs="initramfs-glibc",
             timeout=60, smp=4, cmdline="init=/bin/glibc-pthreads " + MEMORY_DEBUG,
             check=same_as_linux("glibc-pthreads"), reject=LOCKDEP_REPORTS),
        # The system-call fuzzer (user/sysfuzz.c): 10^5 random calls, a fixed seed so a
        # failure reproduces; no oops, and kmalloc caches and free pages back to baseline.
        dict(name="fuzz/syscalls", mem="128M", initrd=True, timeout=120,
             cmdline="init=/bin/sysfuzz -n 100000 -s 0x5eed",
             expect=[r"sysfuzz: seed 0x5eed, 100000 calls", r"sysfuzz: 100000 calls in \d+ ms",
                     r"sysfuzz: memory back to baseline", r"sysfuzz: done"],
             reject=[r"Oops", r"BUG", r"Kernel panic", r"LEAK", r"WARNING"]),
        # What the README promises a student at `make run`: the default init starts the
        # shell; each command is typed at its prompt; `exit 3` ends init, and QEMU.
        dict(name="shell/make-run-session", mem="64M", initrd=True, prompt=r"(?:^|\n)# ",
             timeout=60, status=3,
             type_lines=["hostname kspace-box", "hostname", "uname -a", "cat /proc/buddyinfo",
                         "cat /proc/self/maps", "cat /proc/pkmap", "cat /proc/extable",
                         "runas 1000 hostname x", "echo $?", "v2p 0x08049000", "v2p 0x08048000", "v2p 0xc0100000",
                         "layout", "exit 3"],
             expect=[r"Run /sbin/init as init process",
                     r"# hostname\r?\nkspace-box",
                     r"kspace kspace-box 0\.1 #1 i686",
                     r"Node 0, zone      DMA( +\d+){11}",
                     r"08048000-\w+ r--p 00000000 00:00 [1-9]\d* +/bin/cat",
                     r"\w+-c0000000 rw-p 00000000 00:00 0 +\[stack\]",
                     r"pkmap: 0xff800000-0xffc00000, LAST_PKMAP 1024",
                     r"__copy_user\+0x\w+/0x\w+ -> 0x\w+ __fixup_start\+",
                     r"hostname: you must be root to change the host name",
                     r"# echo \$\?\r?\n1\b",
                     r"0x08049000  0x\w{8}  PDE\[ 32\]=0x\w{8}  PTE\[  73\]=0x\w{8}  RO US",
                     r"0x08049000 -> physical 0x\w{8}",
                     r"0x08048000: no page there: not touched yet",
                     r"In lowmem \(the direct map\) it is physical 0x00100000",
                     r"== user space of the shell \(pid \d+\)",
                     r"\w{8}-c0000000 rw-p 00000000 00:00 0 +\[stack\]",
                     r"== 0xc0000000: PAGE_OFFSET",
                     r"init exited with status 3"]),
        # Job control at the shell, typed as a person would: ^Z stops the foreground job
        # (SIGTSTP to its group), jobs lists it, bg continues it in the background, where
        # cat's read of the terminal stops it again (SIGTTIN), fg brings it back (the ^D
        # then ends cat); the second job runs to its end in the background, reported
        # done. Lines are typed at each prompt, and when READY or fg's command appears.
        # Lock debugging on: ^Z, ^C and typed lines arrive by interrupt into the tty's lock.
        dict(name="shell/job-control", mem="64M", initrd=True, timeout=60, status=3,
             cmdline="debug_locks", reject=LOCKDEP_REPORTS,
             prompt=r"(?:^|\n)# |\nREADY\r?\n|\nsh -c echo READY; cat; echo CAT-DONE\r?\n",
             type_lines=['sh -c "echo READY; cat; echo CAT-DONE"', "\x1a", "jobs", "bg", "sleep 1",
                         "fg", "\x04", 'sh -c "echo READY; sleep 1; echo SLEPT"', "\x1a", "bg",
                         "jobs", "sleep 2", "exit 3"],
             expect=[r"\^Z\r?\n", r"\[1\]\+  Stopped  sh -c echo READY; cat; echo CAT-DONE",
                     r"\[1\]  Stopped  sh -c echo READY; cat",
                     r"\[1\] sh -c echo READY; cat; echo CAT-DONE &\r?\n(?:.*\n)*?"
                     r"\[1\]\+  Stopped  sh -c echo READY; cat", r"\nCAT-DONE",
                     r"\[1\] sh -c echo READY; sleep 1; echo SLEPT &",
                     r"\[1\]  Running  sh -c echo READY; sleep 1", r"\nSLEPT",
                     r"\[1\]\+  Done  sh -c echo READY; sleep 1", r"init exited with status 3"]),
        # The line discipline's editing, typed on the serial line: DEL erases a byte on
        # the screen too (ECHOE), ^W a word, ^U the line (ECHOKE); the shell reads only
        # the edited line.
        dict(name="shell/line-editing", mem="64M", initrd=True, prompt=r"(?:^|\n)# ",
             timeout=60, status=3, cmdline="debug_locks", reject=LOCKDEP_REPORTS,
             type_lines=["echo abX\x7fc", "echo one two\x17three", "echo gone\x15echo kept",
                         "exit 3"],
             expect=[r"echo abX\x08 \x08c\r?\nabc\r?\n", r"\none three\r?\n",
                     r"(?:\x08 \x08){9}echo kept\r?\nkept\r?\n", r"init exited with status 3"]),
        # Debian's busybox-static, unmodified, as make run USERLAND=busybox boots it: kspace's
        # init starts busybox's ash, and the applets that read /proc, mount and statfs
        # answer as on Linux ({ps}: the name an applet sets with prctl, shown beside the
        # arguments it inherited); then text tools on the files of tests/busybox/root, and
        # ash's arithmetic, loops, functions, traps and subshells.
        dict(name="busybox/session", mem="128M", initrd=True, initramfs="initramfs-busybox",
             prompt=r"(?:^|\n)[~/]\S* # ", timeout=90, status=3,
             type_lines=["cat /proc/version", "uname -a", "whoami", "ps", "top -b -n 1", "free",
                         "uptime", "mount -t tmpfs tmp /tmp", "mount", "df", "umount /tmp",
                         "dmesg", "cd /test", "md5sum data.txt", "sort -u data.txt",
                         "awk '{ n += length($0) } END { print NR, n }' data.txt",
                         "grep -c apple data.txt", "sed -n 's/an/AN/gp' data.txt", "expr 6 \\* 7",
                         "sh -c 'exit 4'; echo status $?", "ls -l data.txt",
                         "stat -c '%n %s %F' data.txt /bin/sh", "find /test -name '*.txt'",
                         "cal 1 2000", "date -u -d @0", "od -A x -t x1 small.bin",
                         "base64 small.bin", "seq 10 -3 1", "factor 360", "dc -e '2 10 ^ p'",
                         "id", "uname -m", "rev data.txt", "readlink /bin/sh",
                         "env -i A=1 B=two env", "x=5; echo arith $((x * 3 + 1))",
                         "i=0; while [ $i -lt 3 ]; do i=$((i + 1)); done; echo while $i",
                         "f() { echo fn $# $1; return 3; }; f a b; echo rc $?",
                         "(trap 'echo trapped' EXIT; true)", "(exit 7); echo subshell $?",
                         "exit 3"],
             expect=[r"Run /sbin/init as init process",
                     r"BusyBox v\S+ \(Debian [^)]+\) built-in shell \(ash\)",
                     r"\nkspace version 0\.1 \(kspace@kspace\) \(gcc [^)]+\) #1\r?\n",
                     r"\nkspace \S+ 0\.1 #1 i686 GNU/Linux\r?\n", r"\nroot\r?\n",
                     r"PID +USER +COMMAND", r"\n +1 root +/sbin/init\r?\n", r"\n +\d+ root +\{ps\} sh\r?\n",
                     r"\nMem: \d+K used, \d+K free, 0K shrd", r"\nCPU: +\d+% usr +\d+% sys",
                     r"\nLoad average: \d+\.\d\d \d+\.\d\d \d+\.\d\d \d+/\d+ \d+\r?\n",
                     r"\d+ +\d+ root +R +\d+ +\d+% +\d+% top -b -n 1",
                     r"\nMem: +\d+ +\d+ +\d+ +0 +0 +\d+\r?\n",
                     r"up \d+ min, +0 users, +load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d",
                     r"\nrootfs on / type rootfs \(rw\)\r?\nproc on /proc type proc \(rw,relatime\)\r?\ntmp on /tmp type tmpfs \(rw,relatime\)",
                     r"\ntmp +\d+ +0 +\d+ +0% /tmp\r?\n", r"\[ *\d+\.\d+\] kspace: boot complete",
                     r"610612bb72dae6b6564c2bcbf926ab61  data\.txt",
                     r"\napple\r?\nbanana\r?\ncherry\r?\ndate 42\r?\nelderberry\r?\n",
                     r"\n6 39\r?\n", r"\n2\r?\n", r"\nbANANa\r?\n",
                     r"\n42\r?\n", r"\nstatus 4\r?\n",
                     r"\n-rw-r[w-]-r-- +1 root +root +45 Jan  1  1970 data\.txt\r?\n",
                     r"\ndata\.txt 45 regular file\r?\n/bin/sh 12 symbolic link\r?\n",
                     r"\n/test/data\.txt\r?\n/test/numbers\.txt\r?\n",
                     r"\n +January 2000\r?\nSu Mo Tu We Th Fr Sa\r?\n", r"\nThu Jan  1 00:00:00 UTC 1970\r?\n",
                     r"\n000000 6b 73 70 61 63 65 01 7f 0a\r?\n000009\r?\n", r"\na3NwYWNlAX8K\r?\n",
                     r"\n10\r?\n7\r?\n4\r?\n1\r?\n", r"\n360: 2 2 2 3 3 5\r?\n", r"\n1024\r?\n",
                     r"\nuid=0\(root\) gid=0\(root\)\r?\n", r"\ni686\r?\n",
                     r"\nananab\r?\nelppa\r?\n", r"\n/bin/busybox\r?\n", r"\nA=1\r?\nB=two\r?\n",
                     r"\narith 16\r?\n", r"\nwhile 3\r?\n", r"\nfn 2 a\r?\nrc 3\r?\n",
                     r"\ntrapped\r?\n", r"\nsubshell 7\r?\n", r"init exited with status 3"]),
        # busybox's vi on the serial line, in raw mode (VMIN 1): insert, ESC, :wq, and the
        # file has the line. Each key group waits for vi's status line to show its effect;
        # the prompt after vi follows its leaving the alternate screen, not a newline.
        dict(name="busybox/vi", mem="128M", initrd=True, initramfs="initramfs-busybox",
             prompt=r"(?:^|\n)[~/]\S* # ", timeout=60, status=3,
             type_lines=["vi /tmp/v.txt", (r"- /tmp/v\.txt", "ihello from vi"),
                         (r"I /tmp/v\.txt", "\x1b"), (r"\[Modified\]", ":wq\r"),
                         (r"\x1b\[\?1049l", "cat /tmp/v.txt\r"), "exit 3"],
             expect=[r"'/tmp/v\.txt' 1L, 14C", r"\nhello from vi\r?\n", r"init exited with status 3"]),
        # The differential applet suite: busybox's ash runs /test/applets.sh as init, and
        # every line it prints must be the one Debian's Linux 6.1 i386 printed (recorded
        # by make check-linux in tests/expected/busybox-applets.txt).
        dict(name="busybox/applets", mem="128M", initrd=True, initramfs="initramfs-busybox",
             timeout=120, cmdline="init=/bin/sh /test/applets.sh",
             check=same_as_linux("busybox-applets")),
        # A refused selftest= (too long) must leave the earlier one as it was.
        dict(name="cmdline/selftest-prefix", cmdline="selftest=printk_ selftest=" + "x" * 100,
             expect=[r"selftest: PASS printk_levels_in_log", r"selftest: 3 passed, 0 failed",
                     r'Bad value in kernel command line parameter "selftest=x{100}"'],
             reject=[r"selftest: PASS idt_gates"]),
        # A filter that matches no test checked nothing: that is a failure, not a pass.
        dict(name="cmdline/selftest-prefix-matching-nothing", cmdline="selftest=no_such_test",
             status=1, expect=[r'selftest: FAIL no self-test name starts with "no_such_test"']),
        # Garbage in every __setup parameter: each one warns, and the boot goes on to init
        # (the first init=, since a refused one must not overwrite it; crash= with an empty
        # or unknown name once oopsed on a NULL self-test filter).
        dict(name="cmdline/garbage-parameters-warn-and-boot-on", initrd=True,
             cmdline="init=/bin/echo init=/" + "y" * 200 + " crash= crash=no_such_test"
                     " loglevel= loglevel=-1 loglevel=99999999999 console= console=ttyS1"
                     " console=" + "z" * 300 + " selftest=" + "x" * 100 + " quiet=1 bench=0 survived",
             expect=[r'Bad value in kernel command line parameter "init=/y{200}"',
                     r'crashtest: no crash test named ""',
                     r'Bad value in kernel command line parameter "crash="',
                     r'Bad value in kernel command line parameter "crash=no_such_test"',
                     r'Bad value in kernel command line parameter "loglevel="',
                     r'Bad value in kernel command line parameter "loglevel=-1"',
                     r'Bad value in kernel command line parameter "loglevel=99999999999"',
                     r'Bad value in kernel command line parameter "console="',
                     r'Bad value in kernel command line parameter "console=ttyS1"',
                     r'Bad value in kernel command line parameter "console=z{300}"',
                     r'Bad value in kernel command line parameter "selftest=x{100}"',
                     r'Unknown kernel command line parameter "quiet=1"',
                     r'Unknown kernel command line parameter "bench=0"',
                     r"Run /bin/echo as init process", r"\nsurvived\r?\n",
                     r"init exited with status 0"],
             reject=[r"Oops", r"selftest: "]),
        dict(name="cmdline/bad-and-unknown-parameters",
             cmdline="selftest crash=bogus loglevel=x nosuchparam console=ttyS0,115200",
             expect=[r'crashtest: no crash test named "bogus"',
                     r'Bad value in kernel command line parameter "loglevel=x"',
                     r'Unknown kernel command line parameter "nosuchparam"',
                     r"selftest: \d+ passed, 0 failed"]),
        dict(name="cmdline/console-vga-only", cmdline="selftest console=tty0",
             reject=[r"kspace version"]),
        dict(name="cmdline/loglevel-1-shows-only-emergencies",
             cmdline="loglevel=1 crash=page_fault", status=PANIC,
             expect=[r"Oops: 0002", r"Kernel panic"], reject=[r"kspace version", r"CPU: CPUID"]),
    ]
    return cases
