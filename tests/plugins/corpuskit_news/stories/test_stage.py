from __future__ import annotations

from pathlib import Path

import pytest
from corpuskit_news.stories.stage import average_linkage, lead_terms

from corpuskit import Document, Pipeline

SEEDS = Path(__file__).resolve().parents[4] / "seeds"

# Two events, each told three times in different words, and two stories on the same
# subjects (another strike, the same bank) that report other events.
PORT_1 = """Dockers walk out at Valdane port over pay
Dock workers at the Port of Valdane began a 48-hour strike on Thursday after talks on wages collapsed, \
leaving dozens of container ships waiting offshore. The Maritime Workers Alliance said its 3,200 members \
had rejected a 4% offer from the port operator, Harbourline, as far below inflation.
Harbourline warned that the stoppage would cost exporters millions and urged the union to return to talks."""
PORT_2 = """Valdane strike strands cargo ships
A two-day stoppage by 3,200 dockers has brought the Port of Valdane to a halt. Members of the Maritime \
Workers Alliance downed tools on Thursday morning, saying Harbourline's pay rise of 4% amounted to a real-terms cut.
Shipping lines diverted vessels to neighbouring harbours as queues grew along the coast."""
PORT_3 = """Union says Harbourline offer 'insulting' as Valdane dockers strike
Cranes stood idle in Valdane on Thursday. The Maritime Workers Alliance, which speaks for most of the \
port's dock staff, called the walkout after Harbourline refused to improve its 4% offer. Union leader \
Marta Quell told a rally the 48-hour action could be repeated next month if no deal was reached."""
RAIL = """Tolberg rail staff vote for strike over rotas
Train drivers and guards in Tolberg have voted to strike over new shift rotas, their union said on Monday. \
The Rail and Transit Union said 78% of members backed action but no dates have been set. Operator \
Northline said it was disappointed and wanted to keep passengers moving during the dispute."""
BANK_1 = """Meridian Bank to buy Coastline Credit for $2.3bn
Meridian Bank has agreed to acquire the regional lender Coastline Credit in a $2.3bn deal, the two \
companies announced on Tuesday. Coastline shareholders will receive $41 a share in cash, a premium of 28% \
to Monday's closing price. The takeover still needs approval from regulators."""
BANK_2 = """Coastline Credit accepts $2.3bn Meridian takeover
Coastline Credit's board has backed a cash offer worth $41 per share from Meridian Bank, valuing the \
lender at $2.3bn. The deal, unveiled on Tuesday, would add 140 branches to Meridian's network, chief \
executive Oren Vasco said. Shares in Coastline jumped 25% in early trading."""
BANK_3 = """Meridian swallows Coastline in regional banking shake-up
Analysts said Tuesday's $2.3bn agreement for Meridian Bank to absorb Coastline Credit could spark more \
consolidation among mid-sized lenders. Oren Vasco, Meridian's boss, said the $41-a-share price reflected \
Coastline's strong deposit base. Competition authorities are expected to review the purchase."""
BANK_Q = """Meridian Bank profits rise on higher lending
Meridian Bank reported a 12% rise in quarterly profit on Friday, helped by strong demand for mortgages \
and business loans. Chief executive Oren Vasco said the bank expected margins to narrow later in the \
year as interest rates fall, and announced a share buyback of $500m."""


def run(docs: list[Document], **params) -> tuple[list[Document], dict]:
    stats: dict = {}
    out = list(Pipeline.from_dict({"stages": [{"stories": params}]}).process(docs, stats=stats))
    return out, next(iter(stats.values())).counters


def groups(docs: list[Document]) -> list[list[str]]:
    by_story: dict[str, list[str]] = {}
    for d in docs:
        by_story.setdefault(d.meta["story"], []).append(d.id)
    return sorted(by_story.values())


def test_seed_pages_form_one_story_and_one_single():
    docs = [Document(p.name[:3], p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    assert [d.id for d in docs] == ["000", "001", "002", "003", "004"]
    out, counters = run(docs)
    assert groups(out) == [["000", "001", "002", "004"], ["003"]]
    assert [d.meta["story"] for d in out] == ["000", "000", "000", "003", "000"]
    assert [d.meta["story_size"] for d in out] == [4, 4, 4, 1, 4]
    assert counters["stories"] == 1 and counters["grouped"] == 4


def hand_written() -> list[Document]:
    texts = {
        "rail": RAIL,
        "port1": PORT_1,
        "bankq": BANK_Q,
        "bank1": BANK_1,
        "port2": PORT_2,
        "bank2": BANK_2,
        "port3": PORT_3,
        "bank3": BANK_3,
    }
    return [Document(k, v) for k, v in texts.items()]


def test_same_event_in_other_words_groups_and_same_subject_does_not():
    out, _ = run(hand_written(), min_line_words=4)
    assert groups(out) == [["bank1", "bank2", "bank3"], ["bankq"], ["port1", "port2", "port3"], ["rail"]]
    story = {d.id: d.meta["story"] for d in out}
    assert story["port3"] == "port1" and story["bank3"] == "bank1"  # first in input order


def test_nothing_is_removed_and_text_is_untouched():
    docs = hand_written()
    out, _ = run(docs)
    assert [(d.id, d.text) for d in out] == [(d.id, d.text) for d in docs]


def test_empty_single_and_leadless_documents():
    assert run([])[0] == []
    out, counters = run([Document("a", "Too short."), Document("b", "")])
    assert [(d.meta["story"], d.meta["story_size"]) for d in out] == [("a", 1), ("b", 1)]
    assert counters["no_lead"] == 2


def test_meta_title_counts_in_the_lead():
    doc = Document("a", "nothing here", {"title": "Valdane dockers strike over pay"})
    terms = lead_terms(doc, 150, 6, 5)
    assert {"valda", "docke", "strik"} <= set(terms)
    assert terms["valda"] == (1, False)  # first word of the title: not known to be a name


def test_names_and_numbers_are_marked():
    terms = lead_terms(Document("a", "Talks in Valdane broke down after 48 hours of argument."), 150, 6, 0)
    assert terms["valdane"] == (1, True)
    assert terms["48"] == (1, True)
    assert terms["talks"] == (1, False)


def test_average_linkage_does_not_chain():
    # a-b and c-d are close, one bridge b-c: single linkage would make one group of four
    sims = {("a", "b"): 0.9, ("c", "d"): 0.9, ("b", "c"): 0.5}
    assert sorted(average_linkage(sims, 0.4)) == [["a", "b"], ["c", "d"]]
    assert sorted(average_linkage(sims, 0.12)) == [["a", "b", "c", "d"]]  # mean of 4 cross pairs: 0.125


@pytest.mark.parametrize("executor", ["serial", "local"])
def test_same_stories_with_serial_and_local(tmp_path, executor):
    import orjson

    src = tmp_path / "in.jsonl"
    src.write_bytes(b"".join(orjson.dumps(d.to_record()) + b"\n" for d in hand_written()))
    out = tmp_path / "out.jsonl"
    Pipeline.from_dict(
        {
            "stages": [
                {"read_jsonl": {"paths": [str(src)], "shard_size": 1000}},
                {"stories": {"min_line_words": 4}},
                {"write_jsonl": {"path": str(out)}},
            ]
        }
    ).run(executor=executor, workers=2, run_dir=tmp_path / "run")
    records = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    expected, _ = run(hand_written(), min_line_words=4)
    assert [(r["id"], r["meta"]["story"], r["meta"]["story_size"]) for r in records] == [
        (d.id, d.meta["story"], d.meta["story_size"]) for d in expected
    ]
