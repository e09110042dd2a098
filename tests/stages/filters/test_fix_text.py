"""fix_text: ftfy's repairs, with ftfy's options."""

from __future__ import annotations

from corpuskit._stages.filters.fix_text import FixText


def test_repairs_mojibake_and_counts_changes(run_stage):
    out = run_stage(FixText(), ["The mayorâ€™s office said cafÃ© owners agreed.", "Nothing to fix here."])
    assert out.texts == ["The mayor's office said café owners agreed.", "Nothing to fix here."]
    assert out.stats.counters["changed"] == 1


def test_options_are_ftfys(run_stage):
    text = "“Quoted” ﬁnal ＡＢＣ"
    assert run_stage(FixText(), [text]).texts == ['"Quoted" final ABC']
    kept = run_stage(FixText(uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False), [text])
    assert kept.texts == [text]


def test_html_entities_and_control_characters(run_stage):
    out = run_stage(FixText(), ["Fish &amp; chips\x1b[31m red\x1b[0m"])
    assert out.texts == ["Fish & chips red"]
