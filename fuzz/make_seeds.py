"""Writes fuzz/seeds/<target>/ from the seeds' samples and the shared test vectors, so every
target starts from real inputs. Idempotent; run by fuzz/run.sh."""
import hashlib
import json
import pathlib

here = pathlib.Path(__file__).resolve().parent
vectors = here.parent / "tests" / "vectors"


def put(target, data):
    d = here / "seeds" / target
    d.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


requests = json.loads((vectors / "expressplay_requests.json").read_text())
for case in requests:
    if case.get("url"):
        put("expressplay_parse_url", case["url"])
    if case.get("form_body"):
        put("form_decode", case["form_body"])
    for _, value in case["params"]:
        if value.startswith("+") or value[:1].isdigit():
            put("rfc3339", value)
for s in ["2006-04-14T12:01:10Z", "2016-02-29T23:59:60.123Z", "+2592000", "1999-13-01T00:00:00Z"]:
    put("rfc3339", s)

for case in json.loads((vectors / "keywrap.json").read_text()):
    kek = bytes.fromhex(case["kek"]) if all(c in "0123456789abcdef" for c in case["kek"]) else b""
    if "wrapped" in case and kek:
        wrapped = bytes.fromhex(case["wrapped"])
        # arbitrary's (&[u8], &[u8]): the first slice is length-prefixed... libFuzzer mutates
        # from here anyway; the raw concatenation gives it the right bytes to start from.
        put("keywrap_unwrap", kek + wrapped)
    if "key" in case and kek:
        put("keywrap_roundtrip", kek.ljust(32, b"\0") + b"\0" + bytes.fromhex(case["key"]))

for name, target in [("expressplay_responses.json", "expressplay_response"), ("opentv_responses.json", "opentv_response"),
                     ("adobe_pass_responses.json", "adobe_pass_response")]:
    for case in json.loads((vectors / name).read_text()):
        body = case["body"].encode() if "body" in case else bytes.fromhex(case["body_hex"])
        put(target, body)
        if target == "expressplay_response":
            put("c_api", body)
seed = (vectors / "fixtures" / "opentv_seed.json").read_bytes()
put("opentv_response", seed)
