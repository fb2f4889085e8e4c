"""Writes opentv_requests.json and opentv_responses.json: Nagra OpenTV IAS content token
requests and responses with what every surface must produce or parse.

Requests: {name, request: {host, port, content_id, bearer_token, tenant_id}, then
  "url" + "headers" ([[name, full value]...]) or "error": {"kind", "parameter"}}.
Responses: {name, status, content_type, body, then exactly one of
  "expect": the response as JSON by wire names: a token sent as a JWT string appears as
            {"jwt": "<string>"}; absent fields are absent; the parse must give exactly this,
  "ias_error": {"status", "kind" (core ErrorKind name), "message" (str or null)},
  "error": {"kind", "parameter" (str or null)}}.
The seed's example (fixtures/opentv_seed.json) is the document as printed with its two U+00A0
no-break spaces replaced by spaces; fixtures/opentv_seed_verbatim.json keeps them, and the
parser refuses it (strict JSON) naming the byte offset.
Run: python3 tests/vectors/make_opentv.py
"""
import base64
import copy
import json
import pathlib

here = pathlib.Path(__file__).resolve().parent
seed_text = (here / "fixtures" / "opentv_seed.json").read_text(encoding="utf-8")
seed = json.loads(seed_text)
verbatim = (here / "fixtures" / "opentv_seed_verbatim.json").read_text(encoding="utf-8")


def b64url(obj):
    raw = json.dumps(obj, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def jwt(claims):
    return f"{b64url({'alg': 'RS256', 'typ': 'JWT'})}.{b64url(claims)}.c2lnbmF0dXJl"


requests = []


def req(name, url=None, headers=None, error=None, **fields):
    r = {"host": "ias.example.com", "port": 443, "content_id": "content7", "bearer_token": "eyJhbGciOi.abc.def",
         "tenant_id": "nagra"}
    r.update(fields)
    case = {"name": name, "request": r}
    if error:
        case["error"] = {"kind": error[0], "parameter": error[1]}
    else:
        case["url"] = url
        case["headers"] = headers or [["authorization", "Bearer " + r["bearer_token"]], ["nv-tenant-id", r["tenant_id"]]]
    requests.append(case)


req("seed shape", "https://ias.example.com:443/ias/v2/content_token?content_id=content7&type=device")
req("ipv6 host and other port", "https://[2001:db8::1]:8443/ias/v2/content_token?content_id=content7&type=device",
    host="[2001:db8::1]", port=8443)
req("ipv4 host", "https://10.0.0.7:80/ias/v2/content_token?content_id=content7&type=device", host="10.0.0.7", port=80)
req("content id percent-encoded", "https://ias.example.com:443/ias/v2/content_token?content_id=a%20b%26c%3Dd%2F%C3%A9&type=device",
    content_id="a b&c=d/\u00e9")
req("empty host", error=("MissingField", "host"), host="")
req("host with a path", error=("InvalidHost", "host"), host="evil.com/x")
req("host with a port", error=("InvalidHost", "host"), host="ias.example.com:443")
req("host with a space", error=("InvalidHost", "host"), host="a b")
req("ipv6 without brackets", error=("InvalidHost", "host"), host="2001:db8::1")
req("port 0", error=("InvalidPort", "port"), port=0)
req("port 65536", error=("InvalidPort", "port"), port=65536)
req("empty content id", error=("MissingField", "content_id"), content_id="")
req("empty bearer token", error=("MissingField", "authorization"), bearer_token="")
req("header injection in the token", error=("ControlCharacter", "authorization"), bearer_token="abc\r\nX-Evil: 1")
req("header injection in the tenant", error=("ControlCharacter", "nv-tenant-id"), tenant_id="abc\r\nX-Evil: 1")
req("NUL in the tenant", error=("ControlCharacter", "nv-tenant-id"), tenant_id="ab\u0000c")
req("empty tenant", error=("MissingField", "nv-tenant-id"), tenant_id="")

responses = []


def ok(name, body, expect, content_type="application/json"):
    responses.append({"name": name, "status": 200, "content_type": content_type, "body": body, "expect": expect})


def ias_error(name, status, kind, message, body, content_type="application/json"):
    responses.append({"name": name, "status": status, "content_type": content_type, "body": body,
                      "ias_error": {"status": status, "kind": kind, "message": message}})


def bad(name, body, kind, parameter=None, content_type="application/json", status=200):
    responses.append({"name": name, "status": status, "content_type": content_type, "body": body,
                      "error": {"kind": kind, "parameter": parameter}})


ok("seed example, every field", seed_text, seed)
as_jwt = {"content_token": {"jwt": jwt(seed["content_token"])}, "token_type": "Bearer", "expires_in": 3887999,
          "access_token": {"jwt": jwt(seed["access_token"])}, "refresh_token": {"jwt": jwt(seed["refresh_token"])}}
ok("tokens as compact JWT strings", json.dumps({k: (v["jwt"] if isinstance(v, dict) else v) for k, v in as_jwt.items()}),
   as_jwt)
right = seed["content_token"]["contentRights"][0]
eight = copy.deepcopy(seed)
eight["content_token"]["contentRights"] = [dict(right, contentId=f"content{i}") for i in range(8)]
ok("eight content rights", json.dumps(eight), eight)
nine = copy.deepcopy(eight)
nine["content_token"]["contentRights"].append(dict(right, contentId="content8"))
bad("nine content rights", json.dumps(nine), "CapacityExceeded", "content_token.contentRights")
groups9 = copy.deepcopy(seed)
groups9["content_token"]["contentRights"][0]["sessionControl"]["groups"] = [{"groupId": f"g{i}", "maxSessions": i} for i in range(9)]
bad("nine session groups", json.dumps(groups9), "CapacityExceeded", "contentRights.sessionControl.groups")
ratings9 = copy.deepcopy(seed)
ratings9["access_token"]["parentalControl"]["ratingThreshold"] = {f"SYS{i}": f"r{i}" for i in range(9)}
bad("nine rating thresholds", json.dumps(ratings9), "CapacityExceeded", "parentalControl.ratingThreshold")
ok("escapes in strings",
   '{"content_token": {"jti": "a\\"b\\\\c", "contentRights": [{"contentId": "c\\u00f6ntent\\/7 \\ud83c\\udfac"}]}}',
   {"content_token": {"jti": 'a"b\\c', "contentRights": [{"contentId": "c\u00f6ntent/7 \U0001f3ac"}]}})
ok("only a content token, no optional fields", '{"content_token": {}}', {"content_token": {}})
ok("unknown fields and nulls are ignored",
   '{"content_token": {"jti": "x", "future": [1, {"a": null}], "device": null}, "token_type": null, "extra": true}',
   {"content_token": {"jti": "x"}})
ok("charset parameter", '{"content_token": {"jti": "x"}}', {"content_token": {"jti": "x"}},
   content_type="application/json; charset=utf-8")
bad("content token missing", '{"token_type": "Bearer", "expires_in": 10}', "MissingField", "content_token")
bad("exp of the wrong type", '{"content_token": {"exp": "soon"}}', "InvalidValue", "content_token.exp")
bad("negative duration", '{"content_token": {"contentRights": [{"duration": -5}]}}', "InvalidValue",
    "contentRights.duration")
bad("device of the wrong type", '{"content_token": {"device": {"watermarking": "no"}}}', "InvalidValue",
    "content_token.device")
bad("expires_in fractional", '{"content_token": {}, "expires_in": 1.5}', "InvalidValue", "expires_in")
bad("content token a number", '{"content_token": 7}', "InvalidValue", "content_token")
bad("content token a malformed JWT", '{"content_token": "not a jwt"}', "InvalidToken", "content_token")
bad("truncated", seed_text[:200], "InvalidJson")
bad("the seed as printed, with no-break spaces", verbatim, "InvalidJson")
bad("not json at all", "<html>oops</html>", "InvalidJson")
bad("200 with html", "<html>ok</html>", "UnexpectedContentType", content_type="text/html")
ias_error("400 with a JSON message", 400, "BadRequest", "content_id is required",
          '{"error": "bad_request", "error_description": "content_id is required", "message": "content_id is required"}')
ias_error("401 nested message", 401, "Unauthorized", "token expired", '{"error": {"code": 401, "message": "token expired"}}')
ias_error("403 plain text", 403, "Forbidden", "Forbidden", "Forbidden", content_type="text/plain")
ias_error("404 empty body", 404, "ContentNotFound", None, "", content_type="text/plain")
ias_error("500 html", 500, "UnexpectedStatus", None, "<html><body>Internal error</body></html>", content_type="text/html")
# A body sent as JSON must be JSON, on an error status too.
bad("401 with a truncated JSON body", '{"error": {"message": "tok', "InvalidJson", status=401)
ias_error("403 JSON body of another shape", 403, "Forbidden", None, '["forbidden"]')

# Hostile bodies: skipped members obey the same grammar as read ones; nesting stops at 64 levels
# (core MAX_NESTING_DEPTH). The seed's token nests 4 levels, so an unknown member of `contentRights`
# entries starts at level 4.
deep_ok = copy.deepcopy(seed)
deep_ok["content_token"]["contentRights"][0]["x"] = json.loads("[" * 60 + "]" * 60)
ok("document 64 levels deep", json.dumps(deep_ok), seed)
deep_bad = copy.deepcopy(seed)
deep_bad["content_token"]["contentRights"][0]["x"] = json.loads("[" * 61 + "]" * 61)
bad("document 65 levels deep", json.dumps(deep_bad), "NestingTooDeep")
# Found by fuzz/json_readers: `"device": null` was consumed and then the next token skipped as
# its value, so `null 5` passed for one value.
bad("a null device followed by another value", '{"content_token": {}, "access_token": {"deviceInformation": '
    '{"device": null 5}}}', "InvalidJson")
bad("unknown member nested 1000 levels, unbalanced", '{"x":' + "[" * 1000, "NestingTooDeep")
for label, value in [("an empty array element", "[1,,2]"), ("a member without a colon", '{"a" 1}'),
                     ("a mismatched bracket", "[1}"), ("a trailing comma", '{"a":1,}'), ("a bad literal", "True"),
                     ("a bad number", "1e"), ("an invalid escape", '"\\a"')]:
    bad(f"unknown member with {label}", '{"x":%s,%s' % (value, seed_text.lstrip()[1:]), "InvalidJson")

(here / "opentv_requests.json").write_text(json.dumps(requests, indent=1, ensure_ascii=False) + "\n")
(here / "opentv_responses.json").write_text(json.dumps(responses, indent=1, ensure_ascii=False) + "\n")
print(f"wrote {len(requests)} request and {len(responses)} response cases")
