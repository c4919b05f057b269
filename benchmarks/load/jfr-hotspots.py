#!/usr/bin/env python3
"""Summarises JFR CPU samples: `jfr-hotspots.py recording.jfr [top]`.

Reads `jfr print --events jdk.ExecutionSample --stack-depth 64` and prints
  1. the hottest methods by self samples (top frame),
  2. the hottest methods by inclusive samples (anywhere on the stack, counted once per sample),
  3. the hottest relay (io.oneapi.*) frames: for each sample, the innermost io.oneapi frame,
  4. samples per thread group (digits folded), to see event loops vs blocking executors vs GC-free Java.
"""
import collections
import re
import subprocess
import sys


def samples(recording):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", recording],
                         check=True, capture_output=True, text=True).stdout
    for event in out.split("jdk.ExecutionSample {")[1:]:
        thread = re.search(r'sampledThread = "([^"]*)"', event)
        frames = re.findall(r"^\s+(\S+?)\(.*?\)\s+line:", event, re.M)
        yield (thread.group(1) if thread else "?"), frames


def main():
    recording = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    self_counts, inclusive, relay, threads = (collections.Counter() for _ in range(4))
    total = 0
    for thread, frames in samples(recording):
        if not frames:
            continue
        total += 1
        self_counts[frames[0]] += 1
        for f in set(frames):
            inclusive[f] += 1
        own = next((f for f in frames if f.startswith("io.oneapi.")), None)
        relay[own or "(no io.oneapi frame: " + frames[-1] + ")"] += 1
        threads[re.sub(r"\d+", "N", thread)] += 1
    print(f"{total} execution samples in {recording}")
    for title, counter in (("self", self_counts), ("inclusive", inclusive),
                           ("innermost io.oneapi frame", relay), ("thread", threads)):
        print(f"\n== top by {title} ==")
        for name, n in counter.most_common(top):
            print(f"{100.0 * n / max(1, total):6.1f}%  {n:6d}  {name}")


if __name__ == "__main__":
    main()
