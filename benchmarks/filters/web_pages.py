"""Web-like page texts written for corpuskit: what extract_html leaves of real pages.

Articles with their menus, cookie notices and footers; copies of one article under another
site's furniture; pages in German, French and Spanish; a page mixing English and German;
spam keyword lists, a 'page not found', lorem ipsum, a script notice, a code listing, a
page of bullets, a page that repeats itself, contact pages holding e-mail addresses and
phone numbers. ``pages()`` gives the fixed set behind seeds/web/pages.jsonl (built by
``python benchmarks/filters/build_web_seeds.py``); ``many(n)`` recombines the paragraphs
into ``n`` distinct pages for benchmarks.
"""

from __future__ import annotations

import random
from typing import Any

MENU = "Home | News | Sport | Weather | Contact"
COOKIES = "We use cookies to improve your experience. Accept all"
FOOTER = "© 2026 Riverside Gazette. All rights reserved."
SHARE = "Share this article\nFacebook\nTwitter\nEmail"

EN = [
    "The Riverside council voted on Tuesday evening to extend the opening hours of the public library "
    "through the winter months, after a petition signed by more than two thousand residents asked for "
    "longer evenings in the reading rooms.",
    "Library staff said the change would cost about forty thousand pounds a year, most of it for heating "
    "and two additional part-time posts, and that the money would come from the reserve set aside for "
    "repairs to the roof, which were finished early.",
    "Councillor Maya Okafor, who chairs the culture committee, told the meeting that the reading rooms had "
    "become a warm place for students and older residents alike. \"People come here because it is quiet "
    "and because it is open to everyone,\" she said.",
    "Not everyone agreed. Two members argued that the reserve should stay untouched until the spring "
    "budget, and one asked whether volunteers could cover the evening shifts instead of paid staff.",
    "The new hours begin on the first Monday of November. The library will close at nine in the evening "
    "on weekdays and at six on Saturdays, and the children's section will host homework clubs twice a week.",
    "Heavy rain flooded the underpass near the railway station on Sunday night, and the fire service "
    "pumped water from three basements on Mill Street before the morning rush hour began.",
    "Engineers from the water company said a blocked drain had made the flooding worse. They cleared it "
    "on Monday and promised to inspect the other drains along the river before the next storm arrives.",
    "Residents on Mill Street have complained about the drains for years. One shop owner said she had "
    "moved her stock upstairs twice since the summer and was tired of waiting for a lasting repair.",
    "The town's football club won its third match in a row on Saturday, beating the visitors by two "
    "goals to one in front of a crowd of almost four thousand, the largest of the season so far.",
    "The winning goal came ten minutes before the end, when the young striker turned past two defenders "
    "and shot low into the corner. The coach said afterwards that the team had finally found its rhythm.",
    "A new bus route linking the hospital with the northern estates will start running next month, the "
    "transport authority announced, with buses every twenty minutes from six in the morning until midnight.",
    "Patients and staff had asked for the route since the old service was cut three years ago. The "
    "authority said the buses would be electric and that the fares would match those of the town routes.",
]
DE = [
    "Der Gemeinderat hat am Dienstagabend beschlossen, die Öffnungszeiten der Stadtbibliothek im Winter "
    "zu verlängern, nachdem mehr als zweitausend Einwohner eine Petition unterschrieben hatten.",
    "Die Mitarbeiter der Bibliothek sagten, die Änderung koste etwa vierzigtausend Euro im Jahr, vor allem "
    "für die Heizung und zwei zusätzliche Teilzeitstellen, und das Geld komme aus der Rücklage für das Dach.",
    "Nicht alle waren einverstanden. Zwei Mitglieder meinten, die Rücklage solle bis zum Frühjahr unberührt "
    "bleiben, und eines fragte, ob Ehrenamtliche die Abendschichten übernehmen könnten.",
]
FR = [
    "Le conseil municipal a voté mardi soir la prolongation des horaires d'ouverture de la bibliothèque "
    "pendant l'hiver, après une pétition signée par plus de deux mille habitants de la ville.",
    "Selon le personnel, ce changement coûtera environ quarante mille euros par an, surtout pour le "
    "chauffage et deux postes à temps partiel, financés par la réserve prévue pour la toiture.",
]
ES = [
    "El ayuntamiento aprobó el martes por la noche ampliar el horario de la biblioteca pública durante el "
    "invierno, después de que más de dos mil vecinos firmaran una petición para poder leer hasta más tarde.",
    "Según el personal, el cambio costará unos cuarenta mil euros al año, sobre todo en calefacción y dos "
    "puestos a tiempo parcial, y el dinero saldrá de la reserva destinada a reparar el tejado.",
]


def _article(paragraphs: list[str], furniture: bool = True) -> str:
    body = "\n\n".join(paragraphs)
    if not furniture:
        return body
    return f"{MENU}\n{COOKIES}\n\n{body}\n\n{SHARE}\n{FOOTER}"


def pages() -> list[dict[str, Any]]:
    """The fixed page set of seeds/web/pages.jsonl, in order."""
    out: list[tuple[str, str]] = [
        ("library-hours", _article(EN[0:5])),
        ("library-hours-copy", "Latest | Local | Opinion | Subscribe\n\n" + "\n\n".join(EN[0:5])
         + "\n\nRead more local news\nNewsletter sign-up"),
        ("flood", _article(EN[5:8])),
        ("football", _article(EN[8:10] + EN[0:1])),
        ("bus-route", _article(EN[10:12] + EN[5:6])),
        ("library-de", _article(DE)),
        ("library-fr", _article(FR)),
        ("library-es", _article(ES)),
        ("mixed-en-de", "\n\n".join(EN[5:8]) + "\n\nKommentare\n\n" + "\n\n".join(DE[:2])),
        ("not-found", "Page not found\nThe page you requested could not be found.\nGo back home"),
        ("spam-keywords", "cheap flights cheap hotels cheap cars best price best deal buy now " * 12),
        ("lorem", _article(["Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
                            "incididunt ut labore et dolore magna aliqua.", *EN[10:12]])),
        ("javascript", "Please enable JavaScript to view this page.\n\n" + "\n\n".join(EN[8:10]) + "\n\n"
         + EN[6]),
        ("code-listing", "function init() {\n  var x = document.getElementById('menu');\n  x.style.display = "
                         "'none';\n}\n" * 6),
        ("bullets", "\n".join(f"• item number {i} in the list of things to buy this week" for i in range(40))),
        ("repetitive", "\n".join(["Breaking news: the market is open today."] * 30)),
        ("contact", _article([
            "You can reach the newsroom by e-mail at newsdesk@riverside-gazette.example.com or by phone on "
            "(415) 555-2671 between nine and five on weekdays, and our editor reads every letter.",
            "Advertising enquiries go to ads@riverside-gazette.example.com. For corrections, write to the "
            "readers' editor, who publishes them every Friday on page two of the printed edition.",
            "Payments for subscriptions can be made to the account IBAN GB82 WEST 1234 5698 7654 32, quoting "
            "your reader number, or by card over the telephone.",
            *EN[10:12], *EN[3:5],
        ])),
        ("letters", _article([
            "A reader wrote to us from the northern estates to say that the new bus route will change her "
            "week. She used to walk forty minutes to the hospital, where she volunteers on Wednesdays.",
            "Another reader disagreed with our report on the library. He argued that the roof reserve exists "
            "for a reason and that the council should not spend it on heating. Write to us at "
            "letters@riverside-gazette.example.com with your view.",
            *EN[1:3],
        ])),
    ]
    return [{"id": page_id, "text": text, "meta": {"url": f"https://riverside-gazette.example.com/{page_id}"}}
            for page_id, text in out]


def many(n: int, seed: int = 13) -> list[dict[str, Any]]:
    """``n`` distinct pages: the fixed set's texts recombined (mostly English, some of each language)."""
    rng = random.Random(seed)
    pools = [EN] * 6 + [DE, FR, ES]
    out = []
    for i in range(n):
        pool = rng.choice(pools)
        body = rng.sample(pool, k=min(len(pool), rng.randint(2, 5)))
        out.append({"id": f"page-{i:06d}", "text": _article(body, furniture=rng.random() < 0.7) + f"\n\n#{i}",
                    "meta": {}})
    return out
