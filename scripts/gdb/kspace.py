"""scripts/gdb/kspace.py: gdb commands that show kspace's memory-management state.

Each command reads kernel memory through gdb and never calls a kernel function, so it
works on a kernel stopped anywhere, even one that is wedged or half-initialised.
Structures are read through the kernel's debug information (field names, array
sizes, enum values); only #define'd constants, which DWARF does not carry, are
mirrored below from the headers that own them. kspace.gdb sources this file; by hand:
    (gdb) source scripts/gdb/kspace.py
    (gdb) help user-defined          lists the kspace-* commands
"""
import os
import re
import struct

import gdb

# arch/x86/include/asm/memlayout.h
PAGE_SHIFT = 12
PAGE_SIZE = 1 << PAGE_SHIFT
PAGE_MASK = ~(PAGE_SIZE - 1) & 0xFFFFFFFF
PGDIR_SHIFT = 22
PGDIR_MASK = ~((1 << PGDIR_SHIFT) - 1) & 0xFFFFFFFF
PAGE_OFFSET = 0xC0000000
TASK_SIZE = PAGE_OFFSET
BOOT_MAP_SIZE = 16 << 20  # what head.asm maps before high_memory is set
FIXADDR_TOP = 0xFFFFF000
VMALLOC_OFFSET = 8 << 20

# arch/x86/include/asm/pgtable.h: the entry bits, in the order the commands print them.
# Bit 7 is PS (a 4 MiB page) only in a PDE; in a PTE it is PAT, which kspace never sets.
PDE_FLAGS = [("P", 0x001), ("RW", 0x002), ("US", 0x004), ("PS", 0x080), ("G", 0x100),
             ("A", 0x020), ("D", 0x040)]
PTE_FLAGS = [f for f in PDE_FLAGS if f[0] != "PS"]
_PAGE_PRESENT, _PAGE_PSE = 0x001, 0x080

# include/kspace/sched.h
TASK_STATES = {0: "RUNNING", 1: "INTERRUPTIBLE", 2: "UNINTERRUPTIBLE", 32: "ZOMBIE", 64: "DEAD"}

# include/kspace/mm_types.h and include/kspace/rbtree.h
VM_READ, VM_WRITE, VM_EXEC, VM_MAYSHARE = 0x1, 0x2, 0x4, 0x80
RB_RED, RB_BLACK = 0, 1
COLOR_NAMES = {RB_RED: "red", RB_BLACK: "black"}

LIST_LIMIT = 100000  # a corrupted list must not hang gdb


# --- reading memory -------------------------------------------------------------------

def value(expr):
    """A user's expression as an unsigned integer (works for functions and arrays too)."""
    return int(gdb.parse_and_eval(f"(unsigned long)({expr})")) & 0xFFFFFFFF


def register(name):
    """A register of the innermost frame: the CPU's, whatever frame the user selected."""
    return int(gdb.newest_frame().read_register(name)) & 0xFFFFFFFF


def kernel_objfile():
    return gdb.lookup_global_symbol("start_kernel").symtab.objfile


def kernel_var(name):
    """A kernel variable, global or file-static. It is looked up in the kernel's objfile,
    not in the selected frame's scope, where a local or a user program's symbol of the
    same name would hide it."""
    objfile = kernel_objfile()
    sym = objfile.lookup_global_symbol(name) or objfile.lookup_static_symbol(name)
    if sym is None:
        raise gdb.GdbError(f"the kernel has no variable {name}")
    return sym.value()


def kernel_addr(name):
    return int(kernel_var(name).address)


def kernel_ulong(name):
    """An integer or pointer variable's value."""
    return int(kernel_var(name)) & 0xFFFFFFFF


def enum_value(typename, name):
    for field in gdb.lookup_type(typename).fields():
        if field.name == name:
            return field.enumval
    raise gdb.GdbError(f"{typename} has no {name}")


def read_u32(addr):
    return int.from_bytes(gdb.selected_inferior().read_memory(addr, 4), "little")


def read_bytes(addr, n):
    return bytes(gdb.selected_inferior().read_memory(addr, n))


def lowmem_end_phys():
    """Where the direct map ends, in physical terms: high_memory once mem_init set it."""
    high = kernel_ulong("high_memory")
    return high - PAGE_OFFSET if high else BOOT_MAP_SIZE


def read_phys_u32(phys):
    """Physical memory, read through the direct map (phys + PAGE_OFFSET), as the kernel does."""
    limit = lowmem_end_phys()
    if phys >= limit:
        raise gdb.GdbError(f"phys 0x{phys:08x} lies above lowmem (ends at 0x{limit:08x}): "
                           "it has no direct-map address, so gdb cannot read it")
    return read_u32(phys + PAGE_OFFSET)


def pointer_to(addr, typename):
    return gdb.Value(addr).cast(gdb.lookup_type(typename).pointer())


def offset_of(typename, member):
    for field in gdb.lookup_type(typename).fields():
        if field.name == member:
            return field.bitpos // 8
    raise gdb.GdbError(f"{typename} has no member {member}")


def container_of(addr, typename, member):
    return pointer_to(addr - offset_of(typename, member), typename)


def list_entries(head_addr, typename, member):
    """The structures on a struct list_head list, like list_for_each_entry."""
    node = read_u32(head_addr)
    for _ in range(LIST_LIMIT):
        if node in (head_addr, 0):
            return
        yield container_of(node, typename, member)
        node = read_u32(node)
    raise gdb.GdbError(f"list at 0x{head_addr:08x} does not come back to its head")


def symbolize(addr):
    """addr as sym+0xoff, the way the kernel's sprint_symbol names it (without the size)."""
    out = gdb.execute(f"info symbol 0x{addr:x}", to_string=True)
    m = re.match(r"(\S+)(?: \+ (\d+))? in section", out)
    return f"{m.group(1)}+0x{int(m.group(2) or 0):x}" if m else f"0x{addr:08x}"


def array_len(name):
    """The number of elements of a kernel array, from its type (a sized declaration)."""
    return kernel_var(name).type.range()[1] + 1


def args_of(arg, most):
    argv = gdb.string_to_argv(arg)
    if len(argv) > most:
        raise gdb.GdbError("too many arguments (see help)")
    return argv


# --- the address-space constants (asm/memlayout.h, asm/fixmap.h) ---------------------

def fixaddr_start():
    return FIXADDR_TOP - (nr_fixmap_slots() << PAGE_SHIFT)


def nr_fixmap_slots():
    return enum_value("enum fixed_addresses", "__end_of_fixed_addresses")


def fix_to_virt(idx):
    return FIXADDR_TOP - (idx << PAGE_SHIFT)


def last_pkmap():
    """LAST_PKMAP (8 in make's pkmap8 build): the size of mm/highmem.c's pkmap_page[], as
    the headers declare pkmap_count[] without one."""
    return array_len("pkmap_page")


def pkmap_base():
    return (fixaddr_start() - PAGE_SIZE * (last_pkmap() + 1)) & PGDIR_MASK


def vmalloc_start():
    high = kernel_ulong("high_memory")
    return (high + 2 * VMALLOC_OFFSET - 1) & ~(VMALLOC_OFFSET - 1)


# --- page tables ----------------------------------------------------------------------

def flag_string(entry, flags):
    """The flags in a fixed order, a dash for each clear one, padded to line PDE and PTE up."""
    text = " ".join(name if entry & bit else "-" * len(name) for name, bit in flags)
    return f"{text:16}"


def kernel_pte(vaddr):
    """The PTE mapping a kernel address in swapper_pg_dir, or None if it has no page table."""
    pde = read_u32(kernel_addr("swapper_pg_dir") + 4 * (vaddr >> PGDIR_SHIFT))
    if not pde & _PAGE_PRESENT or pde & _PAGE_PSE:
        return None
    return read_phys_u32((pde & PAGE_MASK) + 4 * ((vaddr >> PAGE_SHIFT) & 1023))


def walk(vaddr, cr3):
    """Print each step of the MMU's two-level walk for vaddr; return the physical address."""
    pgd = cr3 & PAGE_MASK
    index = vaddr >> PGDIR_SHIFT
    pde = read_phys_u32(pgd + 4 * index)
    if not pde & _PAGE_PRESENT:
        print(f"PDE[{index:4}] = 0x{pde:08x}  PDE not present: 0x{vaddr:08x} is not mapped")
        return None
    if pde & _PAGE_PSE:
        base = pde & PGDIR_MASK
        print(f"PDE[{index:4}] = 0x{pde:08x}  {flag_string(pde, PDE_FLAGS)}  "
              f"4 MiB page at phys 0x{base:08x}")
        return base | (vaddr & ~PGDIR_MASK & 0xFFFFFFFF)
    table = pde & PAGE_MASK
    print(f"PDE[{index:4}] = 0x{pde:08x}  {flag_string(pde, PDE_FLAGS)}  "
          f"page table at phys 0x{table:08x}")
    index = (vaddr >> PAGE_SHIFT) & 1023
    pte = read_phys_u32(table + 4 * index)
    if not pte & _PAGE_PRESENT:
        print(f"PTE[{index:4}] = 0x{pte:08x}  PTE not present: 0x{vaddr:08x} is not mapped")
        return None
    print(f"PTE[{index:4}] = 0x{pte:08x}  {flag_string(pte, PTE_FLAGS)}  "
          f"page at phys 0x{pte & PAGE_MASK:08x}")
    return (pte & PAGE_MASK) | (vaddr & ~PAGE_MASK)


class V2P(gdb.Command):
    """Translate a virtual address by walking the i386 page tables by hand.
Usage: kspace-v2p ADDR [CR3]
ADDR and CR3 are expressions (kspace-v2p start_kernel, kspace-v2p $esp). CR3 defaults
to the current $cr3 register; give a task's page directory to look into another address
space: kspace-v2p 0x08048000 PGD_PHYS, as kspace-ps prints it for each task.
Prints the page-directory entry (index, value, flags P RW US PS G A D, what it points
at), then for a 4 MiB page (PS) the physical address, otherwise the page-table entry
and the physical address, or the step where the walk stops. Page tables are read
through the kernel's direct map (phys + 0xC0000000), so they must lie in lowmem."""

    def __init__(self):
        super().__init__("kspace-v2p", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        argv = args_of(arg, 2)
        if not argv:
            raise gdb.GdbError("usage: kspace-v2p ADDR [CR3]")
        vaddr = value(argv[0])
        cr3 = value(argv[1]) if len(argv) > 1 else register("cr3")
        print(f"virtual 0x{vaddr:08x}, page directory at phys 0x{cr3 & PAGE_MASK:08x}")
        phys = walk(vaddr, cr3)
        if phys is not None:
            print(f"physical 0x{phys:08x}")


# --- tasks ----------------------------------------------------------------------------

def all_tasks():
    """init_task (pid 0), then task_list: every other task, in creation order."""
    yield kernel_var("init_task").address
    yield from list_entries(kernel_addr("task_list"), "struct task_struct", "tasks")


def comm(task):
    return task["comm"].string(errors="replace")


def find_task(pid):
    for task in all_tasks():
        if int(task["pid"]) == pid:
            return task
    raise gdb.GdbError(f"no task with pid {pid}")


def ps_line(task, current):
    mm = task["mm"]
    pgd = int(mm["pgd"]) if int(mm) else 0
    ppid = int(task["parent"]["pid"]) if int(task["parent"]) else 0
    state = TASK_STATES.get(int(task["state"]), str(int(task["state"])))
    name = comm(task) if int(mm) else f"[{comm(task)}]"  # kernel threads in brackets, as ps
    mm_cols = (f"0x{int(mm):08x} 0x{pgd:08x} 0x{pgd - PAGE_OFFSET:08x}" if int(mm)
               else f"{'-':10} {'-':10} {'-':10}")
    mark = "*" if int(task) == current else " "
    return f"{mark}{int(task['pid']):4} {ppid:5} {state:15} 0x{int(task):08x} {mm_cols} {name}"


class Ps(gdb.Command):
    """List every task: init_task (pid 0) and task_list.
Usage: kspace-ps
Columns: pid, parent's pid, state (TASK_* in include/kspace/sched.h), the task_struct,
its mm, mm->pgd and __pa(mm->pgd) (what CR3 holds while it runs; give it to kspace-v2p),
and its name; kernel threads, which have no mm, are in brackets. * marks current."""

    def __init__(self):
        super().__init__("kspace-ps", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        args_of(arg, 0)
        current = int(current_task()[1])
        print("  PID  PPID STATE           TASK       MM         PGD        PGD_PHYS   COMM")
        for task in all_tasks():
            print(ps_line(task, current))


# --- regions and the red-black tree ---------------------------------------------------

def inode_path(inode):
    """A ramfs file's path (inode: a struct ramfs_inode *), by its first name, as show_maps() prints it."""
    parts = []
    for _ in range(LIST_LIMIT):
        d = next(list_entries(int(inode["aliases"].address), "struct ramfs_dentry", "alias"), None)
        if d is None:
            break
        # name[] is a flexible array, as long as its name: read it from its address
        parts.append(d["name"].address.cast(gdb.lookup_type("char").pointer()).string())
        inode = d["dir"]
    return "/" + "/".join(reversed(parts))


def vma_name(vma, mm):
    """The name show_maps() prints: [heap], [stack], or the path of the file mapped."""
    if int(vma["vm_file"]):
        return inode_path(vma["vm_file"])
    if int(vma["vm_name"]):
        return vma["vm_name"].string()
    return ""


def maps_line(vma, mm):
    """One /proc/<pid>/maps line, column for column as mm/mmap.c's show_maps()."""
    flags, has_file = int(vma["vm_flags"]), int(vma["vm_file"]) != 0
    perms = "".join(c if flags & bit else "-"
                    for c, bit in (("r", VM_READ), ("w", VM_WRITE), ("x", VM_EXEC)))
    perms += "s" if flags & VM_MAYSHARE else "p"
    offset = int(vma["vm_pgoff"]) << PAGE_SHIFT if has_file else 0
    ino = int(vma["vm_file"]["ino"]) if has_file else 0
    line = (f"{int(vma['vm_start']):08x}-{int(vma['vm_end']):08x} {perms} {offset:08x} "
            f"00:00 {ino}")
    name = vma_name(vma, mm)
    return line + " " * max(1, 73 - len(line)) + name if name else line


def mmap_list(mm):
    vmas, vma = [], mm["mmap"]
    while int(vma) and len(vmas) < LIST_LIMIT:
        vmas.append(vma)
        vma = vma["vm_next"]
    return vmas


def rb_vma(node):
    return container_of(int(node), "struct vm_area_struct", "vm_rb")


def rb_range(node):
    vma = rb_vma(node)
    return f"{int(vma['vm_start']):08x}-{int(vma['vm_end']):08x}"


class RbCheck:
    """Walks the tree once, printing it indented and collecting every broken rule."""

    def __init__(self):
        self.problems, self.inorder, self.seen = [], [], set()

    def problem(self, node, what):
        self.problems.append(f"{rb_range(node)}: {what}")

    def visit(self, node, parent, depth, side):
        """Print the subtree at node; return its black height (NULL leaves count 0)."""
        if not int(node):
            return 0
        if int(node) in self.seen:
            self.problem(node, "reached twice: the tree has a cycle")
            return 0
        self.seen.add(int(node))
        color = int(node["rb_color"])
        print(f"{'  ' * depth}{side}{COLOR_NAMES.get(color, color)} {rb_range(node)}  "
              f"depth {depth}")
        self.check_node(node, parent, color)
        left = self.visit(node["rb_left"], node, depth + 1, "L ")
        self.inorder.append(int(rb_vma(node)))
        right = self.visit(node["rb_right"], node, depth + 1, "R ")
        if left != right:
            self.problem(node, f"black heights differ: left {left}, right {right}")
        return max(left, right) + (color == RB_BLACK)

    def check_node(self, node, parent, color):
        if int(node["rb_parent"]) != int(parent):
            self.problem(node, f"rb_parent is 0x{int(node['rb_parent']):08x}, "
                               f"not 0x{int(parent):08x}")
        if color not in (RB_RED, RB_BLACK):
            self.problem(node, f"rb_color is {color}")
        if color == RB_RED and not int(parent):
            self.problem(node, "the root is red")
        for child in (node["rb_left"], node["rb_right"]):
            if color == RB_RED and int(child) and int(child["rb_color"]) == RB_RED:
                self.problem(node, "a red node has a red child")


def check_rb_tree(mm, vmas):
    """Print mm->mm_rb as an indented tree, then whether it is a valid red-black tree
    holding exactly the regions of the mmap list, in the same order."""
    root = mm["mm_rb"]["rb_node"]
    print("mm_rb (L = left child, R = right child):")
    check = RbCheck()
    height = check.visit(root, gdb.Value(0).cast(root.type), 0, "")
    if check.inorder != [int(v) for v in vmas]:
        check.problems.append("its in-order walk is not the mmap list")
    starts = [int(pointer_to(v, "struct vm_area_struct")["vm_start"]) for v in check.inorder]
    if starts != sorted(starts):
        check.problems.append("its in-order walk is not in address order")
    for p in check.problems:
        print(f"rb-tree INVALID: {p}")
    if not check.problems:
        print(f"rb-tree valid: {len(check.inorder)} nodes, black height {height}, "
              "in-order walk = the mmap list")


class Vmas(gdb.Command):
    """Show a process's regions and the red-black tree that indexes them.
Usage: kspace-vmas [PID]      (default: the current task)
First the mm->mmap list, in address order and in /proc/<pid>/maps format; then the
mm->mm_rb tree, each node indented by its depth with its colour, then a check of the
red-black rules (black root, no red node with a red child, equal black heights, parent
pointers) and that the tree holds the same regions as the list, in the same order."""

    def __init__(self):
        super().__init__("kspace-vmas", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        argv = args_of(arg, 1)
        task = find_task(value(argv[0])) if argv else running_task()
        mm = task["mm"]
        if not int(mm):
            raise gdb.GdbError(f"pid {int(task['pid'])} ({comm(task)}) is a kernel thread: "
                               "it has no mm (give a PID; kspace-ps lists them)")
        vmas = mmap_list(mm)
        print(f"pid {int(task['pid'])} ({comm(task)}), mm 0x{int(mm):08x}, "
              f"{len(vmas)} regions (map_count {int(mm['map_count'])}):")
        for vma in vmas:
            print(maps_line(vma, mm))
        check_rb_tree(mm, vmas)


# --- allocator and mapping state ------------------------------------------------------

class Buddyinfo(gdb.Command):
    """Show the buddy allocator's free blocks per zone and order, as /proc/buddyinfo.
Usage: kspace-buddyinfo
From zone_table[]: for each populated zone, free_area[k].nr_free for k = 0..10, the
number of free blocks of 2^k pages."""

    def __init__(self):
        super().__init__("kspace-buddyinfo", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        args_of(arg, 0)
        zones = kernel_var("zone_table")
        for z in range(array_len("zone_table")):
            zone = zones[z]
            if not int(zone["spanned_pages"]):
                continue
            areas = zone["free_area"]
            counts = "".join(f"{int(areas[o]['nr_free']):6} "
                             for o in range(areas.type.range()[1] + 1))
            print(f"Node 0, zone {zone['name'].string():>8} {counts}")


class Pkmap(gdb.Command):
    """Show the persistent kmap window (mm/highmem.c), as /proc/pkmap.
Usage: kspace-pkmap
PKMAP_BASE comes from asm/memlayout.h's formula, LAST_PKMAP from the kernel's arrays.
Each slot in use is listed with pkmap_count (0 free, 1 unmapped but maybe still in a
TLB, n > 1: n - 1 users) and the page frame its PTE in pkmap_page_table points at."""

    def __init__(self):
        super().__init__("kspace-pkmap", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        args_of(arg, 0)
        base, n = pkmap_base(), last_pkmap()
        counts = struct.unpack(f"<{n}i", read_bytes(kernel_addr("pkmap_count"), 4 * n))
        table = kernel_ulong("pkmap_page_table")
        used = [i for i in range(n) if counts[i]]
        print(f"pkmap: 0x{base:08x}-0x{base + n * PAGE_SIZE:08x}, LAST_PKMAP {n}, "
              f"last_pkmap_nr {kernel_ulong('last_pkmap_nr')}")
        print(f"slots in use {len(used)}, flushes {kernel_ulong('pkmap_flushes')}, "
              f"waits {kernel_ulong('pkmap_waits')}")
        for i in used:
            count, pfn = counts[i], read_u32(table + 4 * i) >> PAGE_SHIFT
            users = ("no users; freed at the next flush" if count == 1
                     else f"{count - 1} user{'' if count == 2 else 's'}")
            print(f"  slot {i:4}  0x{base + i * PAGE_SIZE:08x}  count {count} ({users})  "
                  f"pfn 0x{pfn:05x}")


def region_line(depth, name, start, end):
    """One line of the boot layout table, as arch/x86/mm/layout.c's print_region()."""
    size, indent = end - start, 4 + 2 * depth
    mb = size >= 8 << 20
    unit = 1 << 20 if mb else 1024
    amount = (size + unit - 1) // unit
    return (f"{' ' * indent}{name:<{12 - indent}}: 0x{start:08x} - 0x{end:08x}   "
            f"({amount:4} {'MB' if mb else 'kB'})")


class Layout(gdb.Command):
    """Show the kernel's virtual memory layout, as the boot log and /proc/layout do.
Usage: kspace-layout
The bounds follow the formulas of arch/x86/include/asm/memlayout.h; run-time inputs
(high_memory, the number of fixmap and pkmap slots, the kernel's sections) are read
from the kernel, so the table is the one this kernel printed at boot."""

    def __init__(self):
        super().__init__("kspace-layout", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        args_of(arg, 0)
        if not kernel_ulong("high_memory"):
            raise gdb.GdbError("high_memory is not set yet: the layout is fixed once "
                               "setup_arch() has found the RAM")
        pkmap = pkmap_base()
        print("virtual kernel memory layout:")
        print(region_line(0, "fixmap", fixaddr_start(), FIXADDR_TOP))
        print(region_line(0, "pkmap", pkmap, pkmap + last_pkmap() * PAGE_SIZE))
        print(region_line(0, "vmalloc", vmalloc_start(), pkmap - 2 * PAGE_SIZE))
        print(region_line(0, "lowmem", PAGE_OFFSET, kernel_ulong("high_memory")))
        for name, start, end in ((".bss", "__bss_start", "_end"), (".data", "_sdata", "_edata"),
                                 (".text", "_text", "_etext")):
            print(region_line(1, name, kernel_addr(start), kernel_addr(end)))
        print(region_line(0, "user", 0, TASK_SIZE))


# --- the log, the exception table, user programs --------------------------------------

class Dmesg(gdb.Command):
    """Print the kernel log ring buffer, oldest line first, without the <N> level prefixes.
Usage: kspace-dmesg
Reads log_buf between log_start and log_end (kernel/printk.c); they count bytes ever
written, so a wrapped buffer is read from log_start modulo its size."""

    def __init__(self):
        super().__init__("kspace-dmesg", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        args_of(arg, 0)
        size, buf = array_len("log_buf"), kernel_addr("log_buf")
        start, end = kernel_ulong("log_start"), kernel_ulong("log_end")
        data, first = read_bytes(buf, size), start % size
        text = (data[first:] + data[:first])[:end - start].decode("latin-1")
        print(re.sub(r"^<[0-7]>", "", text, flags=re.M), end="")


def extable_entries():
    start, stop = kernel_addr("__start___ex_table"), kernel_addr("__stop___ex_table")
    words = struct.unpack(f"<{(stop - start) // 4}I", read_bytes(start, stop - start))
    return list(zip(words[0::2], words[1::2]))


def extable_line(insn, fixup):
    return f"0x{insn:08x} {symbolize(insn)} -> 0x{fixup:08x} {symbolize(fixup)}"


class Extable(gdb.Command):
    """Show the exception table, or the fixup for one faulting address.
Usage: kspace-extable [ADDR]
Each entry of __ex_table (__start___ex_table .. __stop___ex_table) pairs a kernel
instruction allowed to fault on a user address with the address the page-fault handler
resumes at. With ADDR (an expression), only its entry, or that it has none: a kernel
fault there is a bug (an oops)."""

    def __init__(self):
        super().__init__("kspace-extable", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        argv = args_of(arg, 1)
        entries = extable_entries()
        if not argv:
            print(f"__ex_table: {len(entries)} entries")
            for insn, fixup in entries:
                print(extable_line(insn, fixup))
            return
        addr = value(argv[0])
        match = [e for e in entries if e[0] == addr]
        print(extable_line(*match[0]) if match else
              f"no exception-table entry for 0x{addr:08x} {symbolize(addr)}: "
              "a fault there is a kernel bug")


def user_dir():
    """build/user beside the kernel ELF: the Makefile puts the user programs there."""
    return os.path.join(os.path.dirname(kernel_objfile().filename), "user")


def user_binary(path):
    """scripts/mkinitramfs puts build/user/init at /sbin/init and build/user/NAME at /bin/NAME."""
    if path == "/sbin/init":
        return os.path.join(user_dir(), "init")
    m = re.fullmatch(r"/bin/([^/]+)", path)
    if not m:
        raise gdb.GdbError(f"{path}: not a program of the initramfs (/sbin/init or /bin/NAME)")
    return os.path.join(user_dir(), m.group(1))


class ElfFile:
    """The parts of a static ELF32 executable that the kernel's loader looks at."""

    def __init__(self, path):
        with open(path, "rb") as f:
            self.data = f.read()
        if self.data[:4] != b"\x7fELF" or self.data[4] != 1:
            raise gdb.GdbError(f"{path} is not an ELF32 file")
        (self.type,) = struct.unpack_from("<H", self.data, 16)
        self.entry, phoff = struct.unpack_from("<II", self.data, 24)
        phentsize, phnum = struct.unpack_from("<HH", self.data, 42)
        headers = [struct.unpack_from("<7I", self.data, phoff + i * phentsize)
                   for i in range(phnum)]
        # (vaddr, file offset, file size, memory size, PF_* flags) of each PT_LOAD
        self.loads = [(h[2], h[1], h[4], h[5], h[6]) for h in headers if h[0] == 1]

    def bytes_at(self, vaddr, n):
        for start, offset, filesz, _, _ in self.loads:
            if start <= vaddr and vaddr + n <= start + filesz:
                return self.data[offset + vaddr - start:offset + vaddr - start + n]
        return None


def differs_from_running(program, elf):
    """True when program is the current process but its code at the entry point is not the
    file's: build/user was rebuilt after the initramfs that QEMU booted."""
    task = current_task()[1]
    if not int(task) or not int(task["mm"]) or task["mm"]["exe_name"].string() != program:
        return False
    expected = elf.bytes_at(elf.entry, 16)
    try:
        return expected is not None and read_bytes(elf.entry, 16) != expected
    except gdb.MemoryError:
        return False  # the entry page is not mapped: nothing to compare


def remove_user_symbols():
    """Every user program is linked at the same addresses, so only one may be loaded."""
    for objfile in gdb.objfiles():
        if os.path.dirname(objfile.filename) == os.path.abspath(user_dir()):
            gdb.execute(f"remove-symbol-file {objfile.filename}", to_string=True)


def current_program():
    mm = running_task()["mm"]
    if not int(mm):
        raise gdb.GdbError("current is a kernel thread: name the program")
    return mm["exe_name"].string()


class UserSymbols(gdb.Command):
    """Load a user program's symbols, to step from user code into the kernel and back.
Usage: kspace-user-symbols [/bin/PROG | /sbin/init]   (default: the current process's)
The user programs are static ET_EXEC files linked at their final addresses, so
add-symbol-file needs no offset: /bin/NAME is build/user/NAME, /sbin/init build/user/init.
The symbols of a program loaded before are removed first: all share the same addresses.
Then, e.g.: hbreak sethostname, continue, stepi through int $0x80 into system_call."""

    def __init__(self):
        super().__init__("kspace-user-symbols", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        argv = args_of(arg, 1)
        program = argv[0] if argv else current_program()
        path = user_binary(program)
        if not os.path.exists(path):
            raise gdb.GdbError(f"{path}: no such file (run make?)")
        elf = ElfFile(path)
        if elf.type != 2:
            raise gdb.GdbError(f"{path} is not ET_EXEC: it would need a load offset")
        remove_user_symbols()
        gdb.execute(f"add-symbol-file {path}", to_string=True)
        print(f"{program}: symbols of {os.path.relpath(path)}, entry 0x{elf.entry:08x} "
              f"{symbolize(elf.entry)}")
        for vaddr, _, _, memsz, flags in elf.loads:
            perms = "".join(c if flags & bit else "-" for c, bit in (("r", 4), ("w", 2), ("x", 1)))
            print(f"  {vaddr:08x}-{vaddr + memsz:08x} {perms}")
        if differs_from_running(program, elf):
            print(f"warning: {os.path.relpath(path)} is not the program running: it was rebuilt "
                  "after the initramfs was made (make rebuilds both)")


for command in (V2P, Ps, Vmas, Buddyinfo, Pkmap, Layout, Dmesg, Extable, UserSymbols):
    command()

# The commands and helpers that know about CPUs (current_task among them) live beside this
# file and share its namespace, as gdb runs every sourced Python file in __main__.
gdb.execute("source " + os.path.join(os.path.dirname(os.path.abspath(__file__)), "kspace_cpus.py"))
