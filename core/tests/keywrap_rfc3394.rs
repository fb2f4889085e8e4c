//! RFC 3394 section 4 vectors (all six), wrap and unwrap, through the byte and the hex APIs,
//! from `tests/vectors/keywrap.json`; plus the failure guarantees.

mod common;

use drmtoken_core::{keywrap, ErrorKind};

fn bytes(hex_str: &str) -> Vec<u8> {
    (0..hex_str.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex_str[i..i + 2], 16).unwrap())
        .collect()
}

fn kind(name: &str) -> ErrorKind {
    match name {
        "IntegrityCheckFailed" => ErrorKind::IntegrityCheckFailed,
        "InvalidKeyLength" => ErrorKind::InvalidKeyLength,
        "InvalidHex" => ErrorKind::InvalidHex,
        other => panic!("unknown kind {other}"),
    }
}

#[test]
fn every_keywrap_vector() {
    let cases = common::vectors("keywrap.json");
    let rfc = cases
        .iter()
        .filter(|c| c["name"].as_str().unwrap().starts_with("RFC 3394 4."))
        .count();
    assert_eq!(rfc, 6, "all six RFC 3394 section 4 vectors");
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let kek = case["kek"].as_str().unwrap();
        let mut out = [0u8; 128];
        match (case["key"].as_str(), case["wrapped"].as_str(), case["error"].as_str()) {
            (Some(key), Some(wrapped), None) => {
                assert_eq!(keywrap::wrap_hex(kek, key, &mut out).unwrap(), wrapped, "{name}");
                assert_eq!(keywrap::unwrap_hex(kek, wrapped, &mut out).unwrap(), key, "{name}");
                assert_eq!(
                    keywrap::unwrap_hex(&kek.to_uppercase(), &wrapped.to_uppercase(), &mut out).unwrap(),
                    key
                );
                let w = keywrap::wrap(&bytes(kek), &bytes(key), &mut out).unwrap().to_vec();
                assert_eq!(w, bytes(wrapped), "{name}");
                assert_eq!(keywrap::unwrap(&bytes(kek), &w, &mut out).unwrap(), &bytes(key)[..]);
            }
            (None, Some(wrapped), Some(error)) => {
                let err = keywrap::unwrap_hex(kek, wrapped, &mut out).unwrap_err();
                assert_eq!(err.kind(), kind(error), "{name}");
            }
            (Some(key), None, Some(error)) => {
                let err = keywrap::wrap_hex(kek, key, &mut out).unwrap_err();
                assert_eq!(err.kind(), kind(error), "{name}");
            }
            _ => panic!("{name}: malformed case"),
        }
    }
}

#[test]
fn failed_unwrap_leaves_the_output_zeroed() {
    let kek = bytes("000102030405060708090a0b0c0d0e0f");
    let mut tampered = bytes("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5");
    tampered[10] ^= 1;
    let mut out = [0xAAu8; 16];
    let err = keywrap::unwrap(&kek, &tampered, &mut out).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::IntegrityCheckFailed);
    assert_eq!(out, [0u8; 16]);
}

#[test]
fn short_output_is_untouched_and_says_the_size() {
    let kek = bytes("000102030405060708090a0b0c0d0e0f");
    let key = bytes("00112233445566778899aabbccddeeff");
    let mut out = [0x55u8; 23];
    let err = keywrap::wrap(&kek, &key, &mut out).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BufferTooSmall { required: 24 });
    assert_eq!(out, [0x55u8; 23]);
    let mut hex_out = [0x55u8; 47];
    let err = keywrap::wrap_hex(
        "000102030405060708090a0b0c0d0e0f",
        "00112233445566778899aabbccddeeff",
        &mut hex_out,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BufferTooSmall { required: 48 });
    assert_eq!(hex_out, [0x55u8; 47]);
}

#[test]
fn errors_never_contain_key_material() {
    let err = keywrap::unwrap_hex(
        "000102030405060708090a0b0c0d0e0f",
        "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe4",
        &mut [0; 32],
    )
    .unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(!text.contains("000102") && !text.contains("1fa68b"), "{text}");
}

/// Found by the `keywrap_roundtrip` fuzz target: the hex helpers refused the wrap of a 512-bit
/// key (72 bytes) although they accept 512-bit keys.
#[test]
fn hex_helpers_round_trip_the_longest_key() {
    let kek = "000102030405060708090a0b0c0d0e0f";
    let key = "00112233445566778899aabbccddeeff".repeat(4);
    let mut wrapped = [0u8; 2 * 72];
    let wrapped = drmtoken_core::keywrap::wrap_hex(kek, &key, &mut wrapped)
        .unwrap()
        .to_owned();
    assert_eq!(wrapped.len(), 2 * 72);
    let mut out = [0u8; 2 * 64];
    assert_eq!(
        drmtoken_core::keywrap::unwrap_hex(kek, &wrapped, &mut out).unwrap(),
        key
    );
    let longer = "00".repeat(72);
    let err = drmtoken_core::keywrap::wrap_hex(kek, &longer, &mut [0u8; 256]).unwrap_err();
    assert_eq!(err.kind(), drmtoken_core::ErrorKind::InvalidKeyLength);
    assert_eq!(err.parameter(), Some("key"));
}
