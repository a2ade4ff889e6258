#!/usr/bin/env python3
"""Scores PDF text extractions against pdftotext's: python3 compare.py REFERENCE.txt CANDIDATE.txt...

For each candidate: the share of the reference's words found in the same order (difflib
matching blocks over word lists), before and after expanding ligature characters (U+FB00-FB06),
the share of the reference's non-empty lines reproduced exactly, and the number of non-empty pages (text between form feeds).
"""
import difflib
import sys

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}


def expand(text):
    return "".join(LIGATURES.get(c, c) for c in text)


def words_in_order(ref, got):
    a, b = ref.split(), got.split()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    return same / len(a)


def lines_kept(ref, got):
    want = [l.strip() for l in ref.splitlines() if l.strip()]
    have = {l.strip() for l in got.splitlines() if l.strip()}
    return sum(1 for l in want if l in have) / len(want)


def main():
    ref = open(sys.argv[1], encoding="utf-8").read()
    print("| extraction | words in order | after ligatures | lines kept | pages |")
    print("|---|---|---|---|---|")
    for path in sys.argv[1:]:
        got = open(path, encoding="utf-8").read()
        print(f"| {path} | {words_in_order(ref, got):.1%} | {words_in_order(ref, expand(got)):.1%} "
              f"| {lines_kept(ref, expand(got)):.1%} | {sum(1 for page in got.split(chr(12)) if page.strip())} |")


main()
