//! Every case of `tests/vectors/opentv_requests.json` and `opentv_responses.json`. A parsed
//! response is turned back into JSON by wire names and must equal the vector's expectation
//! exactly: for the seed's example that is the whole document, so every field is asserted.

mod common;

use drmtoken_core::opentv::{
    jwt, parse_response, ContentRight, ContentToken, ContentTokenRequest, LocationInfo, ResponseError, SessionControl,
    Token, UserToken,
};
use drmtoken_core::ErrorKind;
use serde_json::{json, Map, Value};

fn kind_name(kind: ErrorKind) -> String {
    format!("{kind:?}")
        .split([' ', '(', '{'])
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Inserts `key: value` when the field is present.
fn put(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(v) = value {
        map.insert(key.to_owned(), v);
    }
}

fn s(v: Option<&str>) -> Option<Value> {
    v.map(|v| json!(v))
}

fn session_control(sc: &SessionControl<'_>) -> Value {
    let mut m = Map::new();
    let groups: Vec<Value> = sc
        .groups
        .iter()
        .map(|g| {
            let mut gm = Map::new();
            put(&mut gm, "groupId", s(g.group_id));
            put(&mut gm, "maxSessions", g.max_sessions.map(|n| json!(n)));
            Value::Object(gm)
        })
        .collect();
    m.insert("groups".into(), Value::Array(groups));
    put(&mut m, "groupId", s(sc.group_id));
    put(
        &mut m,
        "sessionControlEnabled",
        sc.session_control_enabled.map(|b| json!(b)),
    );
    put(&mut m, "maxSessions", sc.max_sessions.map(|n| json!(n)));
    Value::Object(m)
}

fn right(r: &ContentRight<'_>) -> Value {
    let mut m = Map::new();
    put(&mut m, "contentId", s(r.content_id));
    put(&mut m, "start", s(r.start));
    put(&mut m, "end", s(r.end));
    put(&mut m, "duration", r.duration.map(|n| json!(n)));
    put(&mut m, "storable", r.storable.map(|b| json!(b)));
    put(&mut m, "drt", s(r.drt));
    put(&mut m, "usageRulesProfileId", s(r.usage_rules_profile_id));
    put(
        &mut m,
        "sessionControl",
        r.session_control.as_ref().map(session_control),
    );
    Value::Object(m)
}

fn content_token(t: &ContentToken<'_>) -> Value {
    let mut m = Map::new();
    put(&mut m, "typ", s(t.typ));
    put(&mut m, "ver", s(t.ver));
    put(&mut m, "exp", t.exp.map(|n| json!(n)));
    put(&mut m, "jti", s(t.jti));
    put(
        &mut m,
        "device",
        t.device.map(|d| {
            let mut dm = Map::new();
            put(&mut dm, "drm", s(d.drm));
            put(&mut dm, "deviceUniqueId", s(d.device_unique_id));
            put(&mut dm, "watermarking", d.watermarking.map(|b| json!(b)));
            put(&mut dm, "ipAddress", s(d.ip_address));
            put(&mut dm, "model", s(d.model));
            put(&mut dm, "accountId", s(d.account_id));
            Value::Object(dm)
        }),
    );
    if !t.content_rights.is_empty() {
        m.insert(
            "contentRights".into(),
            Value::Array(t.content_rights.iter().map(right).collect()),
        );
    }
    Value::Object(m)
}

fn location(l: &LocationInfo<'_>) -> Value {
    let mut m = Map::new();
    put(&mut m, "country", s(l.country));
    put(&mut m, "country-code", s(l.country_code));
    put(&mut m, "numeric-country-code", s(l.numeric_country_code));
    put(&mut m, "region-full-name", s(l.region_full_name));
    put(&mut m, "metro-name", s(l.metro_name));
    put(&mut m, "metro-code", s(l.metro_code));
    put(&mut m, "city-name", s(l.city_name));
    put(&mut m, "postal-code", s(l.postal_code));
    put(&mut m, "billing-country-code", s(l.billing_country_code));
    put(&mut m, "filter-string", s(l.filter_string));
    Value::Object(m)
}

fn user_token(t: &UserToken<'_>) -> Value {
    let mut m = Map::new();
    put(&mut m, "typ", s(t.typ));
    put(&mut m, "ver", s(t.ver));
    put(&mut m, "exp", t.exp.map(|n| json!(n)));
    put(&mut m, "fixed_exp", t.fixed_exp.map(|n| json!(n)));
    put(&mut m, "tenantId", s(t.tenant_id));
    put(&mut m, "accountId", s(t.account_id));
    put(&mut m, "accountProfileId", s(t.account_profile_id));
    put(&mut m, "userId", s(t.user_id));
    put(&mut m, "deviceId", s(t.device_id));
    put(&mut m, "playoutDeviceClass", s(t.playout_device_class));
    put(&mut m, "jti", s(t.jti));
    put(&mut m, "geoBlockExempt", t.geo_block_exempt.map(|b| json!(b)));
    put(
        &mut m,
        "sessionControl",
        t.session_control.as_ref().map(session_control),
    );
    if !t.rating_thresholds.is_empty() {
        let ratings: Map<String, Value> = t
            .rating_thresholds
            .iter()
            .map(|(k, v)| ((*k).to_owned(), json!(v)))
            .collect();
        m.insert("parentalControl".into(), json!({ "ratingThreshold": ratings }));
    }
    if t.device_hardware_model.is_some() || t.device_os_type.is_some() {
        m.insert(
            "deviceInformation".into(),
            json!({"device": {"hardware": {"model": t.device_hardware_model}, "OS": {"type": t.device_os_type}}}),
        );
    }
    put(&mut m, "onNetwork", t.on_network.map(|b| json!(b)));
    put(
        &mut m,
        "filteringInformation",
        t.filtering_information.as_ref().map(location),
    );
    put(
        &mut m,
        "blockingInformation",
        t.blocking_information.as_ref().map(location),
    );
    put(&mut m, "watermarking", t.watermarking.map(|b| json!(b)));
    Value::Object(m)
}

fn token<T>(t: &Token<'_, T>, claims: impl Fn(&T) -> Value) -> Value {
    match t {
        Token::Jwt(j) => json!({ "jwt": j }),
        Token::Claims { claims: c, .. } => claims(c),
    }
}

#[test]
fn every_request_vector() {
    for case in common::vectors("opentv_requests.json") {
        let name = case["name"].as_str().unwrap();
        let r = &case["request"];
        let request = ContentTokenRequest {
            host: r["host"].as_str().unwrap(),
            port: r["port"].as_u64().unwrap() as u32,
            content_id: r["content_id"].as_str().unwrap(),
            bearer_token: r["bearer_token"].as_str().unwrap(),
            tenant_id: r["tenant_id"].as_str().unwrap(),
        };
        let mut out = [0u8; 512];
        match case.get("error") {
            Some(e) => {
                let err = request.validate().unwrap_err();
                assert_eq!(kind_name(err.kind()), e["kind"].as_str().unwrap(), "{name}");
                assert_eq!(err.parameter(), e["parameter"].as_str(), "{name}");
                // write_url checks only what the URL needs (host, port), like every service's.
                match err.parameter() {
                    Some("host" | "port") => assert_eq!(request.write_url(&mut out).unwrap_err(), err, "{name}"),
                    _ => assert!(request.write_url(&mut out).is_ok(), "{name}"),
                }
            }
            None => {
                request.validate().unwrap_or_else(|e| panic!("{name}: {e}"));
                let url = request.write_url(&mut out).unwrap();
                assert_eq!(url, case["url"].as_str().unwrap(), "{name}");
                assert_eq!(request.url_len(), url.len(), "{name}");
                assert_eq!(request.method(), "POST");
                let headers: Vec<(String, String)> = request
                    .headers()
                    .iter()
                    .map(|h| {
                        let mut buf = vec![0u8; h.value_len()];
                        (h.name.to_owned(), h.write_value(&mut buf).unwrap().to_owned())
                    })
                    .collect();
                let expected: Vec<(String, String)> = case["headers"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|h| (h[0].as_str().unwrap().to_owned(), h[1].as_str().unwrap().to_owned()))
                    .collect();
                assert_eq!(headers, expected, "{name}");
                // The bearer token never reaches Debug output.
                assert!(
                    !format!("{request:?}{:?}", request.headers()).contains(request.bearer_token),
                    "{name}"
                );
            }
        }
    }
}

#[test]
fn every_response_vector() {
    let cases = common::vectors("opentv_responses.json");
    assert!(cases.len() >= 25);
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let status = case["status"].as_u64().unwrap() as u16;
        let body = case["body"].as_str().unwrap().as_bytes();
        let mut scratch = vec![0u8; body.len()];
        let result = parse_response(status, case["content_type"].as_str().unwrap(), body, &mut scratch);
        if let Some(expect) = case.get("expect") {
            let r = result.unwrap_or_else(|e| panic!("{name}: {e:?}"));
            let mut m = Map::new();
            m.insert("content_token".into(), token(&r.content_token, content_token));
            put(&mut m, "token_type", s(r.token_type));
            put(&mut m, "expires_in", r.expires_in.map(|n| json!(n)));
            put(
                &mut m,
                "access_token",
                r.access_token.as_ref().map(|t| token(t, user_token)),
            );
            put(
                &mut m,
                "refresh_token",
                r.refresh_token.as_ref().map(|t| token(t, user_token)),
            );
            assert_eq!(&Value::Object(m), expect, "{name}");
        } else if let Some(expect) = case.get("ias_error") {
            let Err(ResponseError::Service(e)) = result else {
                panic!("{name}: {result:?}")
            };
            assert_eq!(u64::from(e.status), expect["status"].as_u64().unwrap(), "{name}");
            assert_eq!(
                kind_name(e.to_error().kind()),
                expect["kind"].as_str().unwrap(),
                "{name}"
            );
            assert_eq!(e.message, expect["message"].as_str(), "{name}");
        } else {
            let expect = &case["error"];
            let Err(ResponseError::Invalid(e)) = result else {
                panic!("{name}: {result:?}")
            };
            assert_eq!(kind_name(e.kind()), expect["kind"].as_str().unwrap(), "{name}: {e:?}");
            assert_eq!(e.parameter(), expect["parameter"].as_str(), "{name}: {e:?}");
        }
    }
}

#[test]
fn jwt_payloads_parse_with_the_same_types() {
    let cases = common::vectors("opentv_responses.json");
    let case = cases
        .iter()
        .find(|c| c["name"] == "tokens as compact JWT strings")
        .unwrap();
    let seed: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/vectors/fixtures/opentv_seed.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let content_jwt = case["expect"]["content_token"]["jwt"].as_str().unwrap();
    let mut payload = vec![0u8; jwt::payload_len(content_jwt).unwrap()];
    let json_text = jwt::write_payload(content_jwt, &mut payload).unwrap().to_owned();
    let mut scratch = vec![0u8; json_text.len()];
    let claims = ContentToken::parse(&json_text, &mut scratch).unwrap();
    assert_eq!(content_token(&claims), seed["content_token"]);

    let access_jwt = case["expect"]["access_token"]["jwt"].as_str().unwrap();
    let mut payload = vec![0u8; jwt::payload_len(access_jwt).unwrap()];
    let json_text = jwt::write_payload(access_jwt, &mut payload).unwrap().to_owned();
    let mut scratch = vec![0u8; json_text.len()];
    assert_eq!(
        user_token(&UserToken::parse(&json_text, &mut scratch).unwrap()),
        seed["access_token"]
    );
}

#[test]
fn the_seed_as_printed_is_refused_at_the_no_break_space() {
    let verbatim = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/fixtures/opentv_seed_verbatim.json"
    ))
    .unwrap();
    let offset = verbatim.find('\u{a0}').unwrap();
    let mut scratch = vec![0u8; verbatim.len()];
    let err = parse_response(200, "application/json", verbatim.as_bytes(), &mut scratch).unwrap_err();
    assert_eq!(err.to_error().kind(), ErrorKind::InvalidJson { offset });
}

#[test]
fn refresh_point_from_the_seed() {
    // expires_in 3887999 s (45 days): refresh at 90 %.
    assert_eq!(
        drmtoken_core::opentv::refresh_at(1_700_000_000, 3_887_999, 90),
        1_700_000_000 + 3_499_199
    );
}

#[test]
fn arbitrary_bytes_never_panic() {
    let seed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/fixtures/opentv_seed.json"
    ))
    .unwrap();
    let mut scratch = vec![0u8; seed.len()];
    // Every prefix of the seed, and the seed with each byte replaced by a structural character.
    for n in 0..seed.len() {
        let _ = parse_response(200, "application/json", &seed[..n], &mut scratch);
    }
    for i in (0..seed.len()).step_by(7) {
        for b in [b'"', b'{', b'}', b'[', b']', b',', b':', b'\\'] {
            let mut m = seed.clone();
            m[i] = b;
            let _ = parse_response(200, "application/json", &m, &mut scratch);
        }
    }
}
