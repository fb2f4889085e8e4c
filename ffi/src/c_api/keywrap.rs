//! AES Key Wrap (RFC 3394) from C, bytes or hex in and out, for every length the RFC permits
//! (keys of 16 bytes or more, a multiple of 8; no upper limit). Sizing as everywhere: `(NULL, 0)`
//! asks, and on `DRMTOKEN_BUFFER_TOO_SMALL` `*out_len` is the capacity needed.

use drmtoken_core::keywrap;

use super::drmtoken_status;
use super::error::{drmtoken_error, produced};
use super::slices::{bytes, exclusive, out_buffer, text};

/// Wraps `key` (16 bytes or more, a multiple of 8, any length) under `kek` (16, 24 or 32 bytes)
/// into `out` (`key_len + 8` bytes). Conventions as `drmtoken_expressplay_request_write_url`.
///
/// # Safety
/// `kek`/`key` must point to `kek_len`/`key_len` readable bytes; `out` must be NULL with
/// `out_cap` 0 or point to `out_cap` writable bytes; `out_len` must be valid; `error` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_keywrap_key_wrap(
    kek: *const u8,
    kek_len: usize,
    key: *const u8,
    key_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!(error, {
        // SAFETY: `out_len` is NULL (refused) or valid and unaliased, per the contract.
        let out_len = unsafe { exclusive(out_len, "out_len") }?;
        *out_len = 0;
        // SAFETY: `kek` points to `kek_len` readable bytes (or is NULL with 0), per the contract.
        let kek_in = unsafe { bytes(kek, kek_len, "kek") }?;
        // SAFETY: `key` points to `key_len` readable bytes (or is NULL with 0), per the contract.
        let key_in = unsafe { bytes(key, key_len, "key") }?;
        // SAFETY: `out` is NULL with `out_cap` 0 or points to `out_cap` writable bytes, per the contract.
        let out = unsafe { out_buffer(out, out_cap, "out") }?;
        produced(keywrap::wrap(kek_in, key_in, out).map(<[u8]>::len), out_len)
    })
}

/// Unwraps `wrapped` under `kek` into `out` (`wrapped_len - 8` bytes), checking RFC 3394's
/// integrity value: `DRMTOKEN_INTEGRITY_CHECK_FAILED` (with `out` zeroed) on a wrong KEK or
/// tampered data. Conventions as `drmtoken_expressplay_request_write_url`.
///
/// # Safety
/// As `drmtoken_keywrap_key_wrap`.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_keywrap_key_unwrap(
    kek: *const u8,
    kek_len: usize,
    wrapped: *const u8,
    wrapped_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!(error, {
        // SAFETY: `out_len` is NULL (refused) or valid and unaliased, per the contract.
        let out_len = unsafe { exclusive(out_len, "out_len") }?;
        *out_len = 0;
        // SAFETY: `kek` points to `kek_len` readable bytes (or is NULL with 0), per the contract.
        let kek_in = unsafe { bytes(kek, kek_len, "kek") }?;
        // SAFETY: `wrapped` points to `wrapped_len` readable bytes (or is NULL with 0), per the contract.
        let wrapped_in = unsafe { bytes(wrapped, wrapped_len, "wrapped") }?;
        // SAFETY: `out` is NULL with `out_cap` 0 or points to `out_cap` writable bytes, per the contract.
        let out = unsafe { out_buffer(out, out_cap, "out") }?;
        produced(keywrap::unwrap(kek_in, wrapped_in, out).map(<[u8]>::len), out_len)
    })
}

/// Unwraps a hex wrapped key (ExpressPlay's `ek`, or any length RFC 3394 permits) under a hex
/// `kek` (either case) into lower-case hex in `out`. `out` needs `wrapped_hex_len - 8` bytes: the
/// `wrapped_hex_len - 16` hex digits written (`*out_len`) plus 8 bytes of working room, zeroed on
/// return (the library has no heap; see `drmtoken_core::keywrap::unwrap_hex`). A size query
/// gives that capacity. Conventions as `drmtoken_keywrap_key_unwrap`.
///
/// # Safety
/// As `drmtoken_keywrap_key_wrap`; the hex strings must be UTF-8.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_keywrap_key_unwrap_hex(
    kek_hex: *const u8,
    kek_hex_len: usize,
    wrapped_hex: *const u8,
    wrapped_hex_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!(error, {
        // SAFETY: `out_len` is NULL (refused) or valid and unaliased, per the contract.
        let out_len = unsafe { exclusive(out_len, "out_len") }?;
        *out_len = 0;
        // SAFETY: `kek_hex` points to `kek_hex_len` readable bytes (or is NULL with 0), per the contract.
        let kek_hex_in = unsafe { text(kek_hex, kek_hex_len, "kek_hex") }?;
        // SAFETY: `wrapped_hex` points to `wrapped_hex_len` readable bytes (or is NULL with 0), per the contract.
        let wrapped_hex_in = unsafe { text(wrapped_hex, wrapped_hex_len, "wrapped_hex") }?;
        // SAFETY: `out` is NULL with `out_cap` 0 or points to `out_cap` writable bytes, per the contract.
        let out = unsafe { out_buffer(out, out_cap, "out") }?;
        produced(
            keywrap::unwrap_hex(kek_hex_in, wrapped_hex_in, out).map(str::len),
            out_len,
        )
    })
}

/// Wraps a hex key (either case; 32 hex digits or more, a multiple of 16) under a hex `kek` into
/// lower-case hex in `out`: `key_hex_len + 16` bytes, which is also the capacity needed.
/// Conventions as `drmtoken_keywrap_key_wrap`.
///
/// # Safety
/// As `drmtoken_keywrap_key_wrap`; the hex strings must be UTF-8.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_keywrap_key_wrap_hex(
    kek_hex: *const u8,
    kek_hex_len: usize,
    key_hex: *const u8,
    key_hex_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!(error, {
        // SAFETY: `out_len` is NULL (refused) or valid and unaliased, per the contract.
        let out_len = unsafe { exclusive(out_len, "out_len") }?;
        *out_len = 0;
        // SAFETY: `kek_hex` points to `kek_hex_len` readable bytes (or is NULL with 0), per the contract.
        let kek_hex_in = unsafe { text(kek_hex, kek_hex_len, "kek_hex") }?;
        // SAFETY: `key_hex` points to `key_hex_len` readable bytes (or is NULL with 0), per the contract.
        let key_hex_in = unsafe { text(key_hex, key_hex_len, "key_hex") }?;
        // SAFETY: `out` is NULL with `out_cap` 0 or points to `out_cap` writable bytes, per the contract.
        let out = unsafe { out_buffer(out, out_cap, "out") }?;
        produced(keywrap::wrap_hex(kek_hex_in, key_hex_in, out).map(str::len), out_len)
    })
}
