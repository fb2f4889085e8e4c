//! AES Key Wrap (RFC 3394) for ExpressPlay's `kek`/`ek`, over the RustCrypto `aes-kw` crate.
//!
//! ExpressPlay: "Keys are stored encrypted with a KEK using a key wrapping algorithm (AES Key
//! Wrap, RFC3394)." RFC 3394 section 2: "The inputs to the key wrapping process are the KEK and
//! the plaintext to be wrapped. The plaintext consists of n 64-bit blocks" with n >= 2; unlike
//! `aes-kw` alone, shorter inputs are refused here. Every temporary copy of key material is
//! zeroized, and a failed unwrap leaves the output zeroed.

use aes_kw::{KekAes128, KekAes192, KekAes256};
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind};

/// RFC 3394 works on 64-bit semiblocks.
pub const SEMIBLOCK_LEN: usize = 8;
/// RFC 3394: "n 64-bit blocks ... n >= 2": the shortest plaintext is 16 bytes.
pub const MIN_KEY_LEN: usize = 2 * SEMIBLOCK_LEN;
/// The wrap of a 16-byte content key, ExpressPlay's `ek`, is 24 bytes.
pub const WRAPPED_CONTENT_KEY_LEN: usize = MIN_KEY_LEN + SEMIBLOCK_LEN;
/// The longest key the hex helpers accept (a 512-bit key); the byte API has no limit.
pub const MAX_HEX_KEY_LEN: usize = 64;

fn bad_length() -> Error {
    Error::new(ErrorKind::InvalidKeyLength)
}

/// The unwrap of a plaintext of `key_len` bytes, and its checks, in one place.
fn check_plaintext_len(key_len: usize) -> Result<(), Error> {
    if key_len < MIN_KEY_LEN || key_len % SEMIBLOCK_LEN != 0 {
        return Err(bad_length().with_detail("key to wrap must be at least 16 bytes and a multiple of 8"));
    }
    Ok(())
}

fn check_wrapped_len(wrapped_len: usize) -> Result<(), Error> {
    if wrapped_len < MIN_KEY_LEN + SEMIBLOCK_LEN || wrapped_len % SEMIBLOCK_LEN != 0 {
        return Err(bad_length().with_detail("wrapped key must be at least 24 bytes and a multiple of 8"));
    }
    Ok(())
}

/// One of the three AES key sizes a KEK may have.
enum AnyKek {
    Aes128(KekAes128),
    Aes192(KekAes192),
    Aes256(KekAes256),
}

impl AnyKek {
    fn new(kek: &[u8]) -> Result<Self, Error> {
        // `aes` is built with its `zeroize` feature: the key schedules are wiped on drop.
        match kek.len() {
            16 => KekAes128::try_from(kek).map(AnyKek::Aes128),
            24 => KekAes192::try_from(kek).map(AnyKek::Aes192),
            32 => KekAes256::try_from(kek).map(AnyKek::Aes256),
            _ => return Err(bad_length().with_detail("KEK must be 16, 24 or 32 bytes (AES-128/192/256)")),
        }
        .map_err(|_| bad_length())
    }

    fn wrap(&self, key: &[u8], out: &mut [u8]) -> Result<(), aes_kw::Error> {
        match self {
            AnyKek::Aes128(k) => k.wrap(key, out),
            AnyKek::Aes192(k) => k.wrap(key, out),
            AnyKek::Aes256(k) => k.wrap(key, out),
        }
    }

    fn unwrap(&self, wrapped: &[u8], out: &mut [u8]) -> Result<(), aes_kw::Error> {
        match self {
            AnyKek::Aes128(k) => k.unwrap(wrapped, out),
            AnyKek::Aes192(k) => k.unwrap(wrapped, out),
            AnyKek::Aes256(k) => k.unwrap(wrapped, out),
        }
    }
}

/// Wraps `key` under `kek`, writing `key.len() + 8` bytes to the front of `out`.
///
/// # Errors
/// [`ErrorKind::InvalidKeyLength`] for a KEK that is not 16/24/32 bytes or a key shorter than
/// 16 bytes or not a multiple of 8; [`ErrorKind::BufferTooSmall`] (with `out` untouched).
pub fn wrap<'o>(kek: &[u8], key: &[u8], out: &'o mut [u8]) -> Result<&'o [u8], Error> {
    check_plaintext_len(key.len())?;
    let kek = AnyKek::new(kek)?;
    let required = key.len() + SEMIBLOCK_LEN;
    let dst = out.get_mut(..required).ok_or(Error::buffer_too_small(required))?;
    kek.wrap(key, dst).map_err(|_| bad_length())?;
    Ok(dst)
}

/// Unwraps `wrapped` under `kek`, writing `wrapped.len() - 8` bytes to the front of `out`.
///
/// # Errors
/// [`ErrorKind::IntegrityCheckFailed`] (wrong KEK or tampered input; the output is zeroed),
/// [`ErrorKind::InvalidKeyLength`], [`ErrorKind::BufferTooSmall`] (with `out` untouched).
pub fn unwrap<'o>(kek: &[u8], wrapped: &[u8], out: &'o mut [u8]) -> Result<&'o [u8], Error> {
    check_wrapped_len(wrapped.len())?;
    let kek = AnyKek::new(kek)?;
    let required = wrapped.len() - SEMIBLOCK_LEN;
    let dst = out.get_mut(..required).ok_or(Error::buffer_too_small(required))?;
    match kek.unwrap(wrapped, dst) {
        Ok(()) => Ok(dst),
        Err(e) => {
            // aes-kw leaves the would-be plaintext in `dst`: never hand it back.
            zeroize::Zeroize::zeroize(dst);
            Err(match e {
                aes_kw::Error::IntegrityCheckFailed => Error::new(ErrorKind::IntegrityCheckFailed),
                _ => bad_length(),
            })
        }
    }
}

/// Decodes hex (either case) into a zeroizing stack buffer, returning it and the byte length.
/// Room for the longest hex input: the wrap of a [`MAX_HEX_KEY_LEN`]-byte key.
const MAX_HEX_INPUT_LEN: usize = MAX_HEX_KEY_LEN + SEMIBLOCK_LEN;

fn decode_hex_key(
    hex_str: &str,
    parameter: &'static str,
) -> Result<(Zeroizing<[u8; MAX_HEX_INPUT_LEN]>, usize), Error> {
    let mut buf = Zeroizing::new([0u8; MAX_HEX_INPUT_LEN]);
    if hex_str.len() % 2 != 0 {
        return Err(Error::new(ErrorKind::InvalidHex).with_parameter(parameter));
    }
    let n = hex_str.len() / 2;
    let dst = buf.get_mut(..n).ok_or(bad_length().with_parameter(parameter))?;
    hex::decode_to_slice(hex_str, dst).map_err(|_| Error::new(ErrorKind::InvalidHex).with_parameter(parameter))?;
    Ok((buf, n))
}

/// Writes `bytes` as lower-case hex into `out`.
fn encode_hex_into<'o>(bytes: &[u8], out: &'o mut [u8]) -> Result<&'o str, Error> {
    let required = bytes.len() * 2;
    let dst = out.get_mut(..required).ok_or(Error::buffer_too_small(required))?;
    hex::encode_to_slice(bytes, dst).map_err(|_| Error::buffer_too_small(required))?;
    core::str::from_utf8(dst).map_err(|_| Error::new(ErrorKind::InvalidUtf8))
}

/// [`wrap`] with hex in and lower-case hex out (`2 * (key.len() + 8)` characters).
///
/// # Errors
/// As [`wrap`], plus [`ErrorKind::InvalidHex`] naming `kek` or `key`.
pub fn wrap_hex<'o>(kek_hex: &str, key_hex: &str, out: &'o mut [u8]) -> Result<&'o str, Error> {
    let (kek, kek_len) = decode_hex_key(kek_hex, "kek")?;
    let (key, key_len) = decode_hex_key(key_hex, "key")?;
    if key_len > MAX_HEX_KEY_LEN {
        return Err(bad_length()
            .with_parameter("key")
            .with_detail("the hex helpers take keys of up to 64 bytes"));
    }
    let mut wrapped = Zeroizing::new([0u8; MAX_HEX_KEY_LEN + SEMIBLOCK_LEN]);
    let kek = kek.get(..kek_len).unwrap_or_default();
    let key = key.get(..key_len).unwrap_or_default();
    let w = wrap(kek, key, wrapped.as_mut_slice())?;
    encode_hex_into(w, out)
}

/// [`unwrap`] with hex in (either case) and lower-case hex out (`2 * (wrapped.len() - 8)`).
///
/// # Errors
/// As [`unwrap`], plus [`ErrorKind::InvalidHex`] naming `kek` or `ek`. On failure `out` is left
/// untouched: the plaintext only ever exists in a zeroizing stack buffer.
pub fn unwrap_hex<'o>(kek_hex: &str, wrapped_hex: &str, out: &'o mut [u8]) -> Result<&'o str, Error> {
    let (kek, kek_len) = decode_hex_key(kek_hex, "kek")?;
    let (wrapped, wrapped_len) = decode_hex_key(wrapped_hex, "ek")?;
    let mut key = Zeroizing::new([0u8; MAX_HEX_KEY_LEN]);
    let kek = kek.get(..kek_len).unwrap_or_default();
    let wrapped = wrapped.get(..wrapped_len).unwrap_or_default();
    let k = unwrap(kek, wrapped, key.as_mut_slice())?;
    encode_hex_into(k, out)
}

/// Unwraps an ExpressPlay `ek` with its `kek` only to prove they match, as the service would;
/// the content key is zeroized before returning.
pub(crate) fn check_ek(kek_hex: &str, ek_hex: &str) -> Result<(), Error> {
    let mut out = Zeroizing::new([0u8; 2 * MAX_HEX_KEY_LEN]);
    unwrap_hex(kek_hex, ek_hex, out.as_mut_slice()).map(|_| ())
}
