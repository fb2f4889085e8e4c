"""Tests of the generated Python bindings against libdrmtoken, on the shared vectors.

Run by bindings/python/run-tests.sh. Every case of tests/vectors/expressplay_requests.json and
tests/vectors/keywrap.json becomes its own test, with the same answers as the Rust tests.
"""
import json
import pathlib
import unittest

import drmtoken
from drmtoken import (
    DrmTokenError, Environment, FairPlayTokenRequest, Parameter, PlayReadyExtension,
    PlayReadyTokenRequest, RightsType, Service, TokenRequest, WidevineTokenRequest,
)

VECTORS = pathlib.Path(__file__).resolve().parents[3] / "tests" / "vectors"
REQUESTS = json.loads((VECTORS / "expressplay_requests.json").read_text())
KEYWRAP = json.loads((VECTORS / "keywrap.json").read_text())

SERVICES = {"fairplay": Service.FAIR_PLAY, "playready": Service.PLAY_READY, "widevine": Service.WIDEVINE}
ENVIRONMENTS = {"test": Environment.TEST(), "production": Environment.PRODUCTION()}
AUTH = "201722,1ad8eed133edf43cbcc185f0236828ae"
KEY = "b366360da82e9c6e0b0984002a362cf2"
KEK = "000102030405060708090a0b0c0d0e0f"
EK = "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5"
OPLS = dict(analog_video_opl="0", compressed_digital_audio_opl="0", compressed_digital_video_opl="0",
            uncompressed_digital_audio_opl="0", uncompressed_digital_video_opl="0")


def snake(wire):
    """`rental.periodEndTime` -> `rental_period_end_time`, `analogVideoOPL` -> `analog_video_opl`."""
    out = []
    for i, c in enumerate(wire.replace(".", "_")):
        if c.isupper() and i and not wire[i - 1].isupper() and wire[i - 1] not in "._":
            out.append("_")
        out.append(c.lower())
    return "".join(out)


def typed(case):
    """The case's request built field by field on the generated records (not through Rust)."""
    service, env = case["service"], ENVIRONMENTS[case["environment"]]
    cls = {"fairplay": FairPlayTokenRequest, "playready": PlayReadyTokenRequest,
           "widevine": WidevineTokenRequest}[service]
    r = cls(environment=env)
    for name, value in case["params"]:
        if name in ("fpExtension", "wvExtension"):
            getattr(r, snake(name) + "s").append(value)
        elif name == "extensionType":
            r.extensions.append(PlayReadyExtension(extension_type=value))
        elif name == "extensionPayload":
            last = r.extensions[-1] if r.extensions else None
            if last is not None and last.extension_type is not None and last.extension_payload is None:
                last.extension_payload = value
            else:
                r.extensions.append(PlayReadyExtension(extension_payload=value))
        elif name == "rightsType":
            r.rights_type = {"BuyToOwn": RightsType.BUY_TO_OWN(), "Rental": RightsType.RENTAL()}.get(
                value, RightsType.OTHER(value))
        else:
            attr = snake(name)
            assert hasattr(r, attr), attr
            setattr(r, attr, value)
    return r


class ExpressPlayVectors(unittest.TestCase):
    """One test per case of expressplay_requests.json (added below)."""


def make_vector_test(case):
    def test(self):
        name, now = case["name"], case["now"]
        request = drmtoken.request_from_parameters(
            SERVICES[case["service"]], ENVIRONMENTS[case["environment"]],
            [Parameter(name=n, value=v) for n, v in case["params"]])
        # The records built in Python hold the same request as Rust's parameter setter builds.
        self.assertEqual(request.request, typed(case), name)
        if case["error"] is None:
            warnings = request.validate(now)
            self.assertEqual([w.parameter for w in warnings], case["warnings"], name)
            self.assertEqual(request.url(), case["url"], name)
            self.assertEqual(request.form_body(), case["form_body"], name)
            self.assertEqual(request.url(), request.endpoint() + "?" + request.form_body())
            parsed = drmtoken.parse_url(case["url"])
            self.assertEqual(parsed.request, request, name)
            self.assertEqual(parsed.unknown_parameters, [])
            check = drmtoken.check_url(case["url"], now)
            self.assertEqual(check.service, SERVICES[case["service"]])
            self.assertEqual(check.environment, ENVIRONMENTS[case["environment"]])
        else:
            with self.assertRaises(DrmTokenError) as raised:
                request.validate(now)
            e = raised.exception
            self.assertIsInstance(e, DrmTokenError.ExpressPlay, name)
            self.assertEqual(e.code, case["error"]["code"], name)
            self.assertEqual(e.parameter, case["error"]["parameter"], name)
            self.assertTrue(e.message)
            self.assertEqual(e.error_message(), e.message)
            # The same request over the wire is refused the same way.
            with self.assertRaises(DrmTokenError) as again:
                drmtoken.check_url(request.url(), now)
            a = again.exception
            self.assertEqual((type(a), a.code, a.message, a.parameter), (type(e), e.code, e.message, e.parameter), name)
    return test


for i, case in enumerate(REQUESTS):
    setattr(ExpressPlayVectors, f"test_{i:02d}_{snake(case['name']).replace(' ', '_')[:60]}", make_vector_test(case))


class KeyWrapVectors(unittest.TestCase):
    """One test per case of keywrap.json (added below)."""


def make_keywrap_test(case):
    def test(self):
        kek = case["kek"]
        if "error" not in case:
            self.assertEqual(drmtoken.wrap_key(kek, case["key"]), case["wrapped"])
            self.assertEqual(drmtoken.unwrap_key(kek, case["wrapped"]), case["key"])
            self.assertEqual(drmtoken.unwrap_key(kek.upper(), case["wrapped"].upper()), case["key"])
            self.assertEqual(drmtoken.wrap_key_bytes(bytes.fromhex(kek), bytes.fromhex(case["key"])),
                             bytes.fromhex(case["wrapped"]))
            self.assertEqual(drmtoken.unwrap_key_bytes(bytes.fromhex(kek), bytes.fromhex(case["wrapped"])),
                             bytes.fromhex(case["key"]))
            return
        with self.assertRaises(DrmTokenError) as raised:
            if "wrapped" in case:
                drmtoken.unwrap_key(kek, case["wrapped"])
            else:
                drmtoken.wrap_key(kek, case["key"])
        e = raised.exception
        self.assertEqual(type(e).__name__, case["error"], case["name"])
        self.assertEqual(e.code, 0)
    return test


for i, case in enumerate(KEYWRAP):
    setattr(KeyWrapVectors, f"test_{i:02d}_{snake(case['name']).replace(' ', '_')[:60]}", make_keywrap_test(case))


def playready(**fields):
    base = dict(environment=Environment.TEST(), customer_authenticator=AUTH, kid=KEY, content_key=KEY,
                rights_type=RightsType.BUY_TO_OWN(), **OPLS)
    base.update(fields)
    return PlayReadyTokenRequest(**base)


class Requests(unittest.TestCase):
    def test_seed_sample_built_from_typed_fields(self):
        sample = next(c for c in REQUESTS if c["name"] == "playready seed sample")
        r = playready()
        self.assertEqual(r.validate(sample["now"]), [])
        self.assertEqual(r.url(), sample["url"])
        self.assertEqual(r.endpoint(), "https://pr-gen.test.expressplay.com/hms/pr/token")
        self.assertEqual(drmtoken.form_content_type(), "application/x-www-form-urlencoded")

    def test_custom_domain_and_host(self):
        r = playready(environment=Environment.DOMAIN("drm.example.com"))
        self.assertEqual(r.endpoint(), "https://pr-gen.drm.example.com/hms/pr/token")
        r = playready(environment=Environment.HOST("proxy.example.com:8443"))
        self.assertEqual(r.endpoint(), "https://proxy.example.com:8443/hms/pr/token")
        parsed = drmtoken.parse_url(r.url())
        self.assertEqual(parsed.request, TokenRequest.PLAY_READY(r))

    def test_rental_fields_on_buy_to_own_are_warnings(self):
        w = playready(general_flags="00000001", rental_period_end_time="+3600",
                      rental_play_duration="60").validate(None)
        self.assertEqual([x.parameter for x in w], ["rental.periodEndTime", "rental.playDuration"])
        self.assertIn("only valid if rightsType is Rental", w[0].message)

    def test_check_url_reports_unknown_parameters_with_suggestion(self):
        url = playready().url() + "&contentkey=x"
        check = drmtoken.check_url(url, None)
        self.assertEqual(check.service, Service.PLAY_READY)
        self.assertEqual([(u.name, u.suggestion) for u in check.unknown_parameters], [("contentkey", "contentKey")])

    def test_parse_query_of_a_post_body(self):
        r = playready()
        parsed = drmtoken.parse_query(Service.PLAY_READY, Environment.TEST(), r.form_body())
        self.assertEqual(parsed.request, TokenRequest.PLAY_READY(r))
        self.assertEqual(parsed.request.service(), Service.PLAY_READY)

    def test_secrets_do_not_show_in_str_or_repr(self):
        secret_key = "00112233445566778899aabbccddeeff"
        fp = FairPlayTokenRequest(environment=Environment.TEST(), customer_authenticator=AUTH, kek=KEK, ek=EK,
                                  iv=KEY)
        pr = playready(content_key=secret_key)
        for r in (pr, fp, TokenRequest.PLAY_READY(pr), Parameter(name="contentKey", value=secret_key)):
            for text in (str(r), repr(r)):
                for secret in (secret_key, AUTH, KEK, EK):
                    self.assertNotIn(secret, text)
        self.assertIn("<redacted>", str(playready()))
        self.assertIn("kid: Some(\"b366", str(playready()))  # non-secrets still show


class Errors(unittest.TestCase):
    def assertFault(self, call, variant, code, parameter):
        with self.assertRaises(variant) as raised:
            call()
        e = raised.exception
        self.assertEqual((e.code, e.parameter), (code, parameter))
        self.assertEqual(e.code, DrmTokenError.ExpressPlay.code(e) if code else 0)
        return e

    def test_31_digit_content_key_is_2027(self):
        e = self.assertFault(lambda: playready(content_key=KEY[:31]).validate(None),
                             DrmTokenError.ExpressPlay, -2027, "contentKey")
        self.assertEqual(e.message, "Content encryption key must be 32-hexadecimal digits long")
        self.assertIn("-2027", str(e))

    def test_bad_ek_is_4024(self):
        bad_ek = EK[:-1] + "4"
        self.assertFault(lambda: playready(content_key=None, kek=KEK, ek=bad_ek).validate(None),
                         DrmTokenError.ExpressPlay, -4024, "ek")

    def test_missing_authenticator_is_2017(self):
        self.assertFault(lambda: playready(customer_authenticator=None).validate(None),
                         DrmTokenError.ExpressPlay, -2017, "customerAuthenticator")

    def test_unknown_rights_type_is_2021(self):
        self.assertFault(lambda: playready(rights_type=RightsType.OTHER("Lease")).validate(None),
                         DrmTokenError.ExpressPlay, -2021, "rightsType")

    def test_too_many_extensions_is_capacity_exceeded(self):
        e = self.assertFault(lambda: WidevineTokenRequest(environment=Environment.TEST(), wv_extensions=["a:b"] * 9).url(),
                             DrmTokenError.CapacityExceeded, 0, "wvExtension")
        self.assertEqual(e.capacity, 8)

    def test_bad_custom_domain_is_invalid_host(self):
        self.assertFault(lambda: playready(environment=Environment.DOMAIN("evil.com/x?")).url(),
                         DrmTokenError.InvalidHost, 0, "domain")

    def test_parse_errors(self):
        self.assertFault(lambda: drmtoken.parse_url("ftp://pr-gen.test.expressplay.com/hms/pr/token"),
                         DrmTokenError.InvalidUrl, 0, None)
        self.assertFault(lambda: drmtoken.parse_url("https://example.com/other"),
                         DrmTokenError.UnknownService, 0, None)
        self.assertFault(lambda: drmtoken.parse_url("https://pr-gen.test.expressplay.com/hms/pr/token?kid=a&kid=b"),
                         DrmTokenError.DuplicateParameter, 0, "kid")
        self.assertFault(lambda: drmtoken.parse_url("https://pr-gen.test.expressplay.com/hms/pr/token?kid=%zz"),
                         DrmTokenError.InvalidPercentEncoding, 0, "kid")

    def test_unknown_parameter_name(self):
        self.assertFault(lambda: drmtoken.request_from_parameters(Service.WIDEVINE, Environment.TEST(),
                                                                   [Parameter(name="contentkey", value="x")]),
                         DrmTokenError.UnknownParameter, 0, None)

    def test_keywrap_errors_name_the_parameter(self):
        self.assertFault(lambda: drmtoken.unwrap_key(KEK, "zz" + EK[2:]), DrmTokenError.InvalidHex, 0, "ek")
        self.assertFault(lambda: drmtoken.unwrap_key_bytes(bytes(16), bytes.fromhex(EK)),
                         DrmTokenError.IntegrityCheckFailed, 0, None)


if __name__ == "__main__":
    unittest.main()
