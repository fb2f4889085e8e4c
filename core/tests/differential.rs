//! Differential tests against independent implementations: RFC 3339 against `chrono`, form
//! decoding against `form_urlencoded` (the `url` crate's), AES-KW against Python's
//! `cryptography` (OpenSSL underneath) on random keys.

use std::io::Write;
use std::process::{Command, Stdio};

use drmtoken_core::encode::form_decode;
use drmtoken_core::time::parse_rfc3339_z;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

    /// Every `YYYY-MM-DDTHH:MM:SS[.f]Z` string, possible or not: drmtoken accepts exactly what
    /// chrono accepts, at the same instant. Seconds stop at 59 (chrono and drmtoken treat a leap
    /// second differently, each as documented) and chrono's extra leniency (a space for `T`) is
    /// not generated.
    #[test]
    fn rfc3339_agrees_with_chrono(y in 0u32..10000, mo in 0u32..14, d in 0u32..33, h in 0u32..26, mi in 0u32..62, s in 0u32..60, frac in proptest::option::of("[0-9]{1,9}")) {
        let text = match &frac {
            Some(f) => format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{f}Z"),
            None => format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"),
        };
        let ours = parse_rfc3339_z(&text).ok();
        let theirs = chrono::DateTime::parse_from_rfc3339(&text).ok().map(|t| t.timestamp());
        prop_assert_eq!(ours, theirs, "{}", text);
    }

    /// Form decoding agrees with `form_urlencoded` wherever drmtoken accepts the input
    /// (drmtoken refuses a `%` without two hex digits, as Java's URLDecoder does; the WHATWG
    /// decoder keeps it literally).
    #[test]
    fn form_decode_agrees_with_form_urlencoded(raw in "([a-zA-Z0-9 +._~-]|%[0-9a-fA-F]{2}|%|[é€])*") {
        let mut out = vec![0u8; raw.len()];
        let theirs: String = form_urlencoded::parse(format!("x={raw}").as_bytes()).next().map(|(_, v)| v.into_owned()).unwrap_or_default();
        match form_decode(&raw, &mut out) {
            Ok(ours) => prop_assert_eq!(ours, theirs.as_str()),
            Err(e) => prop_assert!(
                matches!(e.kind(), drmtoken_core::ErrorKind::InvalidPercentEncoding | drmtoken_core::ErrorKind::InvalidUtf8),
                "{:?}", e
            ),
        }
    }
}

/// 200 random KEK/key pairs (all three KEK sizes, keys of 2-8 blocks) wrapped by Python's
/// `cryptography` and by drmtoken must give the same bytes, and each side unwraps the other's.
#[test]
fn keywrap_agrees_with_python_cryptography() {
    let python = std::env::var("DRMTOKEN_PYTHON").unwrap_or_else(|_| "python3".into());
    let check = Command::new(&python).args(["-c", "import cryptography"]).status();
    assert!(
        matches!(check, Ok(s) if s.success()),
        "python3 with `cryptography` is required (Debian: python3-cryptography; scripts/test-all.sh installs it)"
    );
    // A small deterministic generator: the cases are reproducible without a seed file.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut cases = Vec::new();
    for i in 0..200 {
        let kek_len = [16, 24, 32][i % 3];
        let key_len = 8 * (2 + (next() % 7) as usize);
        let kek: Vec<u8> = (0..kek_len).map(|_| next() as u8).collect();
        let key: Vec<u8> = (0..key_len).map(|_| next() as u8).collect();
        cases.push((kek, key));
    }
    let input: String = cases.iter().map(|(k, p)| format!("{} {}\n", hex(k), hex(p))).collect();
    let script = "import sys\nfrom cryptography.hazmat.primitives.keywrap import aes_key_wrap\nfor line in sys.stdin:\n    kek, key = (bytes.fromhex(x) for x in line.split())\n    print(aes_key_wrap(kek, key).hex())\n";
    let mut child = Command::new(&python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let theirs = String::from_utf8(output.stdout).unwrap();
    let theirs: Vec<&str> = theirs.lines().collect();
    assert_eq!(theirs.len(), cases.len());
    for ((kek, key), their_hex) in cases.iter().zip(theirs) {
        let mut ours = vec![0u8; key.len() + 8];
        let ours = drmtoken_core::keywrap::wrap(kek, key, &mut ours).unwrap();
        assert_eq!(hex(ours), their_hex, "wrap differs for KEK {}", kek.len());
        let mut back = vec![0u8; key.len()];
        let their_bytes: Vec<u8> = (0..their_hex.len() / 2)
            .map(|i| u8::from_str_radix(&their_hex[2 * i..2 * i + 2], 16).unwrap())
            .collect();
        assert_eq!(
            drmtoken_core::keywrap::unwrap(kek, &their_bytes, &mut back).unwrap(),
            &key[..]
        );
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Long keys against Python `cryptography`, both directions, through the byte and hex APIs:
/// 16 to 4096-byte keys under 128/192/256-bit KEKs (`aes_key_wrap` / `aes_key_unwrap`).
#[test]
fn long_keys_agree_with_python_cryptography() {
    let python = std::env::var("DRMTOKEN_PYTHON").unwrap_or_else(|_| "python3".into());
    let mut cases = Vec::new();
    for (i, kek_len) in [16usize, 24, 32].into_iter().enumerate() {
        for key_len in [16usize, 24, 32, 64, 72, 1024, 4096] {
            let kek: Vec<u8> = (0..kek_len).map(|j| (j * 7 + i) as u8).collect();
            let key: Vec<u8> = (0..key_len).map(|j| (j * 13 + key_len) as u8).collect();
            cases.push((kek, key));
        }
    }
    // Python wraps each key and unwraps it back; it prints its wrap and its unwrap.
    let input: String = cases.iter().map(|(k, p)| format!("{} {}\n", hex(k), hex(p))).collect();
    let script = "import sys\nfrom cryptography.hazmat.primitives.keywrap import aes_key_wrap, aes_key_unwrap\nfor line in sys.stdin:\n    kek, key = (bytes.fromhex(x) for x in line.split())\n    w = aes_key_wrap(kek, key)\n    print(w.hex(), aes_key_unwrap(kek, w).hex())\n";
    let mut child = Command::new(&python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "python3 with `cryptography` is required");
    let theirs = String::from_utf8(output.stdout).unwrap();
    let theirs: Vec<&str> = theirs.lines().collect();
    assert_eq!(theirs.len(), cases.len());
    for ((kek, key), line) in cases.iter().zip(theirs) {
        let (their_wrap, their_unwrap) = line.split_once(' ').unwrap();
        assert_eq!(their_unwrap, hex(key));
        let mut ours = vec![0u8; drmtoken_core::keywrap::wrap_len(key.len())];
        let ours = drmtoken_core::keywrap::wrap(kek, key, &mut ours).unwrap();
        assert_eq!(hex(ours), their_wrap, "wrap, KEK {} key {}", kek.len(), key.len());
        let mut hex_out = vec![0u8; drmtoken_core::keywrap::wrap_hex_len(2 * key.len())];
        assert_eq!(
            drmtoken_core::keywrap::wrap_hex(&hex(kek), &hex(key), &mut hex_out).unwrap(),
            their_wrap
        );
        let mut back = vec![0u8; drmtoken_core::keywrap::unwrap_hex_len(their_wrap.len())];
        assert_eq!(
            drmtoken_core::keywrap::unwrap_hex(&hex(kek), their_wrap, &mut back).unwrap(),
            hex(key),
            "unwrap of Python's wrap, KEK {} key {}",
            kek.len(),
            key.len()
        );
    }
}
