//! IAS responses: never a panic; a body-sized scratch suffices; a JWT token's payload decodes
//! to exactly `payload_len` bytes (when it is base64) and parses without panicking.
#![no_main]

use drmtoken_core::opentv::{jwt, parse_response, ContentToken, ResponseError, Token};
use drmtoken_core::ErrorKind;
use libfuzzer_sys::fuzz_target;

#[path = "small_stack.rs"]
mod small_stack;

fuzz_target!(|data: &[u8]| small_stack::run(data, check));

fn check(data: &[u8]) {
    let Some(input) = small_stack::typed::<(bool, &[u8])>(data) else { return };
    let (ok_status, body) = input;
    let status = if ok_status { 200 } else { 403 };
    let mut scratch = vec![0u8; body.len()];
    let result = parse_response(status, "application/json", body, &mut scratch);
    match result {
        Err(ResponseError::Invalid(e)) => {
            assert!(!matches!(e.kind(), ErrorKind::BufferTooSmall { .. }), "a body-sized scratch was too small")
        }
        Err(ResponseError::Service(e)) => assert_eq!(e.status, 403),
        Ok(r) => {
            if let Token::Jwt(t) = r.content_token {
                if let Ok(n) = jwt::payload_len(t) {
                    let mut out = vec![0u8; n];
                    if let Ok(payload) = jwt::write_payload(t, &mut out) {
                        assert!(payload.len() <= n);
                        let mut s = vec![0u8; payload.len()];
                        let _ = ContentToken::parse(payload, &mut s);
                    }
                }
            }
        }
    }
}
