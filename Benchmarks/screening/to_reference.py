#!/usr/bin/env python3
"""Converts `eligo screen --format jsonl` output to the benchmark's reference
form ({"id","eligible","failed"}), so it can be compared with cmp against
Benchmarks/fixed/peers/python_ref.py. Usage: to_reference.py < eligo.jsonl"""
import json
import sys

out = sys.stdout
for line in sys.stdin:
    r = json.loads(line)
    failed = [x["id"] for x in r["rules"] if x["outcome"] != "pass"]
    out.write(json.dumps({"id": r["record"]["id"], "eligible": r["decision"] == "eligible", "failed": failed},
                         separators=(",", ":")) + "\n")
