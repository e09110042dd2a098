"""``pii``: redact (or reject, or annotate) e-mail and IP addresses, phone, card and IBAN numbers."""

from __future__ import annotations

from typing import Any, Literal

import attrs

from corpuskit._document import Document
from corpuskit._errors import ParamError, did_you_mean
from corpuskit._stages.context import StageContext
from corpuskit._stages.filters.pii_detect import PII_TYPES, find_pii
from corpuskit._stages.kinds import Filter, param, stage
from corpuskit._stages.verdict import Rules, Verdict

__all__ = ["Pii"]

_ACTION_DOC = ("redact: replace each item with its typed placeholder and count them in meta.pii; "
               "reject: send documents holding any to the rejects; annotate: keep the text, write "
               "meta.pii = {counts..., keep, reason}")


def _known_types(instance: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for i, kind in enumerate(value):
        if kind not in PII_TYPES:
            raise ParamError(f"unknown type '{kind}'", param=attribute.name, within=(i,),
                             hint=did_you_mean(kind, PII_TYPES))


def _known_region(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    import phonenumbers

    if value not in phonenumbers.SUPPORTED_REGIONS:
        raise ParamError(f"unknown region '{value}'", param=attribute.name,
                         hint=did_you_mean(value.upper(), phonenumbers.SUPPORTED_REGIONS))


@stage("pii", kind="clean", writes=["pii"])
@attrs.frozen
class Pii(Filter):
    """Redacts personal data: e-mail and IP addresses, phone, payment card and IBAN numbers.

    Each item found is replaced with a typed placeholder (``<EMAIL>``, ``<IP>``,
    ``<PHONE>``, ``<CARD>``, ``<IBAN>``) and counted per type in ``meta.pii``
    (``{"email": 2, "phone": 1}``; no key when nothing was found). Checked, not just
    matched: card numbers by the Luhn checksum and their first digit, IBANs by their
    country's length and format and the mod-97 checksum (python-stdnum), phone numbers by
    libphonenumber's numbering plans (numbers written without ``+`` are read in
    ``phone_region``), IP addresses by :mod:`ipaddress` (private, loopback and reserved
    addresses are kept unless ``public_ips_only: false``). ``action: reject`` rejects
    documents that hold any (reason ``contains email``, detail ``2 email``);
    ``action: annotate`` keeps text and documents and writes the counts with the verdict.
    See docs/filters.md.
    """

    types: tuple[str, ...] = param(PII_TYPES, doc="what to find: email, ip, phone, card, iban",
                                   validator=_known_types)
    action: Literal["redact", "reject", "annotate"] = param(
        "redact", doc=_ACTION_DOC, validator=attrs.validators.in_(("redact", "reject", "annotate")))
    placeholder: str = param("<{TYPE}>", doc="what replaces an item: {TYPE} is EMAIL, IP, PHONE, CARD or IBAN, "
                                             "{type} the same in lower case")
    phone_region: str = param("US", doc="region (ISO 3166 alpha-2) whose national format numbers without "
                                        "+country code are read in", validator=_known_region)
    public_ips_only: bool = param(True, doc="redact only public IP addresses (not 10.x, 192.168.x, 127.x, ...)")

    def keep(self, doc: Document, ctx: StageContext) -> Verdict:
        spans = find_pii(doc.text, self.types, region=self.phone_region, public_ips_only=self.public_ips_only)
        found = [kind for _, _, kind in spans]
        counts = {kind: found.count(kind) for kind in PII_TYPES if kind in found}
        rules = Rules(measure_all=True)
        for kind, n in counts.items():
            rules.record(kind, n)
            ctx.count(f"{kind} found", n)
        if self.action != "redact":
            first = next(iter(counts), None)
            if first is not None:
                rules.fail(f"contains {first}", ", ".join(f"{n} {kind}" for kind, n in counts.items()))
            return rules.verdict()
        if not spans:
            return rules.verdict()
        return rules.verdict(Document(doc.id, self._redact(doc.text, spans), {**doc.meta, "pii": counts}))

    def _redact(self, text: str, spans: list[tuple[int, int, str]]) -> str:
        parts: list[str] = []
        last = 0
        for start, end, kind in spans:
            parts.append(text[last:start])
            parts.append(self.placeholder.replace("{TYPE}", kind.upper()).replace("{type}", kind))
            last = end
        parts.append(text[last:])
        return "".join(parts)
