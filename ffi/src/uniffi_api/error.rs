//! `DrmTokenError`: the one error of the bindings (Kotlin `DrmTokenException`, Swift
//! `DrmTokenError`, Python `DrmTokenError`), converted from the core's [`Error`] at one point.
//!
//! Three variants say where the fault is, and every variant carries the same five fields:
//!
//! | variant    | when                                                                        |
//! |------------|-----------------------------------------------------------------------------|
//! | `Invalid`  | a request, URL, key or argument refused locally (validation, parsing, keys) |
//! | `Refused`  | the service said no in its response (an error status, with its body's text) |
//! | `Response` | the response could not be read (status, content type, body)                 |
//!
//! - `kind`: the flat [`ErrorKind`], one to one with the core's [`ErrorKindId`];
//! - `code`: the service's documented code (`-2027`), or `0`;
//! - `reason`: the message (the core's static one; for `Refused`, the body's when it has one);
//! - `parameter`: the wire name of the offending parameter or field (`contentKey`), if any;
//! - `detail`: the core's [`detail`](drmtoken_core::ErrorKind::detail) (bytes required, list
//!   capacity, byte offset, HTTP status), and for `Refused` always the HTTP status.
//!
//! The text field is `reason` on every language (a field named `message` clashes with Kotlin's
//! `Throwable.message`, uniffi issue 1434), so no rename table is needed. The error's `Display`
//! (`toString`, `description`, `str`) is the core's: [`drmtoken_core::write_error`] over the
//! same fields, so an error converted from the core reads exactly as `Error::to_string()`.

use std::fmt;

use drmtoken_core::{write_error, Error, ErrorKindId};

/// Declares [`ErrorKind`] from one list of the core's [`ErrorKindId`] names, with the
/// conversions both ways and a compile-time check that the list is the core's, in its order.
macro_rules! error_kinds {
    ($( $(#[$doc:meta])* $variant:ident, )*) => {
        /// Which kind of fault, without its payload: one variant per kind of the core
        /// (`ErrorKindId`), with the same name (Kotlin `ErrorKind.INVALID_JSON`, Swift
        /// `.invalidJson`, Python `ErrorKind.INVALID_JSON`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
        pub enum ErrorKind {
            $( $(#[$doc])* $variant, )*
        }

        impl ErrorKind {
            /// Every kind, in the order of `ErrorKindId::ALL`.
            #[cfg(test)]
            pub(crate) const ALL: &'static [ErrorKind] = &[$(ErrorKind::$variant,)*];

            /// The core's id of this kind.
            pub const fn to_core(self) -> ErrorKindId {
                match self { $(ErrorKind::$variant => ErrorKindId::$variant,)* }
            }

            /// The kind of a core id. `ErrorKindId` is `#[non_exhaustive]`, so Rust asks for a
            /// last arm. It is never taken: the `const` check below evaluates this function on
            /// every id of `ErrorKindId::ALL` and fails the build unless each gives the variant
            /// of its own name, so a kind added to the core without being added here is a
            /// compile error (the arm's value, whatever it is, has another name).
            pub const fn from_core(id: ErrorKindId) -> Self {
                match id {
                    $(ErrorKindId::$variant => ErrorKind::$variant,)*
                    _ => ErrorKind::NullArgument,
                }
            }

            /// The variant's name (`InvalidJson`), the same as the core id's.
            pub const fn name(self) -> &'static str {
                match self { $(ErrorKind::$variant => stringify!($variant),)* }
            }
        }
    };
}

error_kinds! {
    /// A fault the ExpressPlay service documents; `code` is its code (e.g. `-2027`).
    ExpressPlay,
    /// An output buffer was too short (`detail`: bytes required; the bindings size their
    /// buffers, so they never raise it).
    BufferTooSmall,
    /// A fixed-capacity list (extensions, rights, groups) is full (`detail`: its capacity).
    CapacityExceeded,
    /// A parameter that may appear once appears more than once.
    DuplicateParameter,
    /// A `%` not followed by two hexadecimal digits.
    InvalidPercentEncoding,
    /// A decoded value is not valid UTF-8.
    InvalidUtf8,
    /// The URL is not a token request of a known service.
    UnknownService,
    /// The URL cannot be split into scheme, host, path and query.
    InvalidUrl,
    /// A host or domain is not a DNS name or an IP literal.
    InvalidHost,
    /// A port is 0 or above 65535, or not a number.
    InvalidPort,
    /// A required field is absent or empty.
    MissingField,
    /// A header value contains a control character.
    ControlCharacter,
    /// A key is not hexadecimal.
    InvalidHex,
    /// A key or wrapped key has a length RFC 3394 or AES does not allow.
    InvalidKeyLength,
    /// RFC 3394 unwrap: wrong KEK or tampered wrapped key.
    IntegrityCheckFailed,
    /// A date-time is not RFC 3339 in the `Z` zone (or `+seconds`).
    InvalidTime,
    /// A body is not well-formed JSON (`detail`: the byte offset).
    InvalidJson,
    /// A body is not well-formed XML (`detail`: the byte offset).
    InvalidXml,
    /// A response's content type is not one the service sends for its status.
    UnexpectedContentType,
    /// A response's HTTP status is not one the service documents (`detail`: the status).
    UnexpectedStatus,
    /// A field of a response has the wrong type or form.
    InvalidValue,
    /// A token contains characters outside its alphabet.
    InvalidToken,
    /// A parameter name the service does not list.
    UnknownParameter,
    /// OpenTV IAS 400: the request was malformed.
    BadRequest,
    /// OpenTV IAS 401: the bearer token was refused.
    Unauthorized,
    /// OpenTV IAS 403: the account may not play this content.
    Forbidden,
    /// OpenTV IAS 404: the content does not exist.
    ContentNotFound,
    /// Adobe Pass 412: not authenticated (sign in first).
    NotAuthenticated,
    /// Adobe Pass 404: no authorization for this resource.
    NotAuthorized,
    /// Adobe Pass 410: the authorization has expired.
    AuthorizationExpired,
    /// A body nests deeper than 64 levels, JSON or XML (`detail`: the byte offset).
    NestingTooDeep,
    /// A required argument is absent (a NULL pointer from C; not raised by the bindings).
    NullArgument,
}

/// Equal names, in a `const` context.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

// Every core kind maps to the variant of the same name, and only the core's kinds are here.
const _: () = {
    let all = ErrorKindId::ALL;
    let mut i = 0;
    while i < all.len() {
        let kind = ErrorKind::from_core(all[i]);
        assert!(
            same(kind.name(), all[i].name()),
            "a core ErrorKindId has no uniffi ErrorKind"
        );
        i += 1;
    }
};

/// A refused request, key or response. Every variant carries the same fields (see the module
/// documentation); the text is never a secret value.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Error)]
#[uniffi::export(Display)]
pub enum DrmTokenError {
    /// A request, URL, key or argument refused locally: validation (`ExpressPlay` with the
    /// code the service would answer), parsing, key wrapping.
    Invalid {
        /// Which kind of fault.
        kind: ErrorKind,
        /// The service's documented code (`-2027`), or `0`.
        code: i32,
        /// The message.
        reason: String,
        /// The wire name of the offending parameter or field, if any.
        parameter: Option<String>,
        /// Bytes required, list capacity, byte offset or HTTP status; else `0`.
        detail: u64,
    },
    /// The service said no in its response: `detail` is the HTTP status, `code` the service's
    /// code when the body had one, `reason` the body's message (or the code's documented one).
    Refused {
        /// `ExpressPlay` (a documented code), a service's status kind (`Unauthorized`,
        /// `NotAuthenticated`...), or `UnexpectedStatus`.
        kind: ErrorKind,
        /// The service's code, or `0`.
        code: i32,
        /// The message.
        reason: String,
        /// Not used by refusals (`None`), kept so every variant reads alike.
        parameter: Option<String>,
        /// The HTTP status.
        detail: u64,
    },
    /// The response could not be read: an undocumented success status, a wrong content type,
    /// a malformed body (`InvalidJson` with the byte offset), a bad token.
    Response {
        /// Which kind of fault.
        kind: ErrorKind,
        /// `0`.
        code: i32,
        /// The message.
        reason: String,
        /// The field concerned, if any.
        parameter: Option<String>,
        /// Byte offset, HTTP status, list capacity; else `0`.
        detail: u64,
    },
}

/// The fields every variant carries.
struct Fields {
    kind: ErrorKind,
    code: i32,
    reason: String,
    parameter: Option<String>,
    detail: u64,
}

impl Fields {
    fn of(e: &Error) -> Self {
        Fields {
            kind: ErrorKind::from_core(e.kind().id()),
            code: e.code(),
            reason: e.message().to_owned(),
            parameter: e.parameter().map(str::to_owned),
            detail: e.kind().detail() as u64,
        }
    }
}

impl DrmTokenError {
    /// A response that could not be read.
    pub(crate) fn response(e: &Error) -> Self {
        let Fields {
            kind,
            code,
            reason,
            parameter,
            detail,
        } = Fields::of(e);
        DrmTokenError::Response {
            kind,
            code,
            reason,
            parameter,
            detail,
        }
    }

    /// A service's refusal: `error` is the core's reading of it, `status` the HTTP status,
    /// `code` the body's code (kept even when undocumented), `message` the body's text.
    pub(crate) fn refused(error: &Error, status: u16, code: Option<i32>, message: Option<&str>) -> Self {
        let f = Fields::of(error);
        DrmTokenError::Refused {
            kind: f.kind,
            code: code.unwrap_or(f.code),
            reason: message.filter(|m| !m.is_empty()).map_or(f.reason, str::to_owned),
            parameter: f.parameter,
            detail: u64::from(status),
        }
    }

    /// The fields of any variant.
    fn fields(&self) -> (ErrorKind, i32, &str, Option<&str>, u64) {
        match self {
            DrmTokenError::Invalid {
                kind,
                code,
                reason,
                parameter,
                detail,
            }
            | DrmTokenError::Refused {
                kind,
                code,
                reason,
                parameter,
                detail,
            }
            | DrmTokenError::Response {
                kind,
                code,
                reason,
                parameter,
                detail,
            } => (*kind, *code, reason.as_str(), parameter.as_deref(), *detail),
        }
    }
}

/// A core error met locally (a request, URL, key or argument) is `Invalid`; responses convert
/// with [`DrmTokenError::response`] and [`DrmTokenError::refused`].
impl From<Error> for DrmTokenError {
    fn from(e: Error) -> Self {
        let Fields {
            kind,
            code,
            reason,
            parameter,
            detail,
        } = Fields::of(&e);
        DrmTokenError::Invalid {
            kind,
            code,
            reason,
            parameter,
            detail,
        }
    }
}

#[uniffi::export]
impl DrmTokenError {
    /// Which kind of fault, whatever the variant.
    pub fn kind(&self) -> ErrorKind {
        self.fields().0
    }

    /// The service's documented code (e.g. `-2027`), or `0`, whatever the variant.
    pub fn code(&self) -> i32 {
        self.fields().1
    }

    /// The message, whatever the variant.
    pub fn reason(&self) -> String {
        self.fields().2.to_owned()
    }

    /// The offending parameter's wire name, whatever the variant.
    pub fn parameter(&self) -> Option<String> {
        self.fields().3.map(str::to_owned)
    }

    /// Bytes required, capacity, byte offset or HTTP status, whatever the variant.
    pub fn detail(&self) -> u64 {
        self.fields().4
    }
}

impl fmt::Display for DrmTokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, code, reason, parameter, detail) = self.fields();
        let detail = usize::try_from(detail).unwrap_or(usize::MAX);
        write_error(f, code, reason, kind.to_core(), detail, parameter)
    }
}

impl std::error::Error for DrmTokenError {}

#[cfg(test)]
mod tests {
    use super::*;
    use drmtoken_core::{ErrorKind as CoreKind, ExpressPlayCode};

    /// Every core kind maps to the variant of the same name and back, one to one.
    #[test]
    fn error_kind_mirrors_the_core_one_to_one() {
        assert_eq!(ErrorKind::ALL.len(), ErrorKindId::ALL.len());
        for (id, kind) in ErrorKindId::ALL.iter().zip(ErrorKind::ALL) {
            assert_eq!(ErrorKind::from_core(*id), *kind);
            assert_eq!(kind.name(), id.name());
            assert_eq!(format!("{kind:?}"), id.name());
            assert_eq!(kind.to_core(), *id);
        }
    }

    /// The error reads exactly as the core's `Display`, for a kind of every shape.
    #[test]
    fn display_is_the_cores() {
        let errors = [
            Error::expressplay(ExpressPlayCode::ContentKeyLength, "contentKey"),
            Error::new(CoreKind::BufferTooSmall { required: 64 }),
            Error::new(CoreKind::CapacityExceeded { capacity: 8 }).with_parameter("wvExtension"),
            Error::new(CoreKind::InvalidJson { offset: 7 }),
            Error::new(CoreKind::NestingTooDeep { offset: 70 }),
            Error::new(CoreKind::UnexpectedStatus { status: 418 }),
            Error::new(CoreKind::IntegrityCheckFailed),
            Error::new(CoreKind::InvalidHex).with_parameter("ek"),
        ];
        for e in errors {
            let ours = DrmTokenError::from(e);
            assert_eq!(ours.to_string(), e.to_string());
            assert_eq!(DrmTokenError::response(&e).to_string(), e.to_string());
        }
        assert_eq!(
            DrmTokenError::from(Error::expressplay(ExpressPlayCode::ContentKeyLength, "contentKey")).to_string(),
            "-2027: Content encryption key must be 32-hexadecimal digits long [parameter contentKey]"
        );
    }

    #[test]
    fn fields_are_kept() {
        let e = DrmTokenError::from(Error::expressplay(ExpressPlayCode::ContentKeyLength, "contentKey"));
        assert_eq!(
            e,
            DrmTokenError::Invalid {
                kind: ErrorKind::ExpressPlay,
                code: -2027,
                reason: ExpressPlayCode::ContentKeyLength.message().to_owned(),
                parameter: Some("contentKey".to_owned()),
                detail: 0,
            }
        );
        let e = DrmTokenError::from(Error::new(CoreKind::CapacityExceeded { capacity: 8 }).with_parameter("kid"));
        assert_eq!((e.kind(), e.code(), e.detail()), (ErrorKind::CapacityExceeded, 0, 8));
        let e = DrmTokenError::response(&Error::new(CoreKind::InvalidJson { offset: 3 }));
        assert!(matches!(
            e,
            DrmTokenError::Response {
                kind: ErrorKind::InvalidJson,
                detail: 3,
                ..
            }
        ));
    }

    #[test]
    fn a_refusal_keeps_status_code_and_body_text() {
        let core = Error::new(CoreKind::ExpressPlay(ExpressPlayCode::ContentKeyLength));
        let e = DrmTokenError::refused(&core, 400, Some(-2027), Some("bad key"));
        assert_eq!(
            (e.kind(), e.code(), e.reason(), e.detail()),
            (ErrorKind::ExpressPlay, -2027, "bad key".into(), 400)
        );
        assert_eq!(e.to_string(), "-2027: bad key");
        let core = Error::new(CoreKind::UnexpectedStatus { status: 500 });
        let e = DrmTokenError::refused(&core, 500, Some(-9999), None);
        assert_eq!(
            (e.kind(), e.code(), e.detail()),
            (ErrorKind::UnexpectedStatus, -9999, 500)
        );
        assert_eq!(e.reason(), core.message());
    }

    /// No rename table: Kotlin reads the same field names as Swift and Python.
    #[test]
    fn no_kotlin_rename_table() {
        assert!(!include_str!("../../uniffi.toml").contains(".rename]"));
    }
}
