#!/usr/bin/env python3
"""Check rebuilt held-out texts against their recorded sha256 and stage a part of the set for scoring.

    python3 stage.py --texts DIR                          # check only: one line per bad text, a count
    python3 stage.py --texts DIR --half A --out OUT       # copy half A's gold and texts into OUT
    python3 stage.py --texts DIR --half B --other --out OUT   # half B, other body parts only

"--other" keeps the pages on the body parts other than the back and glutes (see README.md). Exit status 1
if a text is missing or mismatched (nothing is staged then), 2 on bad arguments. Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OTHER_PARTS = frozenset({"neck", "shoulder", "knee", "ankle", "hip", "wrist", "elbow", "foot", "thigh"})


def main() -> int:
    """Check every gold file's text; stage the chosen gold and texts into --out when all are right."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", required=True, type=Path, help="folder holding the rebuilt NAME.txt files")
    ap.add_argument("--half", choices=("A", "B"), help="only this half (A: tuning, B: untouched)")
    ap.add_argument("--other", action="store_true", help="only pages on other body parts than the back")
    ap.add_argument("--out", type=Path, help="folder to copy the chosen NAME.json and NAME.txt into")
    args = ap.parse_args()
    bad = 0
    chosen: list[tuple[Path, Path]] = []
    golds = sorted(HERE.glob("h*.json"))
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = args.texts / (gold_path.stem + ".txt")
        if not text_path.is_file():
            print(f"MISSING   {gold_path.stem}: {text_path} not found")
            bad += 1
            continue
        digest = hashlib.sha256(text_path.read_bytes()).hexdigest()
        if digest != gold["text_sha256"]:
            print(f"MISMATCH  {gold_path.stem}: sha256 {digest} != {gold['text_sha256']}")
            bad += 1
            continue
        if args.half and gold["half"] != args.half:
            continue
        if args.other and gold["body_part"] not in OTHER_PARTS:
            continue
        chosen.append((gold_path, text_path))
    if bad:
        print(f"{len(golds)} gold files: {bad} texts missing or mismatched")
        return 1
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for gold_path, text_path in chosen:
            shutil.copy(gold_path, args.out / gold_path.name)
            shutil.copy(text_path, args.out / text_path.name)
    else:
        print(f"{len(golds)} gold files: all texts ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
