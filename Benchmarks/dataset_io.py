"""Writing lle-dataset records (records.md section 2) as YAML, JSON or a folder of CSV files.

Shared by gen_dataset.py (synthetic datasets of any size) and dataset_to_csv.py
(the CSV form of a YAML/JSON dataset such as examples/datasets/kyra.yaml).
Standard library only.
"""
import csv
import datetime
import json
import os

# Columns of each collection's CSV file, in records.md order. Nested mappings
# are dotted columns; lists of text are `;`-separated (JSON when an item holds `;`).
COLUMNS = {
    "tsas": ["id", "name", "pilot_participant", "offers_association", "group_id"],
    "tsa_groups": ["id", "name", "member_tsa_ids"],
    "lles": ["id", "name", "home_school_urn", "designated_on", "route", "designated_by_tsa_id", "status", "ended_on"],
    "associations": ["id", "lle_id", "tsa_id", "group_id", "start", "end", "initiated_by", "lle_consented_on"],
    "commissions": ["id", "commissioner_type", "commissioner_name", "commissioner_tsa_id", "client_school_urn", "received_on"],
    "deployments": ["id", "lle_id", "commission_id", "broker_tsa_id", "client_school_urn", "type", "status", "start",
                    "planned_end", "days_per_week", "objectives", "impact_measures", "agreement_signed_on",
                    "acting_head_package", "acting_head_name", "action_plan_moderated_on", "final_report_on",
                    "client_feedback.date", "client_feedback.rating", "client_feedback.comment"],
    "alliance_memberships": ["id", "school_urn", "tsa_id", "start", "agreed_by_school", "agreed_by_tsa", "via_association"],
}
DATASET_COLUMNS = ["as_of", "pilot.start", "pilot.end"]


def cell(value):
    """A value as CSV cell text: absent is empty, booleans are true/false, lists are `;`-separated."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, list):
        items = [cell(v) for v in value]
        if any(";" in i or i.startswith("[") for i in items):
            return json.dumps(items)
        return "; ".join(items)
    if isinstance(value, dict):
        return json.dumps(value, default=str)
    return str(value)


def dig(record, dotted):
    for key in dotted.split("."):
        if not isinstance(record, dict):
            return None
        record = record.get(key)
    return record


def write_csv_folder(data, folder):
    """One CSV file per collection, plus dataset.csv for as_of and pilot."""
    os.makedirs(folder, exist_ok=True)
    for name, columns in COLUMNS.items():
        with open(os.path.join(folder, name + ".csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(columns)
            for record in data.get(name) or []:
                w.writerow([cell(dig(record, c)) for c in columns])
    with open(os.path.join(folder, "dataset.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(DATASET_COLUMNS)
        w.writerow([cell(dig(data, c)) for c in DATASET_COLUMNS])


def write_json(data, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, default=str)


def yaml_scalar(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    return json.dumps(str(value))  # a JSON string is a YAML double-quoted scalar


def write_yaml(data, path):
    """Block YAML, one record per list item, scalars quoted where YAML could misread them."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("kind: lle-dataset\n")
        for key in ("as_of",):
            if data.get(key) is not None:
                f.write(f"{key}: {yaml_scalar(data[key])}\n")
        if data.get("pilot"):
            f.write(f"pilot: {{start: {yaml_scalar(data['pilot']['start'])}, end: {yaml_scalar(data['pilot']['end'])}}}\n")
        for name in COLUMNS:
            f.write(f"{name}:\n")
            for record in data.get(name) or []:
                first = True
                for k, v in record.items():
                    if v is None:
                        continue
                    lead = "  - " if first else "    "
                    first = False
                    if isinstance(v, list):
                        f.write(f"{lead}{k}: [{', '.join(yaml_scalar(i) for i in v)}]\n")
                    elif isinstance(v, dict):
                        inner = ", ".join(f"{ik}: {yaml_scalar(iv)}" for ik, iv in v.items() if iv is not None)
                        f.write(f"{lead}{k}: {{{inner}}}\n")
                    else:
                        f.write(f"{lead}{k}: {yaml_scalar(v)}\n")
