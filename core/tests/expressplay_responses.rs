//! Every case of `tests/vectors/expressplay_responses.json` (the seeds' samples and the edge
//! cases around them): the same file drives the C, Kotlin, Swift and Python tests.

mod common;

use drmtoken_core::expressplay::{parse_response, ResponseError, TokenResponse};
use drmtoken_core::ErrorKind;
use serde_json::Value;

fn kind_name(kind: ErrorKind) -> String {
    format!("{kind:?}")
        .split([' ', '(', '{'])
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn body(case: &Value) -> Vec<u8> {
    match (case["body"].as_str(), case["body_hex"].as_str()) {
        (Some(text), _) => text.as_bytes().to_vec(),
        (None, Some(hex)) => (0..hex.len() / 2)
            .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
            .collect(),
        _ => panic!("case without a body"),
    }
}

#[test]
fn every_response_vector() {
    let cases = common::vectors("expressplay_responses.json");
    assert!(cases.len() >= 43);
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let service = common::service(case["service"].as_str().unwrap());
        let status = case["status"].as_u64().unwrap() as u16;
        let content_type = case["content_type"].as_str().unwrap();
        let body = body(case);
        let mut scratch = vec![0u8; body.len()];
        let result = parse_response(service, status, content_type, &body, &mut scratch);
        if let Some(expect) = case.get("expect") {
            let response = result.unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert_eq!(response.service(), service, "{name}");
            assert_eq!(response.token(), expect["token"].as_str().unwrap(), "{name}");
            let mut out = vec![0u8; 8192];
            match response {
                TokenResponse::FairPlay(t) => {
                    assert_eq!(t.url, expect["url"].as_str().unwrap(), "{name}");
                    let skd = t.write_skd_uri(&mut out).unwrap();
                    assert_eq!(skd, expect["skd_uri"].as_str().unwrap(), "{name}");
                    assert_eq!(t.skd_uri_len(), skd.len(), "{name}");
                    assert_eq!(
                        t.url_without_query(),
                        expect["url_without_query"].as_str().unwrap(),
                        "{name}"
                    );
                }
                TokenResponse::Widevine(t) => {
                    assert_eq!(t.url, expect["url"].as_str().unwrap(), "{name}");
                    assert_eq!(
                        t.url_without_query(),
                        expect["url_without_query"].as_str().unwrap(),
                        "{name}"
                    );
                }
                TokenResponse::PlayReady(t) => {
                    assert_eq!(
                        t.license_acquisition_url,
                        expect["license_acquisition_url"].as_str().unwrap(),
                        "{name}"
                    );
                    let url = t.write_license_url(&mut out).unwrap();
                    assert_eq!(url, expect["license_url"].as_str().unwrap(), "{name}");
                    assert_eq!(t.license_url_len(), url.len(), "{name}");
                }
            }
        } else if let Some(expect) = case.get("service_error") {
            let Err(ResponseError::Service(e)) = result else {
                panic!("{name}: {result:?}")
            };
            assert_eq!(u64::from(e.status), expect["status"].as_u64().unwrap(), "{name}");
            assert_eq!(e.code.map(i64::from), expect["code"].as_i64(), "{name}");
            assert_eq!(e.message, expect["message"].as_str(), "{name}");
            assert_eq!(
                e.expressplay_code().is_some(),
                expect["documented"].as_bool().unwrap(),
                "{name}"
            );
            // The server's -2027 is the very variant local validation returns.
            if let Some(code) = e.expressplay_code() {
                assert_eq!(e.to_error().kind(), ErrorKind::ExpressPlay(code), "{name}");
                assert_eq!(e.to_error().code(), code.code(), "{name}");
            } else {
                assert_eq!(e.to_error().kind(), ErrorKind::UnexpectedStatus { status }, "{name}");
            }
            assert!(!e.best_message().is_empty(), "{name}");
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
fn server_and_local_validation_give_the_same_variant() {
    use drmtoken_core::expressplay::{Environment, PlayReadyTokenRequest};
    let mut r = PlayReadyTokenRequest::new(Environment::Test, "a").with_all_opls("0");
    r.kid = Some("b366360da82e9c6e0b0984002a362cf2");
    r.content_key = Some("b366360da82e9c6e0b0984002a362cf");
    r.rights_type = Some("BuyToOwn");
    let local = r.validate(None).unwrap_err();
    let body = br#"{"errorCode": -2027, "errorMessage": "bad key"}"#;
    let Err(ResponseError::Service(server)) = parse_response(
        drmtoken_core::Service::PlayReady,
        400,
        "application/json",
        body,
        &mut [],
    ) else {
        panic!()
    };
    assert_eq!(server.to_error().kind(), local.kind());
    assert_eq!(server.expressplay_code(), local.expressplay_code());
}

#[test]
fn scratch_is_needed_only_for_escapes_and_sized_exactly() {
    use drmtoken_core::Service;
    let plain = br#"{"licenseAcquisitionUrl":"https://a.example/l","token":"abc"}"#;
    assert!(parse_response(Service::PlayReady, 200, "application/json", plain, &mut []).is_ok());
    let escaped = br#"{"licenseAcquisitionUrl":"https:\/\/a.example\/l","token":"abc"}"#;
    let err = parse_response(Service::PlayReady, 200, "application/json", escaped, &mut []).unwrap_err();
    assert_eq!(
        err.to_error().kind(),
        ErrorKind::BufferTooSmall {
            required: "https://a.example/l".len()
        }
    );
    let mut exact = [0u8; 19];
    let Ok(TokenResponse::PlayReady(t)) =
        parse_response(Service::PlayReady, 200, "application/json", escaped, &mut exact)
    else {
        panic!()
    };
    assert_eq!(t.license_acquisition_url, "https://a.example/l");
}

#[test]
fn redemption_buffers_are_exact_and_untouched_when_short() {
    use drmtoken_core::Service;
    let body = b"https://fp.service.expressplay.com:80/hms/fp/rights/?ExpressPlayToken=abc";
    let Ok(TokenResponse::FairPlay(t)) = parse_response(Service::FairPlay, 200, "text/uri-list", body, &mut []) else {
        panic!()
    };
    let n = t.skd_uri_len();
    let mut short = vec![0xA5u8; n - 1];
    assert_eq!(
        t.write_skd_uri(&mut short).unwrap_err().kind(),
        ErrorKind::BufferTooSmall { required: n }
    );
    assert!(short.iter().all(|&b| b == 0xA5));
    // Tokens never reach Debug output.
    assert!(!format!("{t:?}").contains("abc"));
}

#[test]
fn arbitrary_bytes_never_panic() {
    use drmtoken_core::Service;
    let mut state = 0x1234_5678_9abc_def0u64;
    for len in 0..400usize {
        let body: Vec<u8> = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                b"{}[]\":,-0123456789abc\\u/ \n<>=&?"[(state % 31) as usize]
            })
            .collect();
        let mut scratch = vec![0u8; len];
        for service in [Service::FairPlay, Service::PlayReady, Service::Widevine] {
            for (status, ct) in [
                (200, "application/json"),
                (200, "text/uri-list"),
                (400, "application/json"),
                (500, "text/html"),
            ] {
                let _ = parse_response(service, status, ct, &body, &mut scratch);
            }
        }
    }
}
