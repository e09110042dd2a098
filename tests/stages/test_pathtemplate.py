"""Output path templates: parsing, safe values, numbered names."""

from __future__ import annotations

import pytest

from corpuskit._stages.pathtemplate import MAX_PIECE_BYTES, PathTemplate, TemplateError, numbered, safe_piece


@pytest.mark.parametrize(("path", "n", "expected"), [
    ("out/docs.jsonl", 0, "out/docs-00000.jsonl"),
    ("out/docs.jsonl.zst", 12, "out/docs-00012.jsonl.zst"),
    ("out/docs.jsonl.gz", 3, "out/docs-00003.jsonl.gz"),
    ("out/a.b.parquet", 1, "out/a.b-00001.parquet"),
    ("docs", 7, "docs-00007"),
    ("out/en/part.jsonl", 123456, "out/en/part-123456.jsonl"),
])
def test_numbered_names_put_the_number_before_the_extension(path, n, expected):
    assert numbered(path, n) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("en", "en"),
    ("..", "__"),
    (".", "_"),
    (".hidden", "_hidden"),
    ("a/b", "a_b"),
    ("/etc/passwd", "_etc_passwd"),
    ("../../x", "___.._x"),  # one piece: the dots inside climb nowhere
    ("a\\b", "a_b"),
    ("new\nline\x00nul", "new_line_nul"),
    ("two words", "two_words"),
    ("français-中文", "français-中文"),
    ("v1.2_final=ok+@,", "v1.2_final=ok+@,"),
])
def test_values_become_one_safe_piece_of_a_file_name(value, expected):
    assert safe_piece(value) == expected


def test_a_very_long_value_is_cut_and_ends_with_a_hash_of_the_whole():
    a, b = safe_piece("x" * 300 + "a"), safe_piece("x" * 300 + "b")
    assert len(a.encode()) == MAX_PIECE_BYTES and a != b
    assert a.startswith("x" * 50)
    long_utf8 = safe_piece("é" * 200)
    assert len(long_utf8.encode()) <= MAX_PIECE_BYTES
    long_utf8.encode().decode()  # never cut inside a character


def test_render_names_each_document_file_and_rejects_naming_the_field():
    t = PathTemplate.parse("out/{meta.site.host}/{meta.lang}-{id}.jsonl")
    assert t.fields == ("meta.site.host", "meta.lang", "id")
    assert t.static_dir() == "out"
    assert t.render("d/1", {"site": {"host": "a.com"}, "lang": "en"}) == "out/a.com/en-d_1.jsonl"
    assert t.render("d1", {"site": {"host": "a"}, "lang": 3}) == "out/a/3-d1.jsonl"
    assert t.render("d1", {"site": {"host": "a"}, "lang": True}) == "out/a/true-d1.jsonl"
    needs = "the path template 'out/{meta.site.host}/{meta.lang}-{id}.jsonl' needs"
    for meta in ({"site": {"host": "a"}}, {"site": {"host": "a"}, "lang": None},
                 {"site": {"host": "a"}, "lang": ""}):
        assert t.render("d1", meta) == ("output path: no meta.lang", f"{needs} meta.lang")
    assert t.render("d1", {"site": "flat", "lang": "en"}) == ("output path: no meta.site.host",
                                                              f"{needs} meta.site.host")
    assert t.render("d1", {"site": {"host": ["a"]}, "lang": "en"}) == (
        "output path: meta.site.host is not a scalar", f"meta.site.host is a list; {needs} a string or a number")


def test_static_dir_and_literal_braces():
    assert PathTemplate.parse("{id}.jsonl").static_dir() == "."
    assert PathTemplate.parse("/data/out/{id}.jsonl").static_dir() == "/data/out"
    assert PathTemplate.parse("out/docs.jsonl").static_dir() == "out"
    plain = PathTemplate.parse("out/{{x}}.jsonl")
    assert not plain.is_template and plain.render("d", {}) == "out/{x}.jsonl"


@pytest.mark.parametrize(("path", "message"), [
    ("out/{text}.jsonl", "{text} in 'out/{text}.jsonl' is not a document field: write {id} or {meta.KEY} "
                         "(nested: {meta.a.b})"),
    ("out/{meta}.jsonl", "{meta} in 'out/{meta}.jsonl' is not a document field"),
    ("out/{}.jsonl", "{} in 'out/{}.jsonl' is not a document field"),
    ("out/{id:>4}.jsonl", "the field {id} in 'out/{id:>4}.jsonl' has a format or a conversion"),
    ("out/{id.jsonl", "expected '}' before end of string in the path template 'out/{id.jsonl'; "
                      "write {{ and }} for literal braces"),
])
def test_bad_templates_say_why(path, message):
    with pytest.raises(TemplateError) as bad:
        PathTemplate.parse(path)
    assert str(bad.value).startswith(message)
