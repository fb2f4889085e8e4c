//! ExpressPlay token requests (FairPlay, PlayReady, Widevine) as uniffi records.
//!
//! Each record's fields are the seed's parameters by wire name (`contentKey` is `content_key`),
//! as text, `None`/`null`/`nil` meaning "not sent"; the methods validate the request with the
//! service's own codes and encode it, exactly as the core (and so the C API and the CLI) do.
//! `parse_url`/`check_url` read a request back from its wire form.
//!
//! Secrets (`customerAuthenticator`, `kek`, `ek`, `contentKey`) are redacted from the generated
//! `toString()` (Kotlin), `description`/`debugDescription` (Swift) and `str()`/`repr()` (Python):
//! the records export Rust's `Debug` and `Display`, which delegate to the core's redacting `Debug`.

use std::fmt;

use drmtoken_core::expressplay as core_ep;
use drmtoken_core::{Error, ErrorKind};
use zeroize::Zeroizing;

use super::error::DrmTokenError;
use super::secret::{secret, wiped, SecretString};

/// One of the three ExpressPlay token services.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Service {
    /// FairPlay Streaming (`fp-gen.<domain>/hms/fp/token`).
    FairPlay,
    /// PlayReady (`pr-gen.<domain>/hms/pr/token`).
    PlayReady,
    /// Widevine Modular (`wv-gen.<domain>/hms/wv/token`).
    Widevine,
}

impl From<core_ep::Service> for Service {
    fn from(s: core_ep::Service) -> Self {
        match s {
            core_ep::Service::FairPlay => Service::FairPlay,
            core_ep::Service::PlayReady => Service::PlayReady,
            core_ep::Service::Widevine => Service::Widevine,
        }
    }
}

impl From<Service> for core_ep::Service {
    fn from(s: Service) -> Self {
        match s {
            Service::FairPlay => core_ep::Service::FairPlay,
            Service::PlayReady => core_ep::Service::PlayReady,
            Service::Widevine => core_ep::Service::Widevine,
        }
    }
}

/// Where a token request goes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Environment {
    /// `https://<p>-gen.test.expressplay.com`: needs the test authenticator.
    Test,
    /// `https://<p>-gen.service.expressplay.com`.
    Production,
    /// A custom production domain: `https://<p>-gen.<domain>`.
    Domain {
        /// The domain, e.g. `expressplay.example.com`.
        domain: String,
    },
    /// A whole host (optionally `host:port`) used as-is, e.g. a proxy.
    Host {
        /// The host, e.g. `proxy.example.com:8443`.
        host: String,
    },
}

impl Environment {
    fn to_core(&self) -> core_ep::Environment<'_> {
        match self {
            Environment::Test => core_ep::Environment::Test,
            Environment::Production => core_ep::Environment::Production,
            Environment::Domain { domain } => core_ep::Environment::Domain(domain),
            Environment::Host { host } => core_ep::Environment::Host(host),
        }
    }

    fn from_core(e: core_ep::Environment<'_>) -> Self {
        match e {
            core_ep::Environment::Test => Environment::Test,
            core_ep::Environment::Production => Environment::Production,
            core_ep::Environment::Domain(d) => Environment::Domain { domain: d.to_owned() },
            core_ep::Environment::Host(h) => Environment::Host { host: h.to_owned() },
        }
    }
}

/// PlayReady `rightsType`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum RightsType {
    /// `BuyToOwn`: a permanent licence.
    BuyToOwn,
    /// `Rental`: needs `rental.periodEndTime` and `generalFlags=00000001`.
    Rental,
    /// Any other text, as found on the wire; validation refuses it with -2021.
    Other {
        /// The text sent.
        value: String,
    },
}

impl RightsType {
    fn as_wire(&self) -> &str {
        match self {
            RightsType::BuyToOwn => "BuyToOwn",
            RightsType::Rental => "Rental",
            RightsType::Other { value } => value,
        }
    }

    fn from_wire(s: &str) -> Self {
        match s {
            "BuyToOwn" => RightsType::BuyToOwn,
            "Rental" => RightsType::Rental,
            other => RightsType::Other {
                value: other.to_owned(),
            },
        }
    }
}

/// A non-fatal finding beside a valid request (the service ignores the parameter).
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Warning {
    /// The wire name of the parameter concerned.
    pub parameter: String,
    /// Why it is ignored.
    pub message: String,
}

fn warnings(w: core_ep::Warnings) -> Vec<Warning> {
    w.iter()
        .map(|w| Warning {
            parameter: match w {
                core_ep::Warning::IgnoredUnlessRental { parameter } => (*parameter).to_owned(),
                _ => String::new(),
            },
            message: w.to_string(),
        })
        .collect()
}

/// One PlayReady extension: `extensionType` (4 characters) and `extensionPayload` (base64).
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct PlayReadyExtension {
    /// `extensionType`.
    #[uniffi(default = None)]
    pub extension_type: Option<String>,
    /// `extensionPayload`.
    #[uniffi(default = None)]
    pub extension_payload: Option<String>,
}

/// A FairPlay token request (seed "FairPlay Streaming license token request / response").
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug, Display)]
pub struct FairPlayTokenRequest {
    /// Where to send it.
    pub environment: Environment,
    /// `customerAuthenticator`: the customer API key (required; secret).
    #[uniffi(default = None)]
    pub customer_authenticator: Option<SecretString>,
    /// `errorFormat`: `html` (default) or `json`.
    #[uniffi(default = None)]
    pub error_format: Option<String>,
    /// `generalFlags`: 8 hex digits, `00000000` only.
    #[uniffi(default = None)]
    pub general_flags: Option<String>,
    /// `kek`: key encryption key, hex (secret).
    #[uniffi(default = None)]
    pub kek: Option<SecretString>,
    /// `kid`: 32 hex digits or `^` and up to 64 characters.
    #[uniffi(default = None)]
    pub kid: Option<String>,
    /// `ek`: the content key wrapped under `kek` (RFC 3394), hex.
    #[uniffi(default = None)]
    pub ek: Option<SecretString>,
    /// `contentKey`: 32 hex digits (secret).
    #[uniffi(default = None)]
    pub content_key: Option<SecretString>,
    /// `iv`: 32 hex digits (required).
    #[uniffi(default = None)]
    pub iv: Option<String>,
    /// `rentalDuration`: seconds.
    #[uniffi(default = None)]
    pub rental_duration: Option<String>,
    /// `fpExtension` values, in order (at most 8).
    #[uniffi(default = [])]
    pub fp_extensions: Vec<String>,
    /// `expirationTime`: RFC 3339 in the `Z` zone or `+seconds`; at most 30 days.
    #[uniffi(default = None)]
    pub expiration_time: Option<String>,
    /// `cookie`: up to 32 characters.
    #[uniffi(default = None)]
    pub cookie: Option<String>,
}

/// A PlayReady token request (seed "PlayReady license token request / response").
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug, Display)]
pub struct PlayReadyTokenRequest {
    /// Where to send it.
    pub environment: Environment,
    /// `customerAuthenticator`: the customer API key (required; secret).
    #[uniffi(default = None)]
    pub customer_authenticator: Option<SecretString>,
    /// `errorFormat`: `html` (default) or `json`.
    #[uniffi(default = None)]
    pub error_format: Option<String>,
    /// `generalFlags`: 8 hex digits; `00000001` = persistent, required for a `Rental`.
    #[uniffi(default = None)]
    pub general_flags: Option<String>,
    /// `kek`: key encryption key, hex (secret). Not together with `contentKey`.
    #[uniffi(default = None)]
    pub kek: Option<SecretString>,
    /// `kid`: 32 hex digits or `^` and up to 64 characters (required).
    #[uniffi(default = None)]
    pub kid: Option<String>,
    /// `ek`: the content key wrapped under `kek` (RFC 3394), hex.
    #[uniffi(default = None)]
    pub ek: Option<SecretString>,
    /// `contentKey`: 32 hex digits (secret).
    #[uniffi(default = None)]
    pub content_key: Option<SecretString>,
    /// `rightsType` (required).
    #[uniffi(default = None)]
    pub rights_type: Option<RightsType>,
    /// `rental.periodEndTime`: RFC 3339 `Z` or `+seconds`; required for a `Rental`.
    #[uniffi(default = None)]
    pub rental_period_end_time: Option<String>,
    /// `rental.playDuration`: seconds (`Rental` only).
    #[uniffi(default = None)]
    pub rental_play_duration: Option<String>,
    /// `analogVideoOPL`: 0-999 (required).
    #[uniffi(default = None)]
    pub analog_video_opl: Option<String>,
    /// `compressedDigitalAudioOPL`: 0-999 (required).
    #[uniffi(default = None)]
    pub compressed_digital_audio_opl: Option<String>,
    /// `compressedDigitalVideoOPL`: 0-999 (required).
    #[uniffi(default = None)]
    pub compressed_digital_video_opl: Option<String>,
    /// `uncompressedDigitalAudioOPL`: 0-999 (required).
    #[uniffi(default = None)]
    pub uncompressed_digital_audio_opl: Option<String>,
    /// `uncompressedDigitalVideoOPL`: 0-999 (required).
    #[uniffi(default = None)]
    pub uncompressed_digital_video_opl: Option<String>,
    /// `unknownOutputBehavior`: `Allow`, `Disallow` or `SDOnly`.
    #[uniffi(default = None)]
    pub unknown_output_behavior: Option<String>,
    /// `outputControlFlags`: 4 bytes as 8 hex digits.
    #[uniffi(default = None)]
    pub output_control_flags: Option<String>,
    /// `extensionType`/`extensionPayload` pairs, in order (at most 8).
    #[uniffi(default = [])]
    pub extensions: Vec<PlayReadyExtension>,
    /// `expirationTime`: RFC 3339 in the `Z` zone or `+seconds`; at most 30 days.
    #[uniffi(default = None)]
    pub expiration_time: Option<String>,
    /// `cookie`: up to 32 characters.
    #[uniffi(default = None)]
    pub cookie: Option<String>,
}

/// A Widevine token request (seed "Widevine Modular license token request / response").
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug, Display)]
pub struct WidevineTokenRequest {
    /// Where to send it.
    pub environment: Environment,
    /// `customerAuthenticator`: the customer API key (required; secret).
    #[uniffi(default = None)]
    pub customer_authenticator: Option<SecretString>,
    /// `errorFormat`: `html` (default) or `json`.
    #[uniffi(default = None)]
    pub error_format: Option<String>,
    /// `generalFlags`: 8 hex digits, `00000000` only.
    #[uniffi(default = None)]
    pub general_flags: Option<String>,
    /// `kek`: key encryption key, hex (secret).
    #[uniffi(default = None)]
    pub kek: Option<SecretString>,
    /// `kid`: 32 hex digits or `^` and up to 64 characters (required).
    #[uniffi(default = None)]
    pub kid: Option<String>,
    /// `ek`: the content key wrapped under `kek` (RFC 3394), hex.
    #[uniffi(default = None)]
    pub ek: Option<SecretString>,
    /// `contentKey`: 32 hex digits (secret).
    #[uniffi(default = None)]
    pub content_key: Option<SecretString>,
    /// `contentId`: the content identifier.
    #[uniffi(default = None)]
    pub content_id: Option<String>,
    /// `securityLevel`: 1 to 5 (required).
    #[uniffi(default = None)]
    pub security_level: Option<String>,
    /// `hdcpOutputControl`: 0 to 2 (required).
    #[uniffi(default = None)]
    pub hdcp_output_control: Option<String>,
    /// `licenseDuration`: seconds.
    #[uniffi(default = None)]
    pub license_duration: Option<String>,
    /// `wvExtension` values, in order (at most 8).
    #[uniffi(default = [])]
    pub wv_extensions: Vec<String>,
    /// `expirationTime`: RFC 3339 in the `Z` zone or `+seconds`; at most 30 days.
    #[uniffi(default = None)]
    pub expiration_time: Option<String>,
    /// `cookie`: up to 32 characters.
    #[uniffi(default = None)]
    pub cookie: Option<String>,
}

fn opt<S: std::ops::Deref<Target = str>>(s: &Option<S>) -> Option<&str> {
    s.as_deref()
}

fn owned(s: Option<&str>) -> Option<String> {
    s.map(str::to_owned)
}

/// Copies a list into the core's fixed-capacity one; too many entries is `CapacityExceeded`
/// naming the parameter, never a silent truncation.
fn fixed<'a, T: 'a, const N: usize>(
    items: impl IntoIterator<Item = T>,
    parameter: &'static str,
) -> Result<heapless::Vec<T, N>, Error> {
    let mut out = heapless::Vec::new();
    for item in items {
        out.push(item)
            .map_err(|_| Error::new(ErrorKind::CapacityExceeded { capacity: N }).with_parameter(parameter))?;
    }
    Ok(out)
}

impl FairPlayTokenRequest {
    fn to_core(&self) -> Result<core_ep::FairPlayTokenRequest<'_>, Error> {
        Ok(core_ep::FairPlayTokenRequest {
            environment: self.environment.to_core(),
            customer_authenticator: opt(&self.customer_authenticator),
            error_format: opt(&self.error_format),
            general_flags: opt(&self.general_flags),
            kek: opt(&self.kek),
            kid: opt(&self.kid),
            ek: opt(&self.ek),
            content_key: opt(&self.content_key),
            iv: opt(&self.iv),
            rental_duration: opt(&self.rental_duration),
            fp_extensions: fixed(self.fp_extensions.iter().map(String::as_str), "fpExtension")?,
            expiration_time: opt(&self.expiration_time),
            cookie: opt(&self.cookie),
        })
    }

    fn from_core(r: &core_ep::FairPlayTokenRequest<'_>) -> Self {
        FairPlayTokenRequest {
            environment: Environment::from_core(r.environment),
            customer_authenticator: secret(r.customer_authenticator),
            error_format: owned(r.error_format),
            general_flags: owned(r.general_flags),
            kek: secret(r.kek),
            kid: owned(r.kid),
            ek: secret(r.ek),
            content_key: secret(r.content_key),
            iv: owned(r.iv),
            rental_duration: owned(r.rental_duration),
            fp_extensions: r.fp_extensions.iter().map(|s| (*s).to_owned()).collect(),
            expiration_time: owned(r.expiration_time),
            cookie: owned(r.cookie),
        }
    }
}

impl PlayReadyTokenRequest {
    fn to_core(&self) -> Result<core_ep::PlayReadyTokenRequest<'_>, Error> {
        // Minimal compile fix (surface-c): the core pairs extensions by position in two lists.
        let extension_types = self.extensions.iter().filter_map(|e| opt(&e.extension_type));
        let extension_payloads = self.extensions.iter().filter_map(|e| opt(&e.extension_payload));
        Ok(core_ep::PlayReadyTokenRequest {
            environment: self.environment.to_core(),
            customer_authenticator: opt(&self.customer_authenticator),
            error_format: opt(&self.error_format),
            general_flags: opt(&self.general_flags),
            kek: opt(&self.kek),
            kid: opt(&self.kid),
            ek: opt(&self.ek),
            content_key: opt(&self.content_key),
            rights_type: self.rights_type.as_ref().map(RightsType::as_wire),
            rental_period_end_time: opt(&self.rental_period_end_time),
            rental_play_duration: opt(&self.rental_play_duration),
            analog_video_opl: opt(&self.analog_video_opl),
            compressed_digital_audio_opl: opt(&self.compressed_digital_audio_opl),
            compressed_digital_video_opl: opt(&self.compressed_digital_video_opl),
            uncompressed_digital_audio_opl: opt(&self.uncompressed_digital_audio_opl),
            uncompressed_digital_video_opl: opt(&self.uncompressed_digital_video_opl),
            unknown_output_behavior: opt(&self.unknown_output_behavior),
            output_control_flags: opt(&self.output_control_flags),
            extension_types: fixed(extension_types, "extensionType")?,
            extension_payloads: fixed(extension_payloads, "extensionPayload")?,
            expiration_time: opt(&self.expiration_time),
            cookie: opt(&self.cookie),
        })
    }

    fn from_core(r: &core_ep::PlayReadyTokenRequest<'_>) -> Self {
        PlayReadyTokenRequest {
            environment: Environment::from_core(r.environment),
            customer_authenticator: secret(r.customer_authenticator),
            error_format: owned(r.error_format),
            general_flags: owned(r.general_flags),
            kek: secret(r.kek),
            kid: owned(r.kid),
            ek: secret(r.ek),
            content_key: secret(r.content_key),
            rights_type: r.rights_type.map(RightsType::from_wire),
            rental_period_end_time: owned(r.rental_period_end_time),
            rental_play_duration: owned(r.rental_play_duration),
            analog_video_opl: owned(r.analog_video_opl),
            compressed_digital_audio_opl: owned(r.compressed_digital_audio_opl),
            compressed_digital_video_opl: owned(r.compressed_digital_video_opl),
            uncompressed_digital_audio_opl: owned(r.uncompressed_digital_audio_opl),
            uncompressed_digital_video_opl: owned(r.uncompressed_digital_video_opl),
            unknown_output_behavior: owned(r.unknown_output_behavior),
            output_control_flags: owned(r.output_control_flags),
            extensions: (0..r.extension_types.len().max(r.extension_payloads.len()))
                .map(|i| PlayReadyExtension {
                    extension_type: r.extension_types.get(i).map(|s| (*s).to_owned()),
                    extension_payload: r.extension_payloads.get(i).map(|s| (*s).to_owned()),
                })
                .collect(),
            expiration_time: owned(r.expiration_time),
            cookie: owned(r.cookie),
        }
    }
}

impl WidevineTokenRequest {
    fn to_core(&self) -> Result<core_ep::WidevineTokenRequest<'_>, Error> {
        Ok(core_ep::WidevineTokenRequest {
            environment: self.environment.to_core(),
            customer_authenticator: opt(&self.customer_authenticator),
            error_format: opt(&self.error_format),
            general_flags: opt(&self.general_flags),
            kek: opt(&self.kek),
            kid: opt(&self.kid),
            ek: opt(&self.ek),
            content_key: opt(&self.content_key),
            content_id: opt(&self.content_id),
            security_level: opt(&self.security_level),
            hdcp_output_control: opt(&self.hdcp_output_control),
            license_duration: opt(&self.license_duration),
            wv_extensions: fixed(self.wv_extensions.iter().map(String::as_str), "wvExtension")?,
            expiration_time: opt(&self.expiration_time),
            cookie: opt(&self.cookie),
        })
    }

    fn from_core(r: &core_ep::WidevineTokenRequest<'_>) -> Self {
        WidevineTokenRequest {
            environment: Environment::from_core(r.environment),
            customer_authenticator: secret(r.customer_authenticator),
            error_format: owned(r.error_format),
            general_flags: owned(r.general_flags),
            kek: secret(r.kek),
            kid: owned(r.kid),
            ek: secret(r.ek),
            content_key: secret(r.content_key),
            content_id: owned(r.content_id),
            security_level: owned(r.security_level),
            hdcp_output_control: owned(r.hdcp_output_control),
            license_duration: owned(r.license_duration),
            wv_extensions: r.wv_extensions.iter().map(|s| (*s).to_owned()).collect(),
            expiration_time: owned(r.expiration_time),
            cookie: owned(r.cookie),
        }
    }
}

/// Runs a producing core call with an exactly sized buffer, into an owned `String`.
fn produce(len: usize, write: impl FnOnce(&mut [u8]) -> Result<usize, Error>) -> Result<String, DrmTokenError> {
    // A URL or body carries the request's secrets: the buffer is wiped unless it is handed back.
    let mut buf = Zeroizing::new(vec![0u8; len]);
    let n = write(&mut buf)?;
    buf.truncate(n);
    String::from_utf8(std::mem::take(&mut *buf)).map_err(|_| Error::new(ErrorKind::InvalidUtf8).into())
}

/// The same methods on every request record; the record's own `Debug` (redacting, via the core)
/// serves as `Display` too, so no generated `toString`/`str` prints a secret.
macro_rules! request_api {
    ($ty:ident, $name:literal) => {
        #[uniffi::export]
        impl $ty {
            /// Validates the request as the service would, `now` being the caller's Unix time in
            /// seconds (without it an absolute `expirationTime` is checked for form only).
            /// Returns the warnings of a valid request.
            ///
            /// # Errors
            /// `DrmTokenError.ExpressPlay` with the service's code for the first fault in the
            /// seed's table order; `InvalidHost`/`InvalidPort` for a custom environment;
            /// `CapacityExceeded` for more than 8 extensions.
            pub fn validate(&self, now: Option<i64>) -> Result<Vec<Warning>, DrmTokenError> {
                Ok(warnings(self.to_core()?.validate(now)?))
            }

            /// The GET URL: endpoint and percent-encoded query (does not validate: call
            /// `validate` first).
            ///
            /// # Errors
            /// `InvalidHost`, `InvalidPort`, `CapacityExceeded`.
            pub fn url(&self) -> Result<String, DrmTokenError> {
                let r = self.to_core()?;
                produce(r.url_len(), |b| r.write_url(b).map(str::len))
            }

            /// The `application/x-www-form-urlencoded` POST body (the same parameters as the URL).
            ///
            /// # Errors
            /// `CapacityExceeded`.
            pub fn form_body(&self) -> Result<String, DrmTokenError> {
                let r = self.to_core()?;
                produce(r.form_body_len(), |b| r.write_form_body(b).map(str::len))
            }

            /// The endpoint to POST the form body to (the URL without a query).
            ///
            /// # Errors
            /// `InvalidHost`, `InvalidPort`.
            pub fn endpoint(&self) -> Result<String, DrmTokenError> {
                let r = self.to_core()?;
                produce(r.endpoint_len(), |b| r.write_endpoint(b).map(str::len))
            }
        }

        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.to_core() {
                    Ok(r) => fmt::Debug::fmt(&r, f),
                    // Too many extensions for the core: still never print a field's value.
                    Err(_) => f.write_str(concat!($name, " { <more extensions than the service allows> }")),
                }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(self, f)
            }
        }
    };
}

request_api!(FairPlayTokenRequest, "FairPlayTokenRequest");
request_api!(PlayReadyTokenRequest, "PlayReadyTokenRequest");
request_api!(WidevineTokenRequest, "WidevineTokenRequest");

// Compile-time proof that every secret field wipes itself on drop (issue 16): changing one of
// these fields back to `String` stops the crate from building.
macro_rules! secrets_are_wiped {
    ($($ty:ident),*) => {$(
        const _: fn(&$ty) = |r| {
            wiped(&r.customer_authenticator);
            wiped(&r.kek);
            wiped(&r.ek);
            wiped(&r.content_key);
        };
    )*};
}
secrets_are_wiped!(FairPlayTokenRequest, PlayReadyTokenRequest, WidevineTokenRequest);
const _: fn(&Parameter) = |p| wiped(&p.value);

/// A request of any of the three services, as `parse_url` finds it.
#[derive(Clone, PartialEq, Eq, uniffi::Enum)]
#[uniffi::export(Debug, Display)]
pub enum TokenRequest {
    /// A FairPlay request.
    FairPlay {
        /// The request.
        request: FairPlayTokenRequest,
    },
    /// A PlayReady request.
    PlayReady {
        /// The request.
        request: PlayReadyTokenRequest,
    },
    /// A Widevine request.
    Widevine {
        /// The request.
        request: WidevineTokenRequest,
    },
}

impl TokenRequest {
    fn from_core(r: &core_ep::TokenRequest<'_>) -> Self {
        match r {
            core_ep::TokenRequest::FairPlay(r) => TokenRequest::FairPlay {
                request: FairPlayTokenRequest::from_core(r),
            },
            core_ep::TokenRequest::PlayReady(r) => TokenRequest::PlayReady {
                request: PlayReadyTokenRequest::from_core(r),
            },
            core_ep::TokenRequest::Widevine(r) => TokenRequest::Widevine {
                request: WidevineTokenRequest::from_core(r),
            },
        }
    }
}

macro_rules! each_request {
    ($self:expr, $r:ident => $body:expr) => {
        match $self {
            TokenRequest::FairPlay { request: $r } => $body,
            TokenRequest::PlayReady { request: $r } => $body,
            TokenRequest::Widevine { request: $r } => $body,
        }
    };
}

#[uniffi::export]
impl TokenRequest {
    /// Which service the request is for.
    pub fn service(&self) -> Service {
        match self {
            TokenRequest::FairPlay { .. } => Service::FairPlay,
            TokenRequest::PlayReady { .. } => Service::PlayReady,
            TokenRequest::Widevine { .. } => Service::Widevine,
        }
    }

    /// Validates the request; see the service's `validate`.
    ///
    /// # Errors
    /// As the service's `validate`.
    pub fn validate(&self, now: Option<i64>) -> Result<Vec<Warning>, DrmTokenError> {
        each_request!(self, r => r.validate(now))
    }

    /// The GET URL; see the service's `url`.
    ///
    /// # Errors
    /// As the service's `url`.
    pub fn url(&self) -> Result<String, DrmTokenError> {
        each_request!(self, r => r.url())
    }

    /// The POST body; see the service's `form_body`.
    ///
    /// # Errors
    /// As the service's `form_body`.
    pub fn form_body(&self) -> Result<String, DrmTokenError> {
        each_request!(self, r => r.form_body())
    }

    /// The POST endpoint; see the service's `endpoint`.
    ///
    /// # Errors
    /// As the service's `endpoint`.
    pub fn endpoint(&self) -> Result<String, DrmTokenError> {
        each_request!(self, r => r.endpoint())
    }
}

impl fmt::Debug for TokenRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        each_request!(self, r => fmt::Debug::fmt(r, f))
    }
}

impl fmt::Display for TokenRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// A parameter the service does not list (ignored by the service, often a typo).
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct UnknownParameter {
    /// The name as it appears on the wire.
    pub name: String,
    /// The service's parameter it most likely meant (`contentkey` → `contentKey`).
    pub suggestion: Option<String>,
}

/// A request read back from its wire form, and the unknown parameters found beside it.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct ParsedTokenRequest {
    /// The request.
    pub request: TokenRequest,
    /// Unknown parameters, in order of appearance (up to 8).
    pub unknown_parameters: Vec<UnknownParameter>,
    /// How many more unknown parameters there were.
    pub unknown_omitted: u64,
}

fn parsed(p: &core_ep::Parsed<'_, core_ep::TokenRequest<'_>>) -> ParsedTokenRequest {
    ParsedTokenRequest {
        request: TokenRequest::from_core(&p.request),
        unknown_parameters: p
            .unknown
            .iter()
            .map(|u| UnknownParameter {
                name: u.name.to_owned(),
                suggestion: u.suggestion.map(str::to_owned),
            })
            .collect(),
        unknown_omitted: p.unknown_omitted as u64,
    }
}

/// Parses a full ExpressPlay token request URL, finding the service from the path and the
/// environment from the host. Does not validate (see `check_url`).
///
/// # Errors
/// `InvalidUrl`, `UnknownService`, `InvalidHost`, `InvalidPort`, `DuplicateParameter`,
/// `CapacityExceeded`, `InvalidPercentEncoding`, `InvalidUtf8`.
#[uniffi::export]
pub fn parse_url(url: String) -> Result<ParsedTokenRequest, DrmTokenError> {
    // The URL and the decoded values in `scratch` hold the request's secrets.
    let url = Zeroizing::new(url);
    let mut scratch = Zeroizing::new(vec![0u8; url.len()]);
    let p = core_ep::parse_url(&url, &mut scratch)?;
    Ok(parsed(&p))
}

/// Parses a query string or POST form body for `service` and `environment` (a leading `?` is
/// ignored). Does not validate.
///
/// # Errors
/// `DuplicateParameter`, `CapacityExceeded`, `InvalidPercentEncoding`, `InvalidUtf8`.
#[uniffi::export]
pub fn parse_query(
    service: Service,
    environment: Environment,
    query: String,
) -> Result<ParsedTokenRequest, DrmTokenError> {
    let query = Zeroizing::new(query);
    let mut scratch = Zeroizing::new(vec![0u8; query.len()]);
    let p = core_ep::parse_query(service.into(), environment.to_core(), &query, &mut scratch)?;
    Ok(parsed(&p))
}

/// What `check_url` found in a valid request URL; free of secrets.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct UrlCheck {
    /// The service the URL is for.
    pub service: Service,
    /// The environment its host names.
    pub environment: Environment,
    /// Non-fatal findings on the request.
    pub warnings: Vec<Warning>,
    /// Parameters the service does not list (it ignores them).
    pub unknown_parameters: Vec<UnknownParameter>,
}

/// Parses and validates a token request URL as the service would (the CLI's `check`).
///
/// # Errors
/// Those of `parse_url`, then those of the service's `validate`.
#[uniffi::export]
pub fn check_url(url: String, now: Option<i64>) -> Result<UrlCheck, DrmTokenError> {
    let url = Zeroizing::new(url);
    let mut scratch = Zeroizing::new(vec![0u8; url.len()]);
    let p = core_ep::parse_url(&url, &mut scratch)?;
    let w = p.request.validate(now)?;
    let ParsedTokenRequest { unknown_parameters, .. } = parsed(&p);
    Ok(UrlCheck {
        service: p.request.service().into(),
        environment: Environment::from_core(p.request.environment()),
        warnings: warnings(w),
        unknown_parameters,
    })
}

/// A `name=value` pair by wire name (`contentKey`), for `request_from_parameters`.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug, Display)]
pub struct Parameter {
    /// The wire name.
    pub name: String,
    /// The value, as text (not percent-encoded); wiped on drop, as it may be a secret.
    pub value: SecretString,
}

impl fmt::Debug for Parameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The value may be a secret (contentKey, kek...): show the name only.
        f.debug_struct("Parameter")
            .field("name", &self.name)
            .field("value", &"<redacted>")
            .finish()
    }
}

impl fmt::Display for Parameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// Builds a request for `service` from parameters by wire name, in order (extensions append),
/// e.g. from configuration. Does not validate.
///
/// # Errors
/// `UnknownParameter` (naming no parameter: the name is the caller's), `DuplicateParameter`,
/// `CapacityExceeded`.
#[uniffi::export]
pub fn request_from_parameters(
    service: Service,
    environment: Environment,
    parameters: Vec<Parameter>,
) -> Result<TokenRequest, DrmTokenError> {
    macro_rules! fill {
        ($ty:ident, $variant:ident) => {{
            let mut r = core_ep::$ty {
                environment: environment.to_core(),
                ..Default::default()
            };
            for p in &parameters {
                r.set(&p.name, &p.value)?;
            }
            TokenRequest::$variant {
                request: $ty::from_core(&r),
            }
        }};
    }
    Ok(match service {
        Service::FairPlay => fill!(FairPlayTokenRequest, FairPlay),
        Service::PlayReady => fill!(PlayReadyTokenRequest, PlayReady),
        Service::Widevine => fill!(WidevineTokenRequest, Widevine),
    })
}

/// The content type of the POST form body: `application/x-www-form-urlencoded`.
#[uniffi::export]
pub fn form_content_type() -> String {
    core_ep::FORM_CONTENT_TYPE.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vectors() -> Vec<serde_json::Value> {
        let text = include_str!("../../../tests/vectors/expressplay_requests.json");
        serde_json::from_str(text).expect("vector JSON")
    }

    /// Every shared vector through the records: the same URL, body and error as the core, and
    /// the URL parses back to the very same record (so each field maps both ways).
    #[test]
    fn every_request_vector_through_the_records() {
        for case in vectors() {
            let name = case["name"].as_str().unwrap();
            let service = match case["service"].as_str().unwrap() {
                "fairplay" => Service::FairPlay,
                "playready" => Service::PlayReady,
                _ => Service::Widevine,
            };
            let environment = match case["environment"].as_str().unwrap() {
                "test" => Environment::Test,
                _ => Environment::Production,
            };
            let parameters = case["params"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| Parameter {
                    name: p[0].as_str().unwrap().to_owned(),
                    value: p[1].as_str().unwrap().into(),
                })
                .collect();
            let request = request_from_parameters(service, environment, parameters).unwrap();
            let now = case["now"].as_i64();
            match case["error"].as_object() {
                None => {
                    let warnings = request.validate(now).unwrap();
                    let got: Vec<&str> = warnings.iter().map(|w| w.parameter.as_str()).collect();
                    let want: Vec<&str> = case["warnings"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|w| w.as_str().unwrap())
                        .collect();
                    assert_eq!(got, want, "{name}");
                    assert_eq!(request.url().unwrap(), case["url"].as_str().unwrap(), "{name}");
                    assert_eq!(
                        request.form_body().unwrap(),
                        case["form_body"].as_str().unwrap(),
                        "{name}"
                    );
                    let parsed = parse_url(request.url().unwrap()).unwrap();
                    assert_eq!(parsed.request, request, "{name}");
                }
                Some(error) => {
                    let e = request.validate(now).unwrap_err();
                    assert!(matches!(e, DrmTokenError::ExpressPlay { .. }), "{name}");
                    assert_eq!(i64::from(e.code()), error["code"].as_i64().unwrap(), "{name}");
                    assert_eq!(e.parameter().as_deref(), error["parameter"].as_str(), "{name}");
                    // Minimal fix (surface-c, after main's "write_url validates first"): an invalid
                    // request has no URL any more, except for faults found only with `now`.
                    if let Ok(url) = request.url() {
                        assert_eq!(check_url(url, now).unwrap_err(), e, "{name}");
                    }
                }
            }
        }
    }

    #[test]
    fn debug_and_display_redact_secrets() {
        let r = PlayReadyTokenRequest {
            environment: Environment::Test,
            customer_authenticator: Some("201722,secret-authenticator".into()),
            error_format: None,
            general_flags: None,
            kek: Some("000102030405060708090a0b0c0d0e0f".into()),
            kid: Some("b366360da82e9c6e0b0984002a362cf2".into()),
            ek: None,
            content_key: Some("00112233445566778899aabbccddeeff".into()),
            rights_type: Some(RightsType::BuyToOwn),
            rental_period_end_time: None,
            rental_play_duration: None,
            analog_video_opl: None,
            compressed_digital_audio_opl: None,
            compressed_digital_video_opl: None,
            uncompressed_digital_audio_opl: None,
            uncompressed_digital_video_opl: None,
            unknown_output_behavior: None,
            output_control_flags: None,
            extensions: vec![],
            expiration_time: None,
            cookie: None,
        };
        let too_many = PlayReadyTokenRequest {
            extensions: vec![
                PlayReadyExtension {
                    extension_type: None,
                    extension_payload: None
                };
                9
            ],
            ..r.clone()
        };
        let p = Parameter {
            name: "contentKey".into(),
            value: "00112233445566778899aabbccddeeff".into(),
        };
        for text in [
            format!("{r:?}"),
            r.to_string(),
            too_many.to_string(),
            p.to_string(),
            TokenRequest::PlayReady { request: r.clone() }.to_string(),
        ] {
            for secret in ["secret-authenticator", "000102030405", "00112233445566778899"] {
                assert!(!text.contains(secret), "{text}");
            }
        }
        assert!(
            r.to_string().contains("b366360da82e9c6e0b0984002a362cf2"),
            "non-secrets still show"
        );
    }

    /// Records built from parameters, their URL and body, and the records parsed back from the
    /// URL wipe the customer authenticator and the content key when dropped (the test allocator
    /// looks into every freed block; see `secret::wipe_check`).
    #[test]
    #[cfg_attr(miri, ignore = "the inspecting allocator does not read memory under Miri")]
    fn records_wipe_their_secrets() {
        use super::super::secret::wipe_check::{freed_unwiped, CANARIES};
        use zeroize::Zeroizing;
        let before = (freed_unwiped(5), freed_unwiped(6));
        let auth = std::str::from_utf8(CANARIES[5]).unwrap();
        let key = Zeroizing::new(std::str::from_utf8(CANARIES[6]).unwrap().repeat(2));
        let parameters = [
            ("customerAuthenticator", auth),
            ("contentKey", key.as_str()),
            ("kid", "b366360da82e9c6e0b0984002a362cf2"),
            ("securityLevel", "1"),
            ("hdcpOutputControl", "0"),
        ]
        .iter()
        .map(|(name, value)| Parameter {
            name: (*name).into(),
            value: (*value).into(),
        })
        .collect();
        let request = request_from_parameters(Service::Widevine, Environment::Test, parameters).unwrap();
        request.validate(None).unwrap();
        let url = Zeroizing::new(request.url().unwrap());
        let body = Zeroizing::new(request.form_body().unwrap());
        assert!(url.contains(auth) && body.contains(key.as_str()));
        let parsed = parse_url(url.to_string()).unwrap();
        assert_eq!(parsed.request, request);
        check_url(url.to_string(), None).unwrap();
        drop((request, parsed, url, body, key));
        assert_eq!(
            (freed_unwiped(5), freed_unwiped(6)),
            before,
            "a secret was freed without being wiped"
        );
    }
}
