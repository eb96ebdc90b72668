#!/usr/bin/env python3
"""One command for issue 18: eligo's explaining outputs against the fastest peers, in one run.

    swift build -c release && python3 Benchmarks/compare.py
    python3 Benchmarks/compare.py --records 100000 --lles 10000 50000 --runs 3
    python3 Benchmarks/compare.py --no-dataset        # screening only (or --no-screen)

Screening (Benchmarks/fixed, rules B01-B12, N applicants as JSON Lines): `eligo screen`
with outcomes only, the reviewer CSV, Markdown and full JSON Lines reports, against
orjson merely parsing the file (`floor_orjson.py`, the floor) and the plain Python
reference (`python_ref.py`). eligo's outcomes are first checked byte for byte against
python_ref's.

Dataset audit (Benchmarks/gen_dataset.py folders of CSV files, 10k and 50k LLEs):
`eligo check --format jsonl` and `--format text` against the same rules in SQL
(`Benchmarks/fixed/dataset/sql_peer.py`, SQLite and DuckDB). Outcomes are first
checked with `agree.py` at the smallest size.

Every command is a whole process, output read and thrown away; the commands of a
table run in turn (a, b, c, a, b, c, ...) and the table gives medians of the runs,
each one's ratio to the peers measured in the same run, and peak memory read by
/usr/bin/time -v. orjson and duckdb come from a venv in .build/bench-venv, made
(and `pip install`ed) when missing. Inputs are kept under .build/ for the next run.
"""
import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHARED = ROOT / "Benchmarks" / "fixed"  # a copy of the fixed benchmark and its peers
VENV = ROOT / ".build" / "bench-venv"
DATA = ROOT / ".build" / "bench-datasets"
INPUTS = ROOT / ".build" / "bench-inputs"
RULES = ROOT / "Benchmarks" / "screening" / "rules"


def ensure_venv():
    """Re-runs this script under a venv python that has orjson and duckdb (installing them when missing)."""
    try:
        import duckdb  # noqa: F401
        import orjson  # noqa: F401
        return
    except ImportError:
        pass
    python = VENV / "bin" / "python"
    if os.environ.get("ELIGO_BENCH_VENV") == "1":
        sys.exit("orjson or duckdb still missing in " + str(VENV))
    if not python.exists():
        print(f"making {VENV} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(VENV)], check=True)
    print("pip install orjson duckdb (into the venv) ...", file=sys.stderr)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "orjson", "duckdb"], check=True)
    os.environ["ELIGO_BENCH_VENV"] = "1"
    os.execv(str(python), [str(python)] + sys.argv)


def timed(cmd, ok=(0,)):
    """Wall seconds and peak RSS (MiB) of one whole process, its output read and dropped."""
    with tempfile.NamedTemporaryFile("r") as usage:
        start = time.perf_counter()
        status = subprocess.run(["/usr/bin/time", "-v", "-o", usage.name] + [str(c) for c in cmd],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        wall = time.perf_counter() - start
        if status not in ok:
            sys.exit(f"exit status {status}: {' '.join(map(str, cmd))}")
        peak = next(int(line.split(":")[1]) for line in usage.read().splitlines() if "Maximum resident set size" in line)
        return wall, peak / 1024


def table(title, commands, runs, ratios_to, work, unit, ok=(0,), extra=None):
    """Runs the commands in turn `runs` times, then prints medians, throughput, peak and ratios."""
    times = {k: [] for k in commands}
    peaks = {k: [] for k in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            wall, peak = timed(cmd, ok)
            times[name].append(wall)
            peaks[name].append(peak)
    medians = {k: statistics.median(v) for k, v in times.items()}
    print(f"\n{title} (median of {runs}, alternating runs)")
    head = f"{'':34} {'wall s':>8} {unit + '/s':>12} {'peak MiB':>9}"
    for r in ratios_to:
        head += f" {'÷ ' + r:>16}"
    if extra:
        head += f" {extra[0]:>14}"
    print(head)
    for name in commands:
        m = medians[name]
        line = f"{name:34} {m:8.3f} {work / m:12,.0f} {max(peaks[name]):9.1f}"
        for r in ratios_to:
            line += f" {m / medians[r]:15.2f}x"
        if extra:
            line += f" {extra[1](name, max(peaks[name])):>14}"
        print(line)
    return medians


def screening(eligo, n, runs):
    INPUTS.mkdir(parents=True, exist_ok=True)
    path = INPUTS / f"applicants-{n}.jsonl"
    if not path.exists():
        with open(path, "wb") as f:
            subprocess.run([sys.executable, str(SHARED / "gen_applicants.py"), str(n)], stdout=f, check=True)
    ref = subprocess.run([sys.executable, str(SHARED / "peers" / "python_ref.py"), str(path)], capture_output=True, check=True).stdout
    out = subprocess.run([str(eligo), "screen", "-q", "--rules", str(RULES), "--detail", "outcomes", str(path)], capture_output=True).stdout
    conv = subprocess.run([sys.executable, str(ROOT / "Benchmarks" / "screening" / "to_reference.py")], input=out,
                          capture_output=True, check=True).stdout
    print(f"screening, {n:,} records ({path.stat().st_size / 1e6:.1f} MB JSON Lines): eligo's outcomes "
          f"{'match' if conv == ref else 'DIFFER FROM'} python_ref's byte for byte")
    if conv != ref:
        sys.exit(1)
    screen = [eligo, "screen", "-q", "--rules", RULES]
    commands = {
        "eligo screen outcomes (jsonl)": screen + ["--detail", "outcomes", path],
        "eligo screen reviewer csv": screen + ["--format", "csv", path],
        "eligo screen markdown": screen + ["--format", "markdown", path],
        "eligo screen full jsonl": screen + ["--format", "jsonl", path],
        "orjson parse only (floor)": [sys.executable, SHARED / "peers" / "floor_orjson.py", path],
        "python_ref": [sys.executable, SHARED / "peers" / "python_ref.py", path],
    }
    table(f"screening {n:,} records", commands, runs, ["orjson parse only (floor)", "python_ref"], n, "records", ok=(0, 1))


def folder_size(folder):
    """The CSV files' bytes and data rows."""
    files = list(pathlib.Path(folder).glob("*.csv"))
    rows = 0
    for p in files:
        with open(p, "rb") as f:
            rows += sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b"")) - 1
    return sum(p.stat().st_size for p in files), rows


def dataset_folder(n):
    folder = DATA / f"lles-{n}"
    if not (folder / "dataset.csv").exists():
        print(f"generating {n:,} LLEs into {folder} ...", file=sys.stderr)
        subprocess.run([sys.executable, str(ROOT / "Benchmarks" / "gen_dataset.py"), str(n), "--out", str(folder)], check=True)
    return folder


def agreement(eligo, folder):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        with open(tmp / "eligo.jsonl", "wb") as f:
            subprocess.run([str(eligo), "check", "--format", "jsonl", str(folder)], stdout=f)
        peers = []
        for engine in ("sqlite", "duckdb"):
            subprocess.run([sys.executable, str(SHARED / "dataset" / "sql_peer.py"), engine, str(folder), "--out", str(tmp / f"{engine}.tsv")],
                           check=True, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
            peers.append(str(tmp / f"{engine}.tsv"))
        r = subprocess.run([sys.executable, str(SHARED / "dataset" / "agree.py"), str(tmp / "eligo.jsonl")] + peers, capture_output=True, text=True)
        summary = [line for line in r.stdout.splitlines() if "mismatch" in line.lower()]
        print(f"agreement at {folder.name} (agree.py, eligo vs SQLite and DuckDB): "
              + ("; ".join(summary) if summary else r.stdout.strip().splitlines()[-1] if r.stdout.strip() else "no output"))
        if r.returncode != 0:
            print(r.stdout)
            sys.exit("agree.py found mismatches")


def datasets(eligo, sizes, runs):
    for i, n in enumerate(sizes):
        folder = dataset_folder(n)
        if i == 0:
            agreement(eligo, folder)
        size, rows = folder_size(folder)
        size /= 1 << 20
        commands = {
            "eligo check --format jsonl": [eligo, "check", "--format", "jsonl", folder],
            "eligo check --format text": [eligo, "check", "--format", "text", "--color", "never", folder],
            "SQLite (sql_peer.py)": [sys.executable, SHARED / "dataset" / "sql_peer.py", "sqlite", folder],
            "DuckDB (sql_peer.py)": [sys.executable, SHARED / "dataset" / "sql_peer.py", "duckdb", folder],
        }
        table(f"dataset audit, {n:,} LLEs ({rows:,} rows, CSV folder {size:.1f} MiB)", commands, runs,
              ["DuckDB (sql_peer.py)", "SQLite (sql_peer.py)"], n, "LLEs", ok=(0, 1),
              extra=("peak ÷ CSV", lambda name, peak: f"{peak / size:.2f}x"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=100000, help="applicants screened (default 100000)")
    ap.add_argument("--lles", type=int, nargs="+", default=[10000, 50000], help="dataset sizes in LLEs (default 10000 50000)")
    ap.add_argument("--runs", type=int, default=3, help="runs of each command (default 3)")
    ap.add_argument("--eligo", default=str(ROOT / ".build" / "release" / "eligo"), help="the binary (default: the release build)")
    ap.add_argument("--no-screen", action="store_true")
    ap.add_argument("--no-dataset", action="store_true")
    args = ap.parse_args()
    ensure_venv()
    eligo = pathlib.Path(args.eligo)
    if not eligo.exists():
        sys.exit("build first: swift build -c release")
    print(f"eligo: {eligo}; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start")
    if not args.no_screen:
        screening(eligo, args.records, args.runs)
    if not args.no_dataset:
        datasets(eligo, args.lles, args.runs)


if __name__ == "__main__":
    main()
