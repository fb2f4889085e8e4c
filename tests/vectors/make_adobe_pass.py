"""Writes adobe_pass_requests.json and adobe_pass_responses.json: Adobe Pass authorization token
requests and responses (every sample of the seed, in both formats) with what every surface must
produce or parse.

Requests: {name, request: {sp_fqdn, requestor, device_id, resource, device_info,
  device_info_in_query (bool), device_type, device_user, app_id, access_token (str or null),
  format ("json"|"xml")}, then "url", "headers" ([[name, full value]...]) and "warnings"
  (["DeprecatedDeviceUser", "DeprecatedAppId", "UrlTooLong"]), or "error": {"kind", "parameter"}}.
  The expected URL is built here with Python's urllib.parse.quote(safe="-._~"): an independent
  encoder of the same set.
Responses: {name, status, content_type, body, then "expect": {mvpd, resource, requestor, expires
  (integer), proxy_mvpd (str or null)}, or "adobe_error": {"status", "kind", "body_status",
  "message"}, or "error": {"kind", "parameter"}}.
Run: python3 tests/vectors/make_adobe_pass.py
"""
import base64
import json
import pathlib
from urllib.parse import quote

here = pathlib.Path(__file__).resolve().parent
DEVICE_INFO = base64.b64encode(json.dumps({"primaryHardwareType": "SetTopBox", "model": "X1", "osName": "Linux"},
                                          separators=(",", ":")).encode()).decode()
MRSS = ('<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>TNT</title>'
        '<item><title>Episode 1 &amp; 2</title><guid>ep-1</guid>'
        '<media:rating scheme="urn:v-chip">tv-14</media:rating></item></channel></rss>')


def enc(v):
    return quote(v, safe="-._~")


requests = []


def req(name, error=None, **fields):
    r = {"sp_fqdn": "api.auth.adobe.com", "requestor": "sampleRequestorId", "device_id": "device-7",
         "resource": "sampleResourceId", "device_info": DEVICE_INFO, "device_info_in_query": False,
         "device_type": None, "device_user": None, "app_id": None, "access_token": None, "format": "json"}
    r.update(fields)
    case = {"name": name, "request": r}
    if error:
        case["error"] = {"kind": error[0], "parameter": error[1]}
        requests.append(case)
        return
    base = r["sp_fqdn"].rstrip("/")
    if not base.lower().startswith(("https://", "http://")):
        base = "https://" + base
    pairs = [("requestor", r["requestor"]), ("deviceId", r["device_id"]), ("resource", r["resource"])]
    if r["device_info_in_query"]:
        pairs.append(("device_info", r["device_info"]))
    for key, wire in [("device_type", "deviceType"), ("device_user", "deviceUser"), ("app_id", "appId")]:
        if r[key]:
            pairs.append((wire, r[key]))
    pairs.append(("format", r["format"]))
    url = base + "/api/v1/tokens/authz?" + "&".join(f"{k}={enc(v)}" for k, v in pairs)
    headers = [["Accept", "application/" + r["format"]]]
    if not r["device_info_in_query"]:
        headers.append(["X-Device-Info", r["device_info"]])
    if r["access_token"] is not None:
        headers.append(["Authorization", "Bearer " + r["access_token"]])
    warnings = []
    if r["device_user"]:
        warnings.append("DeprecatedDeviceUser")
    if r["app_id"]:
        warnings.append("DeprecatedAppId")
    if len(url) > 2048:
        warnings.append("UrlTooLong")
    case.update({"url": url, "headers": headers, "warnings": warnings})
    requests.append(case)


req("mandatory fields, JSON, device info in the header")
req("XML format, staging base URL with a trailing slash", sp_fqdn="https://api.auth-staging.adobe.com/", format="xml")
req("device info in the query", device_info_in_query=True)
req("deviceType and an access token", device_type="Roku", access_token="eyJhbGciOi.abc.def")
req("deprecated deviceUser and appId are warnings", device_user="user7", app_id="com.example.player")
req("MRSS resource survives byte for byte", resource=MRSS)
req("long device info in the query warns about the URL length", device_info_in_query=True,
    device_info=base64.b64encode(b"x" * 1600).decode())
req("base URL with a port", sp_fqdn="https://sp.example.com:8443")
req("empty requestor", error=("MissingField", "requestor"), requestor="")
req("empty deviceId", error=("MissingField", "deviceId"), device_id="")
req("empty resource", error=("MissingField", "resource"), resource="")
req("missing device info", error=("MissingField", "X-Device-Info"), device_info="")
req("device info that is not base64", error=("InvalidValue", "X-Device-Info"), device_info='{"model":"X1"}')
req("header injection in the device info", error=("ControlCharacter", "X-Device-Info"), device_info="abc\r\nX-Evil: 1")
req("header injection in the access token", error=("ControlCharacter", "Authorization"), access_token="t\r\nX-Evil: 1")
req("bad host", error=("InvalidHost", "sp_fqdn"), sp_fqdn="api auth.adobe.com")
req("empty host", error=("MissingField", "sp_fqdn"), sp_fqdn="")

responses = []


def ok(name, ct, body, mvpd="sampleMvpdId", resource="sampleResourceId", requestor="sampleRequestorId",
       expires=1348148289000, proxy="sampleProxyMvpdId"):
    responses.append({"name": name, "status": 200, "content_type": ct, "body": body,
                      "expect": {"mvpd": mvpd, "resource": resource, "requestor": requestor, "expires": expires,
                                 "proxy_mvpd": proxy}})


def refusal(name, status, ct, body, kind, body_status, message):
    responses.append({"name": name, "status": status, "content_type": ct, "body": body,
                      "adobe_error": {"status": status, "kind": kind, "body_status": body_status, "message": message}})


def bad(name, ct, body, kind, parameter=None, status=200):
    responses.append({"name": name, "status": status, "content_type": ct, "body": body,
                      "error": {"kind": kind, "parameter": parameter}})


XML_OK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<authorization>
    <expires>1348148289000</expires>
    <mvpd>sampleMvpdId</mvpd>
    <requestor>sampleRequestorId</requestor>
    <resource>sampleResourceId</resource>
    <proxyMvpd>sampleProxyMvpdId</proxyMvpd>
</authorization>
"""
JSON_OK = """{
    "mvpd": "sampleMvpdId",
    "resource": "sampleResourceId",
    "requestor": "sampleRequestorId",
    "expires": "1348148289000",
    "proxyMvpd": "sampleProxyMvpdId"
}
"""
ok("seed success, XML", "application/xml", XML_OK)
ok("seed success, JSON (expires as a string)", "application/json", JSON_OK)
ok("JSON expires as a number, no proxyMvpd, fields reordered, unknown field", "application/json; charset=utf-8",
   '{"expires": 1348148289000, "requestor": "r", "extra": {"a": [1]}, "resource": "res", "mvpd": "m"}',
   mvpd="m", resource="res", requestor="r", proxy=None)
ok("XML without a declaration, text/xml, no proxyMvpd", "text/xml",
   "<authorization><mvpd>m</mvpd><resource>res</resource><requestor>r</requestor><expires>1</expires></authorization>",
   mvpd="m", resource="res", requestor="r", expires=1, proxy=None)
ok("XML entities, CDATA, comments and an unknown element", "application/xml",
   "<authorization><mvpd>AT&amp;T &#8212; &#x263A;</mvpd><unknown><deep>x</deep></unknown><!-- note -->"
   "<resource><![CDATA[" + MRSS + "]]></resource><requestor>a&lt;b&gt;&quot;c&apos;</requestor>"
   "<expires> 1348148289000 </expires></authorization>",
   mvpd="AT&T \u2014 \u263a", resource=MRSS, requestor="a<b>\"c'", proxy=None)
ok("XML-escaped MRSS resource", "application/xml",
   "<authorization><mvpd>m</mvpd><resource>" + MRSS.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
   + "</resource><requestor>r</requestor><expires>5</expires></authorization>",
   mvpd="m", resource=MRSS, requestor="r", expires=5, proxy=None)
ok("JSON escapes", "application/json",
   '{"mvpd":"m\\u00e9","resource":"<rss version=\\"2.0\\"\\/>","requestor":"r","expires":"7"}',
   mvpd="m\u00e9", resource='<rss version="2.0"/>', requestor="r", expires=7, proxy=None)
for status, kind, xml_msg, json_msg in [(412, "NotAuthenticated", "User not authenticated", "User not authenticated"),
                                        (404, "NotAuthorized", "Not found", "Not Found"),
                                        (410, "AuthorizationExpired", "Gone", "Gone")]:
    refusal(f"seed {status}, XML", status, "application/xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<error>\n    <status>{status}</status>\n'
            f"    <message>{xml_msg}</message>\n</error>\n", kind, status, xml_msg)
    refusal(f"seed {status}, JSON", status, "application/json",
            f'{{\n    "status": {status},\n    "message": "{json_msg}",\n    "details": null\n}}\n', kind, status, json_msg)
refusal("500 with an html body", 500, "text/html", "<html>oops</html>", "UnexpectedStatus", None, None)
# A body sent as JSON must be JSON, on an error status too; XML error bodies are read as far as they go.
bad("412 with a broken JSON body", "application/json", '{"status": 41', "InvalidJson", status=412)
refusal("412 with a broken XML body", 412, "application/xml", '<error><status>41', "NotAuthenticated", None, None)
refusal("412 with a JSON body of another shape", 412, "application/json", '{"status": true, "message": []}',
        "NotAuthenticated", None, None)
bad("missing expires", "application/json", '{"mvpd":"m","resource":"r","requestor":"q"}', "MissingField", "expires")
bad("missing mvpd in XML", "application/xml",
    "<authorization><resource>r</resource><requestor>q</requestor><expires>1</expires></authorization>",
    "MissingField", "mvpd")
bad("expires not a number", "application/json", '{"mvpd":"m","resource":"r","requestor":"q","expires":"soon"}',
    "InvalidValue", "expires")
bad("expires an object", "application/json", '{"mvpd":"m","resource":"r","requestor":"q","expires":{}}',
    "InvalidValue", "expires")
bad("mvpd a number", "application/json", '{"mvpd":5,"resource":"r","requestor":"q","expires":"1"}',
    "InvalidValue", "mvpd")
bad("truncated JSON", "application/json", JSON_OK[:60], "InvalidJson")
bad("truncated XML", "application/xml", XML_OK[:120], "InvalidXml")
bad("mismatched XML end tag", "application/xml",
    "<authorization><mvpd>m</requestor></authorization>", "InvalidXml")
bad("unknown XML entity", "application/xml",
    "<authorization><mvpd>&nbsp;</mvpd><resource>r</resource><requestor>q</requestor><expires>1</expires></authorization>",
    "InvalidXml", "mvpd")
bad("XML with a DTD", "application/xml",
    '<!DOCTYPE authorization [<!ENTITY x "y">]><authorization><mvpd>&x;</mvpd></authorization>', "InvalidXml")
bad("markup inside a field", "application/xml",
    "<authorization><mvpd><b>m</b></mvpd></authorization>", "InvalidValue", "mvpd")
bad("another root element", "application/xml", "<authz><mvpd>m</mvpd></authz>", "InvalidXml")
bad("200 with html", "text/html", "<html>ok</html>", "UnexpectedContentType")

# Hostile bodies: skipped members obey the same grammar as read ones; nesting stops at 64 levels
# (core MAX_NESTING_DEPTH) for JSON and XML alike.
FIELDS = '"mvpd":"m","resource":"r","requestor":"q","expires":"1"'
ok("JSON document 64 levels deep", "application/json",
   '{"x":%s,%s}' % ("[" * 63 + "]" * 63, FIELDS), mvpd="m", resource="r", requestor="q", expires=1, proxy=None)
bad("JSON document 65 levels deep", "application/json", '{"x":%s,%s}' % ("[" * 64 + "]" * 64, FIELDS),
    "NestingTooDeep")
bad("JSON error body nested 1000 levels", "application/json", '{"status":412,"x":%s}' % ("[" * 1000),
    "NestingTooDeep", status=412)
for label, value in [("an empty array element", "[1,,2]"), ("a member without a colon", '{"a" 1}'),
                     ("a mismatched bracket", "[1}"), ("a trailing comma", "[1,]"), ("a bad literal", "nul"),
                     ("a bad number", "-"), ("a raw control character", '"a\tb"')]:
    bad(f"JSON unknown member with {label}", "application/json", '{"x":%s,%s}' % (value, FIELDS), "InvalidJson")
XML_FIELDS = "<mvpd>m</mvpd><resource>r</resource><requestor>q</requestor><expires>1</expires>"
ok("XML document 64 levels deep", "application/xml",
   "<authorization>%s%s%s</authorization>" % ("<x>" * 62, "</x>" * 62, XML_FIELDS),
   mvpd="m", resource="r", requestor="q", expires=1, proxy=None)
bad("XML document 65 levels deep", "application/xml",
   "<authorization>%s%s%s</authorization>" % ("<x>" * 64, "</x>" * 64, XML_FIELDS), "NestingTooDeep")
bad("XML nested 1000 levels, unbalanced", "application/xml", "<authorization>" + "<x>" * 1000, "NestingTooDeep")

(here / "adobe_pass_requests.json").write_text(json.dumps(requests, indent=1, ensure_ascii=False) + "\n")
(here / "adobe_pass_responses.json").write_text(json.dumps(responses, indent=1, ensure_ascii=False) + "\n")
print(f"wrote {len(requests)} request and {len(responses)} response cases")
