#!/usr/bin/env python3
"""scripts/walkthroughs.py: the transcripts in docs/walkthrough-*.md are recorded from live
kspace sessions, never typed by hand.

A transcript is a fenced block whose info string names its session: ```text session=fork
(forges show only the first word). A session may span several blocks; its first block
starts with the command that launches it:
  $ make debug VAR=...   gdb attached to a halted QEMU; each "(gdb) CMD" line is typed to gdb
  $ make run VAR=...     the serial console; each "# CMD" line is typed at the shell's prompt
Every other line of a block is output, rewritten from the session. An output longer than
the block's cut=N (default 14) keeps its first and last lines, or with keep=REGEX only the
lines matching REGEX, and "..." marks each gap.

  walkthroughs.py record DOC...
      run every session exactly as its launch line says, and rewrite DOC (make docs)
  walkthroughs.py check --elf ELF --initrd CPIO --log DIR DOC...
      run every session on ELF/CPIO through QEMU's -kernel; report each output that differs
      from DOC in more than its numbers (make test: the docs must be re-recorded)
"""
import argparse
import os
import re
import select
import shlex
import socket
import subprocess
import sys
import time

FENCE = re.compile(r"^```\S*(.*)$")
GDB_PROMPT, SHELL_PROMPT = "(gdb) ", "# "
LAUNCH_VARS = ("MEM", "INIT", "CMDLINE", "QEMU_ARGS")
MAKE_MEM = "128M"  # the Makefile's MEM when a launch line gives none
TIMEOUT = 120


class Block:
    """One transcript block: its place in the document and its commands."""

    def __init__(self, start, end, lines, options):
        self.start, self.end, self.lines = start, end, lines
        self.cut = int(options.get("cut", 14))
        self.keep = re.compile(options["keep"]) if "keep" in options else None


class Session:
    def __init__(self, name):
        self.name, self.blocks, self.launch = name, [], None

    @property
    def kind(self):
        return "gdb" if self.launch[1] == "debug" else "shell"

    @property
    def prompt(self):
        return GDB_PROMPT if self.kind == "gdb" else SHELL_PROMPT

    def commands(self):
        return [line[len(self.prompt):] for b in self.blocks for line in b.lines
                if line.startswith(self.prompt)]


def parse(path):
    """The document's lines and its sessions, in order of first appearance."""
    lines = open(path).read().split("\n")
    return lines, parse_lines(path, lines)


def parse_lines(path, lines):
    sessions, i = {}, 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        options = dict(w.split("=", 1) for w in m.group(1).split() if "=" in w)
        if "session" in options:
            name = options["session"]
            s = sessions.setdefault(name, Session(name))
            s.blocks.append(Block(i + 1, j, lines[i + 1:j], options))
        i = j + 1
    for s in sessions.values():
        first = s.blocks[0].lines
        if not first or not first[0].startswith("$ make "):
            sys.exit(f"{path}: session {s.name} must start with '$ make debug ...' or '$ make run ...'")
        s.launch = shlex.split(first[0][2:])
        if s.launch[1] not in ("debug", "run") or not all(
                "=" in w and w.split("=")[0] in LAUNCH_VARS for w in s.launch[2:]):
            sys.exit(f"{path}: session {s.name}: cannot launch {first[0]!r} "
                     f"(make debug or make run, with {', '.join(LAUNCH_VARS)})")
    return list(sessions.values())


def make_vars(session):
    return dict(w.split("=", 1) for w in session.launch[2:])


# ------------------------------------------------------------------ running sessions
def gdb_input(commands):
    """gdb's standard input: each command follows a marker line that splits the output."""
    out = []
    for n, cmd in enumerate(commands):
        out += [f"echo @@walkthrough {n}@@\\n", cmd]
    out.append("echo @@walkthrough end@@\\n")
    return "\n".join(out) + "\n"


def split_gdb_output(text, count):
    parts = re.split(r"(?:\(gdb\) )*@@walkthrough (\d+|end)@@\n", text)
    launch, outputs = parts[0], {}
    for tag, chunk in zip(parts[1::2], parts[2::2]):
        if tag != "end":
            outputs[int(tag)] = chunk[len(GDB_PROMPT):] if chunk.startswith(GDB_PROMPT) else chunk
    if len(outputs) != count:
        raise RuntimeError(f"gdb answered {len(outputs)} of {count} commands:\n{text[-2000:]}")
    return launch, [outputs[n] for n in range(count)]


def run_gdb(qemu, gdb, commands):
    """QEMU (if a separate process) and gdb fed the commands; returns the launch output
    and one output per command."""
    q = subprocess.Popen(qemu, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL) if qemu else None
    try:
        p = subprocess.run(gdb, input=gdb_input(commands), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=TIMEOUT)
    finally:
        if q:
            q.kill()
            q.wait()
    return split_gdb_output(p.stdout, len(commands))


class Serial:
    """The console as a person at the keyboard sees it: wait for the prompt, type a line."""

    def __init__(self, argv):
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT)
        self.text = ""

    def read_until_prompt(self, count):
        deadline = time.time() + TIMEOUT
        while len(re.findall(r"(?:^|\n)# ", self.text)) < count:
            if time.time() > deadline or self.p.poll() is not None and not self.more(0):
                raise RuntimeError(f"no shell prompt; the console said:\n{self.text[-2000:]}")
            self.more(1)

    def more(self, wait):
        if not select.select([self.p.stdout], [], [], wait)[0]:
            return False
        chunk = os.read(self.p.stdout.fileno(), 65536)
        self.text += chunk.decode("latin-1").replace("\r\n", "\n").replace("\r", "")
        return bool(chunk)

    def type(self, line):
        self.p.stdin.write((line + "\r").encode())
        self.p.stdin.flush()

    def close(self):
        self.type("exit 0")
        try:
            self.p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()


def run_shell(argv, commands):
    console = Serial(argv)
    try:
        console.read_until_prompt(1)
        marks = [len(console.text)]
        for n, cmd in enumerate(commands):
            console.type(cmd)
            console.read_until_prompt(n + 2)
            marks.append(len(console.text))
    finally:
        console.close()
    outputs = []
    for n, cmd in enumerate(commands):
        chunk = console.text[marks[n]:marks[n + 1]]
        chunk = chunk[:-len(SHELL_PROMPT)]  # the next prompt
        echo = cmd + "\n"
        if not chunk.startswith(echo):
            raise RuntimeError(f"the console did not echo {cmd!r}: {chunk[:200]!r}")
        outputs.append(chunk[len(echo):])
    return "", outputs


def record_run(session):
    """Run the session exactly as its launch line says, as if typed at a terminal (not
    as a sub-make of make docs, which would announce its directory)."""
    for var in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS"):
        os.environ.pop(var, None)
    # Build first, so the launch output is what a second run of the same line prints.
    subprocess.run(["make", "-s", "iso"] + session.launch[2:], check=True, stdout=subprocess.DEVNULL)
    if session.kind == "gdb":
        return run_gdb(None, session.launch, session.commands())
    return run_shell(session.launch, session.commands())


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_run(session, elf, initrd, log):
    """The same session on ELF and CPIO booted directly, so it can run beside other tests."""
    v = make_vars(session)
    words = (["init=" + v["INIT"]] if "INIT" in v else []) + ([v["CMDLINE"]] if "CMDLINE" in v else [])
    qemu = ["qemu-system-i386", "-m", v.get("MEM", MAKE_MEM), "-no-reboot", "-net", "none",
            "-display", "none", "-monitor", "none",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-kernel", elf, "-initrd", initrd, "-append", " ".join(words)]
    qemu += shlex.split(v.get("QEMU_ARGS", ""))  # e.g. "-smp 4", as make passes them
    if session.kind == "gdb":
        port = free_port()
        qemu += ["-serial", "file:" + log, "-gdb", f"tcp:127.0.0.1:{port}", "-S"]
        gdb = ["gdb", "-q", "-nx", "-ex", f"target remote 127.0.0.1:{port}",
               "-x", "scripts/gdb/kspace.gdb", elf]
        return run_gdb(qemu, gdb, session.commands())
    return run_shell(qemu + ["-serial", "stdio"], session.commands())


# ------------------------------------------------------------------ derived text
# Prose that is arithmetic on a transcript sits between "<!-- derived: NAME -->" and
# "<!-- end derived -->" and is rewritten from the document's own transcript, so the
# numbers in the text are always the numbers in the output above it.
DERIVED = re.compile(r"^<!-- derived: (\S+) -->$")
DERIVED_END = "<!-- end derived -->"


def doc_outputs(lines, sessions):
    """What the document shows for each command: {command: [output lines]}."""
    shown = {}
    for s in sessions:
        for block in s.blocks:
            cmd = None
            for line in lines[block.start:block.end]:
                if line.startswith(s.prompt):
                    cmd = line[len(s.prompt):]
                    shown[cmd] = []
                elif cmd is not None:
                    shown[cmd].append(line)
    return shown


def buddyinfo_arithmetic(shown):
    """The buddyinfo walkthrough's table: free pages per zone, checked against meminfo."""
    zones = {}
    for line in shown["cat /proc/buddyinfo"]:
        m = re.match(r"Node 0, zone +(\S+)((?: +\d+){11})", line)
        zones[m.group(1)] = [int(c) for c in m.group(2).split()]
    meminfo = {m.group(1): int(m.group(2)) for m in
               (re.match(r"(\w+): +(\d+) kB", line) for line in shown["cat /proc/meminfo"]) if m}
    free = {z: sum(c << o for o, c in enumerate(counts)) for z, counts in zones.items()}
    out = ["| zone | count × 2^order, order 0 → 10 | free pages | × 4 kB |", "|---|---|---|---|"]
    for z, counts in zones.items():
        terms = [f"{c}×{1 << o}" if c > 1 and o else str(c << o) for o, c in enumerate(counts)]
        out.append(f"| {z} | {' + '.join(terms)} | {free[z]} | {free[z] * 4} kB |")
    total = sum(free.values())
    out += [f"| total | | {total} | {total * 4} kB |", "",
            "Compare the totals with `/proc/meminfo`:", ""]
    low = [z for z in zones if z != "HighMem"]
    claims = [(" + ".join(low), sum(free[z] for z in low), "LowFree"),
              ("all zones", total, "MemFree")]
    if "HighMem" in zones:
        claims.insert(0, ("HighMem", free["HighMem"], "HighFree"))
    for what, pages, field in claims:
        if pages * 4 != meminfo[field]:
            raise RuntimeError(f"buddyinfo gives {pages * 4} kB for {what}, meminfo's {field} "
                               f"is {meminfo[field]} kB")
        out.append(f"- {what}: {pages} pages × 4 = {pages * 4} kB = `{field}`.")
    return out


def ordered_outputs(lines, sessions):
    """Every command the document shows, in order, with its output lines: [(command, lines)]."""
    shown = []
    for s in sessions:
        for block in s.blocks:
            for line in lines[block.start:block.end]:
                if line.startswith(s.prompt):
                    shown.append((line[len(s.prompt):], []))
                elif shown and not line.startswith("$ make "):
                    shown[-1][1].append(line)
    return shown


def kmap_shootdowns(lines, sessions):
    """The kmap_atomic walkthrough's table. Between two readings of /proc/vmstat, each
    command started costs two remote TLB flushes (exec vfree()s two buffers); what is
    left over must be the pkmap window's wraps, as /proc/pkmap's flushes count them."""
    rows, ran, remote, flushes = [], None, None, []
    for cmd, out in ordered_outputs(lines, sessions):
        text = "\n".join(out)
        if ran is not None:
            ran.append(cmd)
        if cmd == "cat /proc/pkmap":
            flushes.append(int(re.search(r"flushes (\d+)", text).group(1)))
        if cmd == "cat /proc/vmstat":
            now = int(re.search(r"^nr_tlb_remote_flush (\d+)$", text, re.M).group(1))
            if ran is not None:
                rows.append((ran, now - remote))
            ran, remote = [], now
    out = ["| commands between two readings of /proc/vmstat | remote flushes | "
           "2 per command (exec) | left: pkmap wraps |", "|---|---|---|---|"]
    for ran, delta in rows:
        shown = ", ".join(f"`{c}`" for c in ran)
        out.append(f"| {shown} | {delta} | {2 * len(ran)} | {delta - 2 * len(ran)} |")
    left = sum(delta - 2 * len(ran) for ran, delta in rows)
    if len(flushes) < 2 or left != flushes[-1] - flushes[0]:
        raise RuntimeError(f"{left} remote flushes are not exec's, but /proc/pkmap counts "
                           f"{flushes[-1] - flushes[0] if len(flushes) > 1 else '?'} wraps")
    return out


WHOLE_DERIVERS = {"kmap-shootdowns"}  # these read every command in order, repeats included
DERIVERS = {"buddyinfo-arithmetic": buddyinfo_arithmetic, "kmap-shootdowns": kmap_shootdowns}


def derive(lines, sessions):
    """lines with every derived region rewritten."""
    shown, out, i = doc_outputs(lines, sessions), [], 0
    while i < len(lines):
        out.append(lines[i])
        m = DERIVED.match(lines[i])
        i += 1
        if m:
            while i < len(lines) and lines[i] != DERIVED_END:
                i += 1
            derived = (DERIVERS[m.group(1)](lines, sessions) if m.group(1) in WHOLE_DERIVERS
                       else DERIVERS[m.group(1)](shown))
            out += [""] + derived + [""]
    return out


# ------------------------------------------------------------------ transcripts
def cut(text, block):
    lines = text.rstrip("\n").split("\n") if text.strip() else []
    if len(lines) <= block.cut:
        return lines
    if block.keep:
        wanted = {i for i, line in enumerate(lines) if block.keep.search(line)}
    else:
        wanted = set(range(block.cut - 4)) | set(range(len(lines) - 3, len(lines)))
    shown, gap = [], False
    for i, line in enumerate(lines):
        if i in wanted:
            shown.append(line)
            gap = False
        elif not gap:
            shown.append("...")
            gap = True
    return shown


# What gdb says when a command went wrong: a transcript must never show one.
GDB_ERRORS = re.compile(r"^(Python Exception|No symbol|The program is not being run|warning:|"
                        r"Remote connection closed|Cannot access memory|Undefined command)", re.M)


def transcript(session, launch, outputs):
    """The new lines of each block."""
    for cmd, out in zip(session.commands(), outputs):
        if session.kind == "gdb" and GDB_ERRORS.search(out):
            raise RuntimeError(f"gdb failed at {cmd!r}: {out.strip()}")
    outputs, new = iter(outputs), []
    for n, block in enumerate(session.blocks):
        lines = []
        for line in block.lines:
            if n == 0 and not lines:
                lines += [line] + cut(launch, block)
            elif line.startswith(session.prompt):
                lines += [line] + cut(next(outputs), block)
        new.append(lines)
    return new


def mask(lines):
    """Numbers vary between boots (addresses, pids, counts); the words must not. Nor does
    the padding that lines a column of numbers up (/proc/interrupts): runs of blanks are one."""
    return [re.sub(r" +", " ", re.sub(r"\b(?:0x)?[0-9a-f]*[0-9][0-9a-f]*\b", "N", line))
            for line in lines]


def record(docs):
    for path in docs:
        lines, sessions = parse(path)
        edits = []
        for s in sessions:
            print(f"  REC     {path} session {s.name}", flush=True)
            edits += zip(s.blocks, transcript(s, *record_run(s)))
        for block, text in sorted(edits, key=lambda e: -e[0].start):
            lines[block.start:block.end] = text
        lines = derive(lines, parse_lines(path, lines))
        with open(path, "w") as f:
            f.write("\n".join(lines))


def check(docs, elf, initrd, logdir):
    """One line per session and per document's derived text: "PASS NAME" or
    "FAIL NAME: why". Returns the number of failures."""
    bad = 0

    def report(name, problem):
        nonlocal bad
        print(f"FAIL {name}: {problem}" if problem else f"PASS {name}", flush=True)
        bad += bool(problem)

    for path in docs:
        doc = os.path.splitext(os.path.basename(path))[0]
        lines, sessions = parse(path)
        try:
            if not any(DERIVED.match(line) for line in lines):
                raise StopIteration
            stale = derive(lines, sessions) != lines
            report(f"{doc}/derived-text", stale and f"{path}: its derived text is stale (make docs)")
        except StopIteration:
            pass
        except (RuntimeError, KeyError, AttributeError) as e:
            report(f"{doc}/derived-text", f"{path}: cannot derive text from its transcripts: {e!r}")
        for s in sessions:
            log = os.path.join(logdir, f"docs_{doc}_{s.name}.log")
            try:
                new = transcript(s, *check_run(s, elf, initrd, log))
            except (RuntimeError, subprocess.TimeoutExpired) as e:
                report(f"{doc}/{s.name}", str(e))
                continue
            with open(log, "a") as f:
                f.write("\n".join(line for lines in new for line in lines) + "\n")
            problem = first_difference(s, new)
            report(f"{doc}/{s.name}", problem and f"{path}: {problem} (this run: {log}; "
                                                  f"to re-record: make docs)")
    return bad


# A kmap_atomic slot still mapped, as /proc/pkmap lists it: which CPU's slots hold one
# depends on where the scheduler ran the last tasks (at -smp 4), not on the code shown.
SCHEDULED = re.compile(r"^\s+FIX_KMAP_BEGIN\+\d+\s+KM_\w+\s+cpu \d+\s")


def first_difference(session, new):
    for block, lines in zip(session.blocks, new):
        old_lines = [line for line in block.lines if not SCHEDULED.match(line)]
        new_lines = [line for line in lines if not SCHEDULED.match(line)]
        if block is session.blocks[0]:
            # The launch line's own output depends on how QEMU was started; only commands count.
            old_lines = drop_launch(old_lines, session.prompt)
            new_lines = drop_launch(new_lines, session.prompt)
        for old, now, masked_old, masked_now in zip(old_lines, new_lines, mask(old_lines), mask(new_lines)):
            if masked_old != masked_now:
                return f"the doc shows {old!r} where kspace now prints {now!r}"
        if len(old_lines) != len(new_lines):
            return f"a block has {len(old_lines)} lines in the doc and {len(new_lines)} now"
    return None


def drop_launch(lines, prompt):
    for i, line in enumerate(lines):
        if line.startswith(prompt):
            return lines[i:]
    return []


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["record", "check"])
    ap.add_argument("docs", nargs="+")
    ap.add_argument("--elf")
    ap.add_argument("--initrd")
    ap.add_argument("--log", default="build")
    a = ap.parse_args()
    if a.mode == "record":
        record(a.docs)
        return 0
    return 1 if check(a.docs, a.elf, a.initrd, a.log) else 0


if __name__ == "__main__":
    sys.exit(main())
