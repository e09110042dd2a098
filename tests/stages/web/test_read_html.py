"""read_html: decoding (BOM, meta charset, lying labels, detection), canonical URL, bad pages as rejects."""

from __future__ import annotations

import gzip

from corpuskit._stages.web.charset import decode_page
from corpuskit._stages.web.html_reader import ReadHtml
from tests.helpers import read_all
from tests.stages.web.webpages import article_page


def test_one_document_per_page_with_meta(tmp_path):
    (tmp_path / "a.html").write_text(article_page(), encoding="utf-8")
    (tmp_path / "b.htm.gz").write_bytes(gzip.compress(article_page(title="Second").encode()))
    docs = read_all(ReadHtml(paths=(str(tmp_path / "*"),)))
    assert [d.id for d in docs] == ["a", "b"]
    assert docs[0].meta == {"source": {"path": str(tmp_path / "a.html")}, "content_type": "text/html",
                            "charset": "utf-8", "url": "https://velmarherald.example/harbour/breakwater"}
    assert "<title>Second | Velmar Herald</title>" in docs[1].text


def test_meta_charset_decides_and_a_lying_label_is_passed_over(tmp_path):
    latin = article_page(title="Café au port", charset="iso-8859-1").encode("iso-8859-1")
    (tmp_path / "latin.html").write_bytes(latin)
    lying = article_page(title="Café au port", charset="iso-8859-1").encode("utf-8")  # says latin-1, is UTF-8
    (tmp_path / "lying.html").write_bytes(lying)
    docs = read_all(ReadHtml(paths=(str(tmp_path / "*.html"),)))
    assert [(d.id, d.meta["charset"]) for d in docs] == [("latin", "iso8859-1"), ("lying", "utf-8")]
    assert all("Café au port" in d.text for d in docs)


def test_unknown_label_falls_back_to_detection():
    russian = ("Городской совет утвердил новое расписание ночных паромов после долгого обсуждения.",
               "Жители прибрежных районов давно просили продлить работу переправы до полуночи.")
    page = article_page(title="Ночные паромы", paragraphs=russian, charset="x-unknown-charset",
                        site="Вестник").encode("cp1251", errors="replace")
    decoded = decode_page(page)
    assert decoded.how == "detected"
    assert "Ночные паромы" in decoded.text


def test_bom_wins():
    page = "<html><body><p>Grüße</p></body></html>".encode("utf-16")  # with its BOM
    assert decode_page(page).text == "<html><body><p>Grüße</p></body></html>"


def test_empty_binary_pages_are_rejected_with_their_path(tmp_path):
    (tmp_path / "empty.html").write_bytes(b"  \n")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "good.html").write_text(article_page())
    rejects: list = []
    docs = read_all(ReadHtml(paths=(str(tmp_path / "*.html"),)), rejects)
    assert [d.id for d in docs] == ["good"]
    assert [(r["reason"], r["detail"]) for r in rejects] == [
        ("empty page", f"{tmp_path / 'empty.html'}: the page has no content"),
        ("not text", f"{tmp_path / 'image.html'}: NUL byte at byte offset 8: not a text page"),
    ]
    assert rejects[1]["document"]["text"].startswith("\\x89PNG")  # the bytes are kept
