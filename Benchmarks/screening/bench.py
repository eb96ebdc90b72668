#!/usr/bin/env python3
"""Times `eligo screen` on the fixed screening benchmark (Benchmarks/fixed/SPEC.md)
against the peers' reference implementations that are installed here.

Usage: python3 Benchmarks/screening/bench.py [N ...] [--runs 5] [--jobs J]

For each N (default 100000): generates N records as JSON Lines and CSV with
Benchmarks/fixed/gen_applicants.py, checks that eligo's results equal
python_ref.py's byte for byte (after to_reference.py), then times whole
processes, alternating eligo and each peer, and prints medians, records/s,
peak memory and the ratio to python_ref measured in the same run.
Build first: swift build -c release.
"""
import argparse
import os
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


def timed(cmd, stdout=subprocess.DEVNULL):
    """Wall seconds and peak RSS (MiB) of one whole process, read by /usr/bin/time
    (a forked child's own rusage would start from this script's memory)."""
    with tempfile.NamedTemporaryFile("r") as peak:
        start = time.perf_counter()
        status = subprocess.run(["/usr/bin/time", "-q", "-f", "%M", "-o", peak.name] + cmd,
                                stdout=stdout, stderr=subprocess.DEVNULL).returncode
        wall = time.perf_counter() - start
        if status not in (0, 65):
            sys.exit(f"failed: {' '.join(map(str, cmd))}")
        return wall, int(peak.read().split()[-1]) / 1024


def peers():
    found = {"python_ref": [sys.executable, str(SHARED / "peers" / "python_ref.py")]}
    try:
        import orjson  # noqa: F401
        found["floor_orjson (parse only)"] = [sys.executable, str(SHARED / "peers" / "floor_orjson.py")]
    except ImportError:
        pass
    for name, module, script in [("zen_batch", "zen", "zen_batch.py"), ("cel", "cel", "cel_rules.py"),
                                 ("rego_regorus", "opa_eval", "rego_regorus.py")]:
        try:
            __import__(module)
            found[name] = [sys.executable, str(SHARED / "peers" / script)]
        except ImportError:
            pass
    return found


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
            files = {}
            for fmt in ("jsonl", "csv"):
                path = tmp / f"a{n}.{fmt}"
                with open(path, "wb") as f:
                    subprocess.run([sys.executable, str(SHARED / "gen_applicants.py"), str(n), "--format", fmt], stdout=f, check=True)
                files[fmt] = path
            # Correctness first: same eligible flag and failed rules for every record.
            ref = subprocess.run(peers()["python_ref"] + [str(files["jsonl"])], capture_output=True, check=True).stdout
            for fmt, path in files.items():
                out = subprocess.run([str(ELIGO), "screen", "-q", "--rules", str(RULES), "--detail", "outcomes", str(path)] + jobs,
                                     capture_output=True).stdout
                conv = subprocess.run([sys.executable, str(ROOT / "Benchmarks" / "screening" / "to_reference.py")],
                                      input=out, capture_output=True, check=True).stdout
                print(f"{n} records, {fmt}: eligo {'matches' if conv == ref else 'DIFFERS FROM'} python_ref byte for byte")
                if conv != ref:
                    sys.exit(1)
            size = files["jsonl"].stat().st_size / 1e6
            print(f"\n{n} records ({size:.1f} MB JSON Lines), whole process, median of {args.runs} (alternating runs):")
            commands = {f"eligo screen jsonl": [str(ELIGO), "screen", "-q", "--rules", str(RULES), "--detail", "outcomes", str(files["jsonl"])] + jobs,
                        f"eligo screen csv": [str(ELIGO), "screen", "-q", "--rules", str(RULES), "--detail", "outcomes", str(files["csv"])] + jobs}
            for name, cmd in peers().items():
                commands[name] = cmd + [str(files["jsonl"])]
            times = {k: [] for k in commands}
            peaks = {k: [] for k in commands}
            for _ in range(args.runs):
                for name, cmd in commands.items():
                    wall, peak = timed(cmd)
                    times[name].append(wall)
                    peaks[name].append(peak)
            ref_median = statistics.median(times["python_ref"])
            print(f"{'':26} {'wall s':>8} {'records/s':>11} {'peak MiB':>9} {'vs python_ref':>14}")
            for name in commands:
                m = statistics.median(times[name])
                print(f"{name:26} {m:8.3f} {n / m:11,.0f} {statistics.median(peaks[name]):9.1f} {ref_median / m:13.2f}x")
            print()


if __name__ == "__main__":
    main()
