#!/usr/bin/env python3
"""Side-by-side benchmark: ctrack against the sqlite3 shell doing the equivalent work on an
equivalent indexed schema, in one run, on one machine.

    python3 bench/run.py                 # full size: 1,000 commitments x 1,000,000 entries
    python3 bench/run.py --entries 20000 --runs 3   # a quick look

Measures (median wall time of --runs runs each, ratio = ctrack / sqlite3):
  1. bulk import of the entries      (ctrack import progress   vs .import --csv)
  2. status report by topic          (ctrack report --by topic  vs latest entry per commitment,
                                       counts per topic and status)
  3. CSV export of all entries       (ctrack export progress -o vs .mode csv + .once)
  4. one logged update, new process  (ctrack log                vs one INSERT)
  5. peak memory of the export       (max RSS of the process, from /usr/bin/time -v)
plus the report on 100,000 commitments x the same entries, to show that its cost follows the
number of commitments, not of entries. Writes the table to bench/RESULTS.md.
"""
import argparse
import itertools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CTRACK = os.path.join(ROOT, "target", "release", "ctrack")
AS_OF = "2024-12-31"

# The sqlite3 side: the same facts, the same index on (commitment, as_of), no validation.
SQLITE_SCHEMA = """
CREATE TABLE commitment (code TEXT PRIMARY KEY, topic_no INTEGER NOT NULL, topic TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE entry (commitment TEXT NOT NULL, as_of TEXT NOT NULL, status TEXT NOT NULL, percent INTEGER,
                    note TEXT, author TEXT, evidence TEXT);
CREATE INDEX entry_latest ON entry (commitment, as_of);
PRAGMA journal_mode = wal;
"""
SQLITE_REPORT = f"""
SELECT c.topic_no, ifnull(e.status, 'unassessed') AS status, count(*)
FROM commitment c
LEFT JOIN entry e ON e.rowid = (SELECT x.rowid FROM entry x
                                WHERE x.commitment = c.code AND x.as_of <= '{AS_OF}'
                                ORDER BY x.as_of DESC, x.rowid DESC LIMIT 1)
GROUP BY 1, 2 ORDER BY 1, 2;
"""


def run(cmd, stdin=None):
    """Runs cmd; returns (seconds, max RSS in KiB). Fails loudly on a non-zero exit. The RSS
    from wait4 is at least Python's own (about 14 MiB): the child counts the pages it shared
    with Python until it execs. `peak_rss` measures a command's own."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return seconds, usage.ru_maxrss


def peak_rss(cmd):
    """The maximum resident set size of `cmd` alone, in KiB, as `/usr/bin/time -v` reports it."""
    report = os.path.join(HERE, "out", "time-v.txt")
    os.makedirs(os.path.dirname(report), exist_ok=True)
    subprocess.run(["/usr/bin/time", "-v", "-o", report] + cmd, check=True, stdout=subprocess.DEVNULL)
    with open(report) as f:
        for line in f:
            if "Maximum resident set size" in line:
                return int(line.rsplit(":", 1)[1])
    sys.exit(f"no maximum resident set size in {report}")


def side_by_side(runs, ours, theirs):
    """Medians for both tools, their runs interleaved so that drift in the machine's speed
    (a shared machine's neighbours) falls on both alike. Each side is (prepare, cmd)."""
    results = [([], 0), ([], 0)]
    for _ in range(runs):
        for i, (prepare, cmd) in enumerate((ours, theirs)):
            prepare()
            seconds, rss = run(cmd())
            results[i][0].append(seconds)
            results[i] = (results[i][0], max(results[i][1], rss))
    return tuple((statistics.median(times), peak) for times, peak in results)


def fresh_copy(src, dst):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
    shutil.copyfile(src, dst)


def sqlite(db, sql):
    subprocess.run(["sqlite3", db], input=sql.encode(), check=True, stdout=subprocess.DEVNULL)


def generate(out, commitments, entries):
    if not os.path.exists(os.path.join(out, "progress.csv")):
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), out,
                        "--commitments", str(commitments), "--entries", str(entries)], check=True)
    return os.path.join(out, "commitments.csv"), os.path.join(out, "progress.csv")


def bases(work, name, commitments_csv):
    """An empty-of-entries database for each tool, holding the commitments."""
    ct = os.path.join(work, f"{name}-ctrack-base.db")
    sq = os.path.join(work, f"{name}-sqlite-base.db")
    for path in (ct, sq):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
    subprocess.run([CTRACK, "--db", ct, "import", "commitments", commitments_csv, "--key", "bench"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([CTRACK, "--db", ct, "init"], check=True, stdout=subprocess.DEVNULL)
    sqlite(sq, SQLITE_SCHEMA + f".import --csv --skip 1 {commitments_csv} commitment\n")
    sqlite(ct, "PRAGMA wal_checkpoint(TRUNCATE);")
    sqlite(sq, "PRAGMA wal_checkpoint(TRUNCATE);")
    return ct, sq


def bench_size(work, label, commitments, entries, runs, results, full):
    data = os.path.join(HERE, "data", f"{commitments}x{entries}")
    commitments_csv, progress_csv = generate(data, commitments, entries)
    ct_base, sq_base = bases(work, label, commitments_csv)
    ct_db, sq_db = os.path.join(work, f"{label}-ctrack.db"), os.path.join(work, f"{label}-sqlite.db")

    imp = side_by_side(runs,
                       (lambda: fresh_copy(ct_base, ct_db),
                        lambda: [CTRACK, "--db", ct_db, "import", "progress", progress_csv]),
                       (lambda: fresh_copy(sq_base, sq_db),
                        lambda: ["sqlite3", sq_db, f".import --csv --skip 1 {progress_csv} entry"]))
    if full:
        results.append((f"import {entries:,} entries", imp))
    sqlite(ct_db, "PRAGMA wal_checkpoint(TRUNCATE);")
    sqlite(sq_db, "PRAGMA wal_checkpoint(TRUNCATE);")

    report = side_by_side(max(runs, 9),
                          (lambda: None, lambda: [CTRACK, "--db", ct_db, "report", "--by", "topic", "--as-of", AS_OF]),
                          (lambda: None, lambda: ["sqlite3", sq_db, SQLITE_REPORT]))
    results.append((f"report by topic, {commitments:,} commitments", report))
    if not full:
        return

    out_ct, out_sq = os.path.join(work, "export-ctrack.csv"), os.path.join(work, "export-sqlite.csv")
    export = side_by_side(runs,
                          (lambda: None, lambda: [CTRACK, "--db", ct_db, "export", "progress", "-o", out_ct]),
                          (lambda: None, lambda: ["sqlite3", sq_db, ".headers on", ".mode csv", f".once {out_sq}",
                                                  "SELECT rowid AS entry, * FROM entry ORDER BY rowid;"]))
    results.append((f"export {entries:,} entries to CSV", export))
    rss = peak_rss([CTRACK, "--db", ct_db, "export", "progress", "-o", out_ct])
    results.append(("export peak memory (MiB)", ((rss / 1024, 0), (0, 0))))

    # A new note each run: ctrack refuses to record the very same entry twice.
    notes = itertools.count()
    log = side_by_side(max(runs, 21),
                       (lambda: None, lambda: [CTRACK, "--db", ct_db, "log", "bench:1.1.1", "--status", "in-progress",
                                               "--note", f"bench {next(notes)}", "--as-of", AS_OF]),
                       (lambda: None, lambda: ["sqlite3", sq_db, "INSERT INTO entry VALUES ('1.1.1', '2024-12-31', "
                                               f"'in-progress', NULL, 'bench {next(notes)}', 'bench', NULL);"]))
    results.append(("one logged update (new process)", log))


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "unknown"


def cpu():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


TARGETS = {"import": 1.0, "report": 1.0, "export ": 0.65, "one logged": 1.1}


def target_for(name):
    if name.startswith("export peak"):
        return "≤ 32 MiB"
    for prefix, ratio in TARGETS.items():
        if name.startswith(prefix):
            return f"≤ {ratio}"
    return ""


def table(results):
    lines = ["| measure | ctrack | sqlite3 | ratio | target | met |", "|---|---:|---:|---:|---|---|"]
    for name, ((ct, _), (sq, _)) in results:
        if name.startswith("export peak"):
            met = "yes" if ct <= 32 else "NO"
            lines.append(f"| {name} | {ct:.1f} MiB | — | — | {target_for(name)} | {met} |")
            continue
        ratio = ct / sq if sq else float("inf")
        target = target_for(name)
        met = "" if not target else ("yes" if ratio <= float(target.split()[-1]) else "NO")
        lines.append(f"| {name} | {ct * 1000:.1f} ms | {sq * 1000:.1f} ms | {ratio:.2f} | {target} | {met} |")
    return "\n".join(lines)


def binary_options(ap):
    """The options every bench script takes for the ctrack it measures."""
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--out", default=os.path.join(HERE, "RESULTS.md"))
    ap.add_argument("--ctrack", help="a ctrack binary to measure instead of target/release/ctrack "
                                     "(to compare builds; implies --no-build)")


def binary(a):
    """The ctrack to measure: --ctrack, else target/release/ctrack, built unless --no-build."""
    if a.ctrack:
        return os.path.abspath(a.ctrack)
    if not a.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    return CTRACK


def write_section(path, section, text):
    """Replaces the section headed `section` in RESULTS.md (or adds it at the end); `text`
    starts with that heading."""
    old = open(path).read() if os.path.exists(path) else "# Benchmark results\n"
    start = old.find("\n" + section + "\n")
    if start >= 0:
        end = old.find("\n## ", start + 1)
        old = old[:start] + (old[end:] if end >= 0 else "\n")
    with open(path, "w") as f:
        f.write(old.rstrip("\n") + "\n\n" + text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--commitments", type=int, default=1000)
    ap.add_argument("--entries", type=int, default=1_000_000)
    ap.add_argument("--big-commitments", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    binary_options(ap)
    a = ap.parse_args()
    global CTRACK
    CTRACK = binary(a)
    work = os.path.join(HERE, "out")
    os.makedirs(work, exist_ok=True)
    env_clock = os.environ.pop("CTRACK_NOW", None)
    results = []
    bench_size(work, "main", a.commitments, a.entries, a.runs, results, full=True)
    if a.big_commitments:
        bench_size(work, "big", a.big_commitments, a.entries, a.runs, results, full=False)
    text = table(results)
    header = (
        f"# Benchmark results\n\n"
        f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC with `python3 bench/run.py "
        f"--commitments {a.commitments} --entries {a.entries} --big-commitments {a.big_commitments} "
        f"--runs {a.runs}`; medians of {a.runs} runs (reports: {max(a.runs, 9)}, the logged update: "
        f"{max(a.runs, 21)}), the two tools' runs interleaved.\n\n"
        f"- machine: {cpu()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}\n"
        f"- ctrack: {version([CTRACK, '--version'])}; {version(['rustc', '--version'])}\n"
        f"- sqlite3 shell: {version(['sqlite3', '--version'])[:40]}\n"
        f"- ratio = ctrack / sqlite3 (lower is better); both sides start a new process per run\n\n"
    )
    # Keep the sections other scripts write (bench/html.py's "## The HTML report").
    kept = ""
    if os.path.exists(a.out):
        old = open(a.out).read()
        kept = old[old.find("\n## "):] if "\n## " in old else ""
    with open(a.out, "w") as f:
        f.write(header + text + "\n" + kept)
    print(header + text)
    if env_clock:
        os.environ["CTRACK_NOW"] = env_clock


if __name__ == "__main__":
    main()
