#!/usr/bin/env python3
"""Generates a synthetic lle-dataset (records.md section 2) of any size.

    python3 Benchmarks/gen_dataset.py 1000 --out /tmp/ds-1k            # a folder of CSV files
    python3 Benchmarks/gen_dataset.py 1000 --format yaml --out ds.yaml  # one YAML document
    python3 Benchmarks/gen_dataset.py 1000 --format json --out ds.json

For N LLEs it makes 2N associations, 5N deployments (each with its own
commission), N alliance memberships, N/100 TSAs (at least 10) and a strategic
grouping per five TSAs. The same N and --seed give the same bytes.

Most records are compliant; about 1 in 50 breaks a rule on purpose (overlapping
associations, a broker other than the associated TSA, a missing agreement, a
dangling LLE or commission, ...) and some optional fields are left out, so that
every rule is exercised: passing, failing, not applying and unknown.
Standard library only.
"""
import argparse
import datetime
import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))
from dataset_io import write_csv_folder, write_json, write_yaml  # noqa: E402

EPOCH = datetime.date(2010, 9, 1)
AS_OF = datetime.date(2016, 6, 30)


def day(offset):
    return EPOCH + datetime.timedelta(days=offset)


def generate(n, seed=2014):
    rng = random.Random(seed)
    n_tsas = max(10, n // 100)
    tsas, groups = [], []
    for g in range(0, n_tsas, 5):
        gid = f"GRP-{g // 5 + 1:05d}"
        members = [f"TSA-{i + 1:05d}" for i in range(g, min(g + 5, n_tsas))]
        groups.append({"id": gid, "name": f"Strategic grouping {g // 5 + 1}", "member_tsa_ids": members})
    for i in range(n_tsas):
        pilot = i % 3 != 2
        offers = None if rng.random() < 0.02 else (pilot and rng.random() > 0.02)
        tsas.append({"id": f"TSA-{i + 1:05d}", "name": f"Teaching School Alliance {i + 1}", "pilot_participant": pilot,
                     "offers_association": offers, "group_id": groups[i // 5]["id"]})

    lles, associations, commissions, deployments, memberships = [], [], [], [], []
    pilot_start, pilot_end = datetime.date(2014, 9, 1), datetime.date(2016, 8, 31)
    for i in range(n):
        lid = f"LLE-{i + 1:07d}"
        tsa = tsas[rng.randrange(n_tsas)]
        route = "pilot_tsa" if rng.random() < 0.4 else "nctl_national"
        designated = day(rng.randrange(0, 1800))
        status = rng.choices(["active", "under_review", "de_designated", "lapsed"], [90, 4, 3, 3])[0]
        ended = designated + datetime.timedelta(days=rng.randrange(400, 1500)) if status in ("de_designated", "lapsed") else None
        lle = {"id": lid, "name": f"Headteacher {i + 1}", "home_school_urn": f"{100000 + i % 900000:06d}",
               "designated_on": designated, "route": route, "designated_by_tsa_id": None, "status": status, "ended_on": ended}
        if route == "pilot_tsa":
            lle["designated_by_tsa_id"] = None if rng.random() < 0.01 else tsa["id"]
        lles.append(lle)

        # Two associations, one after the other; about 2% overlap.
        first_start = designated
        if route == "pilot_tsa" and tsa["pilot_participant"] and pilot_start <= designated <= pilot_end and rng.random() > 0.02:
            initiated = "automatic_pilot_designation"
        else:
            initiated = rng.choice(["lle", "lle", "tsa"])
            first_start = designated + datetime.timedelta(days=rng.randrange(0, 60))
        first_end = first_start + datetime.timedelta(days=rng.randrange(200, 700))
        if ended is not None and first_end > ended:
            first_end = ended
        a1 = {"id": f"AS-{2 * i + 1:07d}", "lle_id": lid, "tsa_id": tsa["id"], "group_id": None, "start": first_start,
              "end": first_end, "initiated_by": initiated,
              "lle_consented_on": first_start - datetime.timedelta(days=rng.randrange(0, 20)) if initiated == "tsa" and rng.random() > 0.02 else None}
        second_tsa = tsas[rng.randrange(n_tsas)]
        second_start = first_end - datetime.timedelta(days=30) if rng.random() < 0.02 else first_end
        use_group = rng.random() < 0.2
        a2 = {"id": f"AS-{2 * i + 2:07d}", "lle_id": lid, "tsa_id": None if use_group else second_tsa["id"],
              "group_id": second_tsa["group_id"] if use_group else None, "start": second_start,
              "end": ended, "initiated_by": "lle", "lle_consented_on": None}
        if rng.random() < 0.005:
            a2["lle_id"] = f"LLE-9{i + 1:07d}"  # dangling
        associations += [a1, a2]

        memberships.append({"id": f"AM-{i + 1:07d}", "school_urn": lle["home_school_urn"], "tsa_id": tsa["id"],
                            "start": designated, "agreed_by_school": rng.random() > 0.01, "agreed_by_tsa": True,
                            "via_association": rng.random() < 0.3})

        for k in range(5):
            did = f"DEP-{5 * i + k + 1:07d}"
            cid = f"COM-{5 * i + k + 1:07d}"
            urn = f"{130000 + (5 * i + k) % 800000:06d}"
            start = designated + datetime.timedelta(days=rng.randrange(10, 1400))
            associated = a1 if start < first_end else a2
            broker = associated["tsa_id"] or second_tsa["id"]
            if rng.random() < 0.02:
                broker = tsas[rng.randrange(n_tsas)]["id"]
            kind = rng.choice(["local_authority", "diocese", "tsa", "academy_trust", "school", "other"])
            commissions.append({"id": cid, "commissioner_type": kind, "commissioner_name": f"Commissioner {5 * i + k + 1}",
                                "commissioner_tsa_id": tsas[rng.randrange(n_tsas)]["id"] if kind == "tsa" else None,
                                "client_school_urn": urn, "received_on": start - datetime.timedelta(days=rng.randrange(10, 60))})
            status = rng.choices(["proposed", "agreed", "active", "completed", "terminated"], [5, 10, 40, 40, 5])[0]
            signed = start - datetime.timedelta(days=rng.randrange(1, 20))
            if rng.random() < 0.02:
                signed = start + datetime.timedelta(days=5)
            package = rng.random() < 0.3
            completed = status == "completed"
            deployments.append({
                "id": did, "lle_id": lid if rng.random() > 0.003 else f"LLE-9{i + 1:07d}",
                "commission_id": cid if rng.random() > 0.003 else f"COM-9{5 * i + k + 1:07d}",
                "broker_tsa_id": broker, "client_school_urn": urn,
                "type": rng.choice(["new_head_support", "vulnerable_school", "below_floor", "peer_review", "diagnostic", "other"]),
                "status": status, "start": start,
                "planned_end": start + datetime.timedelta(days=rng.choice([120, 200, 300, 365, 500, 800, 1200])),
                "days_per_week": rng.choice([0.5, 0.5, 1.0, 1.0, 1.5]),
                "objectives": ["Improve leadership of teaching"] if status != "proposed" or rng.random() < 0.5 else [],
                "impact_measures": ["Teaching judged good by the summer term"] if rng.random() > 0.01 else [],
                "agreement_signed_on": signed if status != "proposed" else None,
                "acting_head_package": package,
                "acting_head_name": (f"Acting Head {5 * i + k + 1}" if rng.random() > 0.02 else None) if package else None,
                "action_plan_moderated_on": start + datetime.timedelta(days=rng.randrange(20, 58)) if rng.random() > 0.05 else None,
                "final_report_on": start + datetime.timedelta(days=250) if completed and rng.random() > 0.02 else None,
                "client_feedback": {"date": start + datetime.timedelta(days=260), "rating": rng.randrange(1, 5), "comment": None}
                if completed and rng.random() > 0.02 else None,
            })
    return {"kind": "lle-dataset", "as_of": AS_OF, "pilot": {"start": pilot_start, "end": pilot_end},
            "tsas": tsas, "tsa_groups": groups, "lles": lles, "associations": associations,
            "commissions": commissions, "deployments": deployments, "alliance_memberships": memberships}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("lles", type=int, help="number of LLEs (associations are 2x, deployments 5x)")
    p.add_argument("--seed", type=int, default=2014)
    p.add_argument("--format", choices=["csv", "yaml", "json"], default="csv")
    p.add_argument("--out", required=True, help="a folder for csv, a file for yaml and json")
    args = p.parse_args()
    data = generate(args.lles, args.seed)
    {"csv": write_csv_folder, "yaml": write_yaml, "json": write_json}[args.format](data, args.out)


if __name__ == "__main__":
    main()
