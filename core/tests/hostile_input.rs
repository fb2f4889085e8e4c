//! Every parser against what a hostile network or user can send: nesting 100 000 levels deep
//! (balanced and not), bodies of 1 MB, long strings and long runs of escapes. Each one runs on
//! a 16 KiB thread (256 KiB in an unoptimised build) and its stack high-water mark is measured
//! and bounded; the README's test command runs this file with `--release`, where the bound is
//! the 16 KiB of the issue. `cargo test --release --test hostile_input -- --nocapture` prints
//! the measured figures.

mod common;

use common::{is_json_refusal, on_small_stack, stack_used, SMALL_STACK};
use drmtoken_core::expressplay::{parse_response as expressplay_response, ResponseError, TokenResponse};
use drmtoken_core::opentv::{self, jwt, ContentToken, ContentTokenResponse, UserToken};
use drmtoken_core::{adobe_pass, json, parse_url, ErrorKind, Service, MAX_NESTING_DEPTH};

const DEEP: usize = 100_000;
const MB: usize = 1 << 20;

/// What a parser made of a body, small enough to return from the measured call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Seen {
    Ok,
    Refused(ErrorKind),
}

/// Runs `f` on the small stack and measures its high-water mark; fails past [`SMALL_STACK`].
fn bounded(name: &str, f: impl Fn() -> Seen + Send + Sync + Clone + 'static) -> Seen {
    let on_small = on_small_stack(f.clone());
    let (measured, used) = stack_used(4 * SMALL_STACK, f);
    assert_eq!(on_small, measured, "{name}: the same answer on both threads");
    eprintln!("{name:<58} {used:>6} bytes of stack -> {measured:?}");
    assert!(
        used <= SMALL_STACK,
        "{name}: {used} bytes of stack, more than {SMALL_STACK}"
    );
    measured
}

fn refused_as_json(seen: Seen) -> bool {
    matches!(
        seen,
        Seen::Refused(ErrorKind::InvalidJson { .. } | ErrorKind::NestingTooDeep { .. })
    )
}

fn too_deep(seen: Seen) -> bool {
    matches!(seen, Seen::Refused(ErrorKind::NestingTooDeep { .. }))
}

fn arrays(levels: usize) -> String {
    "[".repeat(levels) + &"]".repeat(levels)
}

fn objects(levels: usize) -> String {
    r#"{"a":"#.repeat(levels) + "1" + &"}".repeat(levels)
}

/// The hostile values every JSON reader is given as the value of an unknown member.
fn hostile_values() -> Vec<(&'static str, String)> {
    vec![
        ("100 000 balanced arrays", arrays(DEEP)),
        ("100 000 balanced objects", objects(DEEP)),
        ("100 000 opening brackets", "[".repeat(DEEP)),
        ("100 000 alternating {[ openings", r#"{"a":["#.repeat(DEEP / 2)),
        ("100 000 closing brackets", "]".repeat(DEEP)),
        ("a 1 MB string", format!("\"{}\"", "x".repeat(MB))),
        ("1 MB of escapes", format!("\"{}\"", r"\u00e9".repeat(MB / 6))),
        ("a 1 MB array of numbers", format!("[{}0]", "1.5e3,".repeat(MB / 6))),
        ("1 MB of whitespace", " ".repeat(MB) + "1"),
    ]
}

fn pr_body(unknown: &str) -> String {
    format!(r#"{{"x":{unknown},"licenseAcquisitionUrl":"https://a.example/l","token":"AAAA"}}"#)
}

fn playready(body: String) -> Seen {
    let mut scratch = vec![0u8; body.len()];
    match expressplay_response(
        Service::PlayReady,
        200,
        "application/json",
        body.as_bytes(),
        &mut scratch,
    ) {
        Ok(_) => Seen::Ok,
        Err(e) => Seen::Refused(e.to_error().kind()),
    }
}

fn expressplay_error(body: String) -> Seen {
    match expressplay_response(Service::Widevine, 400, "application/json", body.as_bytes(), &mut []) {
        Err(ResponseError::Service(e)) if e.code == Some(-2027) => Seen::Ok,
        Err(ResponseError::Invalid(e)) => Seen::Refused(e.kind()),
        _ => Seen::Refused(ErrorKind::InvalidValue),
    }
}

fn opentv_into(body: String) -> Seen {
    let mut scratch = vec![0u8; body.len()];
    let mut out = Box::new(ContentTokenResponse::empty());
    let seen = match opentv::parse_response_into(200, "application/json", body.as_bytes(), &mut scratch, &mut out) {
        Ok(()) => Seen::Ok,
        Err(e) => Seen::Refused(e.to_error().kind()),
    };
    seen
}

fn opentv_by_value(body: String) -> Seen {
    let mut scratch = vec![0u8; body.len()];
    let seen = match opentv::parse_response(200, "application/json", body.as_bytes(), &mut scratch) {
        Ok(_) => Seen::Ok,
        Err(e) => Seen::Refused(e.to_error().kind()),
    };
    seen
}

fn adobe(content_type: &'static str, status: u16, body: String) -> Seen {
    let mut scratch = vec![0u8; body.len()];
    match adobe_pass::parse_response(status, content_type, body.as_bytes(), &mut scratch) {
        Ok(_) => Seen::Ok,
        Err(adobe_pass::ResponseError::Service(_)) if status != 200 => Seen::Ok,
        Err(e) => Seen::Refused(e.to_error().kind()),
    }
}

/// A compact JWT whose payload is `claims` (header `{"alg":"none"}`, no signature).
fn jwt_of(claims: &str) -> String {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let mut buf = vec![0u8; claims.len() / 3 * 4 + 4];
    let n = URL_SAFE_NO_PAD.encode_slice(claims, &mut buf).expect("room for base64");
    format!("eyJhbGciOiJub25lIn0.{}.", String::from_utf8_lossy(&buf[..n]))
}

fn jwt_claims(token: String, user: bool) -> Seen {
    let Ok(n) = jwt::payload_len(&token) else {
        return Seen::Refused(ErrorKind::InvalidToken);
    };
    let mut payload = vec![0u8; n];
    let text = match jwt::write_payload(&token, &mut payload) {
        Ok(t) => t.to_owned(),
        Err(e) => return Seen::Refused(e.kind()),
    };
    let mut scratch = vec![0u8; text.len()];
    let result = if user {
        UserToken::parse(&text, &mut scratch).map(|_| ())
    } else {
        ContentToken::parse(&text, &mut scratch).map(|_| ())
    };
    match result {
        Ok(()) => Seen::Ok,
        Err(e) => Seen::Refused(e.kind()),
    }
}

#[test]
fn json_readers_survive_hostile_unknown_members() {
    // The first five nest or break the grammar; the last four are well-formed and merely large.
    for (i, (label, value)) in hostile_values().into_iter().enumerate() {
        let expect_ok = i >= 5;
        let check = |seen: Seen, reader: &str| {
            if expect_ok {
                assert_eq!(seen, Seen::Ok, "{reader}: {label}");
            } else {
                assert!(refused_as_json(seen), "{reader}: {label}: {seen:?}");
            }
        };
        let v = value.clone();
        check(
            bounded(&format!("playready 200, {label}"), move || playready(pr_body(&v))),
            "playready",
        );
        let v = value.clone();
        let error_body = move || expressplay_error(format!(r#"{{"x":{v},"errorCode":-2027}}"#));
        check(
            bounded(&format!("expressplay error, {label}"), error_body),
            "expressplay error",
        );
        let v = value.clone();
        let ias = move || {
            opentv_into(format!(
                r#"{{"x":{v},"content_token":{{"contentRights":[{{"x":{v}}}]}}}}"#
            ))
        };
        check(bounded(&format!("opentv into, {label}"), ias), "opentv");
        let v = value.clone();
        let ias = move || opentv_by_value(format!(r#"{{"content_token":{{"x":{v}}}}}"#));
        check(bounded(&format!("opentv by value, {label}"), ias), "opentv by value");
        let v = value.clone();
        let body = move || format!(r#"{{"x":{v},"mvpd":"m","resource":"r","requestor":"q","expires":1}}"#);
        let b = body.clone();
        check(
            bounded(&format!("adobe pass 200, {label}"), move || {
                adobe("application/json", 200, b())
            }),
            "adobe",
        );
        check(
            bounded(&format!("adobe pass 412, {label}"), move || {
                adobe("application/json", 412, body())
            }),
            "adobe 412",
        );
        let v = value.clone();
        let claims = move || jwt_claims(jwt_of(&format!(r#"{{"x":{v},"jti":"j"}}"#)), false);
        check(bounded(&format!("jwt content token, {label}"), claims), "jwt");
        let v = value.clone();
        let claims = move || jwt_claims(jwt_of(&format!(r#"{{"x":{v},"jti":"j"}}"#)), true);
        check(bounded(&format!("jwt user token, {label}"), claims), "jwt user");
    }
}

#[test]
fn whole_bodies_that_only_nest_are_refused_at_the_limit() {
    for (label, body) in [
        ("arrays", arrays(DEEP)),
        ("objects", objects(DEEP)),
        ("openings", "{\"a\":[".repeat(DEEP)),
    ] {
        let seen = bounded(&format!("json::validate, 100 000 {label}"), {
            let body = body.clone();
            move || match json::validate(&body) {
                Ok(()) => Seen::Ok,
                Err(e) => Seen::Refused(e.kind()),
            }
        });
        assert!(too_deep(seen), "{label}: {seen:?}");
        let b = body.clone();
        assert!(too_deep(bounded(&format!("playready, 100 000 {label}"), move || {
            playready(b.clone())
        })));
        let b = body.clone();
        assert!(too_deep(bounded(&format!("opentv, 100 000 {label}"), move || {
            opentv_into(b.clone())
        })));
        let b = body.clone();
        assert!(too_deep(bounded(&format!("adobe, 100 000 {label}"), move || adobe(
            "application/json",
            200,
            b.clone()
        ))));
    }
    // The offset is the first container past the limit.
    let e = json::validate(&arrays(DEEP)).unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::NestingTooDeep {
            offset: MAX_NESTING_DEPTH
        }
    );
    assert!(json::validate(&arrays(MAX_NESTING_DEPTH)).is_ok());
    assert!(is_json_refusal(
        &json::validate(&arrays(MAX_NESTING_DEPTH + 1)).unwrap_err()
    ));
}

#[test]
fn large_values_that_are_read_stay_within_the_stack() {
    // A 1 MB token: no length limit is documented, so it is accepted.
    let token = "A".repeat(MB);
    let t = token.clone();
    let body = move || format!(r#"{{"licenseAcquisitionUrl":"https://a.example/l","token":"{t}"}}"#);
    assert_eq!(
        bounded("playready 200, a 1 MB token", move || playready(body())),
        Seen::Ok
    );
    // The same token as 1 MB of escapes (`\u0041` is `A`), unescaped into the scratch.
    let escaped = r"\u0041".repeat(MB / 6);
    let body = move || format!(r#"{{"licenseAcquisitionUrl":"https://a.example/l","token":"{escaped}"}}"#);
    assert_eq!(
        bounded("playready 200, a token of 1 MB of escapes", move || playready(body())),
        Seen::Ok
    );
    // A uri-list of 1 MB.
    let body = format!("https://wv.service.expressplay.com/hms/wv/rights/?ExpressPlayToken={token}");
    let seen = bounded("widevine 200, a 1 MB uri-list", move || {
        match expressplay_response(Service::Widevine, 200, "text/uri-list", body.as_bytes(), &mut []) {
            Ok(TokenResponse::Widevine(_)) => Seen::Ok,
            Ok(_) => Seen::Refused(ErrorKind::InvalidValue),
            Err(e) => Seen::Refused(e.to_error().kind()),
        }
    });
    assert_eq!(seen, Seen::Ok);
    // An HTML error page of 1 MB with the code at its end.
    let html = format!("<html>{}<p>-2027 bad key</p></html>", "<br>".repeat(MB / 4));
    let seen = bounded("expressplay 400, a 1 MB html page", move || match expressplay_response(
        Service::FairPlay,
        400,
        "text/html",
        html.as_bytes(),
        &mut [],
    ) {
        Err(ResponseError::Service(e)) if e.code == Some(-2027) => Seen::Ok,
        other => Seen::Refused(other.err().map_or(ErrorKind::InvalidValue, |e| e.to_error().kind())),
    });
    assert_eq!(seen, Seen::Ok);
}

#[test]
fn xml_nesting_and_large_text_are_bounded() {
    let fields = "<mvpd>m</mvpd><resource>r</resource><requestor>q</requestor><expires>1</expires>";
    let deep = format!(
        "<authorization>{}{}{fields}</authorization>",
        "<x>".repeat(DEEP),
        "</x>".repeat(DEEP)
    );
    let seen = bounded("adobe pass xml, 100 000 nested elements", move || {
        adobe("application/xml", 200, deep.clone())
    });
    assert!(too_deep(seen), "{seen:?}");
    let open = format!("<authorization>{}", "<x>".repeat(DEEP));
    assert!(too_deep(bounded("adobe pass xml, 100 000 opening tags", move || {
        adobe("application/xml", 200, open.clone())
    })));
    // 1 MB of entities in a field, decoded into the scratch.
    let mvpd = "&amp;".repeat(MB / 5);
    let body = format!("<authorization><mvpd>{mvpd}</mvpd><resource>r</resource><requestor>q</requestor><expires>1</expires></authorization>");
    assert_eq!(
        bounded("adobe pass xml, 1 MB of entities", move || adobe(
            "application/xml",
            200,
            body.clone()
        )),
        Seen::Ok
    );
    // Exactly at the limit: the root and 63 levels below it.
    let at_limit = format!(
        "<authorization>{}{}{fields}</authorization>",
        "<x>".repeat(63),
        "</x>".repeat(63)
    );
    assert_eq!(adobe("application/xml", 200, at_limit), Seen::Ok);
    let past = format!(
        "<authorization>{}{}{fields}</authorization>",
        "<x>".repeat(64),
        "</x>".repeat(64)
    );
    assert!(too_deep(adobe("application/xml", 200, past)));
}

#[test]
fn parse_url_survives_long_and_many_parameters() {
    let base =
        "https://wv-gen.test.expressplay.com/hms/wv/token?customerAuthenticator=a&kid=b366360da82e9c6e0b0984002a362cf2";
    let cases: Vec<(&str, String)> = vec![
        (
            "1 MB of unknown parameters",
            format!("{base}{}", "&contentkey=1".repeat(MB / 13)),
        ),
        (
            "a 1 MB value of percent escapes",
            format!("{base}&cookie={}", "%41".repeat(MB / 3)),
        ),
        ("a 1 MB parameter name", format!("{base}&{}=1", "n".repeat(MB))),
        (
            "a truncated escape after 1 MB",
            format!("{base}&cookie={}%4", "a".repeat(MB)),
        ),
    ];
    for (label, url) in cases {
        let seen = bounded(&format!("parse_url, {label}"), move || {
            let mut scratch = vec![0u8; url.len()];
            let seen = match parse_url(&url, &mut scratch) {
                Ok(_) => Seen::Ok,
                Err(e) => Seen::Refused(e.kind()),
            };
            seen
        });
        match label {
            "a truncated escape after 1 MB" => assert_eq!(seen, Seen::Refused(ErrorKind::InvalidPercentEncoding)),
            _ => assert_eq!(seen, Seen::Ok, "{label}"),
        }
    }
}
