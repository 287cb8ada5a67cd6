"""The GRUB menu's command line (scripts/mkgrubcfg, fed make's INIT= and CMDLINE=): a
plain one is written into the multiboot line; one GRUB's parser would act on is refused
with a message and no menu. Returns the reason it failed, or None."""
import os
import subprocess

GOOD = "init=/bin/hostname kspace-box loglevel=7 selftest=printk_"
BAD = ["a|b", "x'y", 'say "hi"', "back\\slash", "$HOME", "a;b", "a&b", "{x}"]


def mkgrubcfg(cmdline):
    env = dict(os.environ, KERNEL_CMDLINE=cmdline)
    return subprocess.run(["scripts/mkgrubcfg", "boot/grub.cfg"], env=env,
                          capture_output=True, text=True, timeout=10)


def grubcfg_case():
    p = mkgrubcfg(GOOD)
    if p.returncode != 0 or f"multiboot /boot/kspace.elf {GOOD}\n" not in p.stdout:
        return f"a plain command line did not reach the multiboot line: {p.stdout!r} {p.stderr!r}"
    for cmdline in BAD:
        p = mkgrubcfg(cmdline)
        if p.returncode == 0 or p.stdout or "cannot contain" not in p.stderr:
            return f"{cmdline!r} was not refused (exit {p.returncode}, output {p.stdout[:80]!r})"
    return None
