//! Adobe Pass responses in JSON and XML: never a panic; a body-sized scratch suffices; a parsed
//! authorization's fields are non-empty where the service requires them.
#![no_main]

use drmtoken_core::adobe_pass::{parse_response, ResponseError};
use drmtoken_core::ErrorKind;
use libfuzzer_sys::fuzz_target;

#[path = "small_stack.rs"]
mod small_stack;

fuzz_target!(|data: &[u8]| small_stack::run(data, check));

fn check(data: &[u8]) {
    let Some(input) = small_stack::typed::<(u8, &[u8])>(data) else { return };
    let (which, body) = input;
    let ct = ["application/json", "application/xml", "text/xml; charset=utf-8"][usize::from(which % 3)];
    let status = [200, 412, 404, 410][usize::from(which / 3 % 4)];
    let mut scratch = vec![0u8; body.len()];
    let result = parse_response(status, ct, body, &mut scratch);
    match result {
        Err(ResponseError::Invalid(e)) => {
            assert!(!matches!(e.kind(), ErrorKind::BufferTooSmall { .. }), "a body-sized scratch was too small")
        }
        Err(ResponseError::Service(e)) => assert_eq!(e.status, status),
        Ok(a) => {
            assert_eq!(status, 200);
            assert!(a.is_valid_at(a.expires.saturating_sub(1)) || a.expires == 0);
        }
    }
}
