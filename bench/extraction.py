#!/usr/bin/env python3
"""Extraction score: how close `ctrack import statement` comes to the hand-coded commitments of
every fixture statement, at clause level.

    python3 bench/extraction.py                      # every fixture, target/debug/ctrack
    python3 bench/extraction.py --bin PATH           # another build
    python3 bench/extraction.py --only g7-ocean      # fixtures whose name contains a word
    python3 bench/extraction.py --misses             # also list each missed / extra clause
    python3 bench/extraction.py DIR [DIR …]          # other fixture folders (e.g. a held-back set)

A fixture is a folder holding `statement.<ext>` (any extension: txt, md, html, pdf …),
`commitments.csv` (columns commitment,topic_no,topic,text,due,lead,support) and optionally
`notes.md`, whose line `patterns: 1, 2, 5` names the issue-10 patterns it exercises. By default
the folders under fixtures/statements/ and fixtures/statements-new/ are scored.

Each statement is imported into a throw-away database and read back with `list --format json`.
Expected and found clauses are matched by normalised text (case, whitespace, quotes, dashes,
trailing punctuation), each expected clause at most once. Printed per fixture, per pattern and
in total: expected, found, matched, precision, recall, F1, and `topic` — the share of matched
clauses that also sit in the expected topic (same number and title). Lines flagged `FURNITURE`
name topic titles or commitment texts that look like page furniture (digits only, a page counter
such as `3/12`, a document symbol such as `A/RES/79/1`, a job number such as `24-01234 (E)`).

Standard library only; exit status 0 unless the binary cannot be run.
"""
import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_DIRS = [os.path.join(ROOT, "fixtures", "statements"), os.path.join(ROOT, "fixtures", "statements-new")]

QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"',
                        "–": "-", "—": "-", "‑": "-", "\u00a0": " "})
TRAILING = ",;.:!?，；。：！？ "

# (kind, pattern, also inside a commitment's text): a title is furniture when it matches any;
# a commitment only when it holds one of the unmistakable kinds.
FURNITURE = [
    ("digits only", re.compile(r"^\W*\d+(\W+\d+)*\W*$"), False),
    ("page counter", re.compile(r"^\W*\d{1,3}\s*/\s*\d{1,3}\W*$"), False),
    ("page counter", re.compile(r"\bpage\s+\d+(\s+of\s+\d+)?\b", re.I), True),
    ("document symbol", re.compile(r"\b[A-Z]{1,6}(/[A-Z0-9.]+){2,}"), True),
    ("document symbol", re.compile(r"\b[A-Z][A-Za-z]*/[A-Z]{2,}/[A-Z][a-z]*\.?\s*\d"), True),
    ("job number", re.compile(r"\b\d{2}-\d{5}\b"), True),
    ("barcode", re.compile(r"\*\d{6,}\*"), True),
]


def normalise(text):
    """Case, whitespace, quotes, dashes and trailing punctuation do not count."""
    text = unicodedata.normalize("NFKC", text).translate(QUOTES).casefold()
    text = " ".join(text.split())
    return text.strip(TRAILING)


def furniture(text, title=True):
    """The kind of page furniture `text` (a topic title, or else a commitment) looks like, or
    None."""
    for kind, pattern, inside in FURNITURE:
        if (title or inside) and pattern.search(text):
            return kind
    return None


def read_patterns(folder):
    path = os.path.join(folder, "notes.md")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*patterns?\s*:\s*(.+)", line, re.I)
            if m:
                return sorted({p.strip() for p in re.split(r"[,\s]+", m.group(1)) if p.strip()}, key=_num)
    return []


def _num(p):
    return (0, int(p)) if p.isdigit() else (1, p)


def statement_file(folder):
    for name in sorted(os.listdir(folder)):
        if name.startswith("statement."):
            return os.path.join(folder, name)
    return None


def expected(folder):
    with open(os.path.join(folder, "commitments.csv"), encoding="utf-8", newline="") as f:
        return [(int(r["topic_no"]), r["topic"], r["text"]) for r in csv.DictReader(f)]


def extract(binary, statement, key):
    """(found clauses, error sentence or None)."""
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "bench.db")
        run = subprocess.run([binary, "--db", db, "import", "statement", statement, "--key", key],
                             capture_output=True, text=True)
        if run.returncode != 0:
            return [], (run.stderr.strip() or run.stdout.strip() or f"exit {run.returncode}")
        run = subprocess.run([binary, "--db", db, "list", "--format", "json"], capture_output=True, text=True)
        if run.returncode != 0:
            return [], run.stderr.strip()
        rows = json.loads(run.stdout or "[]")
        return [(int(r["topic_no"]), r["topic"], r["text"]) for r in rows], None


def match(want, got):
    """(matched, matched in the right topic, missed texts, extra texts)."""
    pool = defaultdict(list)
    for topic_no, topic, text in got:
        pool[normalise(text)].append(((topic_no, normalise(topic)), text))
    matched = in_topic = 0
    missed = []
    for topic_no, topic, text in want:
        candidates = pool.get(normalise(text))
        if not candidates:
            missed.append(text)
            continue
        matched += 1
        place = (topic_no, normalise(topic))
        same = [c for c in candidates if c[0] == place]
        candidates.remove(same[0] if same else candidates[0])
        in_topic += bool(same)
    extra = [text for candidates in pool.values() for _, text in candidates]
    return matched, in_topic, missed, extra


class Tally:
    def __init__(self):
        self.want = self.got = self.matched = self.in_topic = 0

    def add(self, want, got, matched, in_topic):
        self.want += want
        self.got += got
        self.matched += matched
        self.in_topic += in_topic

    def row(self, name):
        p = self.matched / self.got if self.got else 0.0
        r = self.matched / self.want if self.want else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        t = self.in_topic / self.matched if self.matched else 0.0
        return f"{name:<44} {self.want:>5} {self.got:>5} {self.matched:>5} {p:>6.2f} {r:>6.2f} {f:>6.2f} {t:>6.2f}"


HEADER = f"{'':<44} {'want':>5} {'found':>5} {'match':>5} {'prec':>6} {'recall':>6} {'F1':>6} {'topic':>6}"


def folders(dirs, only):
    out = []
    for d in dirs:
        if os.path.exists(os.path.join(d, "commitments.csv")):
            out.append(d)
            continue
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            path = os.path.join(d, name)
            if os.path.isdir(path) and os.path.exists(os.path.join(path, "commitments.csv")):
                out.append(path)
    return [f for f in out if not only or any(word in os.path.basename(f) for word in only)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="*", help="fixture folders, or folders of fixture folders")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "debug", "ctrack"), help="the ctrack binary")
    ap.add_argument("--only", action="append", default=[], help="score only fixtures whose name contains this")
    ap.add_argument("--misses", action="store_true", help="list missed and extra clauses")
    args = ap.parse_args()
    if not os.access(args.bin, os.X_OK):
        sys.exit(f"cannot run {args.bin}; build it with `cargo build` or pass --bin PATH")

    total, by_pattern, by_root = Tally(), defaultdict(Tally), defaultdict(Tally)
    lines, notes = [], []
    for folder in folders(args.dirs or DEFAULT_DIRS, args.only):
        name = os.path.basename(folder)
        statement = statement_file(folder)
        want = expected(folder)
        if statement is None:
            notes.append(f"{name}: no statement.* file")
            continue
        got, error = extract(args.bin, statement, name)
        matched, in_topic, missed, extra = match(want, got)
        tally = Tally()
        tally.add(len(want), len(got), matched, in_topic)
        total.add(len(want), len(got), matched, in_topic)
        by_root[os.path.basename(os.path.dirname(folder))].add(len(want), len(got), matched, in_topic)
        patterns = read_patterns(folder)
        for p in patterns or ["-"]:
            by_pattern[p].add(len(want), len(got), matched, in_topic)
        label = f"{name} [{os.path.splitext(statement)[1].lstrip('.')}]"
        lines.append(tally.row(label[:44]))
        if error:
            notes.append(f"{name}: import failed: {error}")
        for topic in sorted({t for _, t, _ in got}):
            kind = furniture(topic)
            if kind:
                notes.append(f"{name}: FURNITURE topic title ({kind}): {topic!r}")
        for _, _, text in got:
            kind = furniture(text, title=False)
            if kind:
                notes.append(f"{name}: FURNITURE in a commitment ({kind}): {text!r}")
        if args.misses:
            notes.extend(f"{name}: missed: {t}" for t in missed)
            notes.extend(f"{name}: extra:  {t}" for t in extra)

    print("Per fixture")
    print(HEADER)
    print("\n".join(lines))
    if len(by_root) > 1:
        for root in sorted(by_root):
            print(by_root[root].row(f"total {root}/"[:40]))
    print(total.row("TOTAL"))
    print()
    print("Per pattern (a fixture counts under every pattern its notes.md names; '-' = none named)")
    print(HEADER)
    for p in sorted(by_pattern, key=_num):
        print(by_pattern[p].row(f"pattern {p}"))
    if notes:
        print()
        print("\n".join(notes))
    furniture_topics = sum("FURNITURE topic" in n for n in notes)
    print()
    print(f"topic titles that look like page furniture: {furniture_topics}")


if __name__ == "__main__":
    main()
