#!/usr/bin/env python3
"""Top functions of a `perf record --call-graph dwarf` profile, by the repository's own code.

    perf script -i perf.data -F tid,ip,sym,srcline --inline --full-source-path > perf.txt
    scripts/perf-hotspots.py perf.txt --src "$PWD/src" [--top 25]

perf names inlined frames without their module ("{closure#11}", "search_tree<...>"), and
release builds inline most of the pipeline into a few symbols. So this script names each frame
that lies in a file under --src by the `fn` whose body holds its source line (found by reading
that file): "src/extract/align.rs: align". For every sample it counts

- inclusive: each repository function on the stack (once per sample);
- self: the innermost repository function, which is charged for the library code it calls
  (regex, BTreeMap, allocation) - "where in our code does the time go";
- hot lines: the innermost repository source line;
- leaf: the innermost symbol of all (library or not), to see what the time is spent doing.

Percentages are of all samples of the process (all threads); the thread table shows how much
ran on the main thread versus the rayon workers.
"""

import argparse
import collections
import os
import re
import sys

FN_RE = re.compile(r"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+([A-Za-z0-9_]+)")


class FnIndex:
    """Maps file:line to the `fn` whose definition most closely precedes the line."""

    def __init__(self):
        self.cache = {}

    def name(self, path, line):
        starts = self.cache.get(path)
        if starts is None:
            starts = []
            try:
                with open(path, encoding="utf-8", errors="replace") as f:
                    for n, text in enumerate(f, 1):
                        m = FN_RE.match(text)
                        if m:
                            starts.append((n, m.group(1), len(text) - len(text.lstrip())))
            except OSError:
                pass
            self.cache[path] = starts
        best = None
        for n, name, _indent in starts:
            if n <= line:
                best = name
            else:
                break
        return best or "?"


def parse(stream):
    """Yields (tid, frames) per sample; frames leaf first, each (symbol, file, line)."""
    tid = None
    frames = []
    pending = None
    for raw in stream:
        line = raw.rstrip("\n")
        if not line.strip():
            if tid is not None:
                if pending:
                    frames.append((pending, None, None))
                yield tid, frames
            tid, frames, pending = None, [], None
            continue
        if tid is None:
            tid = line.strip().split()[0]
            continue
        if line.startswith("\t"):
            if pending:
                frames.append((pending, None, None))
            parts = line.strip().split(None, 1)
            pending = parts[1] if len(parts) > 1 else parts[0]
        else:
            src = line.strip()
            src = src.replace(" (inlined)", "")
            file, _, num = src.rpartition(":")
            try:
                n = int(num)
            except ValueError:
                file, n = None, None
            frames.append((pending or "?", file, n))
            pending = None
    if tid is not None:
        if pending:
            frames.append((pending, None, None))
        yield tid, frames


def short_symbol(sym):
    # Strip generic arguments for readability.
    out, depth = [], 0
    for ch in sym:
        if ch == "<":
            depth += 1
            if depth == 1:
                out.append("<..>")
            continue
        if ch == ">":
            depth = max(0, depth - 1)
            continue
        if depth == 0:
            out.append(ch)
    s = "".join(out)
    return s if len(s) < 110 else s[:107] + "..."


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("script", help="output of perf script (see above); - for stdin")
    ap.add_argument("--src", required=True, help="absolute path of the crate's src/ folder as built")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    src = os.path.realpath(args.src).rstrip("/") + "/"
    root = os.path.dirname(src.rstrip("/")) + "/"
    index = FnIndex()
    inclusive = collections.Counter()
    self_ = collections.Counter()
    lines = collections.Counter()
    leaf = collections.Counter()
    threads = collections.Counter()
    total = 0
    stream = sys.stdin if args.script == "-" else open(args.script, encoding="utf-8", errors="replace")
    main_tid = None
    for tid, frames in parse(stream):
        total += 1
        if main_tid is None:
            main_tid = tid
        threads[tid] += 1
        if frames:
            leaf[short_symbol(frames[0][0])] += 1
        seen = set()
        innermost = None
        for sym, file, n in frames:
            if not file or not file.startswith(src):
                continue
            rel = file[len(root):]
            label = f"{rel}: {index.name(file, n)}"
            if innermost is None:
                innermost = label
                lines[f"{rel}:{n}"] += 1
            seen.add(label)
        for label in seen:
            inclusive[label] += 1
        self_[innermost or "(outside the crate)"] += 1
    if total == 0:
        sys.exit("no samples")

    def table(title, counter):
        print(f"\n{title}")
        for label, count in counter.most_common(args.top):
            print(f"  {100.0 * count / total:6.2f}%  {label}")

    print(f"{total} samples")
    table("inclusive (repository functions on the stack)", inclusive)
    table("self (innermost repository function, charged with the library code it calls)", self_)
    table("hot lines (innermost repository source line)", lines)
    table("leaf symbols", leaf)
    print("\nthreads (the first thread seen is listed first; the others are rayon workers)")
    for tid, count in sorted(threads.items(), key=lambda kv: (kv[0] != main_tid, -kv[1])):
        print(f"  {100.0 * count / total:6.2f}%  tid {tid}")


if __name__ == "__main__":
    main()
