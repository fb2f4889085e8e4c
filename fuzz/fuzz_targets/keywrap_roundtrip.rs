//! wrap -> unwrap is the identity for every KEK size and every key length RFC 3394 allows, and
//! the hex helpers agree with the byte API.
#![no_main]

use arbitrary::Arbitrary;
use drmtoken_core::keywrap::{unwrap, unwrap_hex, unwrap_hex_len, wrap, wrap_hex, wrap_hex_len};
use libfuzzer_sys::fuzz_target;

#[path = "small_stack.rs"]
mod small_stack;

#[derive(Arbitrary, Debug)]
struct Input {
    kek: [u8; 32],
    kek_size: u8,
    key: Vec<u8>,
}

fuzz_target!(|data: &[u8]| small_stack::run(data, check));

fn check(data: &[u8]) {
    let Some(input) = small_stack::typed::<Input>(data) else { return };
    let kek = &input.kek[..[16, 24, 32][usize::from(input.kek_size % 3)]];
    let blocks = (input.key.len() / 8).clamp(2, 512);
    let mut key = input.key.clone();
    key.resize(blocks * 8, 0);
    let mut wrapped = vec![0u8; key.len() + 8];
    let w = wrap(kek, &key, &mut wrapped)
        .expect("a valid KEK and key wrap")
        .to_vec();
    let mut back = vec![0u8; key.len()];
    let k = unwrap(kek, &w, &mut back).expect("our own wrap unwraps");
    assert_eq!(k, &key[..]);
    let kek_hex: String = kek.iter().map(|b| format!("{b:02X}")).collect();
    let w_hex: String = w.iter().map(|b| format!("{b:02x}")).collect();
    // The hex helpers take every length too, in exactly their `*_len` bytes.
    let mut hex_out = vec![0u8; unwrap_hex_len(w_hex.len())];
    let h = unwrap_hex(&kek_hex, &w_hex, &mut hex_out).expect("hex unwrap of our own wrap");
    let expected: String = key.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(h, expected, "hex output must be lower case and equal to the key");
    let mut wrap_out = vec![0u8; wrap_hex_len(expected.len())];
    assert_eq!(wrap_hex(&kek_hex, &expected, &mut wrap_out).expect("hex wrap"), w_hex);
}
