//! Every injected fault, by header and by config rule, at the HTTP level: what the bytes look
//! like, and that the core reports each one cleanly (a typed error, never a panic).

mod common;

use std::time::{Duration, Instant};

use common::*;
use drmtoken_core::expressplay::{self, ResponseError, Service};
use drmtoken_core::{adobe_pass, opentv, ErrorKind};
use drmtoken_emulator::Config;

fn playready(addr: std::net::SocketAddr, fault: Option<&str>, extra: &[(&str, &str)]) -> Response {
    let mut params = playready_params(AUTH);
    params.extend_from_slice(extra);
    let headers: Vec<(&str, &str)> = fault.map(|f| ("X-Drmtoken-Fault", f)).into_iter().collect();
    get(addr, &format!("/hms/pr/token?{}", query(&params)), &headers)
}

fn parse_pr(r: &Response) -> Result<(), (Option<u16>, Option<ErrorKind>)> {
    let mut scratch = vec![0u8; r.body.len()];
    match expressplay::parse_response(Service::PlayReady, r.status, r.content_type(), &r.body, &mut scratch) {
        Ok(_) => Ok(()),
        Err(ResponseError::Service(e)) => Err((Some(e.status), None)),
        Err(ResponseError::Invalid(e)) => Err((None, Some(e.kind()))),
    }
}

#[test]
fn latency_delays_the_answer() {
    let server = start();
    let t = Instant::now();
    let r = playready(server.addr(), Some("latency=300ms"), &[]);
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert_eq!(r.status, 200);
    assert!(parse_pr(&r).is_ok());
}

#[test]
fn status_gives_a_5xx_in_each_service_format() {
    let server = start();
    let addr = server.addr();
    // ExpressPlay: HTML by default, JSON when errorFormat=json (query or form body).
    let r = playready(addr, Some("status=503"), &[]);
    assert_eq!(r.status, 503);
    assert!(r.content_type().starts_with("text/html"));
    assert_eq!(parse_pr(&r), Err((Some(503), None)));
    let r = playready(addr, Some("status=500"), &[("errorFormat", "json")]);
    assert_eq!((r.status, r.content_type()), (500, "application/json"));
    assert_eq!(parse_pr(&r), Err((Some(500), None)));
    let mut params = widevine_params(AUTH);
    params.push(("errorFormat", "json"));
    let r = request(
        addr,
        "POST",
        "127.0.0.1",
        "/hms/wv/token",
        &[("X-Drmtoken-Fault", "status=502")],
        query(&params).as_bytes(),
    );
    assert_eq!((r.status, r.content_type()), (502, "application/json"));
    // IAS: JSON.
    let r = request(
        addr,
        "POST",
        "127.0.0.1",
        "/ias/v2/content_token?content_id=content7&type=device",
        &[("X-Drmtoken-Fault", "status=504")],
        b"",
    );
    let mut scratch = vec![0u8; r.body.len()];
    match opentv::parse_response(r.status, r.content_type(), &r.body, &mut scratch) {
        Err(opentv::ResponseError::Service(e)) => assert_eq!(e.status, 504),
        other => panic!("{other:?}"),
    }
    // Adobe Pass: the requested format.
    let r = get(
        addr,
        "/api/v1/tokens/authz?requestor=R&deviceId=D&resource=X&format=xml",
        &[("X-Drmtoken-Fault", "status=599")],
    );
    assert_eq!((r.status, r.content_type()), (599, "application/xml"));
    let mut scratch = vec![0u8; r.body.len()];
    match adobe_pass::parse_response(r.status, r.content_type(), &r.body, &mut scratch) {
        Err(adobe_pass::ResponseError::Service(e)) => assert_eq!((e.status, e.body_status), (599, Some(599))),
        other => panic!("{other:?}"),
    }
}

#[test]
fn drop_cuts_the_body_and_closes() {
    let server = start();
    let whole = playready(server.addr(), None, &[]);
    let r = playready(server.addr(), Some("drop"), &[]);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-length"), Some(whole.body.len().to_string().as_str()));
    assert!(!r.complete, "the body arrived whole");
    assert_eq!(r.body, &whole.body[..whole.body.len() / 2]);
}

#[test]
fn truncate_and_malformed_bodies_are_invalid_to_the_core() {
    let server = start();
    let whole = playready(server.addr(), None, &[]);
    let r = playready(server.addr(), Some("truncate"), &[]);
    assert!(r.complete);
    assert_eq!(r.body, &whole.body[..whole.body.len() / 2]);
    assert!(matches!(parse_pr(&r), Err((None, Some(ErrorKind::InvalidJson { .. })))));
    let r = playready(server.addr(), Some("malformed"), &[]);
    assert!(r.complete);
    assert!(matches!(parse_pr(&r), Err((None, Some(ErrorKind::InvalidJson { .. })))));
    // A uri-list service, malformed: the URL is refused.
    let r = get(
        server.addr(),
        &format!("/hms/wv/token?{}", query(&widevine_params(AUTH))),
        &[("X-Drmtoken-Fault", "malformed")],
    );
    let mut scratch = vec![0u8; r.body.len()];
    assert!(matches!(
        expressplay::parse_response(Service::Widevine, r.status, r.content_type(), &r.body, &mut scratch),
        Err(ResponseError::Invalid(_))
    ));
}

/// The README's footnote: a uri-list cut short with an honest length is a well-formed URL with
/// a shorter token (no length or checksum is documented); only the licence server could tell.
#[test]
fn a_truncated_uri_list_is_still_a_url() {
    let server = start();
    let target = format!("/hms/wv/token?{}", query(&widevine_params(AUTH)));
    let whole = get(server.addr(), &target, &[]);
    let cut = get(server.addr(), &target, &[("X-Drmtoken-Fault", "truncate")]);
    let mut scratch = [0u8; 0];
    let (Ok(a), Ok(b)) = (
        expressplay::parse_response(Service::Widevine, 200, whole.content_type(), &whole.body, &mut []),
        expressplay::parse_response(Service::Widevine, 200, cut.content_type(), &cut.body, &mut scratch),
    ) else {
        panic!("{} / {}", whole.text(), cut.text())
    };
    assert!(a.token().starts_with(b.token()) && b.token().len() < a.token().len());
}

#[test]
fn a_wrong_content_type_is_reported() {
    let server = start();
    let r = playready(server.addr(), Some("content-type=text/plain"), &[]);
    assert_eq!(r.content_type(), "text/plain");
    assert_eq!(parse_pr(&r), Err((None, Some(ErrorKind::UnexpectedContentType))));
}

#[test]
fn trickle_sends_the_whole_body_slowly() {
    let server = start();
    let whole = playready(server.addr(), None, &[]);
    let t = Instant::now();
    let r = playready(server.addr(), Some("trickle=20ms/32"), &[]);
    let chunks = whole.body.len().div_ceil(32);
    assert!(
        t.elapsed() >= Duration::from_millis(20 * chunks as u64),
        "{:?}",
        t.elapsed()
    );
    assert_eq!(r.body, whole.body);
    assert!(parse_pr(&r).is_ok());
}

#[test]
fn faults_combine_and_bad_specs_are_refused() {
    let server = start();
    let t = Instant::now();
    let r = playready(
        server.addr(),
        Some("latency=100ms, truncate; content-type=application/xml"),
        &[],
    );
    assert!(t.elapsed() >= Duration::from_millis(100));
    assert_eq!(r.content_type(), "application/xml");
    assert!(r.complete);
    let r = playready(server.addr(), Some("explode"), &[]);
    assert_eq!((r.status, r.content_type()), (400, "text/plain"));
    assert!(r.text().contains("unknown fault"));
}

#[test]
fn config_rules_fire_on_every_nth_matching_request() {
    let toml = format!(
        "{}\n[[faults]]\npath = \"/hms/pr/token\"\nevery = 2\nfault = \"status=503\"\n",
        drmtoken_emulator::DEFAULT_CONFIG
    );
    let server = start_with(Config::from_toml(&toml).unwrap());
    let statuses: Vec<u16> = (0..4).map(|_| playready(server.addr(), None, &[]).status).collect();
    assert_eq!(statuses, [200, 503, 200, 503]);
    // Other paths are untouched; the header beats the rule.
    let wv = get(
        server.addr(),
        &format!("/hms/wv/token?{}", query(&widevine_params(AUTH))),
        &[],
    );
    assert_eq!(wv.status, 200);
    let statuses: Vec<u16> = (0..2)
        .map(|_| playready(server.addr(), Some("latency=1ms"), &[]).status)
        .collect();
    assert_eq!(statuses, [200, 200]);
}
