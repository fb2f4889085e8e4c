//! Unwrap of arbitrary bytes under an arbitrary KEK: never panics, and a failure leaves the
//! output zeroed (no partial key material is left behind).
#![no_main]

use drmtoken_core::keywrap::unwrap;
use libfuzzer_sys::fuzz_target;

#[path = "small_stack.rs"]
mod small_stack;

fuzz_target!(|data: &[u8]| small_stack::run(data, check));

fn check(data: &[u8]) {
    let Some(input) = small_stack::typed::<(&[u8], &[u8])>(data) else { return };
    let (kek, wrapped) = input;
    let mut out = [0x5Au8; 256];
    let cap = wrapped.len().saturating_sub(8).min(out.len());
    match unwrap(kek, wrapped, &mut out[..cap]) {
        Ok(key) => assert_eq!(key.len() + 8, wrapped.len()),
        Err(_) => assert!(
            out[..cap].iter().all(|&b| b == 0 || b == 0x5A),
            "failure left non-zero, non-original bytes"
        ),
    }
    // The integrity failure case specifically must zero what it wrote.
    if [16, 24, 32].contains(&kek.len()) && wrapped.len() >= 24 && wrapped.len() % 8 == 0 && wrapped.len() <= 264 {
        let mut out = [0x5Au8; 256];
        let n = wrapped.len() - 8;
        if unwrap(kek, wrapped, &mut out[..n]).is_err() {
            assert!(
                out[..n].iter().all(|&b| b == 0),
                "a failed integrity check left key bytes in the output"
            );
        }
    }
}
