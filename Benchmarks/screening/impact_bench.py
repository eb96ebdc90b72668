#!/usr/bin/env python3
"""Times `eligo rules impact` against `eligo screen --detail outcomes` on the fixed
screening benchmark's records (Benchmarks/fixed), in the same run.

Usage: python3 Benchmarks/screening/impact_bench.py [N ...] [--runs 5] [--jobs J]

For each N (default 100000): generates N records as JSON Lines and CSV with
Benchmarks/fixed/gen_applicants.py, then times whole processes, alternating:
  screen:  eligo screen -q --detail outcomes FILE
  impact:  eligo rules impact FILE --set min_headship_years=3 --format json -o /dev/null
(the benchmark rules require 2 years of headship; 3 changes some decisions, so the
changed records are explained and written too). Prints medians and the ratio.
Build first: swift build -c release.
"""
import argparse
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT / "Benchmarks" / "fixed"  # a copy of the fixed benchmark and its peers
ELIGO = ROOT / ".build" / "release" / "eligo"
RULES = ROOT / "Benchmarks" / "screening" / "rules"


def timed(cmd):
    start = time.perf_counter()
    status = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    wall = time.perf_counter() - start
    if status not in (0, 65):
        sys.exit(f"failed ({status}): {' '.join(map(str, cmd))}")
    return wall


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="*", type=int, default=[100000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args()
    if not ELIGO.exists():
        sys.exit("build first: swift build -c release")
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for n in args.n:
            for fmt in ("jsonl", "csv"):
                path = tmp / f"a{n}.{fmt}"
                with open(path, "wb") as f:
                    subprocess.run([sys.executable, str(SHARED / "gen_applicants.py"), str(n), "--format", fmt], stdout=f, check=True)
                report = [str(ELIGO), "rules", "impact", str(path), "--rules", str(RULES), "--set", "min_headship_years=3",
                          "-q", "--format", "json"] + jobs
                impact = report + ["-o", "/dev/null"]
                changed = subprocess.run(report, capture_output=True, check=True).stdout
                count = changed.count(b'\n{"record"')
                commands = {"screen --detail outcomes": [str(ELIGO), "screen", "-q", "--rules", str(RULES), "--detail", "outcomes", str(path)] + jobs,
                            "rules impact --set": impact}
                times = {k: [] for k in commands}
                for _ in range(args.runs):
                    for name, cmd in commands.items():
                        times[name].append(timed(cmd))
                s, i = statistics.median(times["screen --detail outcomes"]), statistics.median(times["rules impact --set"])
                print(f"{n} records, {fmt} ({count} change decision), median of {args.runs} alternating runs:")
                for name in commands:
                    m = statistics.median(times[name])
                    print(f"  {name:26} {m:7.3f} s {n / m:11,.0f} records/s   (runs: {', '.join(f'{t:.3f}' for t in times[name])})")
                print(f"  impact / screen: {i / s:.2f}x\n")


if __name__ == "__main__":
    main()
