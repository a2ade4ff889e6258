#!/usr/bin/env python3
"""The HTML and detailed reports at scale: 1,000 commitments (with lead and supporting owners)
and 10,000 entries, the release build; the size of the HTML file and the median wall time of
`report --format html -o FILE` and `report --detail --format json`, each a new process.

    python3 bench/html.py                       # 1,000 commitments x 10,000 entries
    python3 bench/html.py --entries 100000      # more history per commitment

Writes the section "## The HTML report" of bench/RESULTS.md (run.py keeps it).
"""
import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone

import run as sqlite_bench  # bench/run.py: building or choosing the binary, RESULTS.md sections

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CTRACK = os.path.join(ROOT, "target", "release", "ctrack")
AS_OF = "2024-12-31"
SECTION = "## The HTML report"
OWNERS = ["ITU", "UNDP", "UNESCO", "World Bank", "WTO", "UNIDO", "UN DESA", "OECD", "AU", "ASEAN"]
# The limits at 1,000 commitments with 10,000 entries.
MAX_BYTES = 3 * 1024 * 1024
MAX_SECONDS = 1.0


def with_owners(src, dst, seed=1):
    """The generated commitments with one or two leads and up to two supporting owners."""
    rng = random.Random(seed)
    with open(src, newline="") as f, open(dst, "w", newline="") as out:
        rows = csv.DictReader(f)
        w = csv.writer(out, lineterminator="\n")
        w.writerow(rows.fieldnames + ["lead", "support"])
        for row in rows:
            owners = rng.sample(OWNERS, 4)
            lead = owners[: rng.choice([1, 1, 1, 2])]
            support = owners[2: 2 + rng.choice([0, 1, 2])]
            w.writerow([row[k] for k in rows.fieldnames] + [";".join(lead), ";".join(support)])


def timed(args, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def database(work, commitments, entries):
    data = os.path.join(HERE, "data", f"{commitments}x{entries}")
    if not os.path.exists(os.path.join(data, "progress.csv")):
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), data, "--commitments",
                        str(commitments), "--entries", str(entries)], check=True)
    owned = os.path.join(work, "html-commitments.csv")
    with_owners(os.path.join(data, "commitments.csv"), owned)
    db = os.path.join(work, "html.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    quiet = {"check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([CTRACK, "--db", db, "import", "commitments", owned, "--key", "bench"], **quiet)
    subprocess.run([CTRACK, "--db", db, "import", "progress", os.path.join(data, "progress.csv")], **quiet)
    return db


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--commitments", type=int, default=1000)
    ap.add_argument("--entries", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=9)
    sqlite_bench.binary_options(ap)
    a = ap.parse_args()
    global CTRACK
    CTRACK = sqlite_bench.binary(a)
    work = os.path.join(HERE, "out")
    os.makedirs(work, exist_ok=True)
    os.environ.pop("CTRACK_NOW", None)
    db = database(work, a.commitments, a.entries)
    html = os.path.join(work, "report.html")
    report = [CTRACK, "--db", db, "report", "--as-of", AS_OF]
    html_s = timed(report + ["--format", "html", "-o", html], a.runs)
    size = os.path.getsize(html)
    detail_s = timed(report + ["--detail", "--format", "json"], a.runs)
    summary_s = timed(report, a.runs)
    size_ok = "yes" if size <= MAX_BYTES else "NO"
    time_ok = "yes" if html_s < MAX_SECONDS else "NO"
    text = (
        f"{SECTION}\n\n"
        f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC with `python3 bench/html.py --commitments "
        f"{a.commitments} --entries {a.entries} --runs {a.runs}`: generated commitments with 1–2 lead and "
        f"0–2 supporting owners among {len(OWNERS)}, evidence on every tenth entry; medians of {a.runs} "
        f"runs, each a new process, release build, as of {AS_OF}.\n\n"
        f"| measure | value | limit | met |\n|---|---:|---|---|\n"
        f"| `report --format html -o FILE`, {a.commitments:,} commitments, {a.entries:,} entries | "
        f"{html_s * 1000:.1f} ms | < 1 s | {time_ok} |\n"
        f"| size of that HTML file | {size / 1024 / 1024:.2f} MiB ({size:,} bytes) | ≤ 3 MiB | {size_ok} |\n"
        f"| `report --detail --format json`, same data | {detail_s * 1000:.1f} ms | — | — |\n"
        f"| `report` (counts only), same data | {summary_s * 1000:.1f} ms | — | — |\n"
    )
    sqlite_bench.write_section(a.out, SECTION, text)
    print(text)


if __name__ == "__main__":
    main()
