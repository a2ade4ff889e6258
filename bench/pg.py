#!/usr/bin/env python3
"""Side-by-side benchmark on PostgreSQL: ctrack against psql doing the same work, in the same
tables of the same database, on one throw-away cluster.

    python3 bench/pg.py                              # 100,000 and 1,000,000 entries, 5 runs
    python3 bench/pg.py --sizes 20000 --runs 3       # a quick look

The cluster is the one CTRACK_TEST_PG names (a superuser URL, as for the tests), or else one
started with `.ci/pg start` and stopped at the end. Each measured import gets a database of
its own, made from a template that holds ctrack's schema and the commitments (`ctrack init`,
`ctrack import commitments`), so both tools write into the same empty `entry` table with its
indexes, checks, foreign keys and triggers.

Measures (median wall time of --runs runs each, and the spread (min–max); ratio = ctrack / psql;
each run is a new process and a new connection, the two tools' runs interleaved):
  1. import N entries: `ctrack import progress FILE` against psql's `\\copy` of the same rows
     into `entry` and `evidence` (ids, commitment ids resolved beforehand), in one transaction.
     ctrack also reads the CSV, resolves every commitment id, checks every row, looks for rows
     already recorded and links the evidence to each entry; psql only loads finished rows.
  2. report by topic: `ctrack report --by topic` against the query that counts the latest live
     entry per commitment by topic and status (the rule of PRODUCT.md), on the imported data.
  3. one logged update: `ctrack log` (resolves the id, refuses a duplicate, reads the status
     before and after, inserts) against one INSERT through psql.
  4. export N entries: `ctrack export progress -o FILE` against psql's `\\copy (SELECT ... FROM
     progress_view) TO FILE`, and ctrack's peak memory (maximum resident set size, as
     /usr/bin/time -v reports it), to show that the export streams.
Writes the section "## PostgreSQL" of bench/RESULTS.md.
"""
import argparse
import csv
import glob
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from urllib.parse import parse_qs, urlencode, urlsplit

import run as sqlite_bench  # bench/run.py: the same process timing, data and machine facts

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CTRACK = os.path.join(ROOT, "target", "release", "ctrack")
AS_OF = sqlite_bench.AS_OF
SECTION = "## PostgreSQL"
TARGET = 1.5


def psql_binary():
    """psql itself: on Debian `psql` on PATH is a Perl wrapper that costs 30 ms per start."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"), key=lambda p: int(p.split("/")[4]))
    return found[-1] if found else "psql"


PSQL = [psql_binary(), "-X", "-q", "-v", "ON_ERROR_STOP=1"]

# The latest live entry per commitment as of AS_OF, counted by topic and status: what
# `report --by topic` computes (ctrack's query also filters by statement, owner and date, and
# reads the topic titles; here they are left out, as a person at psql would).
REPORT_SQL = f"""
SELECT t.no, coalesce(e.status, 'unassessed') AS status, count(*)
FROM commitment c
JOIN topic t ON t.id = c.topic_id
LEFT JOIN entry e ON e.id = (SELECT x.id FROM entry x
                             WHERE x.commitment_id = c.id AND x.retracted_at IS NULL
                               AND x.as_of <= '{AS_OF}'
                             ORDER BY x.as_of DESC, x.id DESC LIMIT 1)
WHERE c.withdrawn_at IS NULL
GROUP BY 1, 2 ORDER BY 1, 2
"""

EXPORT_SQL = ("SELECT entry, commitment, as_of, status, percent, note, author, evidence, recorded_at, "
              "retracted, retract_reason FROM progress_view ORDER BY entry")


def url_for(base, dbname):
    """The cluster URL `base` with its database set to `dbname`."""
    parts = urlsplit(base)
    query = {k: v[-1] for k, v in parse_qs(parts.query).items() if k != "dbname"}
    # Built by hand: urlunsplit drops the empty host of `postgresql:///db?host=/socket/dir`.
    return f"{parts.scheme}://{parts.netloc}/{dbname}" + (f"?{urlencode(query, safe='/')}" if query else "")


class Cluster:
    """The cluster the benchmark runs on: CTRACK_TEST_PG's, or a throw-away one."""

    def __init__(self):
        self.dir = None
        self.url = os.environ.get("CTRACK_TEST_PG")
        if not self.url:
            out = subprocess.run([os.path.join(ROOT, ".ci", "pg"), "start"], check=True,
                                 capture_output=True, text=True).stdout
            env = dict(line.removeprefix("export ").split("=", 1) for line in out.splitlines())
            self.url = env["CTRACK_TEST_PG"].strip("'")
            self.dir = env["CTRACK_PG_DIR"].strip("'")
        self.admin = url_for(self.url, "postgres")

    def sql(self, sql, db="postgres"):
        return subprocess.run(PSQL + ["-At", url_for(self.url, db), "-c", sql], check=True,
                              capture_output=True, text=True).stdout

    def setting(self, name):
        return self.sql(f"SHOW {name}").strip()

    def fresh(self, name, template=None):
        """Database `name`, empty or copied from `template`, after a checkpoint."""
        self.sql(f"DROP DATABASE IF EXISTS {name}")
        self.sql(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        self.sql("CHECKPOINT")
        return url_for(self.url, name)

    def stop(self):
        if self.dir:
            subprocess.run([os.path.join(ROOT, ".ci", "pg"), "stop", self.dir], check=True)


def timed(runs, ours, theirs):
    """(median, min, max) seconds for each side, their runs interleaved. Each side is
    (prepare, cmd); cmd is called once per run."""
    samples = ([], [])
    for _ in range(runs):
        for i, (prepare, cmd) in enumerate((ours, theirs)):
            prepare()
            samples[i].append(sqlite_bench.run(cmd())[0])
    return tuple((statistics.median(t), min(t), max(t)) for t in samples)


def psql_files(cluster, base, progress_csv, out):
    """The entries of `progress_csv` as finished rows for `\\copy`: entry rows with the ids
    ctrack gives them in an empty database (1, 2, …) and their commitments' ids, and one
    evidence row per URL."""
    ids = dict(line.split("|") for line in cluster.sql(
        "SELECT c.ref_topic || '.' || c.ref_paragraph || '.' || c.ref_clause, c.id FROM commitment c",
        db=base).split())
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    entries, evidence = os.path.join(out, "entries.csv"), os.path.join(out, "evidence.csv")
    with open(progress_csv, newline="") as f, open(entries, "w", newline="") as e, \
            open(evidence, "w", newline="") as v:
        rows, we, wv = csv.DictReader(f), csv.writer(e, lineterminator="\n"), csv.writer(v, lineterminator="\n")
        for n, row in enumerate(rows, 1):
            pk = ids[row["commitment"]]
            we.writerow([n, pk, row["as_of"], now, row["status"], row["percent"], row["note"], row["author"]])
            for url in row["evidence"].split():
                wv.writerow([pk, n, url, now])
    return entries, evidence


def bench_import(cluster, label, entries, runs, results, work, commitments):
    data = os.path.join(HERE, "data", f"{commitments}x{entries}")
    commitments_csv, progress_csv = sqlite_bench.generate(data, commitments, entries)
    base = f"bench_{label}_base"
    base_url = cluster.fresh(base)
    quiet = {"check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([CTRACK, "--db", base_url, "init"], **quiet)
    subprocess.run([CTRACK, "--db", base_url, "import", "commitments", commitments_csv, "--key", "bench"], **quiet)
    entries_csv, evidence_csv = psql_files(cluster, base, progress_csv, work)
    ct_url, pq_url = url_for(cluster.url, f"bench_{label}_ctrack"), url_for(cluster.url, f"bench_{label}_psql")
    copy = [f"\\copy entry (id, commitment_id, as_of, recorded_at, status, percent, note, author) "
            f"FROM '{entries_csv}' WITH (FORMAT csv)",
            f"\\copy evidence (commitment_id, entry_id, url, added_at) FROM '{evidence_csv}' WITH (FORMAT csv)"]
    imp = timed(runs,
                (lambda: cluster.fresh(f"bench_{label}_ctrack", base),
                 lambda: [CTRACK, "--db", ct_url, "import", "progress", progress_csv]),
                (lambda: cluster.fresh(f"bench_{label}_psql", base),
                 lambda: PSQL + ["-1", pq_url] + [a for c in copy for a in ("-c", c)]))
    results.append((f"import {entries:,} entries", imp, TARGET))
    cluster.sql(f"DROP DATABASE IF EXISTS bench_{label}_psql")
    cluster.sql("VACUUM ANALYZE", db=f"bench_{label}_ctrack")
    cluster.sql("CHECKPOINT")
    return ct_url


def bench_queries(cluster, url, entries, commitments, runs, results, work):
    report = timed(max(runs, 9),
                   (lambda: None, lambda: [CTRACK, "--db", url, "report", "--by", "topic", "--as-of", AS_OF]),
                   (lambda: None, lambda: PSQL + [url, "-c", REPORT_SQL]))
    results.append((f"report by topic, {commitments:,} commitments, {entries:,} entries", report, TARGET))

    n = iter(range(1, 1_000_000))
    m = iter(range(1, 1_000_000))
    insert = ("INSERT INTO entry (commitment_id, as_of, recorded_at, status, note, author) "
              "SELECT c.id, '2024-12-31', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
              "'in-progress', 'psql {}', '' FROM commitment c JOIN statement s ON s.id = c.statement_id "
              "WHERE s.key = 'bench' AND c.ref_topic = 1 AND c.ref_paragraph = 1 AND c.ref_clause = 1")
    log = timed(max(runs, 21),
                (lambda: None, lambda: [CTRACK, "--db", url, "log", "bench:1.1.1", "--status", "in-progress",
                                        "--note", f"ctrack {next(n)}", "--as-of", AS_OF]),
                (lambda: None, lambda: PSQL + [url, "-c", insert.format(next(m))]))
    results.append((f"one logged update, {entries:,} entries", log, TARGET))

    out_ct, out_pq = os.path.join(work, "export-ctrack.csv"), os.path.join(work, "export-psql.csv")
    export = timed(runs,
                   (lambda: None, lambda: [CTRACK, "--db", url, "export", "progress", "-o", out_ct]),
                   (lambda: None, lambda: PSQL + [url, "-c", f"\\copy ({EXPORT_SQL}) TO '{out_pq}' "
                                                               "WITH (FORMAT csv, HEADER)"]))
    results.append((f"export {entries:,} entries to CSV", export, None))
    peak_rss = sqlite_bench.peak_rss
    rss = (peak_rss([CTRACK, "--db", url, "export", "progress", "-o", out_ct]),
           peak_rss(PSQL + [url, "-c", f"\\copy ({EXPORT_SQL}) TO '{out_pq}' WITH (FORMAT csv, HEADER)"]))
    results.append((f"export {entries:,} entries: peak memory (RSS)", rss, "rss"))


def table(results):
    lines = ["| measure | ctrack | psql | ratio | target | met |", "|---|---:|---:|---:|---|---|"]
    ms = lambda s: f"{s[0] * 1000:,.1f} ms ({s[1] * 1000:,.0f}–{s[2] * 1000:,.0f})"
    for name, (ct, pq), target in results:
        if target == "rss":
            lines.append(f"| {name} | {ct / 1024:.1f} MiB | {pq / 1024:.1f} MiB | — | — | |")
            continue
        ratio = ct[0] / pq[0]
        met = "" if target is None else ("yes" if ratio <= target else "NO")
        lines.append(f"| {name} | {ms(ct)} | {ms(pq)} | {ratio:.2f} | {f'≤ {target}' if target else '—'} | {met} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--commitments", type=int, default=1000)
    ap.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[100_000, 1_000_000],
                    help="entry counts, comma-separated (default 100000,1000000)")
    ap.add_argument("--runs", type=int, default=5)
    sqlite_bench.binary_options(ap)
    a = ap.parse_args()
    global CTRACK
    CTRACK = sqlite_bench.binary(a)
    work = os.path.join(HERE, "out")
    os.makedirs(work, exist_ok=True)
    os.environ.pop("CTRACK_NOW", None)
    cluster = Cluster()
    try:
        results = []
        for entries in a.sizes:
            label = f"{entries}"
            url = bench_import(cluster, label, entries, a.runs, results, work, a.commitments)
            bench_queries(cluster, url, entries, a.commitments, a.runs, results, work)
            cluster.sql(f"DROP DATABASE IF EXISTS bench_{label}_ctrack")
            cluster.sql(f"DROP DATABASE IF EXISTS bench_{label}_base")
        server = cluster.sql("SHOW server_version").strip()
        settings = ", ".join(f"{s} = {cluster.setting(s)}" for s in
                             ("fsync", "synchronous_commit", "full_page_writes", "shared_buffers"))
    finally:
        cluster.stop()
    sizes = ",".join(str(s) for s in a.sizes)
    text = (
        f"{SECTION}\n\n"
        f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC with `python3 bench/pg.py --sizes {sizes} "
        f"--commitments {a.commitments} --runs {a.runs}`; medians of {a.runs} runs (report: "
        f"{max(a.runs, 9)}, logged update: {max(a.runs, 21)}), min–max in brackets, the two tools' runs "
        f"interleaved, each a new process and connection over the cluster's Unix socket.\n\n"
        f"- machine: {sqlite_bench.cpu()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}\n"
        f"- ctrack: {sqlite_bench.version([CTRACK, '--version'])}; {sqlite_bench.version(['rustc', '--version'])}\n"
        f"- PostgreSQL {server} (`.ci/pg`'s throw-away cluster: {settings}); "
        f"{sqlite_bench.version(['psql', '--version'])}\n"
        f"- ratio = ctrack / psql (lower is better). The import's psql side loads finished rows "
        f"(ids and commitment ids worked out beforehand) with `\\copy`; ctrack reads the CSV, "
        f"resolves and checks each row, looks for duplicates and links the evidence. Both write the "
        f"same rows into the same tables.\n\n"
        + table(results) + "\n"
    )
    sqlite_bench.write_section(a.out, SECTION, text)
    print(text)


if __name__ == "__main__":
    main()
