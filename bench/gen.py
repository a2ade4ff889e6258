#!/usr/bin/env python3
"""Generates the benchmark dataset: N commitments in 20 topics (a curated list) and M progress
entries over six years with notes and some evidence, as ctrack's `export progress` columns.

usage: gen.py OUT_DIR [--commitments 1000] [--entries 1000000] [--seed 1]
Deterministic for a given seed, so runs are comparable.
"""
import argparse
import csv
import os
import random
from datetime import date, timedelta

STATUSES = ["not-started", "in-progress", "stalled", "partial", "done", "abandoned", "unclear"]
WEIGHTS = [10, 40, 8, 20, 15, 3, 4]
WORDS = ("digital access connectivity infrastructure training pilot financing report review "
         "survey country programme agreement partners workshop data security literacy").split()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--commitments", type=int, default=1000)
    ap.add_argument("--entries", type=int, default=1_000_000)
    ap.add_argument("--topics", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    per_topic = -(-a.commitments // a.topics)
    ids = []
    with open(os.path.join(a.out, "commitments.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["commitment", "topic_no", "topic", "text"])
        for i in range(a.commitments):
            t, n = i // per_topic + 1, i % per_topic + 1
            code = f"{t}.{(n - 1) // 10 + 1}.{(n - 1) % 10 + 1}"
            ids.append(code)
            text = "Improve " + " ".join(rng.choice(WORDS) for _ in range(8))
            w.writerow([code, t, f"Topic {t}", text])
    start = date(2019, 1, 1)
    days = (date(2024, 12, 31) - start).days
    with open(os.path.join(a.out, "progress.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["commitment", "as_of", "status", "percent", "note", "author", "evidence"])
        for i in range(a.entries):
            status = rng.choices(STATUSES, WEIGHTS)[0]
            # done means 100% and not-started 0% (ctrack refuses an entry that contradicts itself).
            fixed = {"unclear": "", "not-started": "", "done": "100"}
            percent = fixed[status] if status in fixed else str(rng.randrange(0, 101))
            note = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(4, 14)))
            evidence = f"https://example.org/r/{i}" if i % 10 == 0 else ""
            w.writerow([rng.choice(ids), (start + timedelta(days=rng.randrange(days))).isoformat(),
                        status, percent, note, rng.choice(["ann", "bob", "carol"]), evidence])


if __name__ == "__main__":
    main()
