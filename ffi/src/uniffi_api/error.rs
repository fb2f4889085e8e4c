//! `DrmTokenError`: the one error of the bindings (Kotlin `DrmTokenException`, Swift
//! `DrmTokenError`, Python `DrmTokenError`), converted from the core's [`Error`] at one point.
//!
//! One variant per [`ErrorKind`], so Swift can `catch DrmTokenError.ExpressPlay(let code, ...)` and
//! Kotlin can `when (e) { is DrmTokenException.IntegrityCheckFailed -> ... }`; every variant
//! carries the same three fields (`code`, `message`, `parameter`) and the methods [`code`],
//! [`error_message`] and [`parameter`] read them from any variant. Kotlin sees the `message`
//! field as `reason` (`ffi/uniffi.toml`): a field named `message` clashes with
//! `Throwable.message` (uniffi issue 1434).
//!
//! [`code`]: DrmTokenError::code
//! [`error_message`]: DrmTokenError::error_message
//! [`parameter`]: DrmTokenError::parameter

use std::fmt;

use drmtoken_core::{Error, ErrorKind};

/// Declares [`DrmTokenError`] and its conversion from [`ErrorKind`] from one table, so a variant
/// cannot lose its common fields or its mapping.
macro_rules! drmtoken_error {
    (
        $( $(#[$doc:meta])* $variant:ident $({ $($extra:ident : $ty:ty = $from:ident),* })? ; )*
    ) => {
        /// A refused request, key or response: the service's `code` (e.g. `-2027`; `0` for faults
        /// only the library numbers), the same static `message` as the C API and CLI, and the wire
        /// name of the offending `parameter` (`contentKey`). Never holds a secret value.
        #[derive(Clone, Debug, PartialEq, Eq, uniffi::Error)]
        #[uniffi::export(Display)]
        #[non_exhaustive]
        pub enum DrmTokenError {
            $(
                $(#[$doc])*
                $variant {
                    /// The service's documented code, or `0`.
                    code: i32,
                    /// The static message (Kotlin: `reason`).
                    message: String,
                    /// The wire name of the offending parameter or field, if any.
                    parameter: Option<String>,
                    $($(
                        /// The kind's detail: bytes required, list capacity, byte offset or HTTP status.
                        $extra: $ty,
                    )*)?
                },
            )*
        }

        impl DrmTokenError {
            /// Replaces the message (with what a service's error body said).
            pub(crate) fn with_message(mut self, text: &str) -> Self {
                match &mut self {
                    $(DrmTokenError::$variant { message, .. } => *message = text.to_owned(),)*
                }
                self
            }

            /// `(code, message, parameter)` of any variant.
            fn common(&self) -> (i32, &str, Option<&str>) {
                match self {
                    $(DrmTokenError::$variant { code, message, parameter, .. } =>
                        (*code, message.as_str(), parameter.as_deref()),)*
                }
            }

            /// Every variant's name, for the test that keeps `uniffi.toml`'s Kotlin renames complete.
            #[cfg(test)]
            pub(crate) const VARIANTS: &'static [&'static str] = &[$(stringify!($variant)),*];
        }

        impl From<Error> for DrmTokenError {
            fn from(e: Error) -> Self {
                let code = e.code();
                let message = e.message().to_owned();
                let parameter = e.parameter().map(str::to_owned);
                drmtoken_error!(@map e.kind(), code, message, parameter, $( $variant $({ $($extra = $from),* })? ; )*)
            }
        }
    };
    (@map $kind:expr, $code:ident, $message:ident, $parameter:ident, $( $variant:ident $({ $($extra:ident = $from:ident),* })? ; )*) => {
        #[allow(unreachable_patterns)]
        match $kind {
            $( drmtoken_error!(@pat $variant $({ $($from),* })?) => DrmTokenError::$variant {
                code: $code, message: $message, parameter: $parameter,
                $($($extra: $from as _,)*)?
            }, )*
            // The core's kinds are `#[non_exhaustive]`: a kind added before this table learns it
            // still reaches the caller, with its code, message and parameter.
            _ => DrmTokenError::Other { code: $code, message: $message, parameter: $parameter },
        }
    };
    (@pat ExpressPlay) => { ErrorKind::ExpressPlay(_) };
    (@pat Other) => { ErrorKind::ExpressPlay(_) };
    // No core kind is a refusal (responses build it, see `refused`): the pattern repeats the
    // earlier UnexpectedStatus arm, so it never matches (unreachable_patterns is allowed above).
    (@pat ServiceRefused { $($from:ident),* }) => { ErrorKind::UnexpectedStatus { $($from),* } };
    (@pat $variant:ident { $($from:ident),* }) => { ErrorKind::$variant { $($from),* } };
    (@pat $variant:ident) => { ErrorKind::$variant };
}

drmtoken_error! {
    /// A fault the ExpressPlay service documents; `code` is its code (e.g. `-2027`).
    ExpressPlay;
    /// An output buffer was too short (never raised by the bindings, which size their buffers).
    BufferTooSmall { required: u64 = required };
    /// A fixed-capacity list (extensions, rights, groups) is full.
    CapacityExceeded { capacity: u64 = capacity };
    /// A parameter that may appear once appears more than once.
    DuplicateParameter;
    /// A `%` not followed by two hexadecimal digits.
    InvalidPercentEncoding;
    /// A decoded value is not valid UTF-8.
    InvalidUtf8;
    /// The URL is not a token request of a known service.
    UnknownService;
    /// The URL cannot be split into scheme, host, path and query.
    InvalidUrl;
    /// A host or domain is not a DNS name or an IP literal.
    InvalidHost;
    /// A port is 0 or above 65535, or not a number.
    InvalidPort;
    /// A required field is absent or empty.
    MissingField;
    /// A header value contains a control character.
    ControlCharacter;
    /// A key is not hexadecimal.
    InvalidHex;
    /// A key or wrapped key has a length RFC 3394 or AES does not allow.
    InvalidKeyLength;
    /// RFC 3394 unwrap: wrong KEK or tampered wrapped key.
    IntegrityCheckFailed;
    /// A date-time is not RFC 3339 in the `Z` zone (or `+seconds`).
    InvalidTime;
    /// A response body is not well-formed JSON at byte `offset`.
    InvalidJson { offset: u64 = offset };
    /// A response body is not well-formed XML at byte `offset`.
    InvalidXml { offset: u64 = offset };
    /// A response body nests deeper than 64 levels (JSON or XML); `offset` is where.
    NestingTooDeep { offset: u64 = offset };
    /// A response's content type is not one the service sends for its status.
    UnexpectedContentType;
    /// A response's HTTP status is not one the service documents.
    UnexpectedStatus { status: u16 = status };
    /// A field of a response has the wrong type or form.
    InvalidValue;
    /// A token contains characters outside its alphabet.
    InvalidToken;
    /// A parameter name the service does not list.
    UnknownParameter;
    /// OpenTV IAS 400: the request was malformed (`message`: the body's, when it has one).
    BadRequest;
    /// OpenTV IAS 401: the bearer token was refused.
    Unauthorized;
    /// OpenTV IAS 403: the account may not play this content.
    Forbidden;
    /// OpenTV IAS 404: the content does not exist.
    ContentNotFound;
    /// Adobe Pass 412: not authenticated (sign in first).
    NotAuthenticated;
    /// Adobe Pass 404: no authorization for this resource.
    NotAuthorized;
    /// Adobe Pass 410: the authorization has expired.
    AuthorizationExpired;
    /// An ExpressPlay token service refused the request: `status` is the HTTP status, `code`
    /// the service's code when the body had one (`-2027` is the code validation gives for the
    /// same fault), `message` the body's message or the code's documented one.
    ServiceRefused { status: u16 = status };
    /// A kind this version of the bindings does not name yet (see `code` and `message`).
    Other;
}

#[uniffi::export]
impl DrmTokenError {
    /// The service's documented code (e.g. `-2027`), or `0` for library faults.
    pub fn code(&self) -> i32 {
        self.common().0
    }

    /// The static message, identical to the C API's and the CLI's.
    pub fn error_message(&self) -> String {
        self.common().1.to_owned()
    }

    /// The wire name of the offending parameter or field (`contentKey`), if any.
    pub fn parameter(&self) -> Option<String> {
        self.common().2.map(str::to_owned)
    }
}

impl fmt::Display for DrmTokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (code, message, parameter) = self.common();
        if code != 0 {
            write!(f, "{code}: ")?;
        }
        f.write_str(message)?;
        if let Some(p) = parameter {
            write!(f, " [parameter {p}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for DrmTokenError {}

#[cfg(test)]
mod tests {
    use super::*;
    use drmtoken_core::ExpressPlayCode;

    #[test]
    fn expressplay_fault_keeps_code_message_and_parameter() {
        let e = DrmTokenError::from(Error::expressplay(ExpressPlayCode::ContentKeyLength, "contentKey"));
        assert_eq!(e.code(), -2027);
        assert_eq!(e.parameter().as_deref(), Some("contentKey"));
        assert_eq!(e.error_message(), ExpressPlayCode::ContentKeyLength.message());
        assert!(matches!(e, DrmTokenError::ExpressPlay { .. }));
        assert_eq!(
            e.to_string(),
            "-2027: Content encryption key must be 32-hexadecimal digits long [parameter contentKey]"
        );
    }

    #[test]
    fn kinds_with_data_keep_it() {
        let e = DrmTokenError::from(Error::new(ErrorKind::CapacityExceeded { capacity: 8 }).with_parameter("kid"));
        assert!(matches!(
            e,
            DrmTokenError::CapacityExceeded {
                capacity: 8,
                code: 0,
                ..
            }
        ));
        let e = DrmTokenError::from(Error::new(ErrorKind::UnexpectedStatus { status: 418 }));
        assert!(matches!(e, DrmTokenError::UnexpectedStatus { status: 418, .. }));
        let e = DrmTokenError::from(Error::new(ErrorKind::IntegrityCheckFailed));
        assert!(matches!(
            e,
            DrmTokenError::IntegrityCheckFailed {
                code: 0,
                parameter: None,
                ..
            }
        ));
    }

    /// Kotlin cannot compile a field named `message` (uniffi issue 1434): `uniffi.toml` renames
    /// it on every variant, and this test keeps that list complete.
    #[test]
    fn every_variant_is_renamed_for_kotlin() {
        let toml = include_str!("../../uniffi.toml");
        for v in DrmTokenError::VARIANTS {
            let line = format!("\"DrmTokenError.{v}.message\" = \"reason\"");
            assert!(toml.contains(&line), "ffi/uniffi.toml lacks {line}");
        }
    }
}
