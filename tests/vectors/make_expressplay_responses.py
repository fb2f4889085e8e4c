"""Writes expressplay_responses.json: ExpressPlay token responses (the seeds' samples and the
edge cases a player meets) with what every surface must parse from them.

Each case: name, service (fairplay|playready|widevine), status, content_type, and the body as
"body" (UTF-8 text) or "body_hex" (any bytes); then exactly one of
  "expect":        {"url", "token", and per service "skd_uri" | "license_url" | "url_without_query",
                    "license_acquisition_url"}
  "service_error": {"status", "code" (int or null), "message" (str or null), "documented" (bool)}
  "error":         {"kind": core ErrorKind name, "parameter": wire name or null}
Run: python3 tests/vectors/make_expressplay_responses.py
"""
import json
import pathlib

TOKEN = "AAAAAwAAAAQAAAAXAAAAEAAAAAAAAAAAAAAA" + "x" * 100 + "-_Q=="  # ~150 characters
FP = "https://fp.service.expressplay.com:80/hms/fp/rights/"
WV = "https://wv.service.expressplay.com/hms/wv/rights/"
PR = "https://expressplay-licensing.axprod.net/LicensingService.ashx"

cases = []


def ok(name, service, body, url, token, content_type=None, **extra):
    ct = content_type or ("application/json" if service == "playready" else "text/uri-list")
    expect = {"token": token}
    if service == "playready":
        expect["license_acquisition_url"] = url
        expect["license_url"] = url + ("&" if "?" in url else "?") + "ExpressPlayToken=" + token
    else:
        expect["url"] = url
        expect["url_without_query"] = url.split("?", 1)[0]
        if service == "fairplay":
            expect["skd_uri"] = "skd://" + url.split("://", 1)[1]
    expect.update(extra)
    cases.append({"name": name, "service": service, "status": 200, "content_type": ct, "body": body,
                  "expect": expect})


def service_error(name, service, status, ct, body, code, message, documented, hex_body=False):
    case = {"name": name, "service": service, "status": status, "content_type": ct}
    case["body_hex" if hex_body else "body"] = body
    case["service_error"] = {"status": status, "code": code, "message": message, "documented": documented}
    cases.append(case)


def bad(name, service, status, ct, body, kind, parameter=None):
    cases.append({"name": name, "service": service, "status": status, "content_type": ct, "body": body,
                  "error": {"kind": kind, "parameter": parameter}})


# The seeds' samples, with a real-length token in place of "<base64-encoded ExpressPlay token>".
ok("fairplay seed sample (port 80)", "fairplay", f"{FP}?ExpressPlayToken={TOKEN}", f"{FP}?ExpressPlayToken={TOKEN}", TOKEN)
ok("widevine seed sample", "widevine", f"{WV}?ExpressPlayToken={TOKEN}\n", f"{WV}?ExpressPlayToken={TOKEN}", TOKEN)
ok("playready seed sample", "playready",
   '{"licenseAcquisitionUrl":"%s",\n            "token":"%s"}' % (PR, TOKEN), PR, TOKEN)
# uri-list tolerance (RFC 2483).
ok("uri-list with CRLF, comments and blank lines", "widevine",
   f"# ExpressPlay token\r\n\r\n{WV}?ExpressPlayToken={TOKEN}\r\n\r\n", f"{WV}?ExpressPlayToken={TOKEN}", TOKEN)
ok("uri-list with trailing whitespace and :443", "fairplay",
   f"  https://fp.service.expressplay.com:443/hms/fp/rights/?ExpressPlayToken={TOKEN}  \t\n",
   f"https://fp.service.expressplay.com:443/hms/fp/rights/?ExpressPlayToken={TOKEN}", TOKEN)
ok("token among other query parameters", "widevine", f"{WV}?a=1&ExpressPlayToken={TOKEN}&b=2",
   f"{WV}?a=1&ExpressPlayToken={TOKEN}&b=2", TOKEN)
ok("content type with parameters and another case", "widevine", f"{WV}?ExpressPlayToken=abc",
   f"{WV}?ExpressPlayToken=abc", "abc", content_type="Text/URI-List; charset=utf-8")
ok("one-character token", "fairplay", f"{FP}?ExpressPlayToken=A", f"{FP}?ExpressPlayToken=A", "A")
long_token = ("AbC0-_" * 683)[:4094] + "=="
ok("4096-character token", "widevine", f"{WV}?ExpressPlayToken={long_token}",
   f"{WV}?ExpressPlayToken={long_token}", long_token)
# PlayReady JSON shapes.
ok("playready fields reversed, unknown fields, whitespace", "playready",
   '{ "expires": 3600, "token" : "%s", "extra": {"a": [1, 2, {"b": null}]},\n "licenseAcquisitionUrl": "%s" }' % (TOKEN, PR),
   PR, TOKEN)
ok("playready escaped slashes in the URL", "playready",
   '{"licenseAcquisitionUrl":"%s","token":"%s"}' % (PR.replace("/", "\\/"), TOKEN), PR, TOKEN)
ok("playready unicode escape in the URL and a query", "playready",
   '{"licenseAcquisitionUrl":"https://lic.example.com/r\\u00e9gion?x=1","token":"abc"}',
   "https://lic.example.com/r\u00e9gion?x=1", "abc")
ok("playready charset parameter", "playready", '{"licenseAcquisitionUrl":"%s","token":"abc"}' % PR, PR, "abc",
   content_type="application/json; charset=utf-8")
# Errors the service returns.
service_error("json error at the top level", "playready", 400, "application/json",
              '{"errorCode": -2027, "errorMessage": "Content encryption key must be 32-hexadecimal digits long"}',
              -2027, "Content encryption key must be 32-hexadecimal digits long", True)
service_error("json error with code and message keys", "widevine", 400, "application/json; charset=UTF-8",
              '{"code": "-7004", "message": "Invalid securityLevel"}', -7004, "Invalid securityLevel", True)
service_error("json error nested one level", "fairplay", 401, "application/json",
              '{"status": "failed", "error": {"code": -2017, "message": "Missing customer authenticator"}}',
              -2017, "Missing customer authenticator", True)
service_error("json error message under error, escaped", "fairplay", 400, "application/json",
              '{"error": "Invalid \\"iv\\" \\u2014 see docs", "errorCode": -6003}', -6003,
              'Invalid "iv" \u2014 see docs', True)
service_error("json error with an undocumented code", "widevine", 500, "application/json",
              '{"errorCode": -9001, "errorMessage": "internal"}', -9001, "internal", False)
service_error("json error without a code", "playready", 404, "application/json", '{"message": "not found"}',
              None, "not found", False)
# A body sent as JSON must be JSON, on an error status too (strict RFC 8259 everywhere).
bad("truncated json error", "playready", 400, "application/json", '{"errorCode": -2027, "errorMess', "InvalidJson")
bad("json error with trailing garbage", "widevine", 400, "application/json",
    '{"errorCode": -2027, "errorMessage": "bad key"} <html>', "InvalidJson")
service_error("json error body that is not an object", "fairplay", 500, "application/json", '["internal"]',
              None, None, False)
service_error("html error with a code", "fairplay", 400, "text/html",
              "<html><head><title>Error 400</title></head><body><h2>HTTP ERROR 400</h2>\n"
              "<p>Problem accessing /hms/fp/token. Reason:\n<pre>    -6003 Invalid IV</pre></p></body></html>",
              -6003, "Invalid IV", True)
service_error("html error without a code", "widevine", 401, "text/html", "<html><body>Unauthorized</body></html>",
              None, None, False)
service_error("html date is not taken for a code", "widevine", 500, "text/html",
              "<p>2026-11-25 12:00 server error -5002 Internal error</p>", -5002, "Internal error", True)
service_error("empty body", "playready", 503, "text/html", "", None, None, False)
service_error("binary garbage", "widevine", 502, "application/octet-stream", "00ff2d32303237fe80", -2027, None, True,
              hex_body=True)
# Responses that cannot be read.
bad("200 with an html body", "fairplay", 200, "text/html", "<html>ok</html>", "UnexpectedContentType")
# The PlayReady seed's table says a 200 is text/uri-list while its sample is JSON: both read.
ok("playready 200 as a uri-list URL (the seed's table)", "playready", f"{PR}?ExpressPlayToken=abc\r\n", PR, "abc",
   content_type="text/uri-list")
ok("playready JSON labelled text/uri-list", "playready", '{"licenseAcquisitionUrl":"%s","token":"abc"}' % PR, PR, "abc",
   content_type="text/uri-list")
bad("playready uri-list with other query parameters", "playready", 200, "text/uri-list", f"{PR}?a=1&ExpressPlayToken=abc",
    "InvalidValue", "url")
bad("playready 200 as html", "playready", 200, "text/html", f"{PR}?ExpressPlayToken=abc", "UnexpectedContentType")
bad("token with invalid characters", "widevine", 200, "text/uri-list", f"{WV}?ExpressPlayToken=ab+c/d",
    "InvalidToken", "ExpressPlayToken")
bad("token padding in the middle", "fairplay", 200, "text/uri-list", f"{FP}?ExpressPlayToken=ab=cd", "InvalidToken",
    "ExpressPlayToken")
bad("url without a token", "widevine", 200, "text/uri-list", f"{WV}?other=1", "MissingField", "ExpressPlayToken")
bad("empty uri-list", "widevine", 200, "text/uri-list", "# only a comment\r\n", "MissingField", "url")
bad("two urls", "fairplay", 200, "text/uri-list", f"{FP}?ExpressPlayToken=a\n{FP}?ExpressPlayToken=b", "InvalidValue",
    "url")
bad("not a url", "widevine", 200, "text/uri-list", "ExpressPlayToken=abc", "InvalidUrl", "url")
bad("playready token missing", "playready", 200, "application/json", '{"licenseAcquisitionUrl":"%s"}' % PR,
    "MissingField", "token")
bad("playready url missing", "playready", 200, "application/json", '{"token":"abc"}', "MissingField",
    "licenseAcquisitionUrl")
bad("playready token of the wrong type", "playready", 200, "application/json",
    '{"licenseAcquisitionUrl":"%s","token":42}' % PR, "InvalidValue", "token")
bad("playready truncated json", "playready", 200, "application/json", '{"licenseAcquisitionUrl":"%s","tok' % PR,
    "InvalidJson")
bad("playready bad token characters", "playready", 200, "application/json",
    '{"licenseAcquisitionUrl":"%s","token":"a b"}' % PR, "InvalidToken", "token")
bad("playready url that is not http", "playready", 200, "application/json",
    '{"licenseAcquisitionUrl":"ftp://x/y","token":"abc"}', "InvalidUrl", "licenseAcquisitionUrl")
bad("204 is not a token", "widevine", 204, "text/uri-list", "", "UnexpectedStatus")

# Hostile bodies: members the parser skips are held to the same grammar as the ones it reads,
# and nesting stops at 64 levels (core MAX_NESTING_DEPTH), never by running out of stack.
PR_FIELDS = '"licenseAcquisitionUrl":"%s","token":"%s"' % (PR, TOKEN)


def nested(levels):
    return "[" * levels + "]" * levels


ok("playready document 64 levels deep", "playready", '{"x":%s,%s}' % (nested(63), PR_FIELDS), PR, TOKEN)
bad("playready document 65 levels deep", "playready", 200, "application/json",
    '{"x":%s,%s}' % (nested(64), PR_FIELDS), "NestingTooDeep")
bad("playready unknown member nested 1000 levels, unbalanced", "playready", 200, "application/json",
    '{"x":%s,%s}' % ("[" * 1000, PR_FIELDS), "NestingTooDeep")
bad("json error nested 1000 levels", "widevine", 400, "application/json",
    '{"errorCode":-2027,"x":%s}' % ('{"a":' * 1000 + "1" + "}" * 1000), "NestingTooDeep")
for label, value in [("an empty array element", "[1,,2]"), ("a member without a colon", '{"a" 1}'),
                     ("a mismatched bracket", "[1}"), ("a trailing comma", "[1,]"), ("a bad literal", "[tru]"),
                     ("a leading zero", "[01]"), ("a bare decimal point", "[1.]"),
                     ("a raw control character", '["a\x01b"]'),
                     ("an invalid escape", '["\\x"]'), ("a lone surrogate", '["\\uDC00"]')]:
    bad(f"playready unknown member with {label}", "playready", 200, "application/json",
        '{"x":%s,%s}' % (value, PR_FIELDS), "InvalidJson")

out = pathlib.Path(__file__).with_name("expressplay_responses.json")
out.write_text(json.dumps(cases, indent=1, ensure_ascii=False) + "\n")
print(f"wrote {len(cases)} cases to {out}")
