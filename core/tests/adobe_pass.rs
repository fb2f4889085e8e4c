//! Every case of `tests/vectors/adobe_pass_requests.json` and `adobe_pass_responses.json`,
//! and the MRSS round trip through Python's `urllib.parse.parse_qs`.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use drmtoken_core::adobe_pass::{
    encode_device_info, parse_response, AuthorizationRequest, DeviceInfoPlacement, Format, ResponseError, Warning,
};
use drmtoken_core::ErrorKind;
use serde_json::Value;

fn kind_name(kind: ErrorKind) -> String {
    format!("{kind:?}")
        .split([' ', '(', '{'])
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn request(r: &Value) -> AuthorizationRequest<'_> {
    let opt = |k: &str| r[k].as_str();
    AuthorizationRequest {
        sp_fqdn: r["sp_fqdn"].as_str().unwrap(),
        requestor: r["requestor"].as_str().unwrap(),
        device_id: r["device_id"].as_str().unwrap(),
        resource: r["resource"].as_str().unwrap(),
        device_info: r["device_info"].as_str().unwrap(),
        device_info_placement: if r["device_info_in_query"].as_bool().unwrap() {
            DeviceInfoPlacement::Query
        } else {
            DeviceInfoPlacement::Header
        },
        device_type: opt("device_type"),
        device_user: opt("device_user"),
        app_id: opt("app_id"),
        access_token: opt("access_token"),
        format: if r["format"] == "xml" {
            Format::Xml
        } else {
            Format::Json
        },
    }
}

#[test]
fn every_request_vector() {
    for case in common::vectors("adobe_pass_requests.json") {
        let name = case["name"].as_str().unwrap();
        let r = request(&case["request"]);
        match case.get("error") {
            Some(e) => {
                let err = r.validate().unwrap_err();
                assert_eq!(kind_name(err.kind()), e["kind"].as_str().unwrap(), "{name}: {err:?}");
                assert_eq!(err.parameter(), e["parameter"].as_str(), "{name}");
            }
            None => {
                let warnings = r.validate().unwrap_or_else(|e| panic!("{name}: {e:?}"));
                let names: Vec<String> = warnings
                    .iter()
                    .map(|w| format!("{w:?}").split([' ', '{']).next().unwrap().to_owned())
                    .collect();
                let expected: Vec<&str> = case["warnings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|w| w.as_str().unwrap())
                    .collect();
                assert_eq!(names, expected, "{name}");
                let mut out = vec![0u8; r.url_len()];
                let url = r.write_url(&mut out).unwrap();
                assert_eq!(url, case["url"].as_str().unwrap(), "{name}");
                if let Some(Warning::UrlTooLong { len }) =
                    warnings.iter().find(|w| matches!(w, Warning::UrlTooLong { .. }))
                {
                    assert_eq!(*len, url.len());
                }
                let headers: Vec<(String, String)> = r
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
                if let Some(token) = r.access_token {
                    assert!(
                        !format!("{r:?}{:?}", r.headers()).contains(token),
                        "{name}: token in Debug"
                    );
                }
            }
        }
    }
}

#[test]
fn every_response_vector() {
    let cases = common::vectors("adobe_pass_responses.json");
    assert!(cases.len() >= 28);
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let status = case["status"].as_u64().unwrap() as u16;
        let body = case["body"].as_str().unwrap().as_bytes();
        let mut scratch = vec![0u8; body.len()];
        let result = parse_response(status, case["content_type"].as_str().unwrap(), body, &mut scratch);
        if let Some(e) = case.get("expect") {
            let a = result.unwrap_or_else(|err| panic!("{name}: {err:?}"));
            assert_eq!(a.mvpd, e["mvpd"].as_str().unwrap(), "{name}");
            assert_eq!(a.resource, e["resource"].as_str().unwrap(), "{name}");
            assert_eq!(a.requestor, e["requestor"].as_str().unwrap(), "{name}");
            assert_eq!(a.expires, e["expires"].as_u64().unwrap(), "{name}");
            assert_eq!(a.proxy_mvpd, e["proxy_mvpd"].as_str(), "{name}");
            assert!(a.is_valid_at(a.expires - 1) && !a.is_valid_at(a.expires), "{name}");
            assert_eq!(
                a.remaining_ms(a.expires.saturating_sub(10)),
                10.min(a.expires),
                "{name}"
            );
        } else if let Some(e) = case.get("adobe_error") {
            let Err(ResponseError::Service(err)) = result else {
                panic!("{name}: {result:?}")
            };
            assert_eq!(u64::from(err.status), e["status"].as_u64().unwrap(), "{name}");
            assert_eq!(kind_name(err.to_error().kind()), e["kind"].as_str().unwrap(), "{name}");
            assert_eq!(err.body_status.map(u64::from), e["body_status"].as_u64(), "{name}");
            assert_eq!(err.message, e["message"].as_str(), "{name}");
        } else {
            let e = &case["error"];
            let Err(ResponseError::Invalid(err)) = result else {
                panic!("{name}: {result:?}")
            };
            assert_eq!(kind_name(err.kind()), e["kind"].as_str().unwrap(), "{name}: {err:?}");
            assert_eq!(err.parameter(), e["parameter"].as_str(), "{name}: {err:?}");
        }
    }
}

/// The MRSS resource and every other value come back unchanged from Python's decoder.
#[test]
fn mrss_resource_round_trips_through_parse_qs() {
    let cases = common::vectors("adobe_pass_requests.json");
    let case = cases
        .iter()
        .find(|c| c["name"] == "MRSS resource survives byte for byte")
        .unwrap();
    let r = request(&case["request"]);
    let mut out = vec![0u8; r.url_len()];
    let url = r.write_url(&mut out).unwrap().to_owned();
    let python = std::env::var("DRMTOKEN_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = "import json,sys\nfrom urllib.parse import urlsplit, parse_qs\nq = parse_qs(urlsplit(sys.stdin.read()).query, keep_blank_values=True, strict_parsing=True)\nprint(json.dumps({k: v for k, v in q.items()}))";
    let mut child = Command::new(python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(url.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let decoded: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(decoded["resource"], serde_json::json!([r.resource]));
    assert_eq!(decoded["requestor"], serde_json::json!([r.requestor]));
    assert_eq!(decoded["deviceId"], serde_json::json!([r.device_id]));
}

#[test]
fn device_info_helper_is_exact() {
    for json in [
        &b""[..],
        b"{",
        b"{}",
        b"{\"a\":1}",
        br#"{"primaryHardwareType":"SetTopBox"}"#,
    ] {
        let n = drmtoken_core::adobe_pass::device_info_len(json.len());
        let mut out = vec![0xA5u8; n];
        let text = encode_device_info(json, &mut out).unwrap().to_owned();
        assert_eq!(text.len(), n);
        let mut short = vec![0xA5u8; n.saturating_sub(1)];
        if n > 0 {
            assert_eq!(
                encode_device_info(json, &mut short).unwrap_err().kind(),
                ErrorKind::BufferTooSmall { required: n }
            );
            assert!(short.iter().all(|&b| b == 0xA5));
        }
    }
    let mut out = [0u8; 8];
    assert_eq!(encode_device_info(b"{}", &mut out).unwrap(), "e30=");
}

#[test]
fn arbitrary_bytes_never_panic() {
    let cases = common::vectors("adobe_pass_responses.json");
    for case in &cases {
        let body = case["body"].as_str().unwrap().as_bytes();
        let mut scratch = vec![0u8; body.len()];
        for n in 0..body.len() {
            for ct in ["application/json", "application/xml"] {
                let _ = parse_response(200, ct, &body[..n], &mut scratch);
                let _ = parse_response(412, ct, &body[..n], &mut scratch);
            }
        }
    }
}
