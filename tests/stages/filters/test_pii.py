"""pii: what is found (and what is not), placeholders, counts, reject and annotate."""

from __future__ import annotations

import pytest

from corpuskit import ConfigError, Pipeline
from corpuskit._stages.filters.pii import Pii
from corpuskit._stages.filters.pii_detect import find_pii


def _found(text, types=("email", "ip", "phone", "card", "iban"), region="US", public_ips_only=True):
    return [(text[s:e], kind) for s, e, kind in find_pii(text, types, region=region, public_ips_only=public_ips_only)]


@pytest.mark.parametrize("text, expected", [
    ("Write to maria.lopez+news@city-hall.example.org today.", [("maria.lopez+news@city-hall.example.org", "email")]),
    ("Not an address: @handle, user@, a@b, x@localhost", []),
    ("Server 93.184.216.34 answered; 10.0.0.7 and 127.0.0.1 are private.", [("93.184.216.34", "ip")]),
    ("Version 1.2.3 and 300.1.2.3 are not addresses.", []),
    ("Reach 2001:4860:4860::8888 or fe80::1 or ::1.", [("2001:4860:4860::8888", "ip")]),
    ("At 10:30:45 the clock struck.", []),
    ("Pay with 4111 1111 1111 1111 or 5500-0000-0000-0004.", [("4111 1111 1111 1111", "card"),
                                                           ("5500-0000-0000-0004", "card")]),
    ("Order number 4111 1111 1111 1112 fails the Luhn check.", []),
    ("IBAN GB82 WEST 1234 5698 7654 32 and DE89370400440532013000.", [("GB82 WEST 1234 5698 7654 32", "iban"),
                                                                     ("DE89370400440532013000", "iban")]),
    ("IBAN GB82 WEST 1234 5698 7654 33 has a bad checksum.", []),
    ("Call (415) 555-2671 or +44 20 7946 0958.", [("(415) 555-2671", "phone"), ("+44 20 7946 0958", "phone")]),
    ("The year 2024 and 12345 votes, 2024-01-15.", []),
])
def test_finds_checked_items_only(text, expected):
    assert _found(text) == expected


def test_region_reads_national_numbers():
    assert _found("Ruf an: 030 12345678", region="DE") == [("030 12345678", "phone")]
    assert _found("Ruf an: 030 12345678", region="US") == []


def test_private_ips_when_asked():
    assert _found("host 192.168.1.20", public_ips_only=False) == [("192.168.1.20", "ip")]


def test_an_iban_is_not_also_a_phone_or_card_number():
    assert [kind for _, kind in _found("Konto DE89 3704 0044 0532 0130 00 bitte")] == ["iban"]


TEXT = "Contact ana@example.com or bo@example.net, phone (415) 555-2671, from 93.184.216.34."


def test_redacts_with_typed_placeholders_and_counts(run_stage):
    out = run_stage(Pii(), [TEXT, "Nothing personal here."])
    assert out.texts == ["Contact <EMAIL> or <EMAIL>, phone <PHONE>, from <IP>.", "Nothing personal here."]
    assert out.docs[0].meta["pii"] == {"email": 2, "ip": 1, "phone": 1}
    assert "pii" not in out.docs[1].meta
    assert out.stats.counters["email found"] == 2


def test_placeholder_template_and_types(run_stage):
    out = run_stage(Pii(types=("email",), placeholder="[{type} removed]"), [TEXT])
    assert out.texts == ["Contact [email removed] or [email removed], phone (415) 555-2671, from 93.184.216.34."]


def test_reject_names_the_first_type_and_the_counts(run_stage):
    out = run_stage(Pii(action="reject"), [TEXT, "clean text"])
    assert out.texts == ["clean text"]
    assert out.reasons == ["contains email"]
    assert out.rejects[0]["detail"] == "2 email, 1 ip, 1 phone"


def test_annotate_keeps_the_text(run_stage):
    out = run_stage(Pii(action="annotate"), [TEXT])
    assert out.texts == [TEXT]
    assert out.docs[0].meta["pii"] == {"email": 2, "ip": 1, "phone": 1, "keep": False,
                                       "reason": "2 email, 1 ip, 1 phone"}


@pytest.mark.parametrize("params, message", [
    ("{types: [email, phones]}", "<string>:2:26: pii.types.1: unknown type 'phones'\n  hint: did you mean 'phone'?"),
    ("{phone_region: XX}", "<string>:2:25: pii.phone_region: unknown region 'XX'"),
    ("{action: drop}", "<string>:2:19: pii.action: expected one of 'redact', 'reject', 'annotate'"),
])
def test_config_errors(params, message):
    with pytest.raises(ConfigError) as err:
        Pipeline.from_string(f"stages:\n  - pii: {params}\n")
    assert str(err.value).startswith(message)
