//! Any URL someone sends: parse + validate never panic; what parses re-encodes to a URL that
//! parses back to the same request; the written length is `url_len()`; a short buffer gives
//! `BufferTooSmall { required }` and stays untouched.
#![no_main]

use drmtoken_core::expressplay::parse_url;
use drmtoken_core::ErrorKind;
use libfuzzer_sys::fuzz_target;

#[path = "small_stack.rs"]
mod small_stack;

fuzz_target!(|data: &[u8]| small_stack::run(data, check));

fn check(data: &[u8]) {
    let Ok(url) = core::str::from_utf8(data) else { return };
    let mut scratch = vec![0u8; 4096];
    let Ok(parsed) = parse_url(url, &mut scratch) else {
        return;
    };
    let request = parsed.request;
    let _ = request.validate(None);
    let _ = request.validate(Some(1_767_225_600));

    let mut out = vec![0u8; 16384];
    let len = request.url_len();
    let written = request
        .write_url(&mut out)
        .expect("a buffer of url_len() bytes is enough");
    assert_eq!(written.len(), len, "write_url wrote a different length than url_len()");
    let encoded = written.to_owned();

    let mut scratch2 = vec![0u8; 16384];
    let again = parse_url(&encoded, &mut scratch2).expect("our own URL parses");
    assert_eq!(again.request, request, "encode -> parse is not the identity");

    if len > 0 {
        let mut short = vec![0xA5u8; 16384];
        let err = request
            .write_url(&mut short[..len - 1])
            .expect_err("one byte short must fail");
        assert_eq!(err.kind(), ErrorKind::BufferTooSmall { required: len });
        assert!(short.iter().all(|&b| b == 0xA5), "a short buffer was written to");
    }
    let body_len = request.form_body_len();
    let body = request
        .write_form_body(&mut out)
        .expect("form_body_len() bytes are enough");
    assert_eq!(body.len(), body_len);
}
