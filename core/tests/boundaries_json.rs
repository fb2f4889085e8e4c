//! The JSON scanner at the edges mutation testing found untested: which closing bracket ends
//! which container, the offset of a fault inside a number, a literal that only starts like
//! `null` where a field may be null, and the raw text kept for a token sent as an object.

use drmtoken_core::opentv::{self, Token};
use drmtoken_core::{adobe_pass, json, ErrorKind};

fn invalid_at(offset: usize) -> ErrorKind {
    ErrorKind::InvalidJson { offset }
}

/// A container ends only with its own closing bracket: `]` does not close an object, nor `}`
/// an array, at any depth; the fault is at the wrong bracket.
#[test]
fn each_container_closes_with_its_own_bracket() {
    for (text, offset) in [
        (r#"{"a":1]"#, 6),
        (r#"{"a":1}"#, usize::MAX),
        ("[1}", 2),
        ("[1]", usize::MAX),
        (r#"[{"a":1]]"#, 7),
        (r#"{"a":[1}}"#, 7),
        (r#"{"a":{"b":[]]}"#, 12),
        (r#"[[{"a":{}]]]"#, 9),
    ] {
        let result = json::validate(text).map_err(|e| e.kind());
        if offset == usize::MAX {
            assert_eq!(result, Ok(()), "{text}");
        } else {
            assert_eq!(result, Err(invalid_at(offset)), "{text}");
        }
    }
}

/// A malformed number is refused at the byte where it goes wrong, counted from the start of
/// the text (not of the number), wherever the number starts.
#[test]
fn a_fault_inside_a_number_is_at_its_own_byte() {
    for (text, offset) in [
        ("-", 1),
        ("[-]", 2),
        ("[1, -]", 5),
        ("[1, 2.]", 6),
        ("[10, 3e]", 7),
        (r#"{"abc": 01}"#, 9),
    ] {
        assert_eq!(
            json::validate(text).map_err(|e| e.kind()),
            Err(invalid_at(offset)),
            "{text}"
        );
    }
}

/// Where a field may be `null`, only the whole literal is null: a word that merely starts with
/// `n` is not JSON, refused at its first byte, in string, number and boolean fields alike.
#[test]
fn only_the_whole_literal_is_null() {
    let mut scratch = [0u8; 256];
    // Adobe Pass: `mvpd` is a string field, `expires` a number or a string.
    for (body, offset) in [
        (r#"{"mvpd":nul,"resource":"r","requestor":"q","expires":"1"}"#, 8),
        (r#"{"mvpd":nulx,"resource":"r","requestor":"q","expires":"1"}"#, 8),
        (r#"{"mvpd":"m","resource":"r","requestor":"q","expires":nope}"#, 53),
    ] {
        match adobe_pass::parse_response(200, "application/json", body.as_bytes(), &mut scratch) {
            Err(adobe_pass::ResponseError::Invalid(e)) => assert_eq!(e.kind(), invalid_at(offset), "{body}"),
            other => panic!("{body}: {other:?}"),
        }
    }
    // A whole null reads as absent: the optional strings `proxyMvpd` and `message`, the number
    // `status`.
    let fine = r#"{"mvpd":"m","resource":"r","requestor":"q","expires":"1","proxyMvpd":null}"#;
    let a = adobe_pass::parse_response(200, "application/json", fine.as_bytes(), &mut scratch).unwrap();
    assert_eq!((a.mvpd, a.proxy_mvpd), ("m", None));
    let refusal = r#"{"status":null,"message":null}"#;
    match adobe_pass::parse_response(403, "application/json", refusal.as_bytes(), &mut scratch) {
        Err(adobe_pass::ResponseError::Service(e)) => assert_eq!((e.body_status, e.message), (None, None)),
        other => panic!("{refusal}: {other:?}"),
    }
    // OpenTV IAS: a token, a number and a string field; whole nulls read as absent.
    let nulls = r#"{"content_token":"a.b.c","token_type":null,"expires_in":null,"access_token":null}"#;
    let r = opentv::parse_response(200, "application/json", nulls.as_bytes(), &mut []).unwrap();
    assert_eq!(
        (r.token_type, r.expires_in, r.access_token.is_none()),
        (None, None, true)
    );
    for (body, offset) in [
        (r#"{"content_token":nulx,"expires_in":5}"#, 17),
        (r#"{"content_token":"a.b.c","expires_in":nul}"#, 38),
        (r#"{"content_token":"a.b.c","token_type":nil}"#, 38),
    ] {
        match opentv::parse_response(200, "application/json", body.as_bytes(), &mut scratch) {
            Err(opentv::ResponseError::Invalid(e)) => assert_eq!(e.kind(), invalid_at(offset), "{body}"),
            other => panic!("{body}: {other:?}"),
        }
    }
}

/// A token sent as a JSON object keeps the object's exact text (for forwarding unchanged):
/// from its `{` to its `}`, without the whitespace around it, escapes and all.
#[test]
fn a_token_object_keeps_its_exact_text() {
    let object = r#"{"jti":"j\u0031","exp":1767225600,"device":{"drm":"ssp"}}"#;
    let body = format!("{{\"content_token\":  \n\t{object}  ,\"expires_in\":5}}");
    let mut scratch = [0u8; 256];
    let r = opentv::parse_response(200, "application/json", body.as_bytes(), &mut scratch).unwrap();
    assert_eq!(r.content_token.raw(), object);
    assert_eq!(r.content_token.claims().map(|c| c.jti), Some(Some("j1")));
    match &r.content_token {
        Token::Claims { raw, claims } => {
            assert_eq!(*raw, object);
            assert_eq!(claims.jti, Some("j1"));
        }
        Token::Jwt(j) => panic!("read as a JWT: {j}"),
    }
}

/// An error body's message comes from the most preferred key present (`errorMessage`,
/// `message`, `error`, `error_description`, `description`), whatever the members' order; a key
/// sent twice keeps its first value.
#[test]
fn an_error_message_comes_from_the_preferred_key() {
    let mut scratch = [0u8; 256];
    for (body, message) in [
        (r#"{"message":"a","errorMessage":"b"}"#, "b"),
        (r#"{"errorMessage":"b","message":"a"}"#, "b"),
        (r#"{"description":"e","error_description":"d","error":"c"}"#, "c"),
        (r#"{"error":"c","error_description":"d","description":"e"}"#, "c"),
        (r#"{"description":"e","error_description":"d"}"#, "d"),
        (r#"{"message":"a","message":"b"}"#, "a"),
        (r#"{"description":"e","description":"f"}"#, "e"),
    ] {
        match opentv::parse_response(401, "application/json", body.as_bytes(), &mut scratch) {
            Err(opentv::ResponseError::Service(e)) => assert_eq!(e.message, Some(message), "{body}"),
            other => panic!("{body}: {other:?}"),
        }
    }
}
