"""read_csv / write_csv: header mapping, quoting, embedded newlines, long fields, ragged rows, round trip."""

from __future__ import annotations

import gzip

import pytest

from corpuskit import DataError, InputError
from tests.helpers import read_jsonl, write_jsonl
from tests.stages.datasets.tables import run, without_source

RECORDS = [
    {"id": "a", "text": 'He said "hi", then left.\nA second line.', "meta": {"lang": "en", "n": 1, "tags": ["x"]}},
    {"id": "b", "text": "tab\there, comma, here", "meta": {"lang": "fr", "n": None, "nested": {"k": [1, 2]}}},
    {"id": "c", "text": "", "meta": {}},
]


def read(make_plugins, tmp_path, path, **params):
    result = run(make_plugins, {"read_csv": {"paths": [path], **params}}, {"write_jsonl": {"path": "out.jsonl"}})
    return read_jsonl(tmp_path / "out.jsonl"), result


@pytest.mark.parametrize("name", ["out.csv", "out.tsv", "out.csv.gz"])
def test_write_csv_reads_back_into_the_same_documents(make_plugins, tmp_path, name):
    write_jsonl(tmp_path / "in.jsonl", RECORDS)
    run(make_plugins, {"read_jsonl": {"paths": ["in.jsonl"]}}, {"write_csv": {"path": name}})
    back, _ = read(make_plugins, tmp_path, name)
    assert [(r["id"], r["text"], without_source(r["meta"])) for r in back] == \
           [(r["id"], r["text"], r["meta"]) for r in RECORDS]
    assert back[1]["meta"]["source"] == {"path": name, "line": 4}  # the first record spans lines 2-3


def test_written_csv_quotes_what_needs_it(make_plugins, tmp_path):
    write_jsonl(tmp_path / "in.jsonl", RECORDS)
    run(make_plugins, {"read_jsonl": {"paths": ["in.jsonl"]}}, {"write_csv": {"path": "o.csv", "columns": ["lang"],
                                                                               "meta_json": False}})
    assert (tmp_path / "o.csv").read_text() == (
        'id,text,lang\na,"He said ""hi"", then left.\nA second line.",en\nb,"tab\there, comma, here",fr\nc,,\n')
    run(make_plugins, {"read_jsonl": {"paths": ["in.jsonl"]}}, {"write_csv": {"path": "o.tsv", "columns": ["n"],
                                                                               "meta_json": False}})
    assert (tmp_path / "o.tsv").read_text() == (
        'id\ttext\tn\na\t"He said ""hi"", then left.\nA second line."\t1\nb\t"tab\there, comma, here"\t\nc\t\t\n')


def test_header_mapping_and_default_ids(make_plugins, tmp_path):
    (tmp_path / "in.csv").write_text("title,body,lang\nT1,First body,en\nT2,Second body,fr\n")
    records, _ = read(make_plugins, tmp_path, "in.csv", text_field="body", columns=["lang"])
    assert records == [
        {"id": "in:2", "text": "First body", "meta": {"lang": "en", "source": {"path": "in.csv", "line": 2}}},
        {"id": "in:3", "text": "Second body", "meta": {"lang": "fr", "source": {"path": "in.csv", "line": 3}}}]


def test_a_very_long_field_is_read_whole(make_plugins, tmp_path):
    long = "word " * 100_000  # 500 kB: over the csv module's default field limit (128 kB)
    (tmp_path / "in.csv").write_text(f'id,text\na,"{long}"\nb,short\n')
    records, _ = read(make_plugins, tmp_path, "in.csv")
    assert [len(r["text"]) for r in records] == [len(long), 5]


def test_a_ragged_row_is_rejected_with_file_and_line(make_plugins, tmp_path):
    (tmp_path / "in.csv").write_text('id,text,lang\na,"one\ntwo",en\nb,extra,en,field\nc,fine,fr\nd,short\n')
    records, result = read(make_plugins, tmp_path, "in.csv")
    assert [r["id"] for r in records] == ["a", "c"]
    rejects = read_jsonl(result.rejects)
    assert [(r["reason"], r["detail"]) for r in rejects] == [
        ("ragged row", "in.csv:4: 4 fields, the header has 3"), ("ragged row", "in.csv:6: 2 fields, the header has 3")]
    assert rejects[0]["document"]["text"] == "b,extra,en,field"


def test_a_missing_column_is_an_error_at_planning(make_plugins, tmp_path):
    (tmp_path / "in.tsv").write_text("id\ttexts\nx\ty\n")
    with pytest.raises(InputError) as info:
        read(make_plugins, tmp_path, "in.tsv")
    assert str(info.value) == ("<dict>: read_csv.text_field: 'in.tsv' has no column 'text' (its columns: id, texts)\n"
                               "  hint: did you mean 'texts'? set text_field to one of the file's columns")


def test_files_whose_headers_differ_are_an_error(make_plugins, tmp_path):
    (tmp_path / "a.csv").write_text("id,text,lang\n1,x,en\n")
    (tmp_path / "b.csv").write_text("id,text\n2,y\n")
    with pytest.raises(InputError, match=r"'b.csv' has no column 'lang', which 'a.csv' has"):
        read(make_plugins, tmp_path, "*.csv")


def test_a_field_over_max_document_bytes_stops_the_run_naming_the_line(make_plugins, tmp_path):
    (tmp_path / "in.csv").write_text("id,text\na,short\nb," + "x" * 500 + "\n")
    with pytest.raises(DataError, match=r"in.csv:3: field larger than field limit"):
        read(make_plugins, tmp_path, "in.csv", max_document_bytes=100)


def test_compressed_input_and_quoting_none(make_plugins, tmp_path):
    (tmp_path / "in.tsv.gz").write_bytes(gzip.compress(b'id\ttext\na\the said "so\n'))
    records, _ = read(make_plugins, tmp_path, "in.tsv.gz", quoting="none")
    assert records[0]["text"] == 'he said "so'
