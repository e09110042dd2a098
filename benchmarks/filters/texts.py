"""The texts the filter parity check and the chain benchmark run on.

* the 82 real web pages of shared/devdata/html rendered to whole-page text (menus,
  footers, captions included) by benchmarks/render_html.py;
* the BBC articles of shared/devdata/bbc as they are (title line, blank lines between
  paragraphs);
* made-up noisy texts that exercise each rule: menus, bullet lists, hashtag and ellipsis
  spam, repeated lines and paragraphs, code, lorem ipsum, cookie and javascript notices,
  contractions and abbreviations, empty and wordless texts.

    python benchmarks/filters/texts.py OUT.jsonl     # writes {"id", "text"} lines

Standard library only, so both corpuskit's Python and the datatrove venv can import it.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from render_html import render_file

DEVDATA = Path("/work/shared/devdata")

__all__ = ["all_texts", "noisy_texts", "web_like"]


def page_texts() -> list[tuple[str, str]]:
    return [(f"html/{p.parent.name}/{p.stem}", render_file(p)) for p in sorted((DEVDATA / "html").rglob("*.html"))]


def bbc_texts() -> list[tuple[str, str]]:
    out = []
    for p in sorted((DEVDATA / "bbc").rglob("*.txt")):
        if p.name == "README.TXT":
            continue
        out.append((f"bbc/{p.parent.name}/{p.stem}", p.read_bytes().decode("utf-8", errors="replace")))
    return out


_MENU = ["Home", "News", "Sport", "Weather", "iPlayer", "Sounds", "Contact us", "Privacy Policy",
         "Terms of Use", "Sign in", "Subscribe", "Share this page", "Follow us on Twitter", "Advertisement",
         "More from the section", "Most Read", "Cookie settings", "About us", "Careers", "Site map"]
_SENTENCES = [
    "The council said it would review the plans before the end of the year.",
    "I don't think we can't afford it, she said, but we won't know until Mr. Smith's report is out.",
    "Prices rose by 3.5% in March, the highest since Jan. 2019 (according to the U.S. data).",
    "Visit https://example.com/news/story-123?ref=home for more... or e-mail us at desk@example.org.",
    "It's a well-known fact that the 10km race starts at 9am - and ends by 11:30!",
    "\"We're not going to stop,\" he said. \"They'll have to come back next week.\"",
    "The first-ever match between the two clubs was played in 1887; it ended 2-1.",
    "Some people say that the best way to learn is by doing, and that is true of most crafts.",
    "You should've seen it - the crowd was huge and the noise was unbelievable.",
    "A spokesman for the company declined to comment on the figures.",
]


def noisy_texts(seed: int = 13) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    out: list[tuple[str, str]] = [("noisy/empty", ""), ("noisy/blank", "\n\n  \n"),
                                  ("noisy/symbols", "!!! ??? ... ### ---"), ("noisy/one-word", "Hello")]

    def prose(n: int) -> str:
        return " ".join(rng.choice(_SENTENCES) for _ in range(n))

    for i in range(20):
        out.append((f"noisy/menu-{i}", "\n".join(rng.sample(_MENU, 12)) + "\n" + prose(rng.randint(0, 4))))
        out.append((f"noisy/bullets-{i}", "\n".join(f"{rng.choice(['-', '•', '*'])} {prose(1)}"
                                                     for _ in range(rng.randint(3, 15)))))
        out.append((f"noisy/hashtags-{i}", prose(rng.randint(2, 8)) + " " + " ".join(
            f"#tag{rng.randint(0, 50)}" for _ in range(rng.randint(0, 30)))))
        out.append((f"noisy/ellipsis-{i}", "\n".join(prose(1)[: rng.randint(20, 80)] + rng.choice(["...", "…", "."])
                                                      for _ in range(rng.randint(5, 20)))))
        lines = [prose(1) for _ in range(rng.randint(3, 8))]
        out.append((f"noisy/repeated-{i}", "\n".join(lines * rng.randint(1, 4))))
        paras = [prose(rng.randint(1, 3)) for _ in range(rng.randint(2, 6))]
        out.append((f"noisy/paragraphs-{i}", "\n\n".join(paras + rng.sample(paras, rng.randint(0, len(paras))))))
        out.append((f"noisy/code-{i}", prose(rng.randint(3, 10)) + "\nfunction f(x) { return x + 1; }\n" + prose(3)))
        out.append((f"noisy/lorem-{i}", prose(rng.randint(3, 10)) + "\nLorem ipsum dolor sit amet, consectetur."))
        out.append((f"noisy/notices-{i}", "\n".join([prose(2), "This site uses cookies to improve your experience.",
                                                      prose(2), "Please enable JavaScript to view the comments.",
                                                      prose(3), "Read our privacy policy and terms of use."])))
        out.append((f"noisy/prose-{i}", "\n\n".join(prose(rng.randint(2, 6)) for _ in range(rng.randint(2, 8)))))
        words = " ".join(rng.choice(["the", "of", "and", "cat", "sat", "mat", "to", "be"]) for _ in range(80))
        out.append((f"noisy/wordsalad-{i}", words))
        out.append((f"noisy/nonalpha-{i}", " ".join(str(rng.randint(0, 9999)) for _ in range(rng.randint(20, 120)))
                    + " the and of with"))
    return out


def all_texts() -> list[tuple[str, str]]:
    """Every parity text, as (id, text), in a fixed order."""
    return page_texts() + bbc_texts() + noisy_texts()


def web_like(n: int, seed: int = 7) -> list[str]:
    """``n`` web-like documents for the speed benchmark: a source drawn from the rendered
    pages (40 %), the BBC articles (30 %) or the noisy texts (30 %), a random slice of its
    lines (or all of them), some with a menu above and a footer below."""
    rng = random.Random(seed)
    groups = [[t for _, t in group if t.strip()] for group in (page_texts(), bbc_texts(), noisy_texts())]
    out = []
    for _ in range(n):
        group = rng.choices(groups, weights=(40, 30, 30))[0]
        lines = rng.choice(group).split("\n")
        start = rng.randrange(len(lines))
        body = lines[start:start + rng.randint(5, 120)] if rng.random() < 0.7 else lines
        if rng.random() < 0.4:
            body = rng.sample(_MENU, rng.randint(3, 10)) + body + rng.sample(_MENU, rng.randint(2, 6))
        out.append("\n".join(body))
    return out


def main(argv: list[str]) -> int:
    with open(argv[0], "w", encoding="utf-8") as f:
        for doc_id, text in all_texts():
            f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
