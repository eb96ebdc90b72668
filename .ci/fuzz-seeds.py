#!/usr/bin/env python3
"""Seeds each fuzz target's corpus (.ci/fuzz) from the project's own examples and rules.

Only adds files: whatever the fuzzer has already found interesting stays in the corpus.
"""
import glob, json, os, re, sys, datetime

out = sys.argv[1]

def put(target, name, data):
    os.makedirs(os.path.join(out, target), exist_ok=True)
    with open(os.path.join(out, target, "seed-" + name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())

def read(path):
    with open(path, "rb") as f:
        return f.read()

records = sorted(glob.glob("examples/applicants/*.yaml"))
rule_files = sorted(glob.glob("rules/*.yaml"))
for path in records:
    name = os.path.basename(path)
    put("check", name, read(path)); put("yaml", name, read(path)); put("yamlstream", name, read(path))
for path in rule_files + sorted(glob.glob("rules/tests/*.yaml")):
    put("yaml", path.replace("/", "_"), read(path))
for path in rule_files:
    put("rules", os.path.basename(path), read(path))
    # Every one-line condition and `let` in the shipped rules, as an expression seed.
    for i, m in enumerate(re.finditer(rb"^\s*(?:require|when|value):\s*(.+)$", read(path), re.M)):
        if any(op in m.group(1) for op in (b" and ", b" or ", b"(", b" >= ", b" < ", b" in ")):
            put("expr", f"{os.path.basename(path)}-{i}", m.group(1))
for path in sorted(glob.glob("examples/applicants/*.csv")):
    put("csv", os.path.basename(path), read(path))

try:
    import yaml
    def plain(v):
        if isinstance(v, (datetime.date, datetime.datetime)): return v.isoformat()
        if isinstance(v, dict): return {str(k): plain(x) for k, x in v.items()}
        if isinstance(v, list): return [plain(x) for x in v]
        return v
    lines = []
    for path in records:
        for doc in yaml.safe_load_all(read(path)):
            if isinstance(doc, dict):
                lines.append(json.dumps(plain(doc)))
                put("jsonl", os.path.basename(path) + ".jsonl", lines[-1] + "\n")
    put("jsonl", "all.jsonl", "\n".join(lines) + "\n")
except ImportError:
    put("jsonl", "one.jsonl", '{"kind": "lle-application", "name": "A", "headships": []}\n')
