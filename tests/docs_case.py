"""The docs freshness check: boot the kernel with 2 GiB (as `make docs` does), then ask
scripts/mkdiagrams.py whether docs/diagrams/*.svg are still what that boot log gives.
Returns the reason they are not, or None."""
import subprocess
import sys

DIAGRAMS = "docs/diagrams"


def docs_case(elf, log):
    cmd = ["qemu-system-i386", "-m", "2G", "-no-reboot", "-net", "none", "-display", "none",
           "-monitor", "none", "-serial", "file:" + log,
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           "-kernel", elf, "-append", "selftest=printk"]
    try:
        rc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=60).returncode
    except subprocess.TimeoutExpired:
        return f"the 2 GiB boot timed out (see {log})"
    if rc != 3:  # 3 is the kernel's exit status 0 through isa-debug-exit
        return f"the 2 GiB boot ended with QEMU exit code {rc} (see {log})"
    out = subprocess.run([sys.executable, "scripts/mkdiagrams.py", "--check", log, DIAGRAMS],
                         capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        return (out.stderr.strip() or out.stdout.strip()) + \
            f" [boot log: {log}; to regenerate: make docs]"
    return None
