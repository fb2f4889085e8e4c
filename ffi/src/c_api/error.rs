//! Validation and parsing failures, reported through an out-struct the caller owns (no global
//! "last error", so calls are thread-safe and re-entrant).

use drmtoken_core::{Error, ErrorKind};

use super::drmtoken_status::{self, *};
use super::slices::drmtoken_str;

/// What kind of failure a `drmtoken_error` describes (the core's `ErrorKind`).
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum drmtoken_error_kind {
    /// No error.
    DRMTOKEN_ERROR_NONE = 0,
    /// A fault the ExpressPlay service documents: `code` holds its code (e.g. -2027).
    DRMTOKEN_ERROR_EXPRESSPLAY = 1,
    /// An output or scratch buffer is too small: `detail` is the size needed.
    DRMTOKEN_ERROR_BUFFER_TOO_SMALL = 2,
    /// A fixed-capacity list is full: `detail` is its capacity.
    DRMTOKEN_ERROR_CAPACITY_EXCEEDED = 3,
    /// A parameter appears twice.
    DRMTOKEN_ERROR_DUPLICATE_PARAMETER = 4,
    /// `%` not followed by two hex digits.
    DRMTOKEN_ERROR_INVALID_PERCENT_ENCODING = 5,
    /// Not UTF-8.
    DRMTOKEN_ERROR_INVALID_UTF8 = 6,
    /// Not an ExpressPlay token request URL.
    DRMTOKEN_ERROR_UNKNOWN_SERVICE = 7,
    /// A malformed URL.
    DRMTOKEN_ERROR_INVALID_URL = 8,
    /// Not a DNS name or IP literal.
    DRMTOKEN_ERROR_INVALID_HOST = 9,
    /// Port 0, above 65535 or not a number.
    DRMTOKEN_ERROR_INVALID_PORT = 10,
    /// A required value is missing or empty.
    DRMTOKEN_ERROR_MISSING_FIELD = 11,
    /// A control character in a header value (header injection).
    DRMTOKEN_ERROR_CONTROL_CHARACTER = 12,
    /// Not hexadecimal.
    DRMTOKEN_ERROR_INVALID_HEX = 13,
    /// A key length AES or RFC 3394 does not allow.
    DRMTOKEN_ERROR_INVALID_KEY_LENGTH = 14,
    /// RFC 3394 integrity check failed.
    DRMTOKEN_ERROR_INTEGRITY_CHECK_FAILED = 15,
    /// Not RFC 3339 in the Z zone or `+seconds`.
    DRMTOKEN_ERROR_INVALID_TIME = 16,
    /// Malformed JSON: `detail` is the byte offset.
    DRMTOKEN_ERROR_INVALID_JSON = 17,
    /// Malformed XML: `detail` is the byte offset.
    DRMTOKEN_ERROR_INVALID_XML = 18,
    /// A content type the service does not send for this status.
    DRMTOKEN_ERROR_UNEXPECTED_CONTENT_TYPE = 19,
    /// An HTTP status the service does not document: `detail` is the status.
    DRMTOKEN_ERROR_UNEXPECTED_STATUS = 20,
    /// A field of the wrong type or form.
    DRMTOKEN_ERROR_INVALID_VALUE = 21,
    /// A token with characters outside its alphabet.
    DRMTOKEN_ERROR_INVALID_TOKEN = 22,
    /// A parameter this service does not define.
    DRMTOKEN_ERROR_UNKNOWN_PARAMETER = 23,
    /// OpenTV IAS 400.
    DRMTOKEN_ERROR_BAD_REQUEST = 24,
    /// OpenTV IAS 401.
    DRMTOKEN_ERROR_UNAUTHORIZED = 25,
    /// OpenTV IAS 403.
    DRMTOKEN_ERROR_FORBIDDEN = 26,
    /// OpenTV IAS 404.
    DRMTOKEN_ERROR_CONTENT_NOT_FOUND = 27,
    /// Adobe Pass 412.
    DRMTOKEN_ERROR_NOT_AUTHENTICATED = 28,
    /// Adobe Pass 404.
    DRMTOKEN_ERROR_NOT_AUTHORIZED = 29,
    /// Adobe Pass 410.
    DRMTOKEN_ERROR_AUTHORIZATION_EXPIRED = 30,
    /// A response nests deeper than 64 levels (JSON or XML): `detail` is the byte offset.
    DRMTOKEN_ERROR_NESTING_TOO_DEEP = 31,
    /// A kind added after this header was generated.
    DRMTOKEN_ERROR_OTHER = 255,
}

/// A failure's details. Strings point to static text inside the library: never free them.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_error {
    /// The kind of failure.
    pub kind: drmtoken_error_kind,
    /// The service's documented code (e.g. -2027), or 0 for a library-level failure.
    pub code: i32,
    /// A static message (the service document's wording for service codes).
    pub message: drmtoken_str,
    /// The offending parameter's wire name, or `{NULL, 0}`.
    pub parameter: drmtoken_str,
    /// By kind: bytes needed, list capacity, byte offset or HTTP status; else 0.
    pub detail: usize,
}

impl drmtoken_error {
    /// No error.
    pub(crate) fn none() -> Self {
        drmtoken_error {
            kind: drmtoken_error_kind::DRMTOKEN_ERROR_NONE,
            code: 0,
            message: drmtoken_str::none(),
            parameter: drmtoken_str::none(),
            detail: 0,
        }
    }

    /// The C view of a core error.
    pub(crate) fn from_core(e: &Error) -> Self {
        use drmtoken_error_kind::*;
        let (kind, detail) = match e.kind() {
            ErrorKind::ExpressPlay(_) => (DRMTOKEN_ERROR_EXPRESSPLAY, 0),
            ErrorKind::BufferTooSmall { required } => (DRMTOKEN_ERROR_BUFFER_TOO_SMALL, required),
            ErrorKind::CapacityExceeded { capacity } => (DRMTOKEN_ERROR_CAPACITY_EXCEEDED, capacity),
            ErrorKind::DuplicateParameter => (DRMTOKEN_ERROR_DUPLICATE_PARAMETER, 0),
            ErrorKind::InvalidPercentEncoding => (DRMTOKEN_ERROR_INVALID_PERCENT_ENCODING, 0),
            ErrorKind::InvalidUtf8 => (DRMTOKEN_ERROR_INVALID_UTF8, 0),
            ErrorKind::UnknownService => (DRMTOKEN_ERROR_UNKNOWN_SERVICE, 0),
            ErrorKind::InvalidUrl => (DRMTOKEN_ERROR_INVALID_URL, 0),
            ErrorKind::InvalidHost => (DRMTOKEN_ERROR_INVALID_HOST, 0),
            ErrorKind::InvalidPort => (DRMTOKEN_ERROR_INVALID_PORT, 0),
            ErrorKind::MissingField => (DRMTOKEN_ERROR_MISSING_FIELD, 0),
            ErrorKind::ControlCharacter => (DRMTOKEN_ERROR_CONTROL_CHARACTER, 0),
            ErrorKind::InvalidHex => (DRMTOKEN_ERROR_INVALID_HEX, 0),
            ErrorKind::InvalidKeyLength => (DRMTOKEN_ERROR_INVALID_KEY_LENGTH, 0),
            ErrorKind::IntegrityCheckFailed => (DRMTOKEN_ERROR_INTEGRITY_CHECK_FAILED, 0),
            ErrorKind::InvalidTime => (DRMTOKEN_ERROR_INVALID_TIME, 0),
            ErrorKind::InvalidJson { offset } => (DRMTOKEN_ERROR_INVALID_JSON, offset),
            ErrorKind::InvalidXml { offset } => (DRMTOKEN_ERROR_INVALID_XML, offset),
            ErrorKind::NestingTooDeep { offset } => (DRMTOKEN_ERROR_NESTING_TOO_DEEP, offset),
            ErrorKind::UnexpectedContentType => (DRMTOKEN_ERROR_UNEXPECTED_CONTENT_TYPE, 0),
            ErrorKind::UnexpectedStatus { status } => (DRMTOKEN_ERROR_UNEXPECTED_STATUS, usize::from(status)),
            ErrorKind::InvalidValue => (DRMTOKEN_ERROR_INVALID_VALUE, 0),
            ErrorKind::InvalidToken => (DRMTOKEN_ERROR_INVALID_TOKEN, 0),
            ErrorKind::UnknownParameter => (DRMTOKEN_ERROR_UNKNOWN_PARAMETER, 0),
            ErrorKind::BadRequest => (DRMTOKEN_ERROR_BAD_REQUEST, 0),
            ErrorKind::Unauthorized => (DRMTOKEN_ERROR_UNAUTHORIZED, 0),
            ErrorKind::Forbidden => (DRMTOKEN_ERROR_FORBIDDEN, 0),
            ErrorKind::ContentNotFound => (DRMTOKEN_ERROR_CONTENT_NOT_FOUND, 0),
            ErrorKind::NotAuthenticated => (DRMTOKEN_ERROR_NOT_AUTHENTICATED, 0),
            ErrorKind::NotAuthorized => (DRMTOKEN_ERROR_NOT_AUTHORIZED, 0),
            ErrorKind::AuthorizationExpired => (DRMTOKEN_ERROR_AUTHORIZATION_EXPIRED, 0),
            _ => (DRMTOKEN_ERROR_OTHER, 0),
        };
        drmtoken_error {
            kind,
            code: e.code(),
            message: drmtoken_str::of(e.message()),
            parameter: e.parameter().map_or(drmtoken_str::none(), drmtoken_str::of),
            detail,
        }
    }
}

/// Writes `e` to the optional out-parameter and gives the status for it.
///
/// # Safety
/// A non-NULL `out` must point to a writable `drmtoken_error`.
pub(crate) unsafe fn report(e: &Error, out: *mut drmtoken_error) -> drmtoken_status {
    // SAFETY: forwarded contract.
    if let Some(slot) = unsafe { out.as_mut() } {
        *slot = drmtoken_error::from_core(e);
    }
    match e.kind() {
        ErrorKind::BufferTooSmall { .. } => DRMTOKEN_BUFFER_TOO_SMALL,
        ErrorKind::IntegrityCheckFailed => DRMTOKEN_INTEGRITY_CHECK_FAILED,
        _ => DRMTOKEN_INVALID,
    }
}

/// Clears the optional out-parameter (a successful call leaves `DRMTOKEN_ERROR_NONE`).
///
/// # Safety
/// A non-NULL `out` must point to a writable `drmtoken_error`.
pub(crate) unsafe fn clear(out: *mut drmtoken_error) {
    // SAFETY: forwarded contract.
    if let Some(slot) = unsafe { out.as_mut() } {
        *slot = drmtoken_error::none();
    }
}

/// Finishes a producing call: `*out_len` gets the length written, or the size needed on
/// `DRMTOKEN_BUFFER_TOO_SMALL` (the buffer is then untouched: the core guarantees it).
///
/// # Safety
/// A non-NULL `error` must point to a writable `drmtoken_error`.
pub(crate) unsafe fn finish(
    result: Result<usize, Error>,
    out_len: &mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    match result {
        Ok(n) => {
            *out_len = n;
            // SAFETY: forwarded contract.
            unsafe { clear(error) };
            DRMTOKEN_OK
        }
        Err(e) => {
            if let ErrorKind::BufferTooSmall { required } = e.kind() {
                *out_len = required;
            } else {
                *out_len = 0;
            }
            // SAFETY: forwarded contract.
            unsafe { report(&e, error) }
        }
    }
}
