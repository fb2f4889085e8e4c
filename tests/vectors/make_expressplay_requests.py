#!/usr/bin/env python3
"""Regenerates expressplay_requests.json: `python3 tests/vectors/make_expressplay_requests.py`.

The cases (parameters, expected error code and parameter) are written by hand from the seeds and
SPEC 2.1; the expected URL and form body of valid cases are computed here with Python's own
urllib, independently of drmtoken, so every surface is checked against a second implementation.
"""
import json
import pathlib
import urllib.parse

NOW = 1767225600  # 2026-01-01T00:00:00Z, the "now" every case is validated at
AUTH = "201722,1ad8eed133edf43cbcc185f0236828ae"
KEY = "b366360da82e9c6e0b0984002a362cf2"
KID = "b366360da82e9c6e0b0984002a362cf2"
IV = "0123456789abcdef0123456789abcdef"
# RFC 3394 section 4.1: this KEK wraps 00112233445566778899AABBCCDDEEFF into this ek.
KEK = "000102030405060708090a0b0c0d0e0f"
EK = "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5"
OPLS = [(n, "0") for n in ("analogVideoOPL", "compressedDigitalAudioOPL", "compressedDigitalVideoOPL",
                          "uncompressedDigitalAudioOPL", "uncompressedDigitalVideoOPL")]
HOSTS = {"fairplay": "fp", "playready": "pr", "widevine": "wv"}
DOMAINS = {"test": "test.expressplay.com", "production": "service.expressplay.com"}


def pr(*extra, base=True):
    p = [("customerAuthenticator", AUTH), ("kid", KID), ("contentKey", KEY), ("rightsType", "BuyToOwn")] + OPLS
    return (p if base else []) + list(extra)


def fp(*extra):
    return [("customerAuthenticator", AUTH), ("contentKey", KEY), ("iv", IV)] + list(extra)


def wv(*extra):
    return [("customerAuthenticator", AUTH), ("kid", KID), ("contentKey", KEY), ("securityLevel", "1"),
            ("hdcpOutputControl", "0")] + list(extra)


def without(params, name):
    return [(n, v) for n, v in params if n != name]


def replace(params, name, value):
    return [(n, value if n == name else v) for n, v in params]


VALID = [
    ("playready seed sample", "playready", "test", pr(), []),
    ("playready production with kek and kid", "playready", "production",
     without(pr(("kek", KEK)), "contentKey"), []),
    ("playready rental", "playready", "test",
     replace(pr(("generalFlags", "00000001"), ("rental.periodEndTime", "2026-01-15T00:00:00Z"),
                ("rental.playDuration", "3600")), "rightsType", "Rental"), []),
    ("playready buy-to-own ignores rental fields", "playready", "test",
     pr(("rental.periodEndTime", "+3600"), ("rental.playDuration", "60")),
     ["rental.periodEndTime", "rental.playDuration"]),
    ("playready extensions and output controls", "playready", "test",
     pr(("unknownOutputBehavior", "SDOnly"), ("outputControlFlags", "0000ABCD"), ("extensionType", "wudo"),
        ("extensionPayload", "AAAAAA=="), ("extensionType", "abcd"), ("extensionPayload", "YWJjZA=="),
        ("errorFormat", "json")), []),
    ("fairplay with key and iv", "fairplay", "test", fp(("rentalDuration", "86400"), ("generalFlags", "0000")), []),
    ("fairplay kek and ek unwrap locally", "fairplay", "production",
     [("customerAuthenticator", AUTH), ("kek", KEK), ("ek", EK), ("iv", IV)], []),
    ("fairplay upper-case hex and extensions", "fairplay", "test",
     replace(fp(("fpExtension", "wudo,AAAAAA=="), ("fpExtension", "abcd,YWJjZA==")), "contentKey", KEY.upper()), []),
    ("widevine minimal", "widevine", "test", wv(), []),
    ("widevine full", "widevine", "production",
     wv(("contentId", "movie 42/é"), ("licenseDuration", "7200"), ("wvExtension", "wudo,AAAAAA=="),
        ("expirationTime", "+2592000"), ("cookie", "session=a&b c+d")), []),
    ("playready extensions grouped pair by position", "playready", "test",
     pr(("extensionType", "wudo"), ("extensionType", "abcd"), ("extensionPayload", "AAAAAA=="),
        ("extensionPayload", "YWJjZA==")), []),
    ("widevine named kid and reserved characters", "widevine", "test",
     replace(wv(("expirationTime", "2026-01-31T00:00:00Z")), "kid", "^my key+&=,%é/?#"), []),
]

INVALID = [
    ("missing customerAuthenticator", "playready", without(pr(), "customerAuthenticator"), -2017, "customerAuthenticator"),
    ("empty customerAuthenticator", "widevine", replace(wv(), "customerAuthenticator", ""), -2017, "customerAuthenticator"),
    ("bad errorFormat", "fairplay", fp(("errorFormat", "xml")), -3004, "errorFormat"),
    ("fairplay generalFlags not 0000", "fairplay", fp(("generalFlags", "0001")), -5003, "generalFlags"),
    ("playready generalFlags not hex", "playready", pr(("generalFlags", "1")), -5003, "generalFlags"),
    ("playready rental not persistent", "playready",
     replace(pr(("rental.periodEndTime", "+60")), "rightsType", "Rental"), -5003, "generalFlags"),
    ("kek not hex of an AES key size", "widevine", wv(("kek", "0011")), -4024, "kek"),
    ("ek fails the integrity check", "fairplay",
     [("customerAuthenticator", AUTH), ("kek", KEK), ("ek", EK[:-2] + "00"), ("iv", IV)], -4024, "ek"),
    ("ek without kek", "widevine", wv(("ek", EK)), -4024, "ek"),
    ("fairplay kek with kid and ek", "fairplay",
     [("customerAuthenticator", AUTH), ("kek", KEK), ("kid", KID), ("ek", EK), ("iv", IV)], -4024, "ek"),
    ("missing kid", "widevine", without(wv(), "kid"), -4018, "kid"),
    ("kid of 30 hex digits", "playready", replace(pr(), "kid", KID[:30]), -4020, "kid"),
    ("kid string over 64 characters", "playready", replace(pr(), "kid", "^" + "k" * 65), -4021, "kid"),
    ("contentKey of 31 hex digits", "playready", replace(pr(), "contentKey", KEY[:31]), -2027, "contentKey"),
    ("contentKey not hex", "fairplay", replace(fp(), "contentKey", "z" * 32), -2027, "contentKey"),
    ("fairplay without any key", "fairplay", without(fp(), "contentKey"), -2005, "contentKey"),
    ("playready kek with contentKey", "playready", pr(("kek", KEK)), -5007, "contentKey"),
    ("missing iv", "fairplay", without(fp(), "iv"), -6003, "iv"),
    ("iv too short", "fairplay", replace(fp(), "iv", IV[:16]), -6003, "iv"),
    ("rentalDuration negative", "fairplay", fp(("rentalDuration", "-1")), -6007, "rentalDuration"),
    ("fpExtension without comma", "fairplay", fp(("fpExtension", "wudoAAAAAA==")), -6001, "fpExtension"),
    ("missing rightsType", "playready", without(pr(), "rightsType"), -2020, "rightsType"),
    ("invalid rightsType", "playready", replace(pr(), "rightsType", "Lease"), -2021, "rightsType"),
    ("rental without periodEndTime", "playready",
     replace(pr(("generalFlags", "00000001")), "rightsType", "Rental"), -2022, "rental.periodEndTime"),
    ("rental periodEndTime with an offset", "playready",
     replace(pr(("generalFlags", "00000001"), ("rental.periodEndTime", "2026-01-02T00:00:00+01:00")),
             "rightsType", "Rental"), -2022, "rental.periodEndTime"),
    ("rental playDuration not an integer", "playready",
     replace(pr(("generalFlags", "00000001"), ("rental.periodEndTime", "+60"), ("rental.playDuration", "1h")),
             "rightsType", "Rental"), -2025, "rental.playDuration"),
    ("missing OPL", "playready", without(pr(), "uncompressedDigitalVideoOPL"), -5006, "uncompressedDigitalVideoOPL"),
    ("OPL above 999", "playready", replace(pr(), "compressedDigitalAudioOPL", "1000"), -2034, "compressedDigitalAudioOPL"),
    ("bad unknownOutputBehavior", "playready", pr(("unknownOutputBehavior", "Maybe")), -5001, "unknownOutputBehavior"),
    ("outputControlFlags of 2 bytes", "playready", pr(("outputControlFlags", "0001")), -2040, "outputControlFlags"),
    ("extensionType of 3 characters", "playready", pr(("extensionType", "abc"), ("extensionPayload", "AAAA")),
     -2036, "extensionType"),
    ("extensionPayload not base64", "playready", pr(("extensionType", "abcd"), ("extensionPayload", "not base64!")),
     -2037, "extensionPayload"),
    ("extensionType without payload", "playready", pr(("extensionType", "abcd")), -2035, "extensionPayload"),
    ("missing securityLevel", "widevine", without(wv(), "securityLevel"), -7003, "securityLevel"),
    ("securityLevel 6", "widevine", replace(wv(), "securityLevel", "6"), -7004, "securityLevel"),
    ("missing hdcpOutputControl", "widevine", without(wv(), "hdcpOutputControl"), -7006, "hdcpOutputControl"),
    ("hdcpOutputControl 3", "widevine", replace(wv(), "hdcpOutputControl", "3"), -2034, "hdcpOutputControl"),
    ("licenseDuration negative", "widevine", wv(("licenseDuration", "-1")), -7007, "licenseDuration"),
    ("wvExtension with a 2-character type", "widevine", wv(("wvExtension", "wu,AAAAAA==")), -7009, "wvExtension"),
    ("expirationTime malformed", "widevine", wv(("expirationTime", "2026-13-01T00:00:00Z")), -2002, "expirationTime"),
    ("expirationTime beyond 30 days", "fairplay", fp(("expirationTime", "+2592001")), -2002, "expirationTime"),
    ("expirationTime in the past", "playready", pr(("expirationTime", "2025-12-31T23:59:59Z")), -2002, "expirationTime"),
    ("expirationTime 31 days ahead", "playready", pr(("expirationTime", "2026-02-01T00:00:01Z")), -2002, "expirationTime"),
    ("cookie of 33 characters", "widevine", wv(("cookie", "c" * 33)), -2033, "cookie"),
    # Every code each service can find locally has a vector for that service.
    ("playready without any key", "playready", without(without(pr(), "contentKey"), "kid"), -4018, "kid"),
    ("widevine without contentKey, kek or kid", "widevine", without(without(wv(), "contentKey"), "kid"),
     -4018, "kid"),
    ("fairplay missing customerAuthenticator", "fairplay", without(fp(), "customerAuthenticator"),
     -2017, "customerAuthenticator"),
    ("widevine contentKey of 33 hex digits", "widevine", replace(wv(), "contentKey", KEY + "0"), -2027, "contentKey"),
    ("fairplay cookie of 33 characters", "fairplay", fp(("cookie", "c" * 33)), -2033, "cookie"),
    ("playready cookie of 33 characters", "playready", pr(("cookie", "é" * 33)), -2033, "cookie"),
    ("playready bad errorFormat", "playready", pr(("errorFormat", "HTML")), -3004, "errorFormat"),
    ("widevine bad errorFormat", "widevine", wv(("errorFormat", "")), -3004, "errorFormat"),
    ("fairplay kid of 33 hex digits", "fairplay", fp(("kid", KID + "0")), -4020, "kid"),
    ("widevine kid not hex", "widevine", replace(wv(), "kid", "g" * 32), -4020, "kid"),
    ("fairplay kid string empty", "fairplay", fp(("kid", "^")), -4021, "kid"),
    ("widevine kid string over 64 characters", "widevine", replace(wv(), "kid", "^" + "é" * 65), -4021, "kid"),
    ("playready ek fails the integrity check", "playready",
     without(pr(("kek", KEK), ("ek", EK[:-2] + "00")), "contentKey"), -4024, "ek"),
    ("widevine generalFlags of 8 digits", "widevine", wv(("generalFlags", "00000000")), -5003, "generalFlags"),
    # An extension type is 4 ASCII characters (one byte each of a 32-bit id): 4 non-ASCII
    # characters are 8 bytes.
    ("extensionType of 4 non-ASCII characters", "playready",
     pr(("extensionType", "éééé"), ("extensionPayload", "AAAA")), -2036, "extensionType"),
    ("fpExtension with a non-ASCII type", "fairplay", fp(("fpExtension", "éééé,AAAAAA==")), -6001, "fpExtension"),
    ("wvExtension with a non-ASCII type", "widevine", wv(("wvExtension", "wudé,AAAAAA==")), -7009, "wvExtension"),
    ("first fault in table order wins", "playready",
     replace(replace(pr(), "contentKey", "00"), "rightsType", "Lease"), -2027, "contentKey"),
]


def encode(params):
    return "&".join(f"{n}={urllib.parse.quote(v, safe='-._~')}" for n, v in params)


def order(service, params):
    """Encoding order is the seed's table order; extensions keep their relative order."""
    table = SEED_ORDER[service]
    return sorted(params, key=lambda p: table.index(p[0]))


SEED_ORDER = {
    "fairplay": ["customerAuthenticator", "errorFormat", "generalFlags", "kek", "kid", "ek", "contentKey", "iv",
                 "rentalDuration", "fpExtension", "expirationTime", "cookie"],
    "playready": ["customerAuthenticator", "errorFormat", "generalFlags", "kek", "kid", "ek", "contentKey",
                  "rightsType", "rental.periodEndTime", "rental.playDuration", "analogVideoOPL",
                  "compressedDigitalAudioOPL", "compressedDigitalVideoOPL", "uncompressedDigitalAudioOPL",
                  "uncompressedDigitalVideoOPL", "unknownOutputBehavior", "outputControlFlags",
                  "extensionType", "extensionPayload", "expirationTime", "cookie"],
    "widevine": ["customerAuthenticator", "errorFormat", "generalFlags", "kek", "kid", "ek", "contentKey",
                 "contentId", "securityLevel", "hdcpOutputControl", "licenseDuration", "wvExtension",
                 "expirationTime", "cookie"],
}


def extension_order(service, params):
    # PlayReady extensions pair by position (the i-th type with the i-th payload) and are written
    # interleaved: type, payload, type, payload, however they were given.
    if service != "playready":
        return order(service, params)
    types = [p for p in params if p[0] == "extensionType"]
    payloads = [p for p in params if p[0] == "extensionPayload"]
    exts = [p for i in range(max(len(types), len(payloads))) for p in (types[i:i + 1] + payloads[i:i + 1])]
    rest = order(service, [p for p in params if p not in exts])
    at = next((i for i, p in enumerate(rest) if SEED_ORDER[service].index(p[0]) > 16), len(rest))
    return rest[:at] + exts + rest[at:]


cases = []
for name, service, env, params, warnings in VALID:
    ordered = extension_order(service, params)
    body = encode(ordered)
    p = HOSTS[service]
    url = f"https://{p}-gen.{DOMAINS[env]}/hms/{p}/token?{body}"
    assert urllib.parse.parse_qsl(body, keep_blank_values=True) == ordered
    cases.append({"name": name, "service": service, "environment": env, "now": NOW,
                  "params": [list(x) for x in params], "url": url, "form_body": body,
                  "error": None, "warnings": warnings})
for name, service, params, code, parameter in INVALID:
    cases.append({"name": name, "service": service, "environment": "test", "now": NOW,
                  "params": [list(x) for x in params], "url": None, "form_body": None,
                  "error": {"code": code, "parameter": parameter}, "warnings": []})

out = pathlib.Path(__file__).with_name("expressplay_requests.json")
out.write_text(json.dumps(cases, indent=1, ensure_ascii=False) + "\n")
print(f"wrote {len(cases)} cases to {out}")
