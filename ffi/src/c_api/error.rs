//! Failures, reported through an out-struct the caller owns (no global "last error", so calls
//! are thread-safe and re-entrant). One model for every export: a failure of any kind (a NULL
//! argument, invalid UTF-8, an unknown enum value, the service's refusal, a short buffer) fills
//! `*error` when `error` is not NULL, and success clears it.

use core::fmt;

use drmtoken_core::{write_error, Error, ErrorKind, ErrorKindId};

use super::drmtoken_status::{self, *};
use super::slices::{bad_enum, drmtoken_str, exclusive, opt, out_buffer, reference, text};

/// What kind of failure a `drmtoken_error` describes: the core's `ErrorKindId`, one constant
/// per kind with the same number (a unit test walks the core's list and checks every value and
/// name). `drmtoken_error.kind` holds one of these values.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum drmtoken_error_kind {
    /// No error (a successful call leaves this).
    DRMTOKEN_ERROR_NONE = 0,
    /// A fault the ExpressPlay service documents: `code` holds its code (e.g. -2027).
    DRMTOKEN_ERROR_EXPRESS_PLAY = 1,
    /// An output or scratch buffer is too small: `detail` is the size needed.
    DRMTOKEN_ERROR_BUFFER_TOO_SMALL = 2,
    /// A fixed-capacity list is full: `detail` is its capacity.
    DRMTOKEN_ERROR_CAPACITY_EXCEEDED = 3,
    /// A parameter appears twice.
    DRMTOKEN_ERROR_DUPLICATE_PARAMETER = 4,
    /// `%` not followed by two hex digits.
    DRMTOKEN_ERROR_INVALID_PERCENT_ENCODING = 5,
    /// Not UTF-8 (`parameter` names the argument or field).
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
    /// A field of the wrong type or form; also an enum argument or field holding a value this
    /// library does not define (`parameter` names it; status `DRMTOKEN_INVALID_ARGUMENT`).
    DRMTOKEN_ERROR_INVALID_VALUE = 21,
    /// A token with characters outside its alphabet.
    DRMTOKEN_ERROR_INVALID_TOKEN = 22,
    /// A parameter this service does not define (`parameter` names it).
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
    /// A required pointer argument was NULL (or NULL with a non-zero length): `parameter` names
    /// the argument (`request`, `out_len`) or field (`extensionType`).
    DRMTOKEN_ERROR_NULL_ARGUMENT = 32,
}

/// A failure's details. Strings point to static text inside the library: never free them.
/// `drmtoken_error_describe` writes it as text, exactly as every other surface prints it.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_error {
    /// The kind of failure: a `drmtoken_error_kind` value (`DRMTOKEN_ERROR_NONE` after success).
    /// An integer, so a kind added by a newer library is a number rather than undefined
    /// behaviour.
    pub kind: u32,
    /// The service's documented code (e.g. -2027), or 0 for a library-level failure.
    pub code: i32,
    /// A static message (the service document's wording for service codes).
    pub message: drmtoken_str,
    /// The offending parameter's wire name (ExpressPlay parameters) or the argument's or field's
    /// C name, or `{NULL, 0}`.
    pub parameter: drmtoken_str,
    /// By kind: bytes needed, list capacity, byte offset or HTTP status; else 0.
    pub detail: usize,
}

impl drmtoken_error {
    /// No error.
    pub(crate) fn none() -> Self {
        drmtoken_error {
            kind: drmtoken_error_kind::DRMTOKEN_ERROR_NONE as u32,
            code: 0,
            message: drmtoken_str::none(),
            parameter: drmtoken_str::none(),
            detail: 0,
        }
    }

    /// The C view of a core error: the kind's number, mechanically.
    pub(crate) fn from_core(e: &Error) -> Self {
        drmtoken_error {
            kind: u32::from(e.kind().id().number()),
            code: e.code(),
            message: drmtoken_str::of(e.message()),
            parameter: drmtoken_str::of_opt(e.parameter()),
            detail: e.kind().detail(),
        }
    }
}

/// Why an export failed: the status it returns and the error it reports.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Failure {
    /// What the export returns.
    pub(crate) status: drmtoken_status,
    /// What `*error` receives.
    pub(crate) error: Error,
}

impl From<Error> for Failure {
    /// A core error's status: a short buffer, a failed integrity check and a NULL argument have
    /// their own; every other refusal is `DRMTOKEN_INVALID`.
    fn from(error: Error) -> Self {
        let status = match error.kind() {
            ErrorKind::BufferTooSmall { .. } => DRMTOKEN_BUFFER_TOO_SMALL,
            ErrorKind::IntegrityCheckFailed => DRMTOKEN_INTEGRITY_CHECK_FAILED,
            ErrorKind::NullArgument => DRMTOKEN_NULL_ARGUMENT,
            _ => DRMTOKEN_INVALID,
        };
        Failure { status, error }
    }
}

impl Failure {
    /// The same error with another status (a response that is the service's refusal).
    pub(crate) fn with_status(mut self, status: drmtoken_status) -> Self {
        self.status = status;
        self
    }
}

/// The end of every export: on success `*error` is cleared and the result is `DRMTOKEN_OK`; on
/// failure `*error` is filled and the failure's status returned.
///
/// # Safety
/// A non-NULL `error` must point to a writable `drmtoken_error` nothing else accesses.
pub(crate) unsafe fn settle(result: Result<(), Failure>, error: *mut drmtoken_error) -> drmtoken_status {
    // SAFETY: the caller promises `error` is NULL or writable and unaliased.
    let slot = unsafe { error.as_mut() };
    match result {
        Ok(()) => {
            if let Some(slot) = slot {
                *slot = drmtoken_error::none();
            }
            DRMTOKEN_OK
        }
        Err(f) => {
            if let Some(slot) = slot {
                *slot = drmtoken_error::from_core(&f.error);
            }
            f.status
        }
    }
}

/// Finishes a producing call: `*out_len` gets the length written, or the size needed on
/// `BufferTooSmall` (the buffer is then untouched: the core guarantees it), else 0.
pub(crate) fn produced(result: Result<usize, Error>, out_len: &mut usize) -> Result<(), Failure> {
    match result {
        Ok(n) => {
            *out_len = n;
            Ok(())
        }
        Err(e) => {
            *out_len = match e.kind() {
                ErrorKind::BufferTooSmall { required } => required,
                _ => 0,
            };
            Err(e.into())
        }
    }
}

/// Counts what a writer is given.
struct Counter(usize);

impl fmt::Write for Counter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0 += s.len();
        Ok(())
    }
}

/// Writes into a slice already known to be long enough.
struct SliceWriter<'o> {
    out: &'o mut [u8],
    at: usize,
}

impl fmt::Write for SliceWriter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.at.checked_add(s.len()).ok_or(fmt::Error)?;
        copy(self.out.get_mut(self.at..end).ok_or(fmt::Error)?, s);
        self.at = end;
        Ok(())
    }
}

/// Writes `source` as text into `out` (`*out_len` bytes, UTF-8, not NUL-terminated), exactly
/// as the Rust core's `Display`, the CLI and the bindings print the same error (e.g.
/// `-2027: Content encryption key must be 32-hexadecimal digits long [parameter contentKey]`).
/// `DRMTOKEN_ERROR_NONE` gives `no error`.
///
/// Conventions as `drmtoken_expressplay_request_write_url`: `(NULL, 0)` asks for the size; on
/// `DRMTOKEN_BUFFER_TOO_SMALL` `*out_len` is the size needed and nothing is written. `source`
/// and `error` may be the same struct (`source` is read first).
///
/// # Errors
/// `DRMTOKEN_NULL_ARGUMENT` (`source`, `out_len`, `out`), `DRMTOKEN_INVALID_ARGUMENT` for a kind
/// this library does not define (`kind`), `DRMTOKEN_INVALID_UTF8` (`message`, `parameter`),
/// `DRMTOKEN_BUFFER_TOO_SMALL`.
///
/// # Safety
/// `source` must point to a readable `drmtoken_error` whose strings are valid for their lengths
/// (as one a drmtoken call filled); `out` must be NULL with `out_cap` 0 or point to `out_cap`
/// writable bytes; `out_len` must be valid; `error` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_error_describe(
    source: *const drmtoken_error,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!(error, {
        // SAFETY: `source` is NULL (refused) or a readable `drmtoken_error`, per the contract;
        // it is copied at once, so `error` may alias it.
        let source: drmtoken_error = *unsafe { reference(source, "source") }?;
        // SAFETY: `out_len` is NULL (refused) or valid and unaliased, per the contract.
        let out_len = unsafe { exclusive(out_len, "out_len") }?;
        // SAFETY: `out` is NULL with 0 or `out_cap` writable bytes, per the contract.
        let out = unsafe { out_buffer(out, out_cap, "out") }?;
        if source.kind == drmtoken_error_kind::DRMTOKEN_ERROR_NONE as u32 {
            return produced(copy_into(out, "no error"), out_len);
        }
        let id = ErrorKindId::ALL
            .iter()
            .copied()
            .find(|id| u32::from(id.number()) == source.kind)
            .ok_or_else(|| bad_enum("kind"))?;
        // SAFETY: the message points to `len` bytes, per the contract on `source`.
        let message = unsafe { text(source.message.ptr, source.message.len, "message") }?;
        // SAFETY: likewise for the parameter.
        let parameter = unsafe { opt(source.parameter, "parameter") }?;
        let write = |w: &mut dyn fmt::Write| write_error(w, source.code, message, id, source.detail, parameter);
        let mut counter = Counter(0);
        // Counting cannot fail.
        let _ = write(&mut counter);
        let result = if out.len() < counter.0 {
            Err(Error::buffer_too_small(counter.0))
        } else {
            let mut w = SliceWriter { out, at: 0 };
            write(&mut w)
                .map(|()| w.at)
                .map_err(|_| Error::buffer_too_small(counter.0))
        };
        produced(result, out_len)
    })
}

/// Copies `s` into `out`, or `BufferTooSmall` with `out` untouched.
fn copy_into(out: &mut [u8], s: &str) -> Result<usize, Error> {
    copy(out.get_mut(..s.len()).ok_or(Error::buffer_too_small(s.len()))?, s);
    Ok(s.len())
}

/// Copies `s` into `slot` (of its length). A zip, not `copy_from_slice`: that one's length
/// check stays a panic path in the firmware library even where the lengths are equal.
fn copy(slot: &mut [u8], s: &str) {
    for (d, b) in slot.iter_mut().zip(s.bytes()) {
        *d = b;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `BufferTooSmall` → `BUFFER_TOO_SMALL`.
    fn screaming(name: &str) -> String {
        let mut s = String::new();
        for (i, c) in name.chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                s.push('_');
            }
            s.push(c.to_ascii_uppercase());
        }
        s
    }

    /// Every kind of the core has the C constant of the same number and name, and the C enum has
    /// nothing else: read from the committed header, which is what C programs see.
    #[test]
    #[cfg_attr(miri, ignore = "reads the header from disk (Miri isolates the file system)")]
    fn c_kinds_are_the_core_kinds() {
        let header = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../include/drmtoken.h")).unwrap();
        let constants: Vec<(String, u32)> = header
            .lines()
            .filter_map(|l| {
                let (name, value) = l.trim().trim_end_matches(',').split_once(" = ")?;
                name.starts_with("DRMTOKEN_ERROR_")
                    .then(|| (name.to_owned(), value.parse().unwrap()))
            })
            .collect();
        assert_eq!(constants.len(), ErrorKindId::ALL.len() + 1, "{constants:?}");
        assert!(constants.contains(&("DRMTOKEN_ERROR_NONE".to_owned(), 0)));
        for id in ErrorKindId::ALL {
            let name = format!("DRMTOKEN_ERROR_{}", screaming(id.name()));
            assert!(
                constants.contains(&(name.clone(), u32::from(id.number()))),
                "{name} = {} is not in include/drmtoken.h",
                id.number()
            );
        }
    }

    /// The Rust enum (what cbindgen reads) agrees too, by its `Debug` name and value.
    #[test]
    fn rust_kinds_are_the_core_kinds() {
        use drmtoken_error_kind::*;
        let all = [
            DRMTOKEN_ERROR_EXPRESS_PLAY,
            DRMTOKEN_ERROR_BUFFER_TOO_SMALL,
            DRMTOKEN_ERROR_CAPACITY_EXCEEDED,
            DRMTOKEN_ERROR_DUPLICATE_PARAMETER,
            DRMTOKEN_ERROR_INVALID_PERCENT_ENCODING,
            DRMTOKEN_ERROR_INVALID_UTF8,
            DRMTOKEN_ERROR_UNKNOWN_SERVICE,
            DRMTOKEN_ERROR_INVALID_URL,
            DRMTOKEN_ERROR_INVALID_HOST,
            DRMTOKEN_ERROR_INVALID_PORT,
            DRMTOKEN_ERROR_MISSING_FIELD,
            DRMTOKEN_ERROR_CONTROL_CHARACTER,
            DRMTOKEN_ERROR_INVALID_HEX,
            DRMTOKEN_ERROR_INVALID_KEY_LENGTH,
            DRMTOKEN_ERROR_INTEGRITY_CHECK_FAILED,
            DRMTOKEN_ERROR_INVALID_TIME,
            DRMTOKEN_ERROR_INVALID_JSON,
            DRMTOKEN_ERROR_INVALID_XML,
            DRMTOKEN_ERROR_UNEXPECTED_CONTENT_TYPE,
            DRMTOKEN_ERROR_UNEXPECTED_STATUS,
            DRMTOKEN_ERROR_INVALID_VALUE,
            DRMTOKEN_ERROR_INVALID_TOKEN,
            DRMTOKEN_ERROR_UNKNOWN_PARAMETER,
            DRMTOKEN_ERROR_BAD_REQUEST,
            DRMTOKEN_ERROR_UNAUTHORIZED,
            DRMTOKEN_ERROR_FORBIDDEN,
            DRMTOKEN_ERROR_CONTENT_NOT_FOUND,
            DRMTOKEN_ERROR_NOT_AUTHENTICATED,
            DRMTOKEN_ERROR_NOT_AUTHORIZED,
            DRMTOKEN_ERROR_AUTHORIZATION_EXPIRED,
            DRMTOKEN_ERROR_NESTING_TOO_DEEP,
            DRMTOKEN_ERROR_NULL_ARGUMENT,
        ];
        assert_eq!(all.len(), ErrorKindId::ALL.len());
        for (c, id) in all.iter().zip(ErrorKindId::ALL) {
            assert_eq!(*c as u32, u32::from(id.number()));
            assert_eq!(format!("{c:?}"), format!("DRMTOKEN_ERROR_{}", screaming(id.name())));
        }
    }
}
