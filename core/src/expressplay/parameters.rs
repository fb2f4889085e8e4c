//! The one declaration of every ExpressPlay parameter: one row each, in the seeds' table order
//! (the order of validation and encoding). Every other place a parameter appears is produced
//! from these rows by `cargo run -p drmtoken-codegen` (`scripts/gen-parameters.sh`):
//!
//! - the core's request structs, their `PARAMETERS`, `set`/`for_each_parameter`, redacting
//!   `Debug` and `validate` (`generated.rs`);
//! - the C request struct and the code that reads it (`ffi/src/c_api/expressplay_request.rs`);
//! - the uniffi records and their conversions (`ffi/src/uniffi_api/expressplay_records.rs`);
//!
//! and the CLI builds its flags from [`PARAMETERS`] at run time. Adding a parameter is one row
//! here plus its rule in `rules.rs` (a function of the row's `rule` name).
//!
//! This file stands alone (no `use` of the crate) so the generator can read it directly.

/// Which of the three services take a parameter (a bit set: [`FAIRPLAY`] | [`PLAYREADY`] |
/// [`WIDEVINE`]).
pub type Services = u8;
/// FairPlay takes it.
pub const FAIRPLAY: Services = 1;
/// PlayReady takes it.
pub const PLAYREADY: Services = 2;
/// Widevine takes it.
pub const WIDEVINE: Services = 4;
/// All three take it.
pub const ALL_SERVICES: Services = FAIRPLAY | PLAYREADY | WIDEVINE;

/// How often a parameter may appear in one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arity {
    /// At most once; a second occurrence is a `DuplicateParameter` error.
    Single,
    /// Any number of times, up to `MAX_EXTENSIONS`, kept in order.
    Repeated,
}

/// One parameter, as every surface knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parameter {
    /// The name on the wire and the CLI flag (`contentKey`).
    pub wire: &'static str,
    /// The field of the Rust, C and uniffi requests (`content_key`).
    pub field: &'static str,
    /// The services that take it.
    pub services: Services,
    /// A credential or a key: redacted from `Debug`, zeroized by the bindings, read from the
    /// environment by the CLI.
    pub secret: bool,
    /// Once, or repeatable.
    pub arity: Arity,
    /// A repeatable parameter whose i-th value belongs with the i-th value of this other one
    /// (`extensionPayload` with `extensionType`): encoded interleaved, checked as pairs.
    pub pairs_with: Option<&'static str>,
    /// The function of `rules.rs` that checks it (called in row order by `validate`).
    pub rule: &'static str,
    /// What it is, as every surface documents it.
    pub doc: &'static str,
}

impl Parameter {
    /// Whether `services` (one bit) takes this parameter.
    #[must_use]
    pub const fn taken_by(&self, services: Services) -> bool {
        self.services & services != 0
    }
}

const fn row(
    wire: &'static str,
    field: &'static str,
    services: Services,
    secret: bool,
    arity: Arity,
    rule: &'static str,
    doc: &'static str,
) -> Parameter {
    Parameter {
        wire,
        field,
        services,
        secret,
        arity,
        pairs_with: None,
        rule,
        doc,
    }
}

const fn paired(mut p: Parameter, with: &'static str) -> Parameter {
    p.pairs_with = Some(with);
    p
}

use Arity::{Repeated, Single};

const FP: Services = FAIRPLAY;
const PR: Services = PLAYREADY;
const WV: Services = WIDEVINE;
const ALL: Services = ALL_SERVICES;
const SECRET: bool = true;
const PLAIN: bool = false;

/// Every ExpressPlay parameter, in the seeds' table order.
///
/// `expirationTime` and `cookie` are not in the PlayReady seed's tables, but its error table
/// documents -2002 and -2033 for them and the service accepts them, so PlayReady takes them too.
#[rustfmt::skip]
pub const PARAMETERS: &[Parameter] = &[
    row("customerAuthenticator", "customer_authenticator", ALL, SECRET, Single, "customer_authenticator",
        "The customer API key (required)."),
    row("errorFormat", "error_format", ALL, PLAIN, Single, "error_format",
        "`html` (the default) or `json`."),
    row("generalFlags", "general_flags", ALL, PLAIN, Single, "general_flags",
        "FairPlay and Widevine: `0000`, the only allowed value. PlayReady: 4 bytes as 8 hexadecimal \
         digits; `00000001` (persistent) is required for a `Rental`."),
    row("kek", "kek", ALL, SECRET, Single, "kek",
        "The key encryption key: 32, 48 or 64 hexadecimal digits. FairPlay: with `kek`, give `kid` \
         or `ek`, not both. PlayReady: not together with `contentKey`."),
    row("kid", "kid", ALL, PLAIN, Single, "kid",
        "The key id: 32 hexadecimal digits, or `^` and 1 to 64 characters. Required for PlayReady \
         and Widevine."),
    row("ek", "ek", ALL, SECRET, Single, "ek",
        "The content key wrapped under `kek` (RFC 3394): 48 hexadecimal digits. Needs `kek`."),
    row("contentKey", "content_key", ALL, SECRET, Single, "content_key",
        "The content key: 32 hexadecimal digits. Required unless `kek` and `ek`, or `kid`, are given."),
    row("iv", "iv", FP, PLAIN, Single, "iv",
        "The content IV: 32 hexadecimal digits (required)."),
    row("rentalDuration", "rental_duration", FP, PLAIN, Single, "rental_duration",
        "The rental duration in seconds (default 0)."),
    row("fpExtension", "fp_extensions", FP, PLAIN, Repeated, "fp_extension",
        "An extension as `type,payload`: a type of 4 printable ASCII characters, a comma, base64 (`wudo,AAAAAA==`)."),
    row("rightsType", "rights_type", PR, PLAIN, Single, "rights_type",
        "`BuyToOwn` or `Rental` (required)."),
    row("rental.periodEndTime", "rental_period_end_time", PR, PLAIN, Single, "rental_period_end_time",
        "When the rental ends: RFC 3339 in the `Z` zone, or `+seconds`. Required for a `Rental`."),
    row("rental.playDuration", "rental_play_duration", PR, PLAIN, Single, "rental_play_duration",
        "Seconds the content plays once started (`Rental` only)."),
    row("analogVideoOPL", "analog_video_opl", PR, PLAIN, Single, "analog_video_opl",
        "Output protection level for analog video: 0 to 999 (required)."),
    row("compressedDigitalAudioOPL", "compressed_digital_audio_opl", PR, PLAIN, Single, "compressed_digital_audio_opl",
        "Output protection level for compressed digital audio: 0 to 999 (required)."),
    row("compressedDigitalVideoOPL", "compressed_digital_video_opl", PR, PLAIN, Single, "compressed_digital_video_opl",
        "Output protection level for compressed digital video: 0 to 999 (required)."),
    row("uncompressedDigitalAudioOPL", "uncompressed_digital_audio_opl", PR, PLAIN, Single, "uncompressed_digital_audio_opl",
        "Output protection level for uncompressed digital audio: 0 to 999 (required)."),
    row("uncompressedDigitalVideoOPL", "uncompressed_digital_video_opl", PR, PLAIN, Single, "uncompressed_digital_video_opl",
        "Output protection level for uncompressed digital video: 0 to 999 (required)."),
    row("unknownOutputBehavior", "unknown_output_behavior", PR, PLAIN, Single, "unknown_output_behavior",
        "`Allow`, `Disallow` or `SDOnly`."),
    row("outputControlFlags", "output_control_flags", PR, PLAIN, Single, "output_control_flags",
        "4 bytes as 8 hexadecimal digits."),
    row("extensionType", "extension_types", PR, PLAIN, Repeated, "extension_type",
        "An extension's type: 4 printable ASCII characters (one byte each of a 32-bit id). The i-th pairs with the i-th `extensionPayload`."),
    paired(row("extensionPayload", "extension_payloads", PR, PLAIN, Repeated, "extension_payload",
        "An extension's payload, base64. The i-th pairs with the i-th `extensionType`."), "extensionType"),
    row("contentId", "content_id", WV, PLAIN, Single, "content_id",
        "The content id (free text)."),
    row("securityLevel", "security_level", WV, PLAIN, Single, "security_level",
        "1 (`SW_SECURE_CRYPTO`) to 5 (`HW_SECURE_ALL`) (required)."),
    row("hdcpOutputControl", "hdcp_output_control", WV, PLAIN, Single, "hdcp_output_control",
        "0 (`HDCP_NONE`), 1 (`HDCP_V1`) or 2 (`HDCP_V2`) (required)."),
    row("licenseDuration", "license_duration", WV, PLAIN, Single, "license_duration",
        "Seconds of playback once it begins; absent means unlimited."),
    row("wvExtension", "wv_extensions", WV, PLAIN, Repeated, "wv_extension",
        "An extension as `type,payload`: a type of 4 printable ASCII characters, a comma, base64 (`wudo,AAAAAA==`)."),
    row("expirationTime", "expiration_time", ALL, PLAIN, Single, "expiration_time",
        "When the token expires: RFC 3339 in the `Z` zone, or `+seconds`; at most 30 days ahead."),
    row("cookie", "cookie", ALL, PLAIN, Single, "cookie",
        "Up to 32 characters, logged by the redemption server."),
];
