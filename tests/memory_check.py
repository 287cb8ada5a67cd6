"""Check a boot log's memory accounting against the memory map it printed.

The harness recomputes usable RAM on its own from the "Multiboot-provided physical
RAM map" lines (usable ranges shrunk to whole pages, anything any other entry covers
removed, nothing at or above 4 GiB) and requires:
  - the kernel's "Memory: free/total" total to equal it;
  - the free pages counted from the boot-time buddyinfo (count x 2^order per zone)
    to equal the "Memory:" free figure and meminfo's MemFree;
  - a HighMem zone exactly when usable RAM reaches past 896 MiB.
"""
import re

PAGE = 4096
FOUR_GB = 1 << 32
LOWMEM = 896 << 20


def usable_pages(log):
    entries = [(int(a, 16), int(b, 16) + 1, kind) for a, b, kind in
               re.findall(r"\[mem 0x([0-9a-f]{16})-0x([0-9a-f]{16})\] (\w[\w ]*)", log)]
    pages = set()
    for start, end, kind in entries:
        if kind == "usable":
            first, last = -(-start // PAGE), min(end, FOUR_GB) // PAGE
            pages.update(range(first, last))
    for start, end, kind in entries:
        if kind != "usable":
            pages.difference_update(range(start // PAGE, -(-end // PAGE)))
    return pages


def buddyinfo_free_kb(log):
    zones = {}
    for zone, counts in re.findall(r"Node 0, zone\s+(\w+)((?:\s+\d+){11})", log):
        zones[zone] = sum(int(c) << order for order, c in enumerate(counts.split())) * 4
    return zones


def check_memory(log):
    pages = usable_pages(log)
    m = re.search(r"Memory: (\d+)k/(\d+)k available", log)
    if not m:
        return "no 'Memory: free/total available' line"
    free_kb, total_kb = int(m.group(1)), int(m.group(2))
    if total_kb != len(pages) * 4:
        return f"kernel counts {total_kb}k of RAM, the memory map has {len(pages) * 4}k"
    zones = buddyinfo_free_kb(log)
    if sum(zones.values()) != free_kb:
        return f"buddyinfo holds {sum(zones.values())}k free, 'Memory:' says {free_kb}k"
    memfree = re.search(r"MemFree:\s+(\d+) kB", log)
    if not memfree or int(memfree.group(1)) != free_kb:
        return "meminfo's MemFree differs from the buddy allocator's free memory"
    want_high = bool(pages) and max(pages) * PAGE >= LOWMEM
    if ("HighMem" in zones) != want_high:
        return f"ZONE_HIGHMEM {'missing' if want_high else 'present'} with {len(pages) * 4}k of RAM"
    return None
