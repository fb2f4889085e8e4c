//! AES Key Wrap (RFC 3394) from C, bytes or hex in and out, for every length the RFC permits
//! (keys of 16 bytes or more, a multiple of 8; no upper limit). Sizing as everywhere: `(NULL, 0)`
//! asks, and on `DRMTOKEN_BUFFER_TOO_SMALL` `*out_len` is the capacity needed.

use drmtoken_core::keywrap;

use super::drmtoken_status;
use super::error::{drmtoken_error, finish};
use super::slices::{bytes, exclusive, out_buffer, text};

/// Wraps `key` (16 bytes or more, a multiple of 8, any length) under `kek` (16, 24 or 32 bytes)
/// into `out` (`key_len + 8` bytes). Conventions as `drmtoken_expressplay_url`.
///
/// # Safety
/// `kek`/`key` must point to `kek_len`/`key_len` readable bytes; `out` must be NULL with
/// `out_cap` 0 or point to `out_cap` writable bytes; `out_len` must be valid; `error` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_keywrap_wrap(
    kek: *const u8,
    kek_len: usize,
    key: *const u8,
    key_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!({
        // SAFETY (all four): the caller's contract.
        let out_len = crate::try_ffi!(unsafe { exclusive(out_len) });
        let kek = crate::try_ffi!(unsafe { bytes(kek, kek_len) });
        let key = crate::try_ffi!(unsafe { bytes(key, key_len) });
        let out = crate::try_ffi!(unsafe { out_buffer(out, out_cap) });
        // SAFETY: the caller's contract on `error`.
        unsafe { finish(keywrap::wrap(kek, key, out).map(<[u8]>::len), out_len, error) }
    })
}

/// Unwraps `wrapped` under `kek` into `out` (`wrapped_len - 8` bytes), checking RFC 3394's
/// integrity value: `DRMTOKEN_INTEGRITY_CHECK_FAILED` (with `out` zeroed) on a wrong KEK or
/// tampered data. Conventions as `drmtoken_expressplay_url`.
///
/// # Safety
/// As `drmtoken_keywrap_wrap`.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_keywrap_unwrap(
    kek: *const u8,
    kek_len: usize,
    wrapped: *const u8,
    wrapped_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!({
        // SAFETY (all four): the caller's contract.
        let out_len = crate::try_ffi!(unsafe { exclusive(out_len) });
        let kek = crate::try_ffi!(unsafe { bytes(kek, kek_len) });
        let wrapped = crate::try_ffi!(unsafe { bytes(wrapped, wrapped_len) });
        let out = crate::try_ffi!(unsafe { out_buffer(out, out_cap) });
        // SAFETY: the caller's contract on `error`.
        unsafe { finish(keywrap::unwrap(kek, wrapped, out).map(<[u8]>::len), out_len, error) }
    })
}

/// Unwraps a hex wrapped key (ExpressPlay's `ek`, or any length RFC 3394 permits) under a hex
/// `kek` (either case) into lower-case hex in `out`. `out` needs `wrapped_hex_len - 8` bytes: the
/// `wrapped_hex_len - 16` hex digits written (`*out_len`) plus 8 bytes of working room, zeroed on
/// return (the library has no heap; see `drmtoken_core::keywrap::unwrap_hex`). A size query
/// gives that capacity. Conventions as `drmtoken_keywrap_unwrap`.
///
/// # Safety
/// As `drmtoken_keywrap_wrap`; the hex strings must be UTF-8.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_keywrap_unwrap_hex(
    kek_hex: *const u8,
    kek_hex_len: usize,
    wrapped_hex: *const u8,
    wrapped_hex_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!({
        // SAFETY (all four): the caller's contract.
        let out_len = crate::try_ffi!(unsafe { exclusive(out_len) });
        let kek = crate::try_ffi!(unsafe { text(kek_hex, kek_hex_len) });
        let wrapped = crate::try_ffi!(unsafe { text(wrapped_hex, wrapped_hex_len) });
        let out = crate::try_ffi!(unsafe { out_buffer(out, out_cap) });
        // SAFETY: the caller's contract on `error`.
        unsafe { finish(keywrap::unwrap_hex(kek, wrapped, out).map(str::len), out_len, error) }
    })
}

/// Wraps a hex key (either case; 32 hex digits or more, a multiple of 16) under a hex `kek` into
/// lower-case hex in `out`: `key_hex_len + 16` bytes, which is also the capacity needed.
/// Conventions as `drmtoken_keywrap_wrap`.
///
/// # Safety
/// As `drmtoken_keywrap_wrap`; the hex strings must be UTF-8.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_keywrap_wrap_hex(
    kek_hex: *const u8,
    kek_hex_len: usize,
    key_hex: *const u8,
    key_hex_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!({
        // SAFETY: `out_len` is NULL (refused) or valid and unaliased, as this function's contract says.
        let out_len = crate::try_ffi!(unsafe { exclusive(out_len) });
        // SAFETY: `kek_hex` points to `kek_hex_len` readable bytes (or is NULL with 0), per the contract.
        let kek = crate::try_ffi!(unsafe { text(kek_hex, kek_hex_len) });
        // SAFETY: `key_hex` points to `key_hex_len` readable bytes (or is NULL with 0), per the contract.
        let key = crate::try_ffi!(unsafe { text(key_hex, key_hex_len) });
        // SAFETY: `out` is NULL with `out_cap` 0 or points to `out_cap` writable bytes, per the contract.
        let out = crate::try_ffi!(unsafe { out_buffer(out, out_cap) });
        // SAFETY: `error` is NULL or points to a writable `drmtoken_error`, per the contract.
        unsafe { finish(keywrap::wrap_hex(kek, key, out).map(str::len), out_len, error) }
    })
}
