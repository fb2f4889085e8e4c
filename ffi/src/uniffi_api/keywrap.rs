//! AES Key Wrap (RFC 3394) for ExpressPlay's `kek`/`ek`, in hex (as the token requests carry
//! keys) and in bytes.
//!
//! Every copy of key material made on this side is zeroized; the returned `String`/`bytes` belong
//! to the foreign runtime, which cannot be made to wipe them (see `docs/mobile.md`).

use drmtoken_core::keywrap;
use zeroize::Zeroizing;

use super::error::DrmTokenError;

/// Wraps the hex `key` (e.g. a 32-digit content key) under the hex `kek`; lower-case hex out.
///
/// # Errors
/// `InvalidHex` (parameter `kek` or `key`), `InvalidKeyLength` (KEK not 16/24/32 bytes, key
/// shorter than 16 bytes or not a multiple of 8).
#[uniffi::export]
pub fn wrap_key(kek: String, key: String) -> Result<String, DrmTokenError> {
    let (kek, key) = (Zeroizing::new(kek), Zeroizing::new(key));
    let mut out = Zeroizing::new(vec![0u8; key.len() + 2 * keywrap::SEMIBLOCK_LEN]);
    Ok(keywrap::wrap_hex(&kek, &key, &mut out)?.to_owned())
}

/// Unwraps the hex `wrapped` key (an ExpressPlay `ek`) under the hex `kek`; lower-case hex out.
///
/// # Errors
/// `IntegrityCheckFailed` (wrong KEK or tampered key), `InvalidHex` (parameter `kek` or `ek`),
/// `InvalidKeyLength`.
#[uniffi::export]
pub fn unwrap_key(kek: String, wrapped: String) -> Result<String, DrmTokenError> {
    let kek = Zeroizing::new(kek);
    let mut out = Zeroizing::new(vec![0u8; wrapped.len()]);
    Ok(keywrap::unwrap_hex(&kek, &wrapped, &mut out)?.to_owned())
}

/// Wraps `key` under `kek` (bytes): `key.len() + 8` bytes out.
///
/// # Errors
/// `InvalidKeyLength`.
#[uniffi::export]
pub fn wrap_key_bytes(kek: Vec<u8>, key: Vec<u8>) -> Result<Vec<u8>, DrmTokenError> {
    let (kek, key) = (Zeroizing::new(kek), Zeroizing::new(key));
    let mut out = vec![0u8; key.len() + keywrap::SEMIBLOCK_LEN];
    let n = keywrap::wrap(&kek, &key, &mut out)?.len();
    out.truncate(n);
    Ok(out)
}

/// Unwraps `wrapped` under `kek` (bytes): `wrapped.len() - 8` bytes out.
///
/// # Errors
/// `IntegrityCheckFailed`, `InvalidKeyLength`.
#[uniffi::export]
pub fn unwrap_key_bytes(kek: Vec<u8>, wrapped: Vec<u8>) -> Result<Vec<u8>, DrmTokenError> {
    let kek = Zeroizing::new(kek);
    let mut out = Zeroizing::new(vec![0u8; wrapped.len()]);
    let key = keywrap::unwrap(&kek, &wrapped, &mut out)?;
    Ok(key.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3394_4_1_in_hex_and_bytes() {
        let (kek, key) = ("000102030405060708090a0b0c0d0e0f", "00112233445566778899aabbccddeeff");
        let wrapped = "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5";
        assert_eq!(wrap_key(kek.into(), key.into()).unwrap(), wrapped);
        assert_eq!(unwrap_key(kek.into(), wrapped.to_uppercase()).unwrap(), key);
        let kb: Vec<u8> = (0u8..16).collect();
        let w = wrap_key_bytes(kb.clone(), vec![0x11; 16]).unwrap();
        assert_eq!(w.len(), 24);
        assert_eq!(unwrap_key_bytes(kb, w).unwrap(), vec![0x11; 16]);
    }

    #[test]
    fn failures_carry_the_kind_and_parameter() {
        let kek = "000102030405060708090a0b0c0d0e0f";
        let e = unwrap_key(kek.into(), "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe4".into()).unwrap_err();
        assert!(matches!(e, DrmTokenError::IntegrityCheckFailed { code: 0, .. }));
        let e = unwrap_key(kek.into(), "zz".into()).unwrap_err();
        assert!(matches!(e, DrmTokenError::InvalidHex { .. }));
        assert_eq!(e.parameter().as_deref(), Some("ek"));
        let e = wrap_key_bytes(vec![0; 20], vec![0; 16]).unwrap_err();
        assert!(matches!(e, DrmTokenError::InvalidKeyLength { .. }));
    }
}
