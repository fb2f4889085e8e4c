//! Request headers from C, in one shape for every service: the value is `value_prefix` then
//! `value`, and `secret` is the core's own flag.

use drmtoken_core::http::Header;
use drmtoken_core::Error;

use super::error::Failure;
use super::slices::drmtoken_str;

/// One request header, as the core gives it. Send `name`, `: `, then `value_prefix` then
/// `value` (e.g. `authorization: ` `Bearer ` `<token>`). `name` is spelled as the service's
/// document spells it (HTTP compares names without case); `name` and `value_prefix` are static,
/// `value` points into the request.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_header {
    /// The header name.
    pub name: drmtoken_str,
    /// A fixed prefix of the value (`Bearer `), possibly empty.
    pub value_prefix: drmtoken_str,
    /// The caller's part of the value, possibly empty.
    pub value: drmtoken_str,
    /// Whether the value is a credential (a bearer token): never log it. Decided by the core.
    pub secret: bool,
}

impl drmtoken_header {
    pub(crate) fn of(h: &Header<'_>) -> Self {
        drmtoken_header {
            name: drmtoken_str::of(h.name),
            value_prefix: drmtoken_str::of(h.value_prefix),
            value: drmtoken_str::of(h.value),
            secret: h.secret,
        }
    }
}

/// Copies `headers` into the caller's array `(out, out_cap)`, `*out_len` = how many (or how
/// many are needed, on `BufferTooSmall`, with nothing written).
///
/// # Safety
/// `out` must be NULL or point to `out_cap` writable headers nothing else accesses.
pub(crate) unsafe fn write_headers(
    headers: &[Header<'_>],
    out: *mut drmtoken_header,
    out_cap: usize,
    out_len: &mut usize,
) -> Result<(), Failure> {
    *out_len = headers.len();
    if out_cap < headers.len() {
        return Err(Error::buffer_too_small(headers.len()).into());
    }
    if headers.is_empty() {
        return Ok(());
    }
    if out.is_null() {
        return Err(super::slices::null("out_headers"));
    }
    // SAFETY: `out` is non-NULL and the caller promises `out_cap` (>= headers.len()) writable,
    // unaliased elements there.
    let slots = unsafe { core::slice::from_raw_parts_mut(out, headers.len()) };
    for (slot, h) in slots.iter_mut().zip(headers) {
        *slot = drmtoken_header::of(h);
    }
    Ok(())
}
