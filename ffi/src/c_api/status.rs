//! The one status every C function returns, and its static description.

use core::ffi::c_char;

/// What a call did. `DRMTOKEN_OK` is 0; every other value is a failure whose details, where there
/// are any, are in the call's `drmtoken_error` out-parameter.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum drmtoken_status {
    /// Success.
    DRMTOKEN_OK = 0,
    /// The input was refused (a validation failure with the service's code, a malformed key,
    /// ...): see the `drmtoken_error` out-parameter for the code, message and parameter.
    DRMTOKEN_INVALID = 1,
    /// The output buffer is too small: `*out_len` holds the size needed and nothing was written.
    DRMTOKEN_BUFFER_TOO_SMALL = 2,
    /// A required pointer was NULL (or a NULL pointer came with a non-zero length): the
    /// `drmtoken_error` (kind `DRMTOKEN_ERROR_NULL_ARGUMENT`) names the argument.
    DRMTOKEN_NULL_ARGUMENT = 3,
    /// A string argument or field is not valid UTF-8: the `drmtoken_error` (kind
    /// `DRMTOKEN_ERROR_INVALID_UTF8`) names it.
    DRMTOKEN_INVALID_UTF8 = 4,
    /// An enum argument or field holds a value this library does not define: the
    /// `drmtoken_error` (kind `DRMTOKEN_ERROR_INVALID_VALUE`) names it.
    DRMTOKEN_INVALID_ARGUMENT = 5,
    /// RFC 3394 unwrap: the integrity check failed (wrong KEK or tampered data); the output was
    /// zeroed.
    DRMTOKEN_INTEGRITY_CHECK_FAILED = 6,
    /// The response is the service refusing the request: the response out-struct holds the HTTP
    /// status, the service's code and message, and the `drmtoken_error` the same refusal.
    DRMTOKEN_SERVICE_ERROR = 7,
    /// The response could not be read: see the `drmtoken_error` out-parameter.
    DRMTOKEN_INVALID_RESPONSE = 8,
    /// A bug in drmtoken panicked; the panic was stopped at the boundary. Please report it.
    DRMTOKEN_PANIC = 99,
}

/// A static, NUL-terminated description of a `drmtoken_status` value (never NULL; unknown
/// values give "unknown status").
///
/// # Safety
/// None: any value may be passed; the result must not be freed.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_status_describe(status: i32) -> *const c_char {
    crate::ffi_boundary_value!(c"unknown status".as_ptr(), {
        // An integer, not the enum: a C caller may pass any value, which must not be UB here.
        let text: &'static core::ffi::CStr = match status {
            0 => c"ok",
            1 => c"invalid input: see the drmtoken_error out-parameter",
            2 => c"output buffer too small: *out_len holds the size needed",
            3 => c"a required pointer was NULL",
            4 => c"a string argument is not valid UTF-8",
            5 => c"an enum argument holds an unknown value",
            6 => c"RFC 3394 integrity check failed (wrong KEK or tampered key)",
            7 => c"the service refused the request: see the response's status, code and message",
            8 => c"the response could not be read: see the drmtoken_error out-parameter",
            99 => c"internal error (panic caught at the C boundary; the drmtoken_error is not filled)",
            _ => c"unknown status",
        };
        text.as_ptr()
    })
}

/// The library's version (`"0.1.0"`), static and NUL-terminated; compare with the header's
/// `DRMTOKEN_VERSION` to catch a header and library from different releases.
///
/// # Safety
/// None: takes no arguments; the result must not be freed.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_version() -> *const c_char {
    crate::ffi_boundary_value!(c"unknown".as_ptr(), {
        const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");
        VERSION.as_ptr().cast()
    })
}
