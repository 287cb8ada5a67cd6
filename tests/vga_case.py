"""busybox's vi on the VGA text screen, driven from the PS/2 keyboard: what a student
sees with make run USERLAND=busybox. Keys go in through QEMU's monitor (sendkey, so
they arrive as scancodes at the i8042 and pass through kspace's keyboard driver), and
the screen is read back from the VGA text buffer at 0xb8000 (pmemsave), so the check
covers the VT100 subset vga.c renders: vi's alternate screen, cursor moves and
erasures, and the "~" column of empty lines. Returns the reason it failed, or None."""
import os
import socket
import subprocess
import tempfile
import time

COLS, ROWS = 80, 25
# Characters whose QEMU key names differ from the character itself.
NAMED = {" ": "spc", "\n": "ret", "\x1b": "esc", ".": "dot", "/": "slash", "-": "minus",
         ":": "shift-semicolon", "_": "shift-minus", "~": "shift-grave_accent",
         "\b": "backspace", "\x10": "up"}  # \x10 stands for the up-arrow key


def keyname(ch):
    if ch in NAMED:
        return NAMED[ch]
    if ch.isupper():
        return "shift-" + ch.lower()
    return ch


class Monitor:
    """QEMU's human monitor on a Unix socket: one command, then wait for its prompt."""

    def __init__(self, path, deadline):
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX)
                self.sock.connect(path)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self.sock.settimeout(10)
        self.reply()

    def reply(self):
        data = b""
        while not data.endswith(b"(qemu) "):
            chunk = self.sock.recv(4096)
            if not chunk:
                raise OSError("monitor closed")
            data += chunk
        return data

    def command(self, line):
        self.sock.sendall(line.encode() + b"\n")
        self.reply()

    def type(self, text):
        for ch in text:
            self.command("sendkey " + keyname(ch))
            time.sleep(0.03)  # a typist's pace: key-up reaches the guest before the next key


def screen(monitor, scratch):
    """The 25 text rows as strings (character bytes of each cell). The file name is
    relative to QEMU's directory: the monitor would read "4000 /tmp/x" as a division."""
    monitor.command(f"pmemsave 0xb8000 {COLS * ROWS * 2} {os.path.basename(scratch)}")
    with open(scratch, "rb") as f:
        cells = f.read()[0::2]
    return [cells[r * COLS:(r + 1) * COLS].decode("latin-1").rstrip() for r in range(ROWS)]


def wait_for(monitor, scratch, predicate, deadline):
    rows = []
    while time.monotonic() < deadline:
        rows = screen(monitor, scratch)
        if predicate(rows):
            return rows
        time.sleep(0.1)
    return None


def shown(text):
    return lambda rows: any(text in r for r in rows)


def cat_shows(text):
    """The row after the typed cat command holds text (as on Linux's VT, vi's last screen
    stays above the prompt: the console has no alternate screen)."""
    def predicate(rows):
        return any(rows[i] == "~ # cat /tmp/v.txt" and rows[i + 1] == text
                   for i in range(ROWS - 1))
    return predicate


def vga_vi_case(elf, initramfs, log, timeout=90):
    with tempfile.TemporaryDirectory() as tmp:
        sock, scratch = os.path.join(tmp, "mon"), os.path.join(tmp, "screen")
        cmd = ["qemu-system-i386", "-m", "128M", "-no-reboot", "-net", "none",
               "-display", "none", "-monitor", f"unix:{sock},server=on,wait=off",
               "-serial", "file:" + os.path.abspath(log), "-kernel", os.path.abspath(elf),
               "-initrd", os.path.abspath(initramfs),
               "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
        proc = subprocess.Popen(cmd, cwd=tmp, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        deadline = time.monotonic() + timeout
        try:
            return drive(Monitor(sock, deadline), scratch, deadline)
        except OSError as e:
            return f"QEMU monitor: {e}"
        finally:
            proc.kill()
            proc.wait()


def drive(mon, scratch, deadline):
    steps = [
        (None, shown("~ #")),
        # ash's line editor: backspace (DEL from the keyboard), then the up arrow (ESC [ A)
        # brings the corrected line back from the history.
        ("echo abX\bc\n", lambda rows: rows.count("abc") == 1),
        ("\x10\n", lambda rows: rows.count("abc") == 2 and rows.count("~ # echo abc") == 2),
        ("vi /tmp/v.txt\n", shown("- /tmp/v.txt")),
        ("ihello from vi", shown("hello from vi")),
        ("\x1b", lambda rows: rows[-1].startswith("- /tmp/v.txt")),
        (":wq\n", lambda rows: rows[-1] == "~ #"),
        ("cat /tmp/v.txt\n", cat_shows("hello from vi")),
    ]
    editing = None
    for keys, predicate in steps:
        if keys:
            mon.type(keys)
        rows = wait_for(mon, scratch, predicate, deadline)
        if rows is None:
            last = "\n".join("    | " + r for r in screen(mon, scratch))
            return f"after typing {keys!r} the screen never matched:\n{last}"
        if keys and keys.startswith("ihello"):
            editing = rows
    # While vi edited, the screen was vi's: the text on the top row, empty lines as "~",
    # nothing left of the shell's prompt (the alternate screen was cleared).
    if editing[0] != "hello from vi" or editing[1:ROWS - 1] != ["~"] * (ROWS - 2):
        return "vi's screen was not drawn as expected:\n" + "\n".join(editing)
    return None
