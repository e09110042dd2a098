"""The languages py3langid knows, and telling a user which one they meant.

The codes are those of the model that ships inside the py3langid package (0.4:
ISO 639-1 where one exists, else ISO 639-3; ``zxx`` is "no linguistic content").
``language_filter`` checks the codes of a pipeline file against this list when the
pipeline is validated, without loading the model; a test checks the list against the
installed model.
"""

from __future__ import annotations

import functools
from typing import Any

from corpuskit._errors import closest

__all__ = ["LANGUAGES", "identifier", "suggest_language"]

_CODES = (
    "ace af am an ar ary arz as az ba bcl be bg bn br bs ca crh cs cy da de dz el en eo es et eu ext "
    "fa fi fo fr fuv fy ga gcf gcr gd gl gom grc gu gug guw ha hbo he hi hr ht hu hy id ig is it ja "
    "jv ka kab kik kk km kn ko ku ky la lb lg lij ln lo lt ltg lv mg mk ml mn mr ms mt my ne nl nn "
    "no nso oc om or pa pcm pl ps pt qu ro ru rw sa sdh se si sk sl sn so sq sr st sv sw ta te tg th "
    "tk tl tr tt ug uk ur uz uzs vec vi vo wa wuu xh yo yue zh zu zxx"
)
LANGUAGES = frozenset(_CODES.split())
"""Every label of py3langid's bundled model."""


@functools.cache
def identifier() -> Any:
    """py3langid's identifier with probabilities normalised to 0..1, loaded once per process."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def suggest_language(code: str) -> str:
    """A hint for an unknown code: the ISO 639-1 code of a language name or 3-letter code, else the closest code."""
    guess = _iso_guess(code)
    if guess is None or guess not in LANGUAGES:
        guess = closest(code.lower(), LANGUAGES)
    listing = ", ".join(sorted(LANGUAGES))
    if guess:
        return f"did you mean '{guess}'? codes are py3langid's (ISO 639-1 where one exists): {listing}"
    return f"codes are py3langid's (ISO 639-1 where one exists): {listing}"


def _iso_guess(code: str) -> str | None:
    """``eng`` / ``English`` / ``en-US`` -> ``en`` through pycountry's ISO 639 tables."""
    import pycountry

    head = code.replace("_", "-").split("-")[0]
    for candidate in (code, head):
        if candidate.lower() in LANGUAGES:
            return candidate.lower()
        try:
            found = pycountry.languages.lookup(candidate)
        except LookupError:
            continue
        alpha2 = getattr(found, "alpha_2", None)
        return str(alpha2) if alpha2 else str(found.alpha_3)
    return None
