"""scripts/gdb/kspace_cpus.py: the gdb commands and helpers that know about CPUs.

QEMU's gdb stub shows each CPU as a thread, in order: thread 1 is CPU 0. Registers are
the selected thread's, so what the kernel computes from its registers (`current`, from
esp) is computed here on each CPU's thread in turn. Per-CPU variables are the linked
copy plus __per_cpu_offset[cpu], as the kernel's per_cpu(). kspace.py sources this file
at its end; both run in gdb's __main__ namespace, so the helpers of one serve the other.
"""
import gdb


# --- CPUs and per-CPU variables -------------------------------------------------------

def this_cpu():
    """The CPU gdb has selected: QEMU's gdb stub shows each CPU as a thread, in order."""
    thread = gdb.selected_thread()
    return thread.num - 1 if thread else 0


def cpu_threads():
    """gdb's threads, one per CPU, in CPU order."""
    return sorted(gdb.selected_inferior().threads(), key=lambda t: t.num)


def thread_of_cpu(cpu):
    threads = cpu_threads()
    if not 0 <= cpu < len(threads):
        raise gdb.GdbError(f"no CPU {cpu}: QEMU shows {len(threads)} (one thread each)")
    return threads[cpu]


def per_cpu(name, cpu):
    """A DEFINE_PER_CPU variable's copy for cpu: the linked one plus __per_cpu_offset[cpu]."""
    var = kernel_var(name)
    addr = int(var.address) + (int(kernel_var("__per_cpu_offset")[cpu]) & 0xFFFFFFFF)
    return pointer_to(addr, str(var.type)).dereference()


def cpu_online(cpu):
    return bool(int(kernel_var("__cpu_online_mask")["bits"]) >> cpu & 1)


# --- current --------------------------------------------------------------------------

def thread_size():
    return array_len("init_thread_union")  # THREAD_SIZE: the boot stack is one


def current_stack_pointer():
    """A kernel-stack address of the running task: esp, or below the TSS's esp0 in user mode."""
    if register("cs") & 3:
        return int(per_cpu("init_tss", this_cpu())["esp0"]) - 1
    return register("esp")


def current_task():
    """(thread_info address, task_struct pointer): what the kernel's `current` computes."""
    ti = current_stack_pointer() & ~(thread_size() - 1)
    return ti, pointer_to(ti, "struct thread_info")["task"]


def running_task():
    task = current_task()[1]
    if not int(task):
        raise gdb.GdbError("no current task yet: sched_init() has not run")
    return task


def task_line(task):
    return (f"pid {int(task['pid'])} ({comm(task)}), task_struct 0x{int(task):08x}, "
            f"state {TASK_STATES.get(int(task['state']), int(task['state']))}")


def show_current():
    """kspace-current's two lines for the selected CPU."""
    mode = "user" if register("cs") & 3 else "kernel"
    ti, task = current_task()
    where = "init_tss.esp0 - 1" if mode == "user" else f"esp 0x{register('esp'):08x}"
    print(f"thread_info 0x{ti:08x} = ({where}) & ~0x{thread_size() - 1:x}, in {mode} mode")
    if not int(task):
        print("thread_info->task is NULL: sched_init() has not run yet")
        return
    print(f"current: {task_line(task)}")


def show_cpu_current(cpu, here):
    """One CPU's block: a header, then kspace-current's lines and the scheduler's own view."""
    print(f"CPU {cpu}{' (gdb is here)' if here else ''}:")
    if not register("cr0") & 0x80000000:
        print("paging is off: this CPU has not started kspace yet")
        return
    if not cpu_online(cpu):
        print("not online yet: it has no task of its own")
        return
    show_current()
    curr = per_cpu("runqueues", cpu)["curr"]
    if int(curr):
        print(f"runqueues.curr: pid {int(curr['pid'])} ({comm(curr)})")


class Current(gdb.Command):
    """Show the running task on each CPU, found the way the kernel's `current` finds it.
Usage: kspace-current [CPU]
The kernel stack is THREAD_SIZE (8 KiB) aligned, with struct thread_info at its base,
so esp & ~(THREAD_SIZE - 1) is the thread_info and thread_info->task the task_struct.
When the CPU is stopped in user mode, esp is the user stack, so the kernel stack is
found from the TSS's esp0 instead. With several CPUs, each gets a "CPU n:" block (or
only CPU), computed from that CPU's own registers, and the task its run queue says is
running there (runqueues.curr; the two differ only in the middle of a switch)."""

    def __init__(self):
        super().__init__("kspace-current", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        argv = args_of(arg, 1)
        threads = [thread_of_cpu(value(argv[0]))] if argv else cpu_threads()
        if len(cpu_threads()) == 1:
            show_current()
            return
        selected, frame = gdb.selected_thread(), gdb.selected_frame()
        try:
            for thread in threads:
                thread.switch()
                show_cpu_current(thread.num - 1, thread == selected)
        finally:
            selected.switch()
            frame.select()


# --- kmap_atomic's per-CPU fixmap slots -----------------------------------------------

def kmap_layout():
    """(FIX_KMAP_BEGIN, KM_TYPE_NR, {type value: name}) from the kernel's enums."""
    names = {f.enumval: f.name for f in gdb.lookup_type("enum km_type").fields()}
    return (enum_value("enum fixed_addresses", "FIX_KMAP_BEGIN"),
            enum_value("enum km_type", "KM_TYPE_NR"), names)


def kmap_slot_pte(idx):
    pte = kernel_pte(fix_to_virt(idx))
    if pte is None:
        raise gdb.GdbError("the fixmap has no page table yet (before paging_init)")
    return pte


class Fixmap(gdb.Command):
    """Show the occupied fixmap slots (the kmap_atomic windows), as /proc/pkmap ends.
Usage: kspace-fixmap
Reads each FIX_KMAP slot's PTE in the fixmap's page table, found through swapper_pg_dir;
slot names come from enum km_type."""

    def __init__(self):
        super().__init__("kspace-fixmap", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        args_of(arg, 0)
        begin, nr_types, names = kmap_layout()
        end = enum_value("enum fixed_addresses", "FIX_KMAP_END")
        print(f"fixmap: 0x{fixaddr_start():08x}-0x{FIXADDR_TOP:08x}, {nr_fixmap_slots()} slots")
        for idx in range(begin, end + 1):
            pte, slot = kmap_slot_pte(idx), idx - begin
            if pte & _PAGE_PRESENT:
                print(f"  FIX_KMAP_BEGIN+{slot:<3} {names[slot % nr_types]:20} "
                      f"cpu {slot // nr_types}  0x{fix_to_virt(idx):08x} -> "
                      f"pfn 0x{pte >> PAGE_SHIFT:05x}")


class KmapAtomic(gdb.Command):
    """Show each online CPU's kmap_atomic slots, or every slot of one CPU.
Usage: kspace-kmap-atomic [CPU]
Each CPU owns KM_TYPE_NR fixmap slots, one per enum km_type, at FIX_KMAP_BEGIN +
KM_TYPE_NR * cpu + type: no other CPU maps anything there, so kunmap_atomic flushes
one TLB entry on its own CPU only. Without CPU: a line per online CPU (its addresses
and slots in use, as /proc/pkmap) and the slots in use. With CPU: all of its slots."""

    def __init__(self):
        super().__init__("kspace-kmap-atomic", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        argv = args_of(arg, 1)
        begin, nr_types, names = kmap_layout()
        cpus = [value(argv[0])] if argv else [c for c in range(len(cpu_threads())) if cpu_online(c)]
        print(f"kmap_atomic: {nr_types} slots per CPU at FIX_KMAP_BEGIN + {nr_types} * cpu + type; "
              f"gdb is on CPU {this_cpu()}")
        for cpu in cpus:
            first = begin + nr_types * cpu
            if first + nr_types - 1 > enum_value("enum fixed_addresses", "FIX_KMAP_END"):
                raise gdb.GdbError(f"no CPU {cpu}: the fixmap has slots for NR_CPUS CPUs")
            ptes = [kmap_slot_pte(first + t) for t in range(nr_types)]
            in_use = sum(1 for pte in ptes if pte & _PAGE_PRESENT)
            # Higher slots have lower addresses: the fixmap grows down from FIXADDR_TOP.
            print(f"  cpu {cpu}: 0x{fix_to_virt(first + nr_types - 1):08x}-"
                  f"0x{fix_to_virt(first) + PAGE_SIZE:08x}, {in_use} in use")
            for t, pte in enumerate(ptes):
                if pte & _PAGE_PRESENT or argv:
                    target = f"pfn 0x{pte >> PAGE_SHIFT:05x}" if pte & _PAGE_PRESENT else "-"
                    print(f"    {names[t]:20} FIX_KMAP_BEGIN+{first + t - begin:<3} "
                          f"0x{fix_to_virt(first + t):08x} -> {target}")


for command in (Current, Fixmap, KmapAtomic):
    command()
