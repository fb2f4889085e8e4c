"""The Python peer: what a scripting integrator writes without drmtoken.

urllib.parse.urlencode plus hand validation of the same rules for requests, parse_qs for the
check, `cryptography`'s aes_key_unwrap for keys. Prints `ns python.<what> <ns per op>` lines for
benches/compare.sh, using the fastest of five timeit repeats (as the Rust side does).
"""
import json
import pathlib
import re
import xml.etree.ElementTree as ET
import sys
import timeit
from urllib.parse import parse_qs, urlencode, urlsplit

from cryptography.hazmat.primitives.keywrap import aes_key_unwrap, aes_key_wrap

ENDPOINT = "https://pr-gen.test.expressplay.com/hms/pr/token"
PARAMS = [
    ("customerAuthenticator", "201722,1ad8eed133edf43cbcc185f0236828ae"),
    ("kid", "b366360da82e9c6e0b0984002a362cf2"),
    ("contentKey", "b366360da82e9c6e0b0984002a362cf2"),
    ("rightsType", "BuyToOwn"),
    ("analogVideoOPL", "0"),
    ("compressedDigitalAudioOPL", "0"),
    ("compressedDigitalVideoOPL", "0"),
    ("uncompressedDigitalAudioOPL", "0"),
    ("uncompressedDigitalVideoOPL", "0"),
    ("expirationTime", "+3600"),
]
OPLS = ("analogVideoOPL", "compressedDigitalAudioOPL", "compressedDigitalVideoOPL",
        "uncompressedDigitalAudioOPL", "uncompressedDigitalVideoOPL")
HEX32 = re.compile(r"[0-9a-fA-F]{32}")
HEX8 = re.compile(r"[0-9a-fA-F]{8}")
TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


class TokenError(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def validate(p):
    if not p.get("customerAuthenticator"):
        raise TokenError(-2017)
    if "generalFlags" in p and not HEX8.fullmatch(p["generalFlags"]):
        raise TokenError(-5003)
    kid = p.get("kid")
    if kid is None:
        raise TokenError(-4018)
    if not (HEX32.fullmatch(kid) or (kid.startswith("^") and 2 <= len(kid) <= 65)):
        raise TokenError(-4020)
    if "contentKey" in p and not HEX32.fullmatch(p["contentKey"]):
        raise TokenError(-2027)
    rights = p.get("rightsType")
    if rights is None:
        raise TokenError(-2020)
    if rights not in ("BuyToOwn", "Rental"):
        raise TokenError(-2021)
    for opl in OPLS:
        v = p.get(opl)
        if v is None:
            raise TokenError(-5006)
        if not (v.isdigit() and int(v) <= 999):
            raise TokenError(-2034)
    exp = p.get("expirationTime")
    if exp is not None:
        if exp.startswith("+"):
            if not (exp[1:].isdigit() and int(exp[1:]) <= 2592000):
                raise TokenError(-2002)
        elif not TIME.fullmatch(exp):
            raise TokenError(-2002)


def playready_url(pairs):
    validate(dict(pairs))
    return ENDPOINT + "?" + urlencode(pairs)


def check_url(url):
    query = parse_qs(urlsplit(url).query, keep_blank_values=True)
    try:
        validate({k: v[0] for k, v in query.items()})
        return 0
    except TokenError as e:
        return e.code


def ns_per_op(fn):
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=5, number=number)) / number * 1e9


def playready_response(body):
    r = json.loads(body)
    token = r["token"]
    if not re.fullmatch(r"[A-Za-z0-9_-]+={0,2}", token):
        raise ValueError("token")
    return r["licenseAcquisitionUrl"] + "?ExpressPlayToken=" + token


def adobe_json(body):
    a = json.loads(body)
    return int(a["expires"]), a["mvpd"], a["resource"], a["requestor"], a.get("proxyMvpd")


def adobe_xml(body):
    root = ET.fromstring(body)
    return int(root.findtext("expires")), root.findtext("mvpd"), root.findtext("resource"), root.findtext("requestor")


def main():
    kek128 = bytes(range(16))
    kek256 = bytes(range(32))
    key = bytes.fromhex("00112233445566778899aabbccddeeff")
    wrapped128 = bytes.fromhex("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5")
    wrapped256 = bytes.fromhex("64e8c3f9ce0f5ba263e9777905818a2a93c8191e7d6e8ae7")
    assert aes_key_unwrap(kek128, wrapped128) == key
    assert aes_key_wrap(kek256, key) == wrapped256
    url = playready_url(PARAMS)
    assert check_url(url) == 0, url
    expected = sys.argv[1] if len(sys.argv) > 1 else None
    if expected is not None and expected != url:
        # urlencode writes a space as '+' and leaves '~' alone; the inputs here have neither, so
        # the peer must produce drmtoken's exact bytes, or the comparison is not like for like.
        raise SystemExit(f"python peer URL differs:\n{url}\n{expected}")
    print(f"ns python.playready_url {ns_per_op(lambda: playready_url(PARAMS)):.2f}")
    print(f"ns python.check_url {ns_per_op(lambda: check_url(url)):.2f}")
    print(f"ns python.unwrap128 {ns_per_op(lambda: aes_key_unwrap(kek128, wrapped128)):.2f}")
    print(f"ns python.unwrap256 {ns_per_op(lambda: aes_key_unwrap(kek256, wrapped256)):.2f}")
    print(f"ns python.wrap128 {ns_per_op(lambda: aes_key_wrap(kek128, key)):.2f}")
    root = pathlib.Path(__file__).resolve().parents[2]
    ias = (root / "tests" / "vectors" / "fixtures" / "opentv_seed.json").read_bytes()
    pr = json.dumps({"licenseAcquisitionUrl": "https://expressplay-licensing.axprod.net/LicensingService.ashx",
                     "token": "AAAAAwAAAAQAAAAXAAAAEAAAAAAAAAAAAAAA" + "x" * 100 + "-_Q=="}).encode()
    ajson = json.dumps({"mvpd": "sampleMvpdId", "resource": "sampleResourceId", "requestor": "sampleRequestorId",
                        "expires": "1348148289000", "proxyMvpd": "sampleProxyMvpdId"}).encode()
    axml = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><authorization><expires>1348148289000</expires>'
            b"<mvpd>sampleMvpdId</mvpd><requestor>sampleRequestorId</requestor><resource>sampleResourceId</resource>"
            b"<proxyMvpd>sampleProxyMvpdId</proxyMvpd></authorization>")
    print(f"ns python.ias_parse {ns_per_op(lambda: json.loads(ias)):.2f}")
    print(f"ns python.playready_response_parse {ns_per_op(lambda: playready_response(pr)):.2f}")
    print(f"ns python.adobe_json_parse {ns_per_op(lambda: adobe_json(ajson)):.2f}")
    print(f"ns python.adobe_xml_parse {ns_per_op(lambda: adobe_xml(axml)):.2f}")


if __name__ == "__main__":
    main()
