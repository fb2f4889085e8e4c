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
/// key (72 bytes). Since issue 16 they have no upper limit at all.
#[test]
fn hex_helpers_round_trip_the_longest_key() {
    let kek = "000102030405060708090a0b0c0d0e0f";
    let key = "00112233445566778899aabbccddeeff".repeat(4);
    let mut wrapped = [0u8; 2 * 72];
    let wrapped = keywrap::wrap_hex(kek, &key, &mut wrapped).unwrap().to_owned();
    assert_eq!(wrapped.len(), 2 * 72);
    let mut out = [0u8; 2 * 64 + 8];
    assert_eq!(keywrap::unwrap_hex(kek, &wrapped, &mut out).unwrap(), key);
    let longer = "00".repeat(72);
    let w = keywrap::wrap_hex(kek, &longer, &mut [0u8; 256]).unwrap().to_owned();
    assert_eq!(keywrap::unwrap_hex(kek, &w, &mut [0u8; 256]).unwrap(), longer);
}

/// A deterministic byte pattern of `n` bytes (different for each `seed`).
fn pattern(n: usize, seed: u8) -> Vec<u8> {
    (0..n).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)).collect()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every length RFC 3394 permits, up to 4096-byte keys, under the three KEK sizes: the byte
/// API and the hex helpers agree, round-trip, and need exactly their `*_len`: one byte less is
/// `BufferTooSmall { required }` with the buffer untouched.
#[test]
fn long_keys_under_every_kek_size_with_exact_sizes() {
    for kek_len in [16, 24, 32] {
        let kek = pattern(kek_len, 7);
        let kek_hex = hex(&kek).to_uppercase();
        for key_len in [16, 24, 32, 40, 64, 72, 256, 1024, 4096] {
            let key = pattern(key_len, key_len as u8);
            let mut w = vec![0u8; keywrap::wrap_len(key_len)];
            let w = keywrap::wrap(&kek, &key, &mut w).unwrap().to_vec();
            assert_eq!(w.len(), key_len + 8);
            let mut k = vec![0u8; keywrap::unwrap_len(w.len())];
            assert_eq!(keywrap::unwrap(&kek, &w, &mut k).unwrap(), &key[..]);

            let key_hex = hex(&key);
            let need = keywrap::wrap_hex_len(key_hex.len());
            assert_eq!(need, 2 * (key_len + 8));
            let mut short = vec![0x5Au8; need - 1];
            let err = keywrap::wrap_hex(&kek_hex, &key_hex, &mut short).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::BufferTooSmall { required: need });
            assert!(short.iter().all(|&b| b == 0x5A), "short wrap_hex buffer touched");
            let mut out = vec![0u8; need];
            assert_eq!(keywrap::wrap_hex(&kek_hex, &key_hex, &mut out).unwrap(), hex(&w));

            let w_hex = hex(&w).to_uppercase();
            let need = keywrap::unwrap_hex_len(w_hex.len());
            assert_eq!(need, 2 * key_len + 8);
            let mut short = vec![0x5Au8; need - 1];
            let err = keywrap::unwrap_hex(&kek_hex, &w_hex, &mut short).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::BufferTooSmall { required: need });
            assert!(short.iter().all(|&b| b == 0x5A), "short unwrap_hex buffer touched");
            let mut out = vec![0x5Au8; need + 3];
            assert_eq!(keywrap::unwrap_hex(&kek_hex, &w_hex, &mut out).unwrap(), key_hex);
            assert_eq!(&out[2 * key_len..need], &[0u8; 8], "the working room is zeroed");
            assert_eq!(&out[need..], &[0x5Au8; 3], "nothing past the working room is touched");
        }
    }
}

/// The lengths RFC 3394 does not permit, through both APIs: one block, 15 and 17 bytes, a
/// 16-byte "wrapped" key (one block of data), 0 bytes, not a multiple of 8.
#[test]
fn lengths_the_rfc_does_not_permit() {
    let kek = pattern(16, 1);
    let kek_hex = hex(&kek);
    for key_len in [0, 8, 15, 17, 20, 1023] {
        let err = keywrap::wrap(&kek, &pattern(key_len, 0), &mut [0u8; 2048]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKeyLength, "wrap {key_len}");
        let mut out = [0x5Au8; 4096];
        let err = keywrap::wrap_hex(&kek_hex, &hex(&pattern(key_len, 0)), &mut out).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKeyLength, "wrap_hex {key_len}");
        assert!(out.iter().all(|&b| b == 0x5A));
    }
    for wrapped_len in [0, 8, 16, 23, 25, 1031] {
        let err = keywrap::unwrap(&kek, &pattern(wrapped_len, 0), &mut [0u8; 2048]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKeyLength, "unwrap {wrapped_len}");
        let mut out = [0x5Au8; 4096];
        let err = keywrap::unwrap_hex(&kek_hex, &hex(&pattern(wrapped_len, 0)), &mut out).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKeyLength, "unwrap_hex {wrapped_len}");
        assert!(out.iter().all(|&b| b == 0x5A));
    }
    // Odd digit counts and non-hex are InvalidHex, before anything is written.
    let mut out = [0x5Au8; 128];
    let e = keywrap::unwrap_hex(&kek_hex, &"0".repeat(49), &mut out).unwrap_err();
    assert_eq!((e.kind(), e.parameter()), (ErrorKind::InvalidHex, Some("ek")));
    let e = keywrap::wrap_hex(&kek_hex, &format!("{}g", "0".repeat(31)), &mut out).unwrap_err();
    assert_eq!((e.kind(), e.parameter()), (ErrorKind::InvalidHex, Some("key")));
    assert!(out.iter().all(|&b| b == 0x5A));
}

/// A failed integrity check in the hex helper zeroes the bytes it used, long keys included.
#[test]
fn failed_hex_unwrap_of_a_long_key_zeroes_what_it_used() {
    let kek = pattern(32, 3);
    let key = pattern(1024, 9);
    let mut w = vec![0u8; 1032];
    let mut w = keywrap::wrap(&kek, &key, &mut w).unwrap().to_vec();
    w[500] ^= 0x80;
    let need = keywrap::unwrap_hex_len(2 * w.len());
    let mut out = vec![0x5Au8; need + 1];
    let err = keywrap::unwrap_hex(&hex(&kek), &hex(&w), &mut out).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::IntegrityCheckFailed);
    assert!(out[..need].iter().all(|&b| b == 0), "plaintext left in the output");
    assert_eq!(out[need], 0x5A);
}

/// A KEK that is not an AES-128/192/256 key (16, 24 or 32 bytes) is refused as such through all
/// four calls, with the KEK's own message, before the output's size is looked at and with the
/// output untouched: lengths either side of each AES key size, none, and the longest hex KEK
/// the helpers could hold with one byte more.
#[test]
fn kek_lengths_other_than_an_aes_key() {
    const BAD_KEK: &str = "KEK must be 16, 24 or 32 bytes (AES-128/192/256)";
    let key = pattern(16, 2);
    let wrapped = keywrap::wrap(&pattern(16, 1), &key, &mut [0u8; 24]).unwrap().to_vec();
    let (key_hex, wrapped_hex) = (hex(&key), hex(&wrapped));
    for kek_len in [0, 8, 15, 17, 23, 25, 31, 33, 48] {
        let kek = pattern(kek_len, 1);
        let kek_hex = hex(&kek);
        for out_len in [0, 64] {
            let mut out = vec![0x5Au8; out_len];
            let errors = [
                ("wrap", keywrap::wrap(&kek, &key, &mut out).map(|_| ())),
                ("unwrap", keywrap::unwrap(&kek, &wrapped, &mut out).map(|_| ())),
                ("wrap_hex", keywrap::wrap_hex(&kek_hex, &key_hex, &mut out).map(|_| ())),
                (
                    "unwrap_hex",
                    keywrap::unwrap_hex(&kek_hex, &wrapped_hex, &mut out).map(|_| ()),
                ),
            ];
            for (call, result) in errors {
                let e = result.unwrap_err();
                let what = format!("{call}: KEK of {kek_len} bytes, output of {out_len}");
                assert_eq!(e.kind(), ErrorKind::InvalidKeyLength, "{what}");
                assert_eq!(e.message(), BAD_KEK, "{what}");
            }
            assert!(out.iter().all(|&b| b == 0x5A), "KEK of {kek_len} bytes: output touched");
        }
    }
}
