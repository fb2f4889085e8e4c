//! Request headers from C, as borrowed pieces: the value is `value_prefix` then `value`.

use drmtoken_core::http::Header;

use super::drmtoken_status::{self, DRMTOKEN_BUFFER_TOO_SMALL, DRMTOKEN_NULL_ARGUMENT, DRMTOKEN_OK};
use super::slices::drmtoken_str;

/// One request header. Send `name: ` then `value_prefix` then `value` (e.g. `authorization: `
/// `Bearer ` `<token>`). `name` and `value_prefix` are static; `value` points into the request.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_header {
    /// The header name.
    pub name: drmtoken_str,
    /// A fixed prefix of the value (`Bearer `), possibly empty.
    pub value_prefix: drmtoken_str,
    /// The caller's part of the value.
    pub value: drmtoken_str,
}

impl drmtoken_header {
    pub(crate) fn of(h: &Header<'_>) -> Self {
        drmtoken_header {
            name: drmtoken_str::of(h.name),
            value_prefix: drmtoken_str::of(h.value_prefix),
            value: drmtoken_str::of(h.value),
        }
    }
}

/// Copies `headers` into the caller's array `(out, out_cap)`, `*out_len` = how many (or how
/// many are needed, on `DRMTOKEN_BUFFER_TOO_SMALL`, with nothing written).
///
/// # Safety
/// `out` must be NULL with `out_cap` 0 or point to `out_cap` writable headers.
pub(crate) unsafe fn write_headers(
    headers: &[Header<'_>],
    out: *mut drmtoken_header,
    out_cap: usize,
    out_len: &mut usize,
) -> drmtoken_status {
    *out_len = headers.len();
    if out_cap < headers.len() {
        return DRMTOKEN_BUFFER_TOO_SMALL;
    }
    if out.is_null() {
        return if headers.is_empty() {
            DRMTOKEN_OK
        } else {
            DRMTOKEN_NULL_ARGUMENT
        };
    }
    // SAFETY: non-NULL with `out_cap` >= headers.len() writable elements.
    let slots = unsafe { core::slice::from_raw_parts_mut(out, headers.len()) };
    for (slot, h) in slots.iter_mut().zip(headers) {
        *slot = drmtoken_header::of(h);
    }
    DRMTOKEN_OK
}
