"""Check held-out gold against its article text, without running any stage.

    python benchmarks/entities_holdout/check_gold.py DIR [--source-root ROOT] [NAME ...]

For each ``DIR/NAME.json``: the text rebuilds (``load_holdout``: source sha256 and
article SHA-1), every gold form occurs in the text as a whole word sequence, every gold
quote is a substring of the text (an elision " ... " splits it into parts that must each
occur), and no gold form is listed twice. It also lists, for the annotator to review by
reading, the double-quoted stretches of four or more words that no gold quote covers.
It never runs ``news.entities`` / ``news.quotes``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from evaluation.news.gold import load_holdout  # noqa: E402

QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")


def _occurs(form: str, text: str) -> bool:
    return re.search(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text) is not None


def check(name: str, text: str, gold: dict) -> list[str]:
    problems = []
    seen: dict[str, str] = {}
    for entity in gold["entities"]:
        if entity["type"] not in ("person", "organization", "place"):
            problems.append(f"{entity['name']}: type {entity['type']!r}")
        for form in entity["forms"]:
            if not _occurs(form, text):
                problems.append(f"form not in text: {form!r} ({entity['name']})")
            if form in seen:
                problems.append(f"form twice: {form!r} ({seen[form]}, {entity['name']})")
            seen[form] = entity["name"]
    names = {e["name"] for e in gold["entities"]}
    for quote in gold["quotes"]:
        for part in quote["text"].split(" ... "):
            if part.strip(" .") and part.strip() not in text:
                problems.append(f"quote not in text: {part[:70]!r}")
        if quote["speaker"] is not None and quote["speaker"] not in names:
            problems.append(f"speaker not a gold entity: {quote['speaker']!r}")
    for match in QUOTED.finditer(text):
        stretch = match.group(1).strip()
        if len(stretch.split()) >= 4 and not any(
                stretch.strip(" ,.") in q["text"] or q["text"].strip(" ,.") in stretch
                for q in gold["quotes"]):
            problems.append(f"review (quoted, not in gold): {stretch[:80]!r}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("names", nargs="*")
    parser.add_argument("--source-root", type=Path, default=Path("/work/heldout3_src"))
    args = parser.parse_intermixed_args()
    for name, text, gold in load_holdout(args.folder, args.source_root, args.names or None):
        problems = check(name, text, gold)
        types = [e["type"] for e in gold["entities"]]
        print(f"{name}: {len(text.split())} words, {len(types)} entities "
              f"({types.count('person')} people, {types.count('organization')} organisations, "
              f"{types.count('place')} places), {len(gold['quotes'])} quotes")
        for problem in problems:
            print("   ", problem)


if __name__ == "__main__":
    main()
