//! Pointer + length in, Rust slices out: the only place raw input pointers are read. Every
//! refusal is a [`Failure`] naming the argument or field, so the caller's `drmtoken_error` says
//! which one (`request`, `out_len`, `contentKey`).

use core::slice;

use drmtoken_core::{Error, ErrorKind};

use super::drmtoken_status::{DRMTOKEN_INVALID_ARGUMENT, DRMTOKEN_INVALID_UTF8, DRMTOKEN_NULL_ARGUMENT};
use super::error::Failure;

/// A string: `len` bytes of UTF-8 at `ptr` (not NUL-terminated). `{NULL, 0}` (a zero-initialised
/// field) is "absent" for an optional input and "empty" for a required one; a non-NULL pointer
/// with length 0 is a present, empty value.
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

    /// A view of an optional Rust string: `{NULL, 0}` for `None`.
    pub(crate) fn of_opt(s: Option<&str>) -> Self {
        s.map_or(drmtoken_str::none(), drmtoken_str::of)
    }

    /// The absent value.
    pub(crate) const fn none() -> Self {
        drmtoken_str {
            ptr: core::ptr::null(),
            len: 0,
        }
    }
}

/// `NULL_ARGUMENT` naming `name`.
pub(crate) fn null(name: &'static str) -> Failure {
    Failure {
        status: DRMTOKEN_NULL_ARGUMENT,
        error: Error::new(ErrorKind::NullArgument).with_parameter(name),
    }
}

/// `INVALID_UTF8` naming `name`.
pub(crate) fn not_utf8(name: &'static str) -> Failure {
    Failure {
        status: DRMTOKEN_INVALID_UTF8,
        error: Error::new(ErrorKind::InvalidUtf8).with_parameter(name),
    }
}

/// An enum argument or field holding a value this library does not define: status
/// `DRMTOKEN_INVALID_ARGUMENT`, kind `INVALID_VALUE` naming it.
pub(crate) fn bad_enum(name: &'static str) -> Failure {
    Failure {
        status: DRMTOKEN_INVALID_ARGUMENT,
        error: Error::new(ErrorKind::InvalidValue).with_parameter(name),
    }
}

/// Bytes from `ptr`/`len`: `(NULL, 0)` is empty; NULL with a length is refused naming `name`.
///
/// # Safety
/// A non-NULL `ptr` must point to `len` readable bytes that stay valid and unmodified for `'a`.
pub(crate) unsafe fn bytes<'a>(ptr: *const u8, len: usize, name: &'static str) -> Result<&'a [u8], Failure> {
    if ptr.is_null() {
        return if len == 0 { Ok(&[]) } else { Err(null(name)) };
    }
    // SAFETY: `ptr` is non-NULL, and the caller promises `len` readable bytes there for `'a`.
    Ok(unsafe { slice::from_raw_parts(ptr, len) })
}

/// UTF-8 text from `ptr`/`len` (see [`bytes`]), refused naming `name` when not UTF-8.
///
/// # Safety
/// As [`bytes`].
pub(crate) unsafe fn text<'a>(ptr: *const u8, len: usize, name: &'static str) -> Result<&'a str, Failure> {
    // SAFETY: the caller's promise on `ptr`/`len`, forwarded unchanged.
    let b = unsafe { bytes(ptr, len, name) }?;
    core::str::from_utf8(b).map_err(|_| not_utf8(name))
}

/// An optional string field: `{NULL, 0}` is `None`; anything else must be UTF-8.
///
/// # Safety
/// As [`bytes`], for `s.ptr` and `s.len`.
pub(crate) unsafe fn opt<'a>(s: drmtoken_str, name: &'static str) -> Result<Option<&'a str>, Failure> {
    if s.ptr.is_null() && s.len == 0 {
        return Ok(None);
    }
    // SAFETY: the caller's promise on `s`, forwarded unchanged.
    unsafe { text(s.ptr, s.len, name) }.map(Some)
}

/// A string field that the core checks for presence (`{NULL, 0}` reaches the core as `""` and is
/// refused there with the service's own error).
///
/// # Safety
/// As [`bytes`], for `s.ptr` and `s.len`.
pub(crate) unsafe fn req<'a>(s: drmtoken_str, name: &'static str) -> Result<&'a str, Failure> {
    // SAFETY: the caller's promise on `s`, forwarded unchanged.
    unsafe { text(s.ptr, s.len, name) }
}

/// `len` elements at `ptr` (`(NULL, 0)` is empty; NULL with a length is refused naming `name`).
///
/// # Safety
/// A non-NULL `ptr` must point to `len` valid, initialised elements for `'a`.
pub(crate) unsafe fn array<'a, T>(ptr: *const T, len: usize, name: &'static str) -> Result<&'a [T], Failure> {
    if ptr.is_null() {
        return if len == 0 { Ok(&[]) } else { Err(null(name)) };
    }
    // SAFETY: `ptr` is non-NULL, and the caller promises `len` valid elements there for `'a`.
    Ok(unsafe { slice::from_raw_parts(ptr, len) })
}

/// A reference from a pointer that must not be NULL (refused naming `name`).
///
/// # Safety
/// A non-NULL `ptr` must point to a valid, initialised `T` for `'a`.
pub(crate) unsafe fn reference<'a, T>(ptr: *const T, name: &'static str) -> Result<&'a T, Failure> {
    // SAFETY: the caller promises a valid `T` at a non-NULL `ptr`; NULL gives `None`.
    unsafe { ptr.as_ref() }.ok_or_else(|| null(name))
}

/// An exclusive reference from a pointer that must not be NULL (refused naming `name`).
///
/// # Safety
/// A non-NULL `ptr` must point to a valid `T` that nothing else accesses during `'a`.
pub(crate) unsafe fn exclusive<'a, T>(ptr: *mut T, name: &'static str) -> Result<&'a mut T, Failure> {
    // SAFETY: the caller promises exclusive access to a valid `T` at a non-NULL `ptr`.
    unsafe { ptr.as_mut() }.ok_or_else(|| null(name))
}

/// The output buffer `(out, out_cap)`: `(NULL, 0)` is an empty buffer (a size query); NULL with
/// a capacity is refused naming `name`.
///
/// # Safety
/// A non-NULL `out` must point to `out_cap` writable bytes that nothing else accesses.
pub(crate) unsafe fn out_buffer<'a>(out: *mut u8, out_cap: usize, name: &'static str) -> Result<&'a mut [u8], Failure> {
    if out.is_null() {
        return if out_cap == 0 { Ok(&mut []) } else { Err(null(name)) };
    }
    // SAFETY: `out` is non-NULL, and the caller promises `out_cap` writable, unaliased bytes.
    Ok(unsafe { slice::from_raw_parts_mut(out, out_cap) })
}
