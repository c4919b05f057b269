#!/usr/bin/env python3
"""Summarises a JFR recording of the gateway: `jfr-hotspots.py recording.jfr [top]`.

From `jfr print` (the `jfr` next to the `java` on PATH, or $JFR) it prints
  1. CPU: jdk.ExecutionSample by self frame, by inclusive frame (once per sample), by innermost
     io.oneapi frame (which relay code the time is spent for), and by thread group (digits folded);
  2. where threads sit in native code (jdk.NativeMethodSample: syscalls, SQLite, idle epoll_wait);
  3. allocation: jdk.ObjectAllocationSample weight by innermost io.oneapi frame and by class;
  4. GC: number of collections, total and longest pause.
"""
import collections
import os
import re
import subprocess
import sys

JFR = os.environ.get("JFR", "jfr")


def events(recording, name, depth=64):
    out = subprocess.run([JFR, "print", "--events", name, "--stack-depth", str(depth), recording],
                         check=True, capture_output=True, text=True).stdout
    return out.split(name + " {")[1:]


def frames(event):
    return re.findall(r"^\s+(\S+?)\(.*?\)\s+line:", event, re.M)


def thread_group(event, field):
    m = re.search(field + r' = "([^"]*)"', event)
    return re.sub(r"\d+", "N", m.group(1)) if m else "?"


def innermost_own(stack):
    own = next((f for f in stack if f.startswith("io.oneapi.")), None)
    return own or "(no io.oneapi frame: " + (stack[-1] if stack else "?") + ")"


def to_bytes(text):
    m = re.match(r"([\d.]+)\s*(bytes|kB|MB|GB)", text)
    if not m:
        return 0
    return float(m.group(1)) * {"bytes": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}[m.group(2)]


def to_ms(text):
    m = re.match(r"([\d.]+)\s*(ns|us|ms|s)\b", text)
    if not m:
        return 0.0
    return float(m.group(1)) * {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1000.0}[m.group(2)]


def table(title, counter, total, top, unit="samples"):
    print(f"\n== {title} ==")
    for name, n in counter.most_common(top):
        shown = f"{n / 1024 / 1024:9.1f} MB" if unit == "bytes" else f"{n:6d}"
        print(f"{100.0 * n / max(1, total):6.1f}%  {shown}  {name}")


def cpu(recording, top):
    self_counts, inclusive, relay, threads = (collections.Counter() for _ in range(4))
    total = 0
    for e in events(recording, "jdk.ExecutionSample"):
        stack = frames(e)
        if not stack:
            continue
        total += 1
        self_counts[stack[0]] += 1
        for f in set(stack):
            inclusive[f] += 1
        relay[innermost_own(stack)] += 1
        threads[thread_group(e, "sampledThread")] += 1
    print(f"{total} CPU samples (jdk.ExecutionSample)")
    table("CPU by self frame", self_counts, total, top)
    table("CPU by inclusive frame", inclusive, total, top)
    table("CPU by innermost io.oneapi frame", relay, total, top)
    table("CPU by thread", threads, total, top)


def native(recording, top):
    where = collections.Counter()
    total = 0
    for e in events(recording, "jdk.NativeMethodSample", 2):
        stack = frames(e)
        total += 1
        where[thread_group(e, "sampledThread") + "  " + (stack[0] if stack else "?")] += 1
    print(f"\n{total} native samples (jdk.NativeMethodSample)")
    table("threads in native code, by thread and native method", where, total, top)


def allocation(recording, top):
    by_site, by_class = collections.Counter(), collections.Counter()
    total = 0
    for e in events(recording, "jdk.ObjectAllocationSample"):
        weight = re.search(r"weight = ([^\n]+)", e)
        cls = re.search(r"objectClass = (\S+)", e)
        w = to_bytes(weight.group(1)) if weight else 0
        total += w
        by_site[innermost_own(frames(e))] += w
        by_class[cls.group(1) if cls else "?"] += w
    print(f"\n{total / 1024 / 1024:.0f} MB allocated (jdk.ObjectAllocationSample weights)")
    table("allocation by innermost io.oneapi frame", by_site, total, top, "bytes")
    table("allocation by class", by_class, total, top, "bytes")


def gc(recording):
    pauses = [to_ms(m) for e in events(recording, "jdk.GarbageCollection", 1)
              for m in re.findall(r"sumOfPauses = ([^\n]+)", e)]
    if pauses:
        print(f"\n== GC ==\n{len(pauses)} collections, pauses total {sum(pauses):.1f} ms, "
              f"longest {max(pauses):.1f} ms")


def main():
    recording = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    cpu(recording, top)
    native(recording, top)
    allocation(recording, top)
    gc(recording)


if __name__ == "__main__":
    main()
