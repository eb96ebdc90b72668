#!/usr/bin/env python3
"""Compares two eligo binaries on the screening benchmark in one run: before and after a change.

Usage: python3 Benchmarks/screening/ab.py BEFORE_BINARY AFTER_BINARY [--records N] [--runs R] [--dataset FOLDER]

With --dataset (a folder of Benchmarks/gen_dataset.py), `eligo check --format jsonl` and `text` of
that dataset are compared too.

Build each side with `swift build -c release --product eligo` (in two worktrees, or copy the
first binary aside before rebuilding). Runs alternate between the two binaries, so both see the
same machine; prints the median of each, their ratio, and whether both wrote the same bytes
(a refactor must not change a single one).
"""
import argparse
import hashlib
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
RULES = ROOT / "Benchmarks" / "screening" / "rules"
GENERATE = ROOT / "Benchmarks" / "fixed" / "gen_applicants.py"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--records", type=int, default=100000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--dataset", help="a dataset folder (Benchmarks/gen_dataset.py) to check as well")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = {}
        for fmt in ("jsonl", "csv"):
            inputs[fmt] = pathlib.Path(tmp) / f"records.{fmt}"
            with open(inputs[fmt], "w") as f:
                subprocess.run([sys.executable, str(GENERATE), str(args.records), "--format", fmt], stdout=f, check=True)
        cases = [
            ("JSON Lines, outcomes", ["--format", "jsonl", "--detail", "outcomes", inputs["jsonl"]]),
            ("CSV, outcomes", ["--format", "jsonl", "--detail", "outcomes", inputs["csv"]]),
            ("JSON Lines, full reports", ["--format", "jsonl", inputs["jsonl"]]),
            ("reviewer CSV", ["--format", "csv", inputs["jsonl"]]),
            ("HTML page", ["--format", "html", inputs["jsonl"]]),
        ]
        screen = ["screen", "--rules", str(RULES), "-q"]
        cases = [(name, screen + case) for name, case in cases]
        if args.dataset:
            cases += [("dataset check, jsonl", ["check", "--format", "jsonl", args.dataset]),
                      ("dataset check, text", ["check", "--format", "text", "--color", "never", args.dataset])]
        print(f"{args.records} records, median of {args.runs} alternating runs")
        for name, case in cases:
            times = {"before": [], "after": []}
            # Timed runs write to /dev/null, as compare.py's do: reading 280 MB of full reports
            # through a pipe cost more than writing them. One more run each, untimed, compares the bytes.
            for _ in range(args.runs):
                for side in ("before", "after"):
                    start = time.perf_counter()
                    subprocess.run([getattr(args, side)] + [str(c) for c in case],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
                    times[side].append(time.perf_counter() - start)
            outputs = {side: hashlib.sha256(subprocess.run([getattr(args, side)] + [str(c) for c in case],
                                                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                                           cwd=ROOT).stdout).digest()
                       for side in ("before", "after")}
            before, after = statistics.median(times["before"]), statistics.median(times["after"])
            print(f"  {name:26s} before {before:7.3f} s  after {after:7.3f} s  after/before {after / before:5.3f}"
                  f"  same bytes: {'yes' if outputs['before'] == outputs['after'] else 'NO'}")


if __name__ == "__main__":
    main()
