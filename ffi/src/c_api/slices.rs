//! Pointer + length in, Rust slices out: the only place raw input pointers are read.

use core::slice;

use super::drmtoken_status;
use super::drmtoken_status::{DRMTOKEN_INVALID_UTF8, DRMTOKEN_NULL_ARGUMENT};

/// A string argument: `len` bytes of UTF-8 at `ptr` (not NUL-terminated). `{NULL, 0}` (a
/// zero-initialised field) means "absent" for optional fields and "empty" otherwise.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_str {
    /// The first byte, or NULL when `len` is 0.
    pub ptr: *const u8,
    /// The length in bytes.
    pub len: usize,
}

impl drmtoken_str {
    /// A view of a Rust string, for out-structs (valid as long as the string it points into).
    pub(crate) fn of(s: &str) -> Self {
        drmtoken_str {
            ptr: s.as_ptr(),
            len: s.len(),
        }
    }

    /// The empty/absent value.
    pub(crate) const fn none() -> Self {
        drmtoken_str {
            ptr: core::ptr::null(),
            len: 0,
        }
    }
}

/// Bytes from `ptr`/`len`: `(NULL, 0)` is empty; NULL with a length is `DRMTOKEN_NULL_ARGUMENT`.
///
/// # Safety
/// A non-NULL `ptr` must point to `len` readable bytes that stay valid and unmodified for `'a`.
pub(crate) unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], drmtoken_status> {
    if ptr.is_null() {
        return if len == 0 { Ok(&[]) } else { Err(DRMTOKEN_NULL_ARGUMENT) };
    }
    // SAFETY: non-NULL, and the caller promises `len` readable bytes for `'a`.
    Ok(unsafe { slice::from_raw_parts(ptr, len) })
}

/// UTF-8 text from `ptr`/`len` (see [`bytes`]).
///
/// # Safety
/// As [`bytes`].
pub(crate) unsafe fn text<'a>(ptr: *const u8, len: usize) -> Result<&'a str, drmtoken_status> {
    // SAFETY: forwarded contract.
    let b = unsafe { bytes(ptr, len) }?;
    core::str::from_utf8(b).map_err(|_| DRMTOKEN_INVALID_UTF8)
}

/// An optional string field: `{NULL, 0}` is `None`; anything else must be UTF-8.
///
/// # Safety
/// As [`bytes`], for `s.ptr` and `s.len`.
pub(crate) unsafe fn opt<'a>(s: drmtoken_str) -> Result<Option<&'a str>, drmtoken_status> {
    if s.ptr.is_null() && s.len == 0 {
        return Ok(None);
    }
    // SAFETY: forwarded contract.
    unsafe { text(s.ptr, s.len) }.map(Some)
}

/// A string field that is required by the service's rules but checked by the core (an empty
/// value reaches the core as `""` and is refused there with the service's own code).
///
/// # Safety
/// As [`bytes`].
pub(crate) unsafe fn req<'a>(s: drmtoken_str) -> Result<&'a str, drmtoken_status> {
    // SAFETY: forwarded contract.
    unsafe { text(s.ptr, s.len) }
}

/// A reference from a pointer that must not be NULL.
///
/// # Safety
/// A non-NULL `ptr` must point to a valid, initialised `T` for `'a`.
pub(crate) unsafe fn reference<'a, T>(ptr: *const T) -> Result<&'a T, drmtoken_status> {
    // SAFETY: the caller promises a valid T when non-NULL.
    unsafe { ptr.as_ref() }.ok_or(DRMTOKEN_NULL_ARGUMENT)
}

/// An exclusive reference from a pointer that must not be NULL.
///
/// # Safety
/// A non-NULL `ptr` must point to a valid `T` that nothing else accesses during `'a`.
pub(crate) unsafe fn exclusive<'a, T>(ptr: *mut T) -> Result<&'a mut T, drmtoken_status> {
    // SAFETY: the caller promises exclusive access when non-NULL.
    unsafe { ptr.as_mut() }.ok_or(DRMTOKEN_NULL_ARGUMENT)
}

/// The output buffer `(out, out_cap)`: `(NULL, 0)` is an empty buffer (a size query).
///
/// # Safety
/// A non-NULL `out` must point to `out_cap` writable bytes that nothing else accesses.
pub(crate) unsafe fn out_buffer<'a>(out: *mut u8, out_cap: usize) -> Result<&'a mut [u8], drmtoken_status> {
    if out.is_null() {
        return if out_cap == 0 {
            Ok(&mut [])
        } else {
            Err(DRMTOKEN_NULL_ARGUMENT)
        };
    }
    // SAFETY: non-NULL, and the caller promises `out_cap` writable bytes.
    Ok(unsafe { slice::from_raw_parts_mut(out, out_cap) })
}
