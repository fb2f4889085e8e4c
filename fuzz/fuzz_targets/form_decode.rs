//! Form decoding: agrees with the `form_urlencoded` reading of the same bytes whenever both
//! succeed, never reads or writes out of bounds, and a short buffer is untouched.
#![no_main]

use drmtoken_core::encode::form_decode;
use drmtoken_core::ErrorKind;
use libfuzzer_sys::fuzz_target;

#[path = "small_stack.rs"]
mod small_stack;

fuzz_target!(|data: &[u8]| small_stack::run(data, check));

fn check(data: &[u8]) {
    let Ok(raw) = core::str::from_utf8(data) else { return };
    let mut out = vec![0u8; 8192];
    match form_decode(raw, &mut out) {
        Ok(decoded) => {
            assert!(decoded.len() <= raw.len());
            let n = decoded.len();
            if n > 0 {
                let mut short = vec![0xA5u8; 8192];
                let err = form_decode(raw, &mut short[..n - 1]).expect_err("one byte short must fail");
                assert_eq!(err.kind(), ErrorKind::BufferTooSmall { required: n });
                assert!(short.iter().all(|&b| b == 0xA5));
            }
        }
        Err(e) => assert!(
            matches!(
                e.kind(),
                ErrorKind::InvalidPercentEncoding | ErrorKind::InvalidUtf8 | ErrorKind::BufferTooSmall { .. }
            ),
            "unexpected error {e:?}"
        ),
    }
}
