//! The one error type of the core: a kind, the offending parameter's wire name and a message.
//!
//! Faults the services document carry the service's own negative code ([`ExpressPlayCode`]), so a
//! `-2027` found locally and a `-2027` returned by the server are the same value. Faults that only
//! the library can see (a short buffer, a malformed percent escape, a bad key length) have their own
//! [`ErrorKind`] and [`Error::code`] `0`. No error ever holds a secret value: only static text.

use core::fmt;

/// Declares [`ExpressPlayCode`] from one table so the code, the variant and the seed's text cannot
/// drift apart.
macro_rules! expressplay_codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $message:literal, $local:expr; )*) => {
        /// Every code in the "Event Error Codes" tables of the three ExpressPlay seeds
        /// (FairPlay, PlayReady, Widevine), with the seed's description as its message.
        ///
        /// Codes marked *server only* cannot be detected from the request alone (they depend on
        /// the account, the key store or the device); they exist so that a server response maps
        /// to the same value as local validation.
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ExpressPlayCode {
            $( $(#[$doc])* $variant, )*
        }

        impl ExpressPlayCode {
            /// Every documented code, in ascending order of magnitude.
            pub const ALL: &'static [ExpressPlayCode] = &[$(ExpressPlayCode::$variant,)*];

            /// The service's numeric code, e.g. `-2027`.
            #[must_use]
            pub const fn code(self) -> i32 {
                match self { $(ExpressPlayCode::$variant => $code,)* }
            }

            /// The seed's description of the code (without its `<details>` placeholder).
            #[must_use]
            pub const fn message(self) -> &'static str {
                match self { $(ExpressPlayCode::$variant => $message,)* }
            }

            /// Whether `service`'s `validate` can detect this fault from the request alone;
            /// `false` means only the server can, or the service does not take the parameter
            /// (FairPlay has no `rightsType`, so -2020 is never FairPlay's to find).
            #[cfg(feature = "expressplay")]
            #[must_use]
            pub const fn detectable_locally(self, service: crate::expressplay::Service) -> bool {
                let bit = match service {
                    crate::expressplay::Service::FairPlay => FP,
                    crate::expressplay::Service::PlayReady => PR,
                    crate::expressplay::Service::Widevine => WV,
                };
                let local: u8 = match self { $(ExpressPlayCode::$variant => $local,)* };
                local & bit != 0
            }

            /// Maps a code received from the service back to its variant.
            #[must_use]
            pub const fn from_code(code: i32) -> Option<Self> {
                // A scan of the table, not a `match` on the sparse codes: that compiled to a tree
                // of comparisons, 416 B of Cortex-M code against about 60 (issue 18).
                let mut rest = Self::ALL;
                while let [first, tail @ ..] = rest {
                    if first.code() == code {
                        return Some(*first);
                    }
                    rest = tail;
                }
                None
            }
        }
    };
}

// Which services can detect a code locally (the third column of the table below), as bits.
const FP: u8 = 1;
const PR: u8 = 2;
const WV: u8 = 4;
const ALL: u8 = FP | PR | WV;
const SERVER: u8 = 0;

expressplay_codes! {
    /// -2002: the token expiration time is malformed, in the past, or beyond 30 days.
    InvalidExpirationTime = -2002, "Invalid token expiration time", ALL;
    /// -2003 (server only).
    InvalidIpAddress = -2003, "Invalid IP address", SERVER;
    /// -2005: the content key is missing where it is required (FairPlay only: PlayReady and
    /// Widevine require `kid`, and with it no content key is needed).
    InvalidContentKey = -2005, "Invalid content encryption key", FP;
    /// -2008 (server only).
    InvalidOutputControlFlags = -2008, "Invalid output control flags specified", SERVER;
    /// -2017: `customerAuthenticator` is missing or empty.
    MissingAuthenticator = -2017, "Authentication token must be supplied", ALL;
    /// -2018 (server only): wrong authenticator, or a production one used on the test service.
    InvalidAuthenticator = -2018, "Authentication token invalid", SERVER;
    /// -2019 (server only).
    InsufficientTokens = -2019, "Insufficient tokens available", SERVER;
    /// -2020: PlayReady `rightsType` is missing.
    MissingRightsType = -2020, "Missing rights type", PR;
    /// -2021: PlayReady `rightsType` is neither `BuyToOwn` nor `Rental`.
    InvalidRightsType = -2021, "Invalid rights type", PR;
    /// -2022: a `Rental` without (or with a malformed) `rental.periodEndTime`.
    MissingRentalPeriodEndTime = -2022, "Missing rental period end time", PR;
    /// -2023 (server only: the seeds mark `rental.playDuration` optional).
    MissingRentalPlayDuration = -2023, "Missing rental play duration", SERVER;
    /// -2025: `rental.playDuration` is not a non-negative integer.
    InvalidRentalPlayDuration = -2025, "Invalid rental play duration", PR;
    /// -2027: `contentKey` is not 32 hexadecimal digits.
    ContentKeyLength = -2027, "Content encryption key must be 32-hexadecimal digits long", ALL;
    /// -2030 (server only).
    AdminError = -2030, "ExpressPlay Admin error", SERVER;
    /// -2031 (server only).
    AccountDisabled = -2031, "Service Account Disabled", SERVER;
    /// -2033: `cookie` is longer than 32 characters.
    InvalidCookie = -2033, "Invalid cookie", ALL;
    /// -2034: an output protection value is out of its documented range.
    OutputControlOutOfRange = -2034, "Invalid Output Control, values out of specified range", PR | WV;
    /// -2035: an `extensionType` without its `extensionPayload` (or the reverse).
    NoCorrespondingValue = -2035, "No corresponding value specified", PR;
    /// -2036: `extensionType` is not exactly 4 characters.
    ExtensionTypeLength = -2036, "Extension type should be 4 characters", PR;
    /// -2037: `extensionPayload` is not valid base64.
    ExtensionPayloadNotBase64 = -2037, "Extension payload should be Base64 encoded", PR;
    /// -2040: `outputControlFlags` is not 4 bytes as 8 hexadecimal digits.
    OutputControlFlagsLength = -2040, "OutputControlFlag must be encode 4 bytes", PR;
    /// -3004: `errorFormat` is neither `html` nor `json`.
    InvalidErrorFormat = -3004, "Invalid error format specified", ALL;
    /// -4001 (server only).
    DeviceNotAuthenticated = -4001, "Device could not be authenticated", SERVER;
    /// -4010 (server only).
    InvalidToken = -4010, "Invalid token", SERVER;
    /// -4018: `kid` is missing where it is required (PlayReady, Widevine).
    MissingKid = -4018, "Missing kid", PR | WV;
    /// -4019 (server only).
    KeyStorageFailure = -4019, "Failed to get content key from key storage service", SERVER;
    /// -4020: a hexadecimal `kid` is not 32 digits.
    KidHexLength = -4020, "kid must be 32 hexadecimal characters long", ALL;
    /// -4021: a `^` string `kid` is empty or longer than 64 characters after the `^`.
    KidStringLength = -4021, "kid must be 64 characters long after the ^", ALL;
    /// -4022 (server only).
    InvalidKid = -4022, "Invalid kid", SERVER;
    /// -4024: `kek`/`ek` malformed, inconsistent, or `ek` fails RFC 3394's integrity check.
    InvalidEncryptedKeyOrKek = -4024, "Invalid encrypted key or kek", ALL;
    /// -5001: `unknownOutputBehavior` is not `Allow`, `Disallow` or `SDOnly`.
    InvalidUnknownOutputBehavior = -5001, "Invalid unknown output type error", PR;
    /// -5002 (server only).
    PlayReadyDisabled = -5002, "PlayReady option is disabled for this service", SERVER;
    /// -5003: `generalFlags` malformed or not allowed (or a non-persistent PlayReady rental).
    InvalidGeneralFlags = -5003, "Invalid general flags", ALL;
    /// -5004 (server only).
    DeviceIdLength = -5004, "Device ID must be 32 hexadecimal characters long", SERVER;
    /// -5005 (server only).
    InvalidDeviceId = -5005, "Invalid device ID", SERVER;
    /// -5006: one of PlayReady's five `*OPL` values is missing.
    MissingOpl = -5006, "Missing OPL value", PR;
    /// -5007: PlayReady `kek` together with `contentKey`.
    KekWithContentKey = -5007, "Only one of kek or contentKey can be specified", PR;
    /// -6001: a malformed `fpExtension`.
    InvalidFpExtension = -6001, "Invalid FPExtension parameters specified", FP;
    /// -6002 (server only).
    InvalidFpTokenType = -6002, "Invalid FP Token Type", SERVER;
    /// -6003: FairPlay `iv` missing or not 32 hexadecimal digits.
    InvalidIv = -6003, "Invalid iv parameter specified", FP;
    /// -6004 (server only).
    CkcGenerationFailed = -6004, "Failed to generate CKC for FP", SERVER;
    /// -6005 (server only).
    InvalidKeyData = -6005, "Invalid key data specified", SERVER;
    /// -6006 (server only).
    FairPlayNotAuthorized = -6006, "Service not authorized for FairPlay support", SERVER;
    /// -6007: FairPlay `rentalDuration` is not a non-negative integer.
    InvalidRentalDuration = -6007, "Invalid rental duration specified", FP;
    /// -6008 (server only).
    FairPlayDeviceBinding = -6008, "Device ID binding is not supported for FairPlay", SERVER;
    /// -6009 (server only).
    FairPlayDisabled = -6009, "FairPlay option disabled", SERVER;
    /// -7002 (server only).
    WidevineDeviceBinding = -7002, "Device ID binding is not supported for Widevine", SERVER;
    /// -7003: Widevine `securityLevel` is missing.
    MissingSecurityLevel = -7003, "Missing security level value", WV;
    /// -7004: Widevine `securityLevel` is not 1 to 5.
    InvalidSecurityLevel = -7004, "Invalid security level value", WV;
    /// -7006: Widevine `hdcpOutputControl` is missing.
    MissingHdcpOutputControl = -7006, "Missing HDCP output control value", WV;
    /// -7007: Widevine `licenseDuration` is not a non-negative integer.
    InvalidLicenseDuration = -7007, "Invalid license duration specified", WV;
    /// -7008 (server only).
    WidevineLicenseFailed = -7008, "Failed to generate Widevine license", SERVER;
    /// -7009: a malformed `wvExtension`.
    InvalidWvExtension = -7009, "Invalid WVExtension parameters specified", WV;
    /// -7011 (server only).
    WidevineDisabled = -7011, "Widevine option disabled", SERVER;
}

/// What went wrong, independently of which parameter it concerns.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A fault the ExpressPlay service documents, with its code.
    ExpressPlay(ExpressPlayCode),
    /// The output buffer is too short; nothing was written.
    BufferTooSmall {
        /// The exact number of bytes the call needs.
        required: usize,
    },
    /// A fixed-capacity list (extensions, rights, groups) is full.
    CapacityExceeded {
        /// How many entries the list holds.
        capacity: usize,
    },
    /// A parameter that may appear once appears more than once.
    DuplicateParameter,
    /// A `%` not followed by two hexadecimal digits.
    InvalidPercentEncoding,
    /// A decoded value, or a C string, is not valid UTF-8.
    InvalidUtf8,
    /// The URL is not an ExpressPlay token request (unknown host and path).
    UnknownService,
    /// The URL cannot be split into scheme, host, path and query.
    InvalidUrl,
    /// A host or domain is not a DNS name or an IP literal.
    InvalidHost,
    /// A port is 0 or above 65535, or not a number.
    InvalidPort,
    /// A required field is absent or empty.
    MissingField,
    /// A header value contains a control character (CR, LF, NUL, ...): header injection.
    ControlCharacter,
    /// A key is not hexadecimal.
    InvalidHex,
    /// A key or wrapped key has a length RFC 3394 or AES does not allow.
    InvalidKeyLength,
    /// RFC 3394 unwrap: the integrity check value does not match (wrong KEK or tampered data).
    IntegrityCheckFailed,
    /// A date-time is not RFC 3339 in the `Z` zone (or `+seconds`), or is impossible.
    InvalidTime,
    /// A response body is not well-formed JSON (or is truncated) at byte `offset`.
    InvalidJson {
        /// Byte offset of the fault in the body (0 when the parser cannot tell).
        offset: usize,
    },
    /// A response body is not well-formed XML (or is truncated) at byte `offset`.
    InvalidXml {
        /// Byte offset of the fault in the body.
        offset: usize,
    },
    /// A response body nests objects, arrays or elements more deeply than the readers allow
    /// ([`MAX_NESTING_DEPTH`](crate::MAX_NESTING_DEPTH) levels, JSON and XML alike): refused rather
    /// than walked, so a hostile body cannot exhaust a firmware thread's stack.
    NestingTooDeep {
        /// Byte offset of the first container past the limit.
        offset: usize,
    },
    /// A response's content type is not one the service sends for its status.
    UnexpectedContentType,
    /// A response's HTTP status is not one the service documents.
    UnexpectedStatus {
        /// The status received.
        status: u16,
    },
    /// A field of a response has the wrong type or form (named by the parameter).
    InvalidValue,
    /// A token contains characters outside its alphabet (base64url and `=` padding).
    InvalidToken,
    /// A parameter name the service's seed does not list.
    UnknownParameter,
    /// A required argument is absent: a NULL pointer from C (the parameter names which).
    NullArgument,
    /// HTTP 400 from OpenTV IAS: the request was malformed.
    BadRequest,
    /// HTTP 401 from OpenTV IAS: the bearer token was refused.
    Unauthorized,
    /// HTTP 403 from OpenTV IAS: the account may not play this content.
    Forbidden,
    /// HTTP 404 from OpenTV IAS: the content does not exist.
    ContentNotFound,
    /// HTTP 412 from Adobe Pass: the device is not authenticated (sign in first).
    NotAuthenticated,
    /// HTTP 404 from Adobe Pass: no authorization for this resource.
    NotAuthorized,
    /// HTTP 410 from Adobe Pass: the authorization has expired.
    AuthorizationExpired,
}

/// Declares [`ErrorKindId`] from one table: the kind without its payload, with the stable
/// number every surface uses for it (C's `drmtoken_error_kind`, the bindings' flat `kind`).
macro_rules! error_kind_ids {
    ($( $variant:ident $({ $field:ident })? = $number:literal; )*) => {
        /// Which [`ErrorKind`] an error is, without its payload: a flat, stable identity the C
        /// ABI and the bindings map one to one (their tests check every value against this
        /// table). The payload (`required`, `capacity`, `offset`, `status`) is
        /// [`ErrorKind::detail`].
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum ErrorKindId {
            $(
                #[doc = concat!("[`ErrorKind::", stringify!($variant), "`].")]
                $variant = $number,
            )*
        }

        impl ErrorKindId {
            /// Every id, in ascending order of number.
            pub const ALL: &'static [ErrorKindId] = &[$(ErrorKindId::$variant,)*];

            /// The stable number (1 and up; 0 is "no error" on the surfaces that need one).
            #[must_use]
            pub const fn number(self) -> u8 {
                self as u8
            }

            /// The variant's name (`BufferTooSmall`).
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self { $(ErrorKindId::$variant => stringify!($variant),)* }
            }
        }

        impl ErrorKind {
            /// The kind without its payload.
            #[must_use]
            pub const fn id(&self) -> ErrorKindId {
                match self { $(ErrorKind::$variant { .. } => ErrorKindId::$variant,)* }
            }

            /// The kind's number: bytes required, list capacity, byte offset or HTTP status
            /// (0 for kinds without one).
            #[must_use]
            pub const fn detail(&self) -> usize {
                match *self {
                    ErrorKind::BufferTooSmall { required } => required,
                    ErrorKind::CapacityExceeded { capacity } => capacity,
                    ErrorKind::InvalidJson { offset }
                    | ErrorKind::InvalidXml { offset }
                    | ErrorKind::NestingTooDeep { offset } => offset,
                    // Widening: u16 always fits in usize.
                    ErrorKind::UnexpectedStatus { status } => status as usize,
                    _ => 0,
                }
            }
        }
    };
}

error_kind_ids! {
    ExpressPlay = 1;
    BufferTooSmall = 2;
    CapacityExceeded = 3;
    DuplicateParameter = 4;
    InvalidPercentEncoding = 5;
    InvalidUtf8 = 6;
    UnknownService = 7;
    InvalidUrl = 8;
    InvalidHost = 9;
    InvalidPort = 10;
    MissingField = 11;
    ControlCharacter = 12;
    InvalidHex = 13;
    InvalidKeyLength = 14;
    IntegrityCheckFailed = 15;
    InvalidTime = 16;
    InvalidJson = 17;
    InvalidXml = 18;
    UnexpectedContentType = 19;
    UnexpectedStatus = 20;
    InvalidValue = 21;
    InvalidToken = 22;
    UnknownParameter = 23;
    BadRequest = 24;
    Unauthorized = 25;
    Forbidden = 26;
    ContentNotFound = 27;
    NotAuthenticated = 28;
    NotAuthorized = 29;
    AuthorizationExpired = 30;
    NestingTooDeep = 31;
    NullArgument = 32;
}

/// An error with its kind, the offending parameter's wire name and a static message.
///
/// `Copy`, small, and free of secrets: it names parameters, never their values.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Error {
    kind: ErrorKind,
    parameter: Option<&'static str>,
    detail: Option<&'static str>,
}

impl Error {
    /// An error of `kind` about no particular parameter.
    #[must_use]
    pub const fn new(kind: ErrorKind) -> Self {
        Error {
            kind,
            parameter: None,
            detail: None,
        }
    }

    /// An ExpressPlay-documented fault on the parameter `parameter`.
    #[must_use]
    pub const fn expressplay(code: ExpressPlayCode, parameter: &'static str) -> Self {
        Error {
            kind: ErrorKind::ExpressPlay(code),
            parameter: Some(parameter),
            detail: None,
        }
    }

    /// `BufferTooSmall { required }`.
    #[must_use]
    pub const fn buffer_too_small(required: usize) -> Self {
        Error::new(ErrorKind::BufferTooSmall { required })
    }

    /// The same error, naming `parameter`.
    #[must_use]
    pub const fn with_parameter(mut self, parameter: &'static str) -> Self {
        self.parameter = Some(parameter);
        self
    }

    /// The same error, with a more specific static message than the kind's own.
    #[must_use]
    pub const fn with_detail(mut self, detail: &'static str) -> Self {
        self.detail = Some(detail);
        self
    }

    /// What went wrong.
    #[must_use]
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The service's documented code (e.g. `-2027`), or `0` for faults the service does not
    /// number (library errors such as [`ErrorKind::BufferTooSmall`]).
    #[must_use]
    pub const fn code(&self) -> i32 {
        match self.kind {
            ErrorKind::ExpressPlay(c) => c.code(),
            _ => 0,
        }
    }

    /// The ExpressPlay code, when this is a documented ExpressPlay fault.
    #[must_use]
    pub const fn expressplay_code(&self) -> Option<ExpressPlayCode> {
        match self.kind {
            ErrorKind::ExpressPlay(c) => Some(c),
            _ => None,
        }
    }

    /// The wire name of the offending parameter or field (`contentKey`, `nv-tenant-id`, ...).
    #[must_use]
    pub const fn parameter(&self) -> Option<&'static str> {
        self.parameter
    }

    /// A static, human-readable message: the seed's text for service codes, refined by a
    /// detail where the library knows more (e.g. why `generalFlags` was refused).
    #[must_use]
    pub const fn message(&self) -> &'static str {
        if let Some(detail) = self.detail {
            return detail;
        }
        match self.kind {
            ErrorKind::ExpressPlay(c) => c.message(),
            ErrorKind::BufferTooSmall { .. } => "output buffer too small",
            ErrorKind::CapacityExceeded { .. } => "too many entries for the fixed-capacity list",
            ErrorKind::DuplicateParameter => "parameter appears more than once",
            ErrorKind::InvalidPercentEncoding => "'%' not followed by two hexadecimal digits",
            ErrorKind::InvalidUtf8 => "value is not valid UTF-8",
            ErrorKind::UnknownService => "not an ExpressPlay token request URL",
            ErrorKind::InvalidUrl => "malformed URL",
            ErrorKind::InvalidHost => "not a valid DNS name or IP literal",
            ErrorKind::InvalidPort => "port must be 1 to 65535",
            ErrorKind::MissingField => "required value missing or empty",
            ErrorKind::ControlCharacter => "control character in a header value",
            ErrorKind::InvalidHex => "not a hexadecimal string",
            ErrorKind::InvalidKeyLength => "key length not allowed",
            ErrorKind::IntegrityCheckFailed => "RFC 3394 integrity check failed (wrong KEK or tampered key)",
            ErrorKind::InvalidTime => "not an RFC 3339 date-time in the Z zone or +seconds",
            ErrorKind::InvalidJson { .. } => "malformed or truncated JSON",
            ErrorKind::InvalidXml { .. } => "malformed or truncated XML",
            ErrorKind::NestingTooDeep { .. } => "nesting too deep (more than 64 levels)",
            ErrorKind::UnexpectedContentType => "unexpected content type for this response",
            ErrorKind::UnexpectedStatus { .. } => "unexpected HTTP status",
            ErrorKind::InvalidValue => "field has the wrong type or form",
            ErrorKind::InvalidToken => "token contains characters outside base64url and '=' padding",
            ErrorKind::UnknownParameter => "not a parameter of this service",
            ErrorKind::NullArgument => "required argument is NULL",
            ErrorKind::BadRequest => "bad request",
            ErrorKind::Unauthorized => "unauthorised: the bearer token was refused",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::ContentNotFound => "content not found",
            ErrorKind::NotAuthenticated => "not authenticated: the device must sign in first",
            ErrorKind::NotAuthorized => "not authorized for this resource",
            ErrorKind::AuthorizationExpired => "authorization expired",
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("code", &self.code())
            .field("parameter", &self.parameter)
            .field("message", &self.message())
            .finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_error(
            f,
            self.code(),
            self.message(),
            self.kind.id(),
            self.kind.detail(),
            self.parameter,
        )
    }
}

/// The one way an error reads, on every surface: `-2027: Content encryption key must be
/// 32-hexadecimal digits long [parameter contentKey]`, `output buffer too small (64 bytes
/// required)`, `malformed or truncated JSON at byte 7`. [`Error`]'s `Display` is this; a surface
/// that holds an error's parts rather than the error (C's `drmtoken_error`) calls it directly.
///
/// # Errors
/// `fmt::Error` from the writer.
pub fn write_error(
    f: &mut dyn fmt::Write,
    code: i32,
    message: &str,
    id: ErrorKindId,
    detail: usize,
    parameter: Option<&str>,
) -> fmt::Result {
    // `write_str` and `write_decimal` only: `write!` links core's formatting machinery
    // (`Formatter::pad_integral`, `fmt::write`, ...: about 1.5 KB of Cortex-M code; issue 18).
    if code != 0 {
        write_decimal(f, usize::try_from(code.unsigned_abs()).unwrap_or(usize::MAX), code < 0)?;
        f.write_str(": ")?;
    }
    f.write_str(message)?;
    let (before, after) = match id {
        ErrorKindId::BufferTooSmall => (" (", " bytes required)"),
        ErrorKindId::CapacityExceeded => (" (capacity ", ")"),
        ErrorKindId::InvalidJson | ErrorKindId::InvalidXml | ErrorKindId::NestingTooDeep => (" at byte ", ""),
        ErrorKindId::UnexpectedStatus => (" ", ""),
        _ => ("", ""),
    };
    if !before.is_empty() {
        f.write_str(before)?;
        write_decimal(f, detail, false)?;
        f.write_str(after)?;
    }
    if let Some(p) = parameter {
        f.write_str(" [parameter ")?;
        f.write_str(p)?;
        f.write_str("]")?;
    }
    Ok(())
}

// `write_decimal` takes every `i32` code's magnitude as a `usize`.
const _: () = assert!(usize::BITS >= 32);

/// Writes `n` in decimal (after a `-` when `negative`). In `usize` arithmetic: with `u64` a
/// 32-bit target divides through `compiler_builtins`' 64-bit divider (about 1 KB of Cortex-M
/// code that nothing else needs; issue 18).
fn write_decimal(f: &mut dyn fmt::Write, mut n: usize, negative: bool) -> fmt::Result {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        start -= 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if negative {
        f.write_str("-")?;
    }
    // ASCII digits: always UTF-8.
    f.write_str(core::str::from_utf8(digits.get(start..).unwrap_or_default()).unwrap_or_default())
}

impl core::error::Error for Error {}

impl From<ExpressPlayCode> for ErrorKind {
    fn from(code: ExpressPlayCode) -> Self {
        ErrorKind::ExpressPlay(code)
    }
}

#[cfg(test)]
mod write_error_tests {
    use super::*;
    use core::fmt::Write as _;

    fn text(code: i32, id: ErrorKindId, detail: usize, parameter: Option<&str>) -> heapless::String<128> {
        let mut s = heapless::String::new();
        write_error(&mut s, code, "msg", id, detail, parameter).unwrap();
        s
    }

    /// The byte-level number writing gives what `write!` gave.
    #[test]
    fn numbers_as_write_would() {
        for (code, id, detail, parameter) in [
            (-2027, ErrorKindId::ExpressPlay, 0, Some("contentKey")),
            (0, ErrorKindId::BufferTooSmall, 64, None),
            (0, ErrorKindId::CapacityExceeded, 8, None),
            (0, ErrorKindId::InvalidJson, 0, None),
            (0, ErrorKindId::NestingTooDeep, usize::MAX, None),
            (0, ErrorKindId::UnexpectedStatus, 418, None),
            (i32::MIN, ErrorKindId::InvalidXml, 1_000_000_007, Some("p")),
            (7, ErrorKindId::InvalidHost, 3, None),
        ] {
            let mut want = heapless::String::<128>::new();
            if code != 0 {
                write!(want, "{code}: ").unwrap();
            }
            want.push_str("msg").unwrap();
            match id {
                ErrorKindId::BufferTooSmall => write!(want, " ({detail} bytes required)").unwrap(),
                ErrorKindId::CapacityExceeded => write!(want, " (capacity {detail})").unwrap(),
                ErrorKindId::InvalidJson | ErrorKindId::InvalidXml | ErrorKindId::NestingTooDeep => {
                    write!(want, " at byte {detail}").unwrap();
                }
                ErrorKindId::UnexpectedStatus => write!(want, " {detail}").unwrap(),
                _ => {}
            }
            if let Some(p) = parameter {
                write!(want, " [parameter {p}]").unwrap();
            }
            assert_eq!(text(code, id, detail, parameter), want);
        }
    }
}
