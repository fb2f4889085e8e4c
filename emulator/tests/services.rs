//! The emulator answers as the seeds describe, and what it answers is what the core reads:
//! every service's success (redeemed with the core's helpers), every error class, and the
//! shared request vectors refused with the code local validation gives.

mod common;

use common::*;
use drmtoken_core::expressplay::{self, ResponseError, Service, TokenResponse};
use drmtoken_core::{adobe_pass, opentv};
use drmtoken_emulator::{Config, DEFAULT_CONFIG};
use serde_json::Value;

/// A name and a value (a header, a query parameter).
type Pair<'a> = (&'a str, &'a str);
/// A list of headers.
type Headers<'a> = [Pair<'a>];

fn expressplay_get(addr: std::net::SocketAddr, host: &str, service: &str, params: &[(&str, &str)]) -> Response {
    request(
        addr,
        "GET",
        host,
        &format!("/hms/{service}/token?{}", query(params)),
        &[],
        b"",
    )
}

fn expressplay_post(addr: std::net::SocketAddr, service: &str, params: &[(&str, &str)]) -> Response {
    request(
        addr,
        "POST",
        "127.0.0.1",
        &format!("/hms/{service}/token"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        query(params).as_bytes(),
    )
}

#[test]
fn fairplay_token_redeems_as_an_skd_uri() {
    let server = start();
    let r = expressplay_get(
        server.addr(),
        "fp-gen.test.expressplay.com",
        "fp",
        &fairplay_params(AUTH),
    );
    assert_eq!((r.status, r.content_type()), (200, "text/uri-list"), "{}", r.text());
    let Ok(TokenResponse::FairPlay(t)) =
        expressplay::parse_response(Service::FairPlay, r.status, r.content_type(), &r.body, &mut [])
    else {
        panic!("{}", r.text())
    };
    let mut uri = [0u8; 512];
    let skd = t.write_skd_uri(&mut uri).unwrap();
    assert!(
        skd.starts_with("skd://fp.test.expressplay.com:80/hms/fp/rights/?ExpressPlayToken="),
        "{skd}"
    );
    assert_eq!(t.token.len(), 150);
}

#[test]
fn playready_token_redeems_as_a_licence_url_and_is_deterministic() {
    let server = start();
    let params = playready_params(AUTH);
    let a = expressplay_get(server.addr(), "pr-gen.test.expressplay.com", "pr", &params);
    let b = expressplay_post(server.addr(), "pr", &params);
    assert_eq!((a.status, a.content_type()), (200, "application/json"), "{}", a.text());
    // GET and POST of the same parameters: the same token.
    assert_eq!(a.body, b.body);
    let Ok(TokenResponse::PlayReady(t)) =
        expressplay::parse_response(Service::PlayReady, a.status, a.content_type(), &a.body, &mut [])
    else {
        panic!("{}", a.text())
    };
    let mut url = [0u8; 512];
    assert_eq!(
        t.write_license_url(&mut url).unwrap(),
        format!(
            "https://expressplay-licensing.axprod.net/LicensingService.ashx?ExpressPlayToken={}",
            t.token
        )
    );
    // Another request, another token.
    let mut other = params.clone();
    other.push(("cookie", "session-1"));
    let c = expressplay_get(server.addr(), "pr-gen.test.expressplay.com", "pr", &other);
    assert_eq!(c.status, 200);
    assert_ne!(c.body, a.body);
}

#[test]
fn widevine_token_gives_both_redemption_forms() {
    let server = start();
    let r = expressplay_post(server.addr(), "wv", &widevine_params(AUTH));
    assert_eq!((r.status, r.content_type()), (200, "text/uri-list"), "{}", r.text());
    let Ok(TokenResponse::Widevine(t)) =
        expressplay::parse_response(Service::Widevine, r.status, r.content_type(), &r.body, &mut [])
    else {
        panic!("{}", r.text())
    };
    assert_eq!(t.url_without_query(), "https://wv.test.expressplay.com/hms/wv/rights/");
    assert!(t.url.ends_with(t.token));
}

#[test]
fn the_host_tells_test_from_production() {
    let server = start();
    let addr = server.addr();
    // The production authenticator on the production host: a token under the production domain.
    let r = expressplay_get(
        addr,
        "wv-gen.service.expressplay.com",
        "wv",
        &widevine_params(PROD_AUTH),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().starts_with("https://wv.service.expressplay.com/"));
    // ... and on the test host (or loopback, test by default): -2018, 401, as the seed's note says.
    for host in ["wv-gen.test.expressplay.com", "127.0.0.1"] {
        let r = expressplay_get(addr, host, "wv", &widevine_params(PROD_AUTH));
        assert_eq!(r.status, 401);
        let Err(ResponseError::Service(e)) =
            expressplay::parse_response(Service::Widevine, r.status, r.content_type(), &r.body, &mut [])
        else {
            panic!()
        };
        assert_eq!(e.code, Some(-2018));
    }
}

/// The code and status of a refusal, read by the core.
fn refusal(service: Service, r: &Response) -> (u16, Option<i32>, String) {
    let mut scratch = vec![0u8; r.body.len()];
    match expressplay::parse_response(service, r.status, r.content_type(), &r.body, &mut scratch) {
        Err(ResponseError::Service(e)) => (e.status, e.code, e.best_message().to_owned()),
        other => panic!("not a refusal: {other:?} {}", r.text()),
    }
}

#[test]
fn errors_come_in_the_requested_format_with_the_seed_status() {
    let server = start();
    let addr = server.addr();
    let mut bad = playready_params(AUTH);
    bad[2] = ("contentKey", "b366360da82e9c6e0b0984002a362cf"); // 31 digits: -2027
    let html = expressplay_get(addr, "127.0.0.1", "pr", &bad);
    assert!(html.content_type().starts_with("text/html"));
    assert_eq!(
        refusal(Service::PlayReady, &html),
        (
            400,
            Some(-2027),
            "Content encryption key must be 32-hexadecimal digits long (contentKey)".into()
        )
    );
    bad.push(("errorFormat", "json"));
    let json = expressplay_get(addr, "127.0.0.1", "pr", &bad);
    assert_eq!(json.content_type(), "application/json");
    let v: Value = serde_json::from_slice(&json.body).unwrap();
    assert_eq!(v["parameter"], "contentKey");
    assert_eq!(refusal(Service::PlayReady, &json).1, Some(-2027));
    // An invalid errorFormat is -3004, in HTML.
    let mut fmt = playready_params(AUTH);
    fmt.push(("errorFormat", "xml"));
    let r = expressplay_get(addr, "127.0.0.1", "pr", &fmt);
    assert!(r.content_type().starts_with("text/html"));
    assert_eq!(refusal(Service::PlayReady, &r).1, Some(-3004));
    // Authentication: missing (-2017) and unknown (-2018) are 401.
    let r = expressplay_get(addr, "127.0.0.1", "wv", &widevine_params("")[1..]);
    assert_eq!(refusal(Service::Widevine, &r).0, 401);
    assert_eq!(refusal(Service::Widevine, &r).1, Some(-2017));
    let r = expressplay_get(addr, "127.0.0.1", "fp", &fairplay_params("201722,unknown"));
    assert_eq!(refusal(Service::FairPlay, &r).0, 401);
    assert_eq!(refusal(Service::FairPlay, &r).1, Some(-2018));
    // An account with FairPlay disabled: -6009; PlayReady still works for it.
    let limited = "201722,playreadyonly00000000000000000";
    let r = expressplay_get(addr, "127.0.0.1", "fp", &fairplay_params(limited));
    assert_eq!(refusal(Service::FairPlay, &r).1, Some(-6009));
    assert_eq!(
        expressplay_get(addr, "127.0.0.1", "pr", &playready_params(limited)).status,
        200
    );
    // A malformed percent escape: the parser's error, 400, no code.
    let r = get(addr, "/hms/pr/token?customerAuthenticator=%zz", &[]);
    assert_eq!(refusal(Service::PlayReady, &r).0, 400);
    // Bad URL: 404.
    let r = get(addr, "/hms/xx/token", &[]);
    assert_eq!(r.status, 404);
    assert!(r.content_type().starts_with("text/html"));
}

#[test]
fn every_invalid_request_vector_gets_the_code_local_validation_gives() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/expressplay_requests.json"
    );
    let vectors: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    // Every authenticator of the vectors is an account, in both environments.
    let mut auths: Vec<String> = vectors
        .iter()
        .flat_map(|c| c["params"].as_array().unwrap().iter())
        .filter(|p| p[0] == "customerAuthenticator" && p[1] != "")
        .map(|p| p[1].as_str().unwrap().to_owned())
        .collect();
    auths.sort();
    auths.dedup();
    let mut toml = String::new();
    for a in &auths {
        for env in ["test", "production"] {
            toml.push_str(&format!(
                "[[expressplay.accounts]]\ncustomer_authenticator = {a:?}\nenvironment = \"{env}\"\n"
            ));
        }
    }
    let server = start_with(Config::from_toml(&toml).unwrap());
    let mut checked = 0;
    for case in &vectors {
        let Some(code) = case["error"]["code"].as_i64() else {
            continue;
        };
        // Absolute times are checked against the vectors' fixed "now", not the clock.
        if code == -2002 {
            continue;
        }
        let service = match case["service"].as_str().unwrap() {
            "fairplay" => Service::FairPlay,
            "playready" => Service::PlayReady,
            _ => Service::Widevine,
        };
        let params: Vec<(&str, &str)> = case["params"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_str().unwrap(), p[1].as_str().unwrap()))
            .collect();
        let r = expressplay_post(server.addr(), service.prefix(), &params);
        let (status, got, _) = refusal(service, &r);
        assert_eq!(
            got,
            Some(i32::try_from(code).unwrap()),
            "{}: {}",
            case["name"],
            r.text()
        );
        assert_eq!(status, if code == -2017 { 401 } else { 400 }, "{}", case["name"]);
        checked += 1;
    }
    assert!(checked >= 50, "{checked}");
}

fn ias(addr: std::net::SocketAddr, target: &str, headers: &[(&str, &str)]) -> Response {
    request(addr, "POST", "127.0.0.1", target, headers, b"")
}

#[test]
fn opentv_success_is_the_seed_document() {
    let server = start();
    let r = ias(
        server.addr(),
        "/ias/v2/content_token?content_id=content7&type=device",
        &[
            ("authorization", "Bearer emulator-bearer-token"),
            ("nv-tenant-id", "nagra"),
        ],
    );
    assert_eq!((r.status, r.content_type()), (200, "application/json"), "{}", r.text());
    let mut scratch = vec![0u8; r.body.len()];
    let doc = opentv::parse_response(r.status, r.content_type(), &r.body, &mut scratch).unwrap();
    let content = doc.content_token.claims().unwrap();
    assert_eq!(content.content_rights[0].content_id, Some("content7"));
    assert_eq!(content.device.unwrap().device_unique_id, Some("device7"));
    assert_eq!(doc.token_type, Some("Bearer"));
    assert_eq!(doc.expires_in, Some(3_887_999));
    let access = doc.access_token.as_ref().unwrap().claims().unwrap();
    assert_eq!((access.tenant_id, access.user_id), (Some("nagra"), Some("user7")));
    assert!(doc.refresh_token.is_some());
}

#[test]
fn opentv_errors_are_the_seed_statuses() {
    let server = start();
    let addr = server.addr();
    let good = [
        ("authorization", "Bearer emulator-bearer-token"),
        ("nv-tenant-id", "nagra"),
    ];
    let cases: &[(&str, &Headers, u16)] = &[
        ("/ias/v2/content_token?type=device", &good, 400),
        ("/ias/v2/content_token?content_id=content7", &good, 400),
        ("/ias/v2/content_token?content_id=content7&type=device", &good[..1], 400),
        ("/ias/v2/content_token?content_id=content7&type=device", &good[1..], 401),
        (
            "/ias/v2/content_token?content_id=content7&type=device",
            &[("authorization", "Bearer nope"), ("nv-tenant-id", "nagra")],
            401,
        ),
        (
            "/ias/v2/content_token?content_id=content7&type=device",
            &[
                ("authorization", "Bearer emulator-bearer-token"),
                ("nv-tenant-id", "other"),
            ],
            403,
        ),
        (
            "/ias/v2/content_token?content_id=content-premium&type=device",
            &good,
            403,
        ),
        ("/ias/v2/content_token?content_id=nosuch&type=device", &good, 404),
    ];
    for (target, headers, status) in cases {
        let r = ias(addr, target, headers);
        let mut scratch = vec![0u8; r.body.len()];
        let result = opentv::parse_response(r.status, r.content_type(), &r.body, &mut scratch).map(|_| ());
        match result {
            Err(opentv::ResponseError::Service(e)) => {
                assert_eq!(e.status, *status, "{target} {headers:?}");
                assert!(e.message.is_some_and(|m| !m.is_empty()));
            }
            other => panic!("{target}: {other:?}"),
        }
    }
    // The method is POST.
    assert_eq!(
        get(addr, "/ias/v2/content_token?content_id=content7&type=device", &good).status,
        405
    );
}

fn authz(addr: std::net::SocketAddr, params: &[(&str, &str)], headers: &[(&str, &str)]) -> Response {
    get(addr, &format!("/api/v1/tokens/authz?{}", query(params)), headers)
}

#[test]
fn adobe_pass_json_and_xml_and_the_seed_errors() {
    let server = start();
    let addr = server.addr();
    let info = [("X-Device-Info", "eyJkZXZpY2UiOnt9fQ==")];
    for (format, ct) in [("json", "application/json"), ("xml", "application/xml")] {
        let base = [
            ("requestor", "sampleRequestorId"),
            ("deviceId", "d1"),
            ("format", format),
        ];
        let with = |resource: &'static str| {
            let mut p = base.to_vec();
            p.push(("resource", resource));
            p
        };
        let r = authz(addr, &with("sampleResourceId"), &info);
        assert_eq!((r.status, r.content_type()), (200, ct), "{}", r.text());
        let mut scratch = vec![0u8; r.body.len()];
        let a = adobe_pass::parse_response(r.status, r.content_type(), &r.body, &mut scratch).unwrap();
        assert_eq!(
            (a.mvpd, a.resource, a.requestor, a.proxy_mvpd),
            (
                "sampleMvpdId",
                "sampleResourceId",
                "sampleRequestorId",
                Some("sampleProxyMvpdId")
            )
        );
        assert!(a.is_valid_at(drmtoken_emulator::time::now_ms()));
        let expect: &[(Vec<Pair>, u16, &str)] = &[
            (
                with("nosuch"),
                404,
                if format == "json" { "Not Found" } else { "Not found" },
            ),
            (with("expiredResourceId"), 410, "Gone"),
            (
                vec![
                    ("requestor", "sampleRequestorId"),
                    ("deviceId", "unauthenticatedDevice"),
                    ("resource", "sampleResourceId"),
                    ("format", format),
                ],
                412,
                "User not authenticated",
            ),
            (
                vec![
                    ("requestor", "otherRequestor"),
                    ("deviceId", "d1"),
                    ("resource", "sampleResourceId"),
                    ("format", format),
                ],
                412,
                "User not authenticated",
            ),
        ];
        for (params, status, message) in expect {
            let r = authz(addr, params, &info);
            assert_eq!(r.content_type(), ct);
            let mut scratch = vec![0u8; r.body.len()];
            match adobe_pass::parse_response(r.status, r.content_type(), &r.body, &mut scratch) {
                Err(adobe_pass::ResponseError::Service(e)) => {
                    assert_eq!(
                        (e.status, e.body_status, e.message),
                        (*status, Some(*status), Some(*message))
                    );
                }
                other => panic!("{params:?}: {other:?}"),
            }
        }
    }
    // Accept chooses when format is absent; device information is mandatory.
    let params = [
        ("requestor", "sampleRequestorId"),
        ("deviceId", "d1"),
        ("resource", "sampleResourceId"),
    ];
    let r = authz(addr, &params, &[("Accept", "application/xml"), info[0]]);
    assert_eq!(r.content_type(), "application/xml");
    assert!(r.text().contains("<authorization>"));
    assert_eq!(authz(addr, &params, &[]).status, 400);
}

#[test]
fn an_mrss_resource_survives_the_round_trip_in_xml() {
    let mrss = "<rss version=\"2.0\"><channel><title>a & b</title></channel></rss>";
    let toml = format!(
        "[[adobe_pass.requestors]]\nrequestor = \"R\"\nmvpd = \"M\"\nauthenticated_devices = [\"*\"]\nresources = [{{ resource = {mrss:?} }}]\n"
    );
    let server = start_with(Config::from_toml(&toml).unwrap());
    let r = authz(
        server.addr(),
        &[
            ("requestor", "R"),
            ("deviceId", "d"),
            ("resource", mrss),
            ("format", "xml"),
        ],
        &[("X-Device-Info", "e30=")],
    );
    let mut scratch = vec![0u8; r.body.len()];
    let a = adobe_pass::parse_response(r.status, r.content_type(), &r.body, &mut scratch).unwrap();
    assert_eq!(a.resource, mrss);
    assert_eq!(a.proxy_mvpd, None);
}

#[test]
fn the_default_config_is_the_documented_one() {
    // The README shows DEFAULT_CONFIG; `drmtoken serve --print-config` prints it.
    assert!(DEFAULT_CONFIG.contains(AUTH));
    assert!(DEFAULT_CONFIG.contains("emulator-bearer-token"));
}
