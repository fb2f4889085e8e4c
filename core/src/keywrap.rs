//! AES Key Wrap (RFC 3394) for ExpressPlay's `kek`/`ek`, over the RustCrypto `aes-kw` crate.
//!
//! ExpressPlay: "Keys are stored encrypted with a KEK using a key wrapping algorithm (AES Key
//! Wrap, RFC3394)." RFC 3394 section 2: "The inputs to the key wrapping process are the KEK and
//! the plaintext to be wrapped. The plaintext consists of n 64-bit blocks" with n >= 2; unlike
//! `aes-kw` alone, shorter inputs are refused here. There is no upper limit: the byte API and the
//! hex helpers take every length the RFC permits, sized by [`wrap_len`], [`unwrap_len`],
//! [`wrap_hex_len`] and [`unwrap_hex_len`]. Every temporary copy of key material is zeroized,
//! and a failed unwrap leaves the output zeroed.

use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind};

/// RFC 3394 works on 64-bit semiblocks.
pub const SEMIBLOCK_LEN: usize = 8;
/// RFC 3394: "n 64-bit blocks ... n >= 2": the shortest plaintext is 16 bytes.
pub const MIN_KEY_LEN: usize = 2 * SEMIBLOCK_LEN;
/// The wrap of a 16-byte content key, ExpressPlay's `ek`, is 24 bytes.
pub const WRAPPED_CONTENT_KEY_LEN: usize = MIN_KEY_LEN + SEMIBLOCK_LEN;

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

const BAD_KEK: &str = "KEK must be 16, 24 or 32 bytes (AES-128/192/256)";

/// Refuses a KEK that is not an AES-128/192/256 key.
fn check_kek_len(kek_len: usize) -> Result<(), Error> {
    match kek_len {
        16 | 24 | 32 => Ok(()),
        _ => Err(bad_length().with_detail(BAD_KEK)),
    }
}

/// The RFC 3394 operations, as the const parameter of [`run`] (so a firmware that only unwraps
/// links no wrap).
const WRAP: bool = true;
const UNWRAP: bool = false;

/// Runs `OP` (wrap `input` into `out`, or unwrap it) with one key size's cipher. Each size is
/// built in its own match arm of [`run`], its key schedule in its own frame: an enum of the three
/// was as large as the largest and stayed in the caller's frame (measured on Cortex-M: 2 104 ->
/// 1 800 B of stack for the byte forms, 2 832 -> 2 072 B for the hex forms).
fn apply<A, const OP: bool>(kek: &[u8], input: &[u8], out: &mut [u8]) -> Result<(), aes_kw::Error>
where
    A: aes::cipher::KeyInit
        + aes::cipher::BlockCipher
        + aes::cipher::BlockSizeUser<BlockSize = aes::cipher::consts::U16>
        + aes::cipher::BlockEncrypt
        + aes::cipher::BlockDecrypt,
{
    // `aes` is built with its `zeroize` feature: the key schedule is wiped on drop.
    let kek = aes_kw::Kek::<A>::try_from(kek)?;
    if OP == WRAP {
        kek.wrap(input, out)
    } else {
        kek.unwrap(input, out)
    }
}

/// `OP` under `kek` (16, 24 or 32 bytes: AES-128/192/256).
fn run<const OP: bool>(kek: &[u8], input: &[u8], out: &mut [u8]) -> Result<(), aes_kw::Error> {
    match kek.len() {
        16 => apply::<aes::Aes128, OP>(kek, input, out),
        24 => apply::<aes::Aes192, OP>(kek, input, out),
        _ => apply::<aes::Aes256, OP>(kek, input, out),
    }
}

/// Wraps `key` under `kek`, writing `key.len() + 8` bytes to the front of `out`.
///
/// # Errors
/// [`ErrorKind::InvalidKeyLength`] for a KEK that is not 16/24/32 bytes or a key shorter than
/// 16 bytes or not a multiple of 8; [`ErrorKind::BufferTooSmall`] (with `out` untouched).
pub fn wrap<'o>(kek: &[u8], key: &[u8], out: &'o mut [u8]) -> Result<&'o [u8], Error> {
    check_plaintext_len(key.len())?;
    check_kek_len(kek.len())?;
    let required = key.len() + SEMIBLOCK_LEN;
    let dst = out.get_mut(..required).ok_or(Error::buffer_too_small(required))?;
    run::<WRAP>(kek, key, dst).map_err(|_| bad_length())?;
    Ok(dst)
}

/// Unwraps `wrapped` under `kek`, writing `wrapped.len() - 8` bytes to the front of `out`.
///
/// # Errors
/// [`ErrorKind::IntegrityCheckFailed`] (wrong KEK or tampered input; the output is zeroed),
/// [`ErrorKind::InvalidKeyLength`], [`ErrorKind::BufferTooSmall`] (with `out` untouched).
pub fn unwrap<'o>(kek: &[u8], wrapped: &[u8], out: &'o mut [u8]) -> Result<&'o [u8], Error> {
    check_wrapped_len(wrapped.len())?;
    check_kek_len(kek.len())?;
    let required = wrapped.len() - SEMIBLOCK_LEN;
    let dst = out.get_mut(..required).ok_or(Error::buffer_too_small(required))?;
    match run::<UNWRAP>(kek, wrapped, dst) {
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

/// The byte length of `hex_str` after checking every character is a hex digit (either case) and
/// the count is even; `InvalidHex` naming `parameter` otherwise. Nothing is decoded, so a caller
/// can refuse bad input before touching any output buffer.
fn checked_hex_len(hex_str: &str, parameter: &'static str) -> Result<usize, Error> {
    if hex_str.len() % 2 != 0 || !hex_str.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::new(ErrorKind::InvalidHex).with_parameter(parameter));
    }
    Ok(hex_str.len() / 2)
}

/// The longest KEK (AES-256): the only key material the hex helpers keep on their own stack.
const MAX_KEK_LEN: usize = 32;

/// Decodes a hex KEK (checked by the caller) into a zeroizing stack buffer; its key length is
/// checked too. The key is the buffer's first `kek_len` bytes.
fn hex_kek(kek_hex: &str, kek_len: usize) -> Result<Zeroizing<[u8; MAX_KEK_LEN]>, Error> {
    check_kek_len(kek_len)?;
    let mut buf = Zeroizing::new([0u8; MAX_KEK_LEN]);
    let dst = buf.get_mut(..kek_len).ok_or(bad_length().with_detail(BAD_KEK))?;
    hex::decode_to_slice(kek_hex, dst).map_err(|_| Error::new(ErrorKind::InvalidHex).with_parameter("kek"))?;
    Ok(buf)
}

/// Decodes hex already checked by [`checked_hex_len`] into `dst` (exactly half its length).
fn decode_checked(hex_str: &str, dst: &mut [u8], parameter: &'static str) -> Result<(), Error> {
    hex::decode_to_slice(hex_str, dst).map_err(|_| Error::new(ErrorKind::InvalidHex).with_parameter(parameter))
}

/// One lower-case hex digit.
const fn hex_digit(nibble: u8) -> u8 {
    if nibble < 10 {
        b'0' + nibble
    } else {
        b'a' + nibble - 10
    }
}

/// Rewrites the `n` bytes at the front of `buf` as their `2 * n` lower-case hex digits, in
/// place: from the last byte to the first, byte `i` becomes digits `2i` and `2i + 1`, which lie
/// at or after `i`, so no byte is overwritten before it is read.
fn hex_in_place(buf: &mut [u8], n: usize) -> Result<&str, Error> {
    let dst = buf.get_mut(..2 * n).ok_or(Error::buffer_too_small(2 * n))?;
    for i in (0..n).rev() {
        let byte = dst.get(i).copied().unwrap_or_default();
        if let Some([hi, lo]) = dst.get_mut(2 * i..2 * i + 2) {
            *hi = hex_digit(byte >> 4);
            *lo = hex_digit(byte & 0x0f);
        }
    }
    core::str::from_utf8(dst).map_err(|_| Error::new(ErrorKind::InvalidUtf8))
}

/// The bytes [`wrap`] writes for a key of `key_len` bytes: `key_len + 8`.
pub const fn wrap_len(key_len: usize) -> usize {
    key_len.saturating_add(SEMIBLOCK_LEN)
}

/// The bytes [`unwrap`] writes for a wrapped key of `wrapped_len` bytes: `wrapped_len - 8`.
pub const fn unwrap_len(wrapped_len: usize) -> usize {
    wrapped_len.saturating_sub(SEMIBLOCK_LEN)
}

/// The capacity [`wrap_hex`] needs, which is also what it writes, for a key of `key_hex_len`
/// hex digits: `key_hex_len + 16` (the wrap is one 64-bit block longer).
pub const fn wrap_hex_len(key_hex_len: usize) -> usize {
    key_hex_len.saturating_add(2 * SEMIBLOCK_LEN)
}

/// The capacity [`unwrap_hex`] needs for a wrapped key of `wrapped_hex_len` hex digits:
/// `wrapped_hex_len - 8`. That is the key's `wrapped_hex_len - 16` digits, which it writes,
/// plus 8 bytes of working room (see [`unwrap_hex`]).
pub const fn unwrap_hex_len(wrapped_hex_len: usize) -> usize {
    wrapped_hex_len.saturating_sub(SEMIBLOCK_LEN)
}

/// [`wrap`] with hex in (either case) and lower-case hex out: `2 * (key.len() + 8)` characters,
/// i.e. [`wrap_hex_len`]`(key_hex.len())` bytes of `out`, for any key length RFC 3394 permits.
///
/// Why `out` is the working room: with no heap and keys of any length, the decoded key and its
/// wrap need space proportional to the key, and the only such space is the caller's. The hex
/// output is exactly twice the wrap, so it holds both: the key is decoded into the back half,
/// wrapped into the front half, and the wrap is expanded to hex in place, overwriting the key.
/// The capacity needed is therefore just the output length, and the signature stays the one
/// every producing call has (no separate work buffer to size).
///
/// # Errors
/// As [`wrap`], plus [`ErrorKind::InvalidHex`] naming `kek` or `key`. Every input error and
/// [`ErrorKind::BufferTooSmall`] is found before `out` is touched.
pub fn wrap_hex<'o>(kek_hex: &str, key_hex: &str, out: &'o mut [u8]) -> Result<&'o str, Error> {
    let kek_len = checked_hex_len(kek_hex, "kek")?;
    let key_len = checked_hex_len(key_hex, "key")?;
    check_plaintext_len(key_len)?;
    let kek_buf = hex_kek(kek_hex, kek_len)?;
    let kek = kek_buf.get(..kek_len).unwrap_or_default();
    let wrapped_len = wrap_len(key_len);
    let required = wrap_hex_len(key_hex.len());
    let work = out.get_mut(..required).ok_or(Error::buffer_too_small(required))?;
    // `work` is `2 * wrapped_len` bytes; checked, not `split_at_mut`, which keeps a panic path.
    let (wrapped, room) = work
        .split_at_mut_checked(wrapped_len)
        .ok_or(Error::buffer_too_small(required))?;
    // `room` is `wrapped_len` bytes: the key's `key_len` fit at its front.
    let key = room.get_mut(..key_len).ok_or(Error::buffer_too_small(required))?;
    let result =
        decode_checked(key_hex, key, "key").and_then(|()| run::<WRAP>(kek, key, wrapped).map_err(|_| bad_length()));
    // The plaintext key is wiped here, whatever happened (the hex below would overwrite it too).
    zeroize::Zeroize::zeroize(room);
    if let Err(e) = result {
        zeroize::Zeroize::zeroize(wrapped);
        return Err(e);
    }
    hex_in_place(work, wrapped_len)
}

/// [`unwrap`] with hex in (either case) and lower-case hex out (`2 * (wrapped.len() - 8)`
/// characters), for any length RFC 3394 permits.
///
/// `out` must hold [`unwrap_hex_len`]`(wrapped_hex.len())` bytes: 8 more than the hex it
/// receives. With no heap, `out` is the working room (see [`wrap_hex`]): the wrapped bytes
/// are decoded behind the key's place and unwrapped into it, then the key is expanded to hex in
/// place. RFC 3394 unwrap reads `n + 1` blocks while writing `n` elsewhere, so the room needed
/// is `2n + 1` blocks against the `2n` of the hex: one block more. The extra bytes are zeroed.
///
/// # Errors
/// As [`unwrap`], plus [`ErrorKind::InvalidHex`] naming `kek` or `ek`. Input errors and
/// [`ErrorKind::BufferTooSmall`] leave `out` untouched; on
/// [`ErrorKind::IntegrityCheckFailed`] the bytes it used are zeroed (no plaintext escapes).
pub fn unwrap_hex<'o>(kek_hex: &str, wrapped_hex: &str, out: &'o mut [u8]) -> Result<&'o str, Error> {
    let kek_len = checked_hex_len(kek_hex, "kek")?;
    let wrapped_len = checked_hex_len(wrapped_hex, "ek")?;
    check_wrapped_len(wrapped_len)?;
    let kek_buf = hex_kek(kek_hex, kek_len)?;
    let kek = kek_buf.get(..kek_len).unwrap_or_default();
    let key_len = unwrap_len(wrapped_len);
    let required = unwrap_hex_len(wrapped_hex.len());
    let work = out.get_mut(..required).ok_or(Error::buffer_too_small(required))?;
    // `required` = key_len + wrapped_len: the key in front, the wrapped bytes behind it.
    let (key, wrapped) = work
        .split_at_mut_checked(key_len)
        .ok_or(Error::buffer_too_small(required))?;
    let result = decode_checked(wrapped_hex, wrapped, "ek").and_then(|()| {
        run::<UNWRAP>(kek, wrapped, key).map_err(|e| match e {
            aes_kw::Error::IntegrityCheckFailed => Error::new(ErrorKind::IntegrityCheckFailed),
            _ => bad_length(),
        })
    });
    zeroize::Zeroize::zeroize(wrapped);
    if let Err(e) = result {
        // aes-kw leaves the would-be plaintext in `key`: never hand it back.
        zeroize::Zeroize::zeroize(key);
        return Err(e);
    }
    hex_in_place(work, key_len)
}

/// Unwraps an ExpressPlay `ek` with its `kek` only to prove they match, as the service would;
/// the content key is zeroized before returning.
pub(crate) fn check_ek(kek_hex: &str, ek_hex: &str) -> Result<(), Error> {
    // `ek` is checked to be 48 hex digits before this: its unwrap needs 40 bytes.
    let mut out = Zeroizing::new([0u8; unwrap_hex_len(2 * WRAPPED_CONTENT_KEY_LEN)]);
    unwrap_hex(kek_hex, ek_hex, out.as_mut_slice()).map(|_| ())
}
