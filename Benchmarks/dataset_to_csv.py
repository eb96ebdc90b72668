#!/usr/bin/env python3
"""Writes the CSV-folder form of a lle-dataset YAML or JSON file.

    python3 Benchmarks/dataset_to_csv.py examples/datasets/kyra.yaml examples/datasets/kyra-csv

YAML input needs PyYAML (`pip install pyyaml`); JSON needs nothing.
"""
import json
import sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
from dataset_io import write_csv_folder  # noqa: E402


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, folder = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as f:
        if source.endswith(".json"):
            data = json.load(f)
        else:
            import yaml  # PyYAML

            data = yaml.safe_load(f)
    write_csv_folder(data, folder)


if __name__ == "__main__":
    main()
