"""Build seeds/html/news.warc.gz: the project's own news pages rendered as web pages, in a WARC.

    python benchmarks/web/build_news_warc.py [--out seeds/html/news.warc.gz]

The articles are tests/data/news/ (pages written for the project: invented outlets, people
and events); each gold file gives the article paragraphs, headline, byline, outlet, date and
language. They are rendered into three site templates modelled on common news sites
(navigation, breadcrumbs, teaser blocks inside and after the article, share and newsletter
prompts, photo captions, comments, footers) that state their metadata in different ways:

- ``portal``: JSON-LD ``NewsArticle``, OpenGraph and ``article:`` tags, ``<time>``, a byline link;
- ``regional``: OpenGraph, ``<meta name=author>``, ``<time class=published>``, reader comments, no JSON-LD;
- ``plain``: only ``<title>``, a ``<time>`` element and a "By ..." byline in the markup.

One page is crawled twice (a near-duplicate for minhash). Every record has a fixed id and
date, so the file is byte-for-byte reproducible (warcio writes gzip members with no mtime).
"""

from __future__ import annotations

import argparse
import hashlib
import html
import io
import json
import re
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FOOTER_LINKS = '<ul><li><a href="/imprint">Imprint</a></li><li><a href="/privacy">Privacy</a></li></ul>'
REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "tests/data/news/gold"
RECRAWLED = "de_regional"  # fetched twice: the second copy is a near-duplicate
CRAWL_DATE = "2025-06-30T12:00:00Z"
SITE_WORDS = {
    "en": ("Home", "News", "Business", "Sport", "Culture", "Opinion", "Read more", "Share this article",
           "Sign up for our morning newsletter: the day's top stories in your inbox before 7am.", "Most read"),
    "de": ("Startseite", "Nachrichten", "Wirtschaft", "Sport", "Kultur", "Meinung", "Lesen Sie auch",
           "Artikel teilen", "Abonnieren Sie unseren Newsletter: die wichtigsten Nachrichten jeden Morgen.",
           "Meistgelesen"),
    "fr": ("Accueil", "Actualité", "Économie", "Sport", "Culture", "Opinion", "À lire aussi", "Partager l'article",
           "Inscrivez-vous à notre lettre d'information : l'essentiel de l'actualité chaque matin.", "Les plus lus"),
    "es": ("Portada", "Noticias", "Economía", "Deportes", "Cultura", "Opinión", "Lea también", "Compartir",
           "Suscríbase a nuestro boletín: las noticias más importantes cada mañana en su correo.", "Lo más leído"),
    "it": ("Home", "Notizie", "Economia", "Sport", "Cultura", "Opinioni", "Leggi anche", "Condividi",
           "Iscriviti alla nostra newsletter: le notizie più importanti ogni mattina.", "I più letti"),
    "pt": ("Início", "Notícias", "Economia", "Esporte", "Cultura", "Opinião", "Leia também", "Compartilhe",
           "Assine nossa newsletter: as principais notícias todas as manhãs no seu e-mail.", "Mais lidas"),
    "nl": ("Home", "Nieuws", "Economie", "Sport", "Cultuur", "Opinie", "Lees ook", "Deel dit artikel",
           "Meld je aan voor onze nieuwsbrief: elke ochtend het belangrijkste nieuws.", "Meest gelezen"),
    "ru": ("Главная", "Новости", "Экономика", "Спорт", "Культура", "Мнения", "Читайте также", "Поделиться",
           "Подпишитесь на нашу рассылку: главные новости каждое утро.", "Самое читаемое"),
}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:60] or "page"


def site_host(gold: dict, name: str) -> str:
    outlet = gold.get("publisher") or (gold.get("author") or name)
    return slug(outlet).replace("-", "") + ".example"


def render(name: str, gold: dict, template: str, teasers: list[str]) -> tuple[str, str]:
    """``(url, html)`` of one article rendered with ``template``."""
    e = html.escape
    lang = gold.get("language") or "en"
    words = SITE_WORDS.get(lang, SITE_WORDS["en"])
    title, author = gold.get("title") or name, gold.get("author")
    site, date = gold.get("publisher"), gold.get("published")
    host = site_host(gold, name)
    url = f"https://www.{host}/{date.replace('-', '/') + '/' if date else ''}{slug(title)}"
    paragraphs = [f"<p>{e(p)}</p>" for p in gold["article_lines"]]
    links = "".join(f'<li><a href="/t/{i}">{e(t)}</a></li>' for i, t in enumerate(teasers[:2]))
    teaser_block = f'<aside class="related"><h4>{e(words[6])}</h4><ul>{links}</ul></aside>'
    if len(paragraphs) > 3:
        paragraphs.insert(len(paragraphs) // 2, teaser_block)
    caption = (f'<figure><img src="/img/{slug(title)}.jpg" alt="">'
               f"<figcaption>{e(title)}. Photo: {e(site or host)}</figcaption></figure>")
    head = [f'<meta charset="utf-8"><title>{e(title)}{" | " + e(site) if site else ""}</title>',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<link rel="canonical" href="{url}">']
    byline = ""
    marked = ' class="published"' if template == "regional" else ""
    time_el = f'<time{marked} datetime="{date}T07:45:00+01:00">{date}</time>' if date else ""
    if template == "portal":
        ld: dict = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                    "mainEntityOfPage": url, "inLanguage": lang}
        if date:
            ld["datePublished"] = f"{date}T07:45:00+01:00"
            ld["dateModified"] = f"{date}T09:10:00+01:00"
        if author:
            ld["author"] = [{"@type": "Person", "name": author}]
        if site:
            ld["publisher"] = {"@type": "NewsMediaOrganization", "name": site}
        head.append(f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>')
        head += [f'<meta property="og:type" content="article"><meta property="og:title" content="{e(title)}">',
                 f'<meta property="og:url" content="{url}">']
        if site:
            head.append(f'<meta property="og:site_name" content="{e(site)}">')
        if date:
            head.append(f'<meta property="article:published_time" content="{date}T07:45:00+01:00">')
        if author:
            byline = f'<div class="byline">By <a rel="author" href="/authors/{slug(author)}">{e(author)}</a></div>'
    elif template == "regional":
        head.append(f'<meta property="og:title" content="{e(title)}">')
        if site:
            head.append(f'<meta property="og:site_name" content="{e(site)}">')
        if author:
            head.append(f'<meta name="author" content="{e(author)}">')
            byline = f'<p class="author vcard"><span class="fn">{e(author)}</span></p>'
    elif author:
        byline = f'<p class="byline">By {e(author)}</p>'
    nav = "".join(f'<li><a href="/{slug(w)}">{e(w)}</a></li>' for w in words[:6])
    related = "".join(f'<li><a href="/r/{i}">{e(t)}</a></li>' for i, t in enumerate(teasers[2:6]))
    comments = ""
    if template == "regional":
        comments = ('<section id="comments"><h3>2 comments</h3>'
                    '<div class="comment"><b>riverwatcher</b> <span>3 hours ago</span><p>About time!</p></div>'
                    '<div class="comment"><b>M. Okoro</b> <span>1 hour ago</span><p>Who pays for it?</p></div>'
                    "</section>")
    body = f"""<header><div class="masthead"><a href="/">{e(site or host)}</a></div>
<nav><ul>{nav}</ul></nav></header>
<div class="breadcrumb"><a href="/">{e(words[0])}</a> › <a href="/news">{e(words[1])}</a></div>
<main><article><h1>{e(title)}</h1>
{byline}<div class="meta">{time_el}</div>
{caption}
<div class="article-body">
{chr(10).join(paragraphs)}
</div>
<div class="share"><span>{e(words[7])}</span> <a href="#">Facebook</a> <a href="#">X</a> <a href="#">E-mail</a></div>
<div class="newsletter"><p>{e(words[8])}</p></div>
</article>
{comments}
<aside class="most-read"><h3>{e(words[9])}</h3><ol>{related}</ol></aside></main>
<footer><p>© 2025 {e(site or host)}</p>{FOOTER_LINKS}</footer>"""
    page = f'<!DOCTYPE html>\n<html lang="{lang}"><head>{"".join(head)}</head>\n<body>{body}</body></html>\n'
    return url, page


def fixed_headers(key: str) -> dict[str, str]:
    digest = hashlib.sha1(key.encode()).hexdigest()
    uuid = f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
    return {"WARC-Record-ID": f"<urn:uuid:{uuid}>", "WARC-Date": CRAWL_DATE}


def build() -> bytes:
    pages = REPO / "tests/data/news/pages"  # the seeds' gold files are left out: only pages written here
    golds = {p.name.removesuffix(".gold.json"): json.loads(p.read_text(encoding="utf-8"))
             for p in sorted(GOLD.glob("*.gold.json")) if (pages / p.name.replace(".gold.json", ".txt")).exists()}
    titles = [g.get("title") or n for n, g in golds.items()]
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    info = writer.create_warcinfo_record("news.warc.gz", {"software": "corpuskit build_news_warc.py",
                                                           "description": "pages written for the corpuskit project"})
    info.rec_headers.replace_header("WARC-Record-ID", fixed_headers("warcinfo")["WARC-Record-ID"])
    info.rec_headers.replace_header("WARC-Date", CRAWL_DATE)
    writer.write_record(info)
    names = [*golds, RECRAWLED]
    for i, name in enumerate(names):
        gold = golds[name]
        template = ("portal", "regional", "plain")[i % 3]
        teasers = [t for t in titles[i + 1:] + titles[:i] if t != gold.get("title")][:6]
        url, page = render(name, gold, template, teasers)
        key = f"{name}#{i}"
        req = StatusAndHeaders(f"GET {url.split('/', 3)[3]} HTTP/1.1", [("Host", url.split("/")[2])],
                               is_http_request=True)
        writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=req,
                                                      warc_headers_dict=fixed_headers(key + "/request")))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(page.encode("utf-8")),
                                                      http_headers=headers,
                                                      warc_headers_dict=fixed_headers(key + "/response")))
    return buf.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "seeds/html/news.warc.gz")
    args = parser.parse_args()
    data = build()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"{args.out}: {len(data)} bytes")


if __name__ == "__main__":
    main()
