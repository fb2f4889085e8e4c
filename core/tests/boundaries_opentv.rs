//! OpenTV IAS at the edges mutation testing found untested: the request's port range and its
//! `Debug`, and the form of a compact JWT (each segment's alphabet, which may be empty) and its
//! payload's decoded length.

use drmtoken_core::opentv::{jwt, parse_response_into, ContentTokenRequest, ContentTokenResponse, Token};
use drmtoken_core::ErrorKind;

fn request(port: u32) -> ContentTokenRequest<'static> {
    ContentTokenRequest {
        host: "ias.example.com",
        port,
        content_id: "movie-1",
        bearer_token: "SECRET-BEARER",
        tenant_id: "tenant-7",
    }
}

/// A port is 1 to 65535: both ends accepted, one past each refused naming `port`.
#[test]
fn the_port_is_1_to_65535() {
    for port in [1, 443, 65_535] {
        assert_eq!(request(port).validate(), Ok(()), "{port}");
    }
    for port in [0, 65_536, u32::MAX] {
        let e = request(port).validate().unwrap_err();
        assert_eq!(
            (e.kind(), e.parameter()),
            (ErrorKind::InvalidPort, Some("port")),
            "{port}"
        );
    }
}

#[test]
fn the_request_debug_shows_all_but_the_bearer_token() {
    assert_eq!(
        format!("{:?}", request(8443)),
        "ContentTokenRequest { host: \"ias.example.com\", port: 8443, content_id: \"movie-1\", \
         bearer_token: \"<redacted>\", tenant_id: \"tenant-7\" }"
    );
}

/// Three segments of base64url (letters, digits, `-`, `_`); the header and payload non-empty,
/// the signature possibly empty (an unsecured JWT). Anything else in any one segment, or
/// another number of segments, is `InvalidToken`.
#[test]
fn a_compact_jwt_is_three_base64url_segments() {
    for ok in ["a.b.c", "a-_.b-_.c-_", "A9.z0.", "eyJ.eyJ.sig", "-.-.-", "_._._"] {
        assert_eq!(jwt::check(ok), Ok(()), "{ok}");
    }
    for bad in [
        "", "a", "a.b", "a.b.c.d", ".b.c", "a..c", "..", "a+.b.c", "a.b+.c", "a.b.c+", "a/.b.c", "a.b/.c", "a.b.c/",
        "a=.b.c", "a.b=.c", "a.b.c=", "a .b.c", "a.b.c ",
    ] {
        assert_eq!(
            jwt::check(bad).map_err(|e| e.kind()),
            Err(ErrorKind::InvalidToken),
            "{bad:?}"
        );
    }
}

/// The decoded payload's length for every payload length: 3 bytes per 4 characters, 1 or 2
/// more for a remainder of 2 or 3, and a remainder of 1 refused (no base64 has it).
#[test]
fn the_payload_length_follows_unpadded_base64() {
    for n in 0..=13usize {
        let token = format!("h.{}.s", "A".repeat(n));
        // Six bits a character, whole bytes only.
        let expected = if n == 0 || n % 4 == 1 {
            Err(ErrorKind::InvalidToken)
        } else {
            Ok(n * 6 / 8)
        };
        assert_eq!(jwt::payload_len(&token).map_err(|e| e.kind()), expected, "{n}");
        if let Ok(len) = expected {
            let mut out = vec![0u8; len];
            assert_eq!(jwt::write_payload(&token, &mut out).map(str::len), Ok(len), "{n}");
        }
    }
}

/// Parsing into storage that holds an earlier response starts from empty: no field of the
/// earlier response survives into one that does not send it.
#[test]
fn parsing_into_used_storage_keeps_nothing_of_the_last_response() {
    let full = br#"{"content_token":"a.b.c","token_type":"Bearer","expires_in":60,
        "access_token":"d.e.f","refresh_token":"g.h.i"}"#;
    let mut out = ContentTokenResponse::empty();
    parse_response_into(200, "application/json", full, &mut [], &mut out).unwrap();
    assert_eq!((out.token_type, out.expires_in), (Some("Bearer"), Some(60)));
    assert!(out.access_token.is_some() && out.refresh_token.is_some());
    let minimal = br#"{"content_token":"x.y.z"}"#;
    parse_response_into(200, "application/json", minimal, &mut [], &mut out).unwrap();
    assert_eq!(out.content_token, Token::Jwt("x.y.z"));
    assert_eq!((out.token_type, out.expires_in), (None, None));
    assert!(out.access_token.is_none() && out.refresh_token.is_none());
}
