"""Small web pages written for the tests, and WARC files built from them with warcio."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PARAGRAPHS = (
    "The harbour authority of Port Velmar said on Monday that the new breakwater will be finished before the "
    "autumn storms, two years after the old one collapsed during a gale.",
    "Engineers poured the last concrete blocks last week, and divers are now checking the foundations along the "
    "four hundred metres of the wall, the authority's director told reporters.",
    "Fishermen who moved their boats to a neighbouring bay during the works said they hoped to return by October, "
    "when the season for sardines begins again in the gulf.",
)


def article_page(title: str = "Breakwater nears completion in Port Velmar", paragraphs: tuple[str, ...] = PARAGRAPHS,
                 *, author: str = "Mara Quell", date: str = "2024-03-05", site: str = "Velmar Herald",
                 furniture: str = "Subscribe to the Velmar Herald newsletter for the week's best local stories.",
                 charset: str = "utf-8", url: str = "https://velmarherald.example/harbour/breakwater") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="{charset}"><title>{title} | {site}</title>
<link rel="canonical" href="{url}">
<meta property="og:site_name" content="{site}"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{date}T08:30:00Z">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "{title}", "datePublished": "{date}T08:30:00Z", "author": {{"@type": "Person", "name": "{author}"}},
 "publisher": {{"@type": "Organization", "name": "{site}"}}}}</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>{title}</h1><p class="byline">By <a rel="author" href="/staff/mq">{author}</a>
<time datetime="{date}T08:30:00Z">5 March 2024</time></p>
{body}
<p>{furniture}</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Council votes on bus lanes</a></li>
<li><a href="/b">Ferry fares rise</a></li></ul></aside>
<footer><p>© 2024 {site}. All rights reserved.</p></footer></body></html>"""


def write_warc(path: Path, pages: list[tuple[str, bytes, str]], *, gzip: bool = True,
               extra: bool = True) -> Path:
    """A WARC of ``(url, body, content type)`` responses, with request/metadata records when ``extra``."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    for url, body, content_type in pages:
        if extra:
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "velmarherald.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=req))
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
        if extra:
            writer.write_record(writer.create_warc_record(url, "metadata", payload=io.BytesIO(b"fetchTimeMs: 12\n"),
                                                          warc_content_type="application/warc-fields"))
    path.write_bytes(buf.getvalue())
    return path
