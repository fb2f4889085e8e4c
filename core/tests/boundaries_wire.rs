//! The writers' size rules at their boundary: a buffer one byte short of the output is refused
//! with the exact size and left untouched, whatever the shape of the request. The one-pass
//! writer trusts a worst-case bound computed without reading the values; these requests are the
//! ones where the bound is tightest (many parameters with one-character values, and values whose
//! every byte is escaped), so a bound that undercounts shows here as a truncated output.

use drmtoken_core::expressplay::{Environment, TokenRequest};
use drmtoken_core::{ErrorKind, Service};

/// Every parameter PlayReady takes with a one-character value: names dominate the length.
fn one_character_values() -> TokenRequest<'static> {
    let mut r = TokenRequest::empty(Service::PlayReady, Environment::Test);
    for name in [
        "analogVideoOPL",
        "compressedDigitalAudioOPL",
        "compressedDigitalVideoOPL",
        "uncompressedDigitalAudioOPL",
        "uncompressedDigitalVideoOPL",
        "rightsType",
        "kid",
        "contentKey",
        "cookie",
    ] {
        r.set(name, "0").unwrap();
    }
    r
}

/// Values where every byte is escaped (`%XX`): the bound's worst case met exactly.
fn escaped_values() -> TokenRequest<'static> {
    let mut r = TokenRequest::empty(Service::PlayReady, Environment::Test);
    r.set("cookie", "&&&&&&&&").unwrap();
    r.set("kid", "=").unwrap();
    r.set("rightsType", "").unwrap();
    r
}

/// `write` into every buffer length from 0 to `len + 40`: short ones refused with `len` and
/// untouched, the rest given exactly the bytes of a roomy buffer.
fn check_every_length(len: usize, write: impl Fn(&mut [u8]) -> Result<usize, ErrorKind>) {
    let mut roomy = vec![0u8; len + 4096];
    let expected_len = write(&mut roomy).unwrap();
    assert_eq!(expected_len, len);
    let expected = roomy[..len].to_vec();
    for n in 0..len + 40 {
        let mut buf = vec![0xA5u8; n];
        match write(&mut buf) {
            Ok(written) => {
                assert!(n >= len, "{n}-byte buffer accepted for a {len}-byte output");
                assert_eq!(written, len, "{n}-byte buffer");
                assert_eq!(&buf[..len], &expected[..], "{n}-byte buffer");
                assert!(
                    buf[len..].iter().all(|&b| b == 0xA5),
                    "{n}-byte buffer written past the end"
                );
            }
            Err(kind) => {
                assert!(n < len, "{n}-byte buffer refused for a {len}-byte output");
                assert_eq!(kind, ErrorKind::BufferTooSmall { required: len });
                assert!(buf.iter().all(|&b| b == 0xA5), "{n}-byte buffer touched");
            }
        }
    }
}

#[test]
fn url_and_form_body_fit_exactly_their_length() {
    for request in [one_character_values(), escaped_values()] {
        check_every_length(request.url_len(), |out| {
            request.write_url(out).map(str::len).map_err(|e| e.kind())
        });
        check_every_length(request.form_body_len(), |out| {
            request.write_form_body(out).map(str::len).map_err(|e| e.kind())
        });
    }
}

#[test]
fn the_requests_are_what_the_test_means() {
    // Pinned (in the parameter table's order) so that a change to the fixtures cannot quietly
    // make the lengths roomy again.
    let mut out = [0u8; 512];
    assert_eq!(
        escaped_values().write_form_body(&mut out).unwrap(),
        "kid=%3D&rightsType=&cookie=%26%26%26%26%26%26%26%26"
    );
    let body = one_character_values().write_form_body(&mut out).unwrap().to_owned();
    assert_eq!(body.matches("=0").count(), 9, "{body}");
}
