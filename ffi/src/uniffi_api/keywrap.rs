//! AES Key Wrap (RFC 3394) for ExpressPlay's `kek`/`ek`, in bytes (`keywrap_key_wrap`,
//! `keywrap_key_unwrap`) and in hex as the token requests carry keys (`keywrap_key_wrap_hex`,
//! `keywrap_key_unwrap_hex`), for every key length the RFC permits (16 bytes or more, a
//! multiple of 8).
//!
//! Every copy of key material made on this side is zeroized: the arguments (uniffi hands a
//! top-level `String`/`bytes` over in its own buffer, which is wiped with it) and every working
//! buffer. The returned `String`/`bytes` belong to the foreign runtime, which cannot be made to
//! wipe them (see `docs/mobile.md`).

use drmtoken_core::keywrap;
use zeroize::Zeroizing;

use super::error::DrmTokenError;

/// Wraps the hex `key` (e.g. a 32-digit content key; any length RFC 3394 permits) under the hex
/// `kek`; lower-case hex out.
///
/// # Errors
/// `InvalidHex` (parameter `kek` or `key`), `InvalidKeyLength` (KEK not 16/24/32 bytes, key
/// shorter than 16 bytes or not a multiple of 8).
#[uniffi::export]
pub fn keywrap_key_wrap_hex(kek: String, key: String) -> Result<String, DrmTokenError> {
    let (kek, key) = (Zeroizing::new(kek), Zeroizing::new(key));
    let mut out = Zeroizing::new(vec![0u8; keywrap::wrap_hex_len(key.len())]);
    Ok(keywrap::wrap_hex(&kek, &key, &mut out)?.to_owned())
}

/// Unwraps the hex `wrapped` key (an ExpressPlay `ek`, or any length RFC 3394 permits) under the
/// hex `kek`; lower-case hex out.
///
/// # Errors
/// `IntegrityCheckFailed` (wrong KEK or tampered key), `InvalidHex` (parameter `kek` or `ek`),
/// `InvalidKeyLength`.
#[uniffi::export]
pub fn keywrap_key_unwrap_hex(kek: String, wrapped: String) -> Result<String, DrmTokenError> {
    let (kek, wrapped) = (Zeroizing::new(kek), Zeroizing::new(wrapped));
    let mut out = Zeroizing::new(vec![0u8; keywrap::unwrap_hex_len(wrapped.len())]);
    Ok(keywrap::unwrap_hex(&kek, &wrapped, &mut out)?.to_owned())
}

/// Wraps `key` under `kek` (bytes): `key.len() + 8` bytes out.
///
/// # Errors
/// `InvalidKeyLength`.
#[uniffi::export]
pub fn keywrap_key_wrap(kek: Vec<u8>, key: Vec<u8>) -> Result<Vec<u8>, DrmTokenError> {
    let (kek, key) = (Zeroizing::new(kek), Zeroizing::new(key));
    let mut out = vec![0u8; keywrap::wrap_len(key.len())];
    let n = keywrap::wrap(&kek, &key, &mut out)?.len();
    out.truncate(n);
    Ok(out)
}

/// Unwraps `wrapped` under `kek` (bytes): `wrapped.len() - 8` bytes out.
///
/// # Errors
/// `IntegrityCheckFailed`, `InvalidKeyLength`.
#[uniffi::export]
pub fn keywrap_key_unwrap(kek: Vec<u8>, wrapped: Vec<u8>) -> Result<Vec<u8>, DrmTokenError> {
    let (kek, wrapped) = (Zeroizing::new(kek), Zeroizing::new(wrapped));
    let mut out = Zeroizing::new(vec![0u8; keywrap::unwrap_len(wrapped.len())]);
    let n = keywrap::unwrap(&kek, &wrapped, &mut out)?.len();
    out.truncate(n);
    // The key leaves in the very buffer it was unwrapped into: no unwiped copy stays here.
    Ok(std::mem::take(&mut *out))
}

#[cfg(test)]
mod tests {
    use super::super::error::ErrorKind;
    use super::super::secret::wipe_check::{freed_unwiped, CANARIES};
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn rfc3394_4_1_in_hex_and_bytes() {
        let (kek, key) = ("000102030405060708090a0b0c0d0e0f", "00112233445566778899aabbccddeeff");
        let wrapped = "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5";
        assert_eq!(keywrap_key_wrap_hex(kek.into(), key.into()).unwrap(), wrapped);
        assert_eq!(keywrap_key_unwrap_hex(kek.into(), wrapped.to_uppercase()).unwrap(), key);
        let kb: Vec<u8> = (0u8..16).collect();
        let w = keywrap_key_wrap(kb.clone(), vec![0x11; 16]).unwrap();
        assert_eq!(w.len(), 24);
        assert_eq!(keywrap_key_unwrap(kb, w).unwrap(), vec![0x11; 16]);
    }

    /// Long keys (issue 16) under the three KEK sizes, in hex and bytes, and the lengths the RFC
    /// does not permit.
    #[test]
    fn every_length_the_rfc_permits() {
        for kek_len in [16usize, 24, 32] {
            let kek: Vec<u8> = (0..kek_len as u8).collect();
            for key_len in [16usize, 24, 32, 64, 72, 1024, 4096] {
                let key: Vec<u8> = (0..key_len).map(|i| (i * 7) as u8).collect();
                let w = keywrap_key_wrap_hex(hex(&kek), hex(&key)).unwrap();
                assert_eq!(w.len(), 2 * (key_len + 8));
                assert_eq!(
                    keywrap_key_unwrap_hex(hex(&kek).to_uppercase(), w.clone()).unwrap(),
                    hex(&key)
                );
                let wb = keywrap_key_wrap(kek.clone(), key.clone()).unwrap();
                assert_eq!(hex(&wb), w);
                assert_eq!(keywrap_key_unwrap(kek.clone(), wb).unwrap(), key);
            }
        }
        let kek = hex(&[7u8; 16]);
        for bad in [8usize, 15, 17, 20] {
            let e = keywrap_key_wrap_hex(kek.clone(), "00".repeat(bad)).unwrap_err();
            assert!(e.kind() == ErrorKind::InvalidKeyLength, "{bad}: {e:?}");
            let e = keywrap_key_wrap(vec![7; 16], vec![0; bad]).unwrap_err();
            assert!(e.kind() == ErrorKind::InvalidKeyLength, "{bad}: {e:?}");
        }
        for bad in [16usize, 23, 25] {
            let e = keywrap_key_unwrap_hex(kek.clone(), "00".repeat(bad)).unwrap_err();
            assert!(e.kind() == ErrorKind::InvalidKeyLength, "{bad}: {e:?}");
            let e = keywrap_key_unwrap(vec![7; 16], vec![0; bad]).unwrap_err();
            assert!(e.kind() == ErrorKind::InvalidKeyLength, "{bad}: {e:?}");
        }
    }

    #[test]
    fn failures_carry_the_kind_and_parameter() {
        let kek = "000102030405060708090a0b0c0d0e0f";
        let e =
            keywrap_key_unwrap_hex(kek.into(), "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe4".into()).unwrap_err();
        assert_eq!((e.kind(), e.code()), (ErrorKind::IntegrityCheckFailed, 0));
        let e = keywrap_key_unwrap_hex(kek.into(), "zz".into()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidHex);
        assert_eq!(e.parameter().as_deref(), Some("ek"));
        let e = keywrap_key_wrap(vec![0; 20], vec![0; 16]).unwrap_err();
        assert!(e.kind() == ErrorKind::InvalidKeyLength);
    }

    /// No block freed during a wrap and an unwrap still holds the KEK or the key, in text or
    /// in bytes (the test allocator looks; see `secret::wipe_check`). Only the results the
    /// caller receives may hold them, and the test wipes those itself.
    #[test]
    #[cfg_attr(miri, ignore = "the inspecting allocator does not read memory under Miri")]
    fn no_copy_of_the_kek_or_key_is_freed_unwiped() {
        let before: Vec<usize> = (0..4).map(freed_unwiped).collect();
        let kek = std::str::from_utf8(CANARIES[0]).unwrap().repeat(2); // f00dface..., 16 bytes
        let key = std::str::from_utf8(CANARIES[2]).unwrap().repeat(8); // 5ec2e7a5..., 64 bytes
        let wrapped = keywrap_key_wrap_hex(kek.clone(), key.clone()).unwrap();
        let back = Zeroizing::new(keywrap_key_unwrap_hex(kek.clone(), wrapped.clone()).unwrap());
        assert_eq!(*back, key);
        let kek_bytes = Zeroizing::new(CANARIES[1].repeat(2));
        let key_bytes = Zeroizing::new(CANARIES[3].repeat(8));
        let wb = keywrap_key_wrap(kek_bytes.to_vec(), key_bytes.to_vec()).unwrap();
        let back = Zeroizing::new(keywrap_key_unwrap(kek_bytes.to_vec(), wb).unwrap());
        assert_eq!(*back, *key_bytes);
        // The test's own inputs: wiped here as a caller would.
        drop((Zeroizing::new(kek), Zeroizing::new(key)));
        drop((back, kek_bytes, key_bytes));
        let after: Vec<usize> = (0..4).map(freed_unwiped).collect();
        assert_eq!(
            after, before,
            "a block holding key material was freed without being wiped"
        );
    }
}
