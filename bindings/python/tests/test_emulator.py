"""The Python bindings against `drmtoken serve`, end to end, with urllib.request.

Run by bindings/python/run-tests.sh, which builds the `drmtoken` binary and passes its path in
DRMTOKEN_BIN. Each test starts the emulator on a free loopback port and stops it in tearDown. For
each of the five services: a token (request built with the bindings, fetched, answer parsed with the
bindings), one service error class (a refusal with the service's code or status), and injected
faults (X-Drmtoken-Fault: status=503, truncate, malformed, content-type=..., drop), each reported
as the right DrmTokenError case or a urllib/http.client error, never a crash or a hang (timeouts).
"""
import http.client
import os
import subprocess
import threading
import unittest
import urllib.error
import urllib.parse
import urllib.request

import drmtoken
from drmtoken import (
    AdobePassAuthorizationRequest, AdobePassFormat, DrmTokenError, Environment, ErrorKind,
    FairPlayTokenRequest, OpenTvContentTokenRequest, PlayReadyTokenRequest, Service, WidevineTokenRequest,
)

BIN = os.environ.get("DRMTOKEN_BIN", "")
AUTH = "201722,1ad8eed133edf43cbcc185f0236828ae"
UNKNOWN = "201722,0000000000000000000000000000dead"
PLAYREADY_ONLY = "201722,playreadyonly00000000000000000"
KEY = "b366360da82e9c6e0b0984002a362cf2"
IV = "0123456789abcdef0123456789abcdef"
BEARER = "emulator-bearer-token"
TIMEOUT = 10  # seconds, per request: a hang fails the test instead of blocking the run
# Transport failures urllib and http.client report for a connection closed mid-answer.
TRANSPORT = (http.client.HTTPException, urllib.error.URLError, ConnectionError, TimeoutError)


def expressplay(service, auth=AUTH):
    if service == Service.FAIR_PLAY:
        return FairPlayTokenRequest(environment=Environment.TEST(), customer_authenticator=auth,
                                    content_key=KEY, iv=IV)
    if service == Service.PLAY_READY:
        return PlayReadyTokenRequest(
            environment=Environment.TEST(), customer_authenticator=auth, kid=KEY, content_key=KEY,
            rights_type="BuyToOwn", analog_video_opl="0", compressed_digital_audio_opl="0",
            compressed_digital_video_opl="0", uncompressed_digital_audio_opl="0",
            uncompressed_digital_video_opl="0")
    return WidevineTokenRequest(environment=Environment.TEST(), customer_authenticator=auth, kid=KEY,
                                content_key=KEY, security_level="1", hdcp_output_control="0")


def opentv(content="content7", bearer=BEARER, tenant="nagra"):
    return OpenTvContentTokenRequest(host="ias.example.com", port=443, content_id=content,
                                     bearer_token=bearer, tenant_id=tenant)


def adobe(device="d1", resource="sampleResourceId", fmt=AdobePassFormat.JSON):
    return AdobePassAuthorizationRequest(
        sp_fqdn="api.auth.adobe.com", requestor="sampleRequestorId", device_id=device, resource=resource,
        device_info="e30=", device_info_in_query=False, device_type=None, device_user=None, app_id=None,
        access_token=None, format=fmt)


class Emulator(unittest.TestCase):
    """One emulator per test, on a free port; tearDown stops it."""

    def setUp(self):
        if not BIN or not os.access(BIN, os.X_OK):
            self.fail(f"DRMTOKEN_BIN={BIN!r} is not an executable drmtoken binary (run run-tests.sh)")
        self.server = subprocess.Popen([BIN, "serve", "--addr", "127.0.0.1:0", "--quiet"],
                                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       stderr=subprocess.DEVNULL, text=True)
        first = self.server.stdout.readline()
        prefix = "drmtoken serve: listening on "
        if not first.startswith(prefix):
            self.tearDown()
            self.fail(f"unexpected first line from drmtoken serve: {first!r}")
        self.base = first[len(prefix):].strip()
        # Keep reading stdout (the routes) so the emulator never blocks on a full pipe.
        threading.Thread(target=self.server.stdout.read, daemon=True).start()

    def tearDown(self):
        if self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
        self.server.stdout.close()

    def fetch(self, url, method="GET", headers=(), fault=None):
        """Sends the request to the emulator (the URL's path and query, the emulator's scheme and
        host): (status, content type, body). An HTTP error status is an answer, not an exception."""
        parts = urllib.parse.urlsplit(url)
        base = urllib.parse.urlsplit(self.base)
        target = urllib.parse.urlunsplit((base.scheme, base.netloc, parts.path, parts.query, ""))
        request = urllib.request.Request(target, method=method, data=b"" if method == "POST" else None)
        for h in headers:
            request.add_header(h.name, h.value)
        if fault:
            request.add_header("X-Drmtoken-Fault", fault)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as e:
            with e:
                return e.code, e.headers.get("Content-Type", ""), e.read()

    def expressplay(self, service, auth=AUTH, fault=None):
        request = expressplay(service, auth)
        request.validate(None)
        status, ct, body = self.fetch(request.write_url(), headers=request.headers(), fault=fault)
        return drmtoken.expressplay_response_parse(service, status, ct, body)

    def opentv(self, fault=None, **kw):
        request = opentv(**kw)
        request.validate()
        status, ct, body = self.fetch(request.write_url(), method=request.method(), headers=request.headers(),
                                      fault=fault)
        return drmtoken.opentv_response_parse(status, ct, body)

    def adobe(self, fault=None, **kw):
        request = adobe(**kw)
        request.validate()
        status, ct, body = self.fetch(request.write_url(), headers=request.headers(), fault=fault)
        return drmtoken.adobe_pass_response_parse(status, ct, body)


class EmulatorSuccess(Emulator):
    def test_fairplay(self):
        token = self.expressplay(Service.FAIR_PLAY)
        self.assertTrue(token.token)
        self.assertTrue(token.skd_uri.startswith("skd://fp.test.expressplay.com"), token.skd_uri)

    def test_playready_and_licence_url(self):
        token = self.expressplay(Service.PLAY_READY)
        self.assertEqual(token.url_without_query, "https://expressplay-licensing.axprod.net/LicensingService.ashx")
        self.assertEqual(len(token.token), 150)
        licence = drmtoken.playready_license_url_write(token.url_without_query, token.token)
        self.assertEqual(licence, token.url_without_query + "?ExpressPlayToken=" + token.token)
        # The same request gives the same token.
        self.assertEqual(self.expressplay(Service.PLAY_READY).token, token.token)

    def test_widevine(self):
        token = self.expressplay(Service.WIDEVINE)
        self.assertEqual(token.url_without_query, "https://wv.test.expressplay.com/hms/wv/rights/")
        self.assertTrue(token.token)

    def test_opentv(self):
        r = self.opentv()
        self.assertEqual([c.content_id for c in r.content_token.claims.content_rights], ["content7"])
        self.assertEqual(r.token_type, "Bearer")

    def test_adobe_pass_json_and_xml(self):
        for fmt in (AdobePassFormat.JSON, AdobePassFormat.XML):
            a = self.adobe(fmt=fmt)
            self.assertEqual((a.mvpd, a.resource, a.requestor, a.proxy_mvpd),
                             ("sampleMvpdId", "sampleResourceId", "sampleRequestorId", "sampleProxyMvpdId"), fmt)


class EmulatorRefusals(Emulator):
    def assertRefused(self, call, kind, code=None, status=None):
        with self.assertRaises(DrmTokenError.Refused) as ctx:
            call()
        e = ctx.exception
        self.assertEqual(e.kind, kind, str(e))
        if code is not None:
            self.assertEqual(e.code, code, str(e))
        if status is not None:
            self.assertEqual(e.detail, status, str(e))
        return e

    def test_fairplay_disabled_service(self):
        self.assertRefused(lambda: self.expressplay(Service.FAIR_PLAY, PLAYREADY_ONLY), ErrorKind.EXPRESS_PLAY,
                           code=-6009)

    def test_playready_unknown_authenticator(self):
        self.assertRefused(lambda: self.expressplay(Service.PLAY_READY, UNKNOWN), ErrorKind.EXPRESS_PLAY,
                           code=-2018, status=401)

    def test_widevine_disabled_service(self):
        self.assertRefused(lambda: self.expressplay(Service.WIDEVINE, PLAYREADY_ONLY), ErrorKind.EXPRESS_PLAY,
                           code=-7011)

    def test_opentv_wrong_bearer_token(self):
        self.assertRefused(lambda: self.opentv(bearer="wrong-token"), ErrorKind.UNAUTHORIZED, status=401)

    def test_opentv_content_not_entitled(self):
        self.assertRefused(lambda: self.opentv(content="content-premium"), ErrorKind.FORBIDDEN, status=403)

    def test_adobe_pass_not_authenticated(self):
        for fmt in (AdobePassFormat.JSON, AdobePassFormat.XML):
            e = self.assertRefused(lambda: self.adobe(device="unauthenticatedDevice", fmt=fmt),
                                   ErrorKind.NOT_AUTHENTICATED, status=412)
            self.assertEqual(e.reason, "User not authenticated")


class EmulatorFaults(Emulator):
    def test_503_is_a_refusal_with_the_status_for_every_service(self):
        for service in (Service.FAIR_PLAY, Service.PLAY_READY, Service.WIDEVINE):
            with self.assertRaises(DrmTokenError.Refused, msg=service) as ctx:
                self.expressplay(service, fault="status=503")
            self.assertEqual(ctx.exception.detail, 503, service)
        for call in (lambda: self.opentv(fault="status=503"), lambda: self.adobe(fault="status=503")):
            with self.assertRaises(DrmTokenError.Refused) as ctx:
                call()
            self.assertEqual(ctx.exception.detail, 503)

    def test_truncated_and_malformed_json_are_response_errors(self):
        for fault in ("truncate", "malformed"):
            with self.assertRaises(DrmTokenError.Response, msg=fault) as ctx:
                self.expressplay(Service.PLAY_READY, fault=fault)
            self.assertEqual(ctx.exception.kind, ErrorKind.INVALID_JSON, fault)
            with self.assertRaises(DrmTokenError.Response, msg=fault):
                self.opentv(fault=fault)
            with self.assertRaises(DrmTokenError.Response, msg=fault) as ctx:
                self.adobe(fault=fault)
            self.assertEqual(ctx.exception.kind, ErrorKind.INVALID_JSON, fault)
            with self.assertRaises(DrmTokenError.Response, msg=fault) as ctx:
                self.adobe(fault=fault, fmt=AdobePassFormat.XML)
            self.assertEqual(ctx.exception.kind, ErrorKind.INVALID_XML, fault)

    def test_malformed_uri_list_is_a_response_error(self):
        for service in (Service.FAIR_PLAY, Service.WIDEVINE):
            with self.assertRaises(DrmTokenError.Response, msg=service):
                self.expressplay(service, fault="malformed")

    def test_wrong_content_type_is_a_response_error(self):
        for call in (lambda: self.expressplay(Service.PLAY_READY, fault="content-type=text/plain"),
                     lambda: self.expressplay(Service.FAIR_PLAY, fault="content-type=application/json"),
                     lambda: self.opentv(fault="content-type=text/plain"),
                     lambda: self.adobe(fault="content-type=text/plain")):
            with self.assertRaises(DrmTokenError.Response) as ctx:
                call()
            self.assertEqual(ctx.exception.kind, ErrorKind.UNEXPECTED_CONTENT_TYPE)

    def test_drop_is_a_transport_error(self):
        for call in (lambda: self.expressplay(Service.PLAY_READY, fault="drop"),
                     lambda: self.expressplay(Service.WIDEVINE, fault="drop"),
                     lambda: self.opentv(fault="drop"),
                     lambda: self.adobe(fault="drop")):
            with self.assertRaises(TRANSPORT):
                call()

    def test_latency_past_the_timeout_is_a_timeout(self):
        request = expressplay(Service.PLAY_READY)
        parts = urllib.parse.urlsplit(request.write_url())
        url = self.base + parts.path + "?" + parts.query
        req = urllib.request.Request(url, headers={"X-Drmtoken-Fault": "latency=3s"})
        with self.assertRaises(TRANSPORT):
            urllib.request.urlopen(req, timeout=0.5).read()


if __name__ == "__main__":
    unittest.main()
