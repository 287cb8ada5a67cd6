"""The `make debug` check: QEMU halted with a gdb stub, gdb in batch mode running
scripts/gdb/kspace.gdb (as `make debug` does), then bt, info registers and x on
kernel addresses. Returns the reason it failed, or None."""
import re
import socket
import subprocess


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


EXPECT = [
    r"Breakpoint 1, start_kernel \(\) at kernel/main\.c:\d+",  # stopped at the C entry
    r"kernel/main\.c:\d+\n\d+\t",                                # with its source line
    r"#0\s+start_kernel \(\) at kernel/main\.c",                # bt
    r"eip\s+0xc01[0-9a-f]{5}\s+0xc01[0-9a-f]{5} <start_kernel",  # info registers
    r"cs\s+0x60\s",
    r"0xc0100000:\s+0x1badb002",                               # x: the Multiboot header at _text
    r"0xc01[0-9a-f]{5} <start_kernel>:\s+0x[0-9a-f]+",         # x on a kernel symbol
    r"0xc01[0-9a-f]{5}:\s+0x000000e3\s",                       # swapper_pg_dir[768]: 4 MiB page at 0
]


def gdb_case(elf, iso, log):
    port = free_port()
    qemu = subprocess.Popen(
        ["qemu-system-i386", "-m", "64M", "-display", "none", "-net", "none",
         "-monitor", "none", "-serial", "null", "-no-reboot", "-cdrom", iso,
         "-gdb", f"tcp:127.0.0.1:{port}", "-S"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        out = subprocess.run(
            ["gdb", "-q", "-batch", "-nx", "-ex", f"target remote 127.0.0.1:{port}",
             "-x", "scripts/gdb/kspace.gdb", "-ex", "bt", "-ex", "info registers",
             "-ex", "x/4x _text", "-ex", "x/2x start_kernel",
             "-ex", "x/2x &swapper_pg_dir[768]", elf],
            capture_output=True, text=True, timeout=60).stdout
    except subprocess.TimeoutExpired:
        return "gdb timed out"
    finally:
        qemu.kill()
        qemu.wait()
    with open(log, "w") as f:
        f.write(out)
    for pattern in EXPECT:
        if not re.search(pattern, out, re.M):
            return f"gdb output lacks /{pattern}/ (see {log})"
    return None
