#!/usr/bin/env python3
"""The dataset scale benchmark (issue 3): does checking a dataset stay linear?

    python3 Benchmarks/dataset_bench.py              # 1,000 vs 100,000 LLEs, 5 and 3 runs
    python3 Benchmarks/dataset_bench.py --large 20000 --runs 3 3

It builds eligo in release mode, generates two synthetic datasets as folders of
CSV files (gen_dataset.py: N LLEs, 2N associations, 5N deployments, N
memberships, N/100 TSAs; kept under .build/bench-datasets/ for the next run),
then times `eligo check --format jsonl FOLDER > /dev/null` on each: the whole
run, from reading the CSV files to writing every record's report. It prints
the median wall-clock and CPU (user + system) times, peak memory, and the
ratio large/small. Linear scaling gives a ratio near the size ratio (100);
a quadratic lookup would give about 10,000.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, check=True, **kw)


def dataset(n, data):
    folder = os.path.join(data, f"lles-{n}")
    if not os.path.exists(os.path.join(folder, "dataset.csv")):
        print(f"generating {n} LLEs into {folder} ...", file=sys.stderr)
        run([sys.executable, "Benchmarks/gen_dataset.py", str(n), "--out", folder])
    return folder


def measure(eligo, folder, fmt, runs):
    walls, cpus, peaks, records = [], [], [], 0
    for _ in range(runs):
        start = time.perf_counter()
        with open(os.devnull, "w") as sink:
            p = subprocess.Popen([eligo, "check", "--format", fmt, folder], cwd=ROOT, stdout=subprocess.PIPE if fmt == "jsonl" else sink,
                                 stderr=subprocess.DEVNULL)
            lines = 0
            if fmt == "jsonl":
                for chunk in iter(lambda: p.stdout.read(1 << 20), b""):
                    lines += chunk.count(b"\n")
            # wait4: this child's own CPU time and peak memory.
            _, status, usage = os.wait4(p.pid, 0)
            p.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        if p.returncode not in (0, 1, 2):
            sys.exit(f"eligo exited {p.returncode} on {folder}")
        walls.append(wall)
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(usage.ru_maxrss / 1024)
        records = lines or records
    return statistics.median(walls), statistics.median(cpus), max(peaks), records, walls


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--small", type=int, default=1000, help="LLEs in the small dataset (default 1000)")
    p.add_argument("--large", type=int, default=100000, help="LLEs in the large dataset (default 100000)")
    p.add_argument("--runs", type=int, nargs=2, default=[5, 3], metavar=("SMALL", "LARGE"), help="runs of each (default 5 3)")
    p.add_argument("--format", default="jsonl", choices=["jsonl", "json", "text"])
    p.add_argument("--data", default=os.path.join(ROOT, ".build", "bench-datasets"))
    p.add_argument("--no-build", action="store_true")
    args = p.parse_args()

    if not args.no_build:
        run(["swift", "build", "-c", "release", "--product", "eligo"], stdout=subprocess.DEVNULL)
    eligo = os.path.join(ROOT, ".build", "release", "eligo")
    results = {}
    for n, runs in ((args.small, args.runs[0]), (args.large, args.runs[1])):
        folder = dataset(n, args.data)
        results[n] = measure(eligo, folder, args.format, runs)
        wall, cpu, peak, records, walls = results[n]
        print(f"{n:>7} LLEs, {2 * n:>7} associations, {5 * n:>7} deployments: {records or '?'} reports; "
              f"median wall {wall:.2f} s, CPU {cpu:.2f} s, peak {peak:.0f} MB  (runs: {', '.join(f'{w:.2f}' for w in walls)})")
    s, l = results[args.small], results[args.large]
    print(f"size ratio {args.large / args.small:.0f}x; time ratio: wall {l[0] / s[0]:.0f}x, CPU {l[1] / s[1]:.0f}x")


if __name__ == "__main__":
    main()
