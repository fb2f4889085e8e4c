//! PlayReady token requests (`https://pr-gen.<domain>/hms/pr/token`), per the seed
//! "PlayReady license token request / response" (tables 9 and 10).

use core::fmt;

use crate::error::{Error, ExpressPlayCode as C};
use crate::time::TimeSpec;

use super::rules;
use super::wire::{impl_wire_api, set_once, WireRequest};
use super::{Environment, Service, Warning, Warnings, MAX_EXTENSIONS};

/// One PlayReady extension: an `extensionType` and its `extensionPayload`, sent as a pair.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlayReadyExtension<'a> {
    /// `extensionType`: "An arbitrary 4-letter word representing a 32-bit identifier".
    pub extension_type: Option<&'a str>,
    /// `extensionPayload`: "A base64 encoded string of the Extension".
    pub extension_payload: Option<&'a str>,
}

/// The five output protection levels, in the seed's order: all are required, 0-999.
const OPLS: [&str; 5] = [
    "analogVideoOPL",
    "compressedDigitalAudioOPL",
    "compressedDigitalVideoOPL",
    "uncompressedDigitalAudioOPL",
    "uncompressedDigitalVideoOPL",
];

/// A PlayReady token request. Every field is the seed's parameter of the same wire name, as the
/// caller's text (`None` = not sent). Secrets are redacted from `Debug`.
///
/// `expirationTime` and `cookie` are not in the PlayReady seed's tables, but its error table
/// documents -2002 and -2033 for them and the service accepts them as it does for FairPlay and
/// Widevine, so they are supported here too.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct PlayReadyTokenRequest<'a> {
    /// Where to send it.
    pub environment: Environment<'a>,
    /// `customerAuthenticator`: the customer API key (required; secret).
    pub customer_authenticator: Option<&'a str>,
    /// `errorFormat`: `html` (default) or `json`.
    pub error_format: Option<&'a str>,
    /// `generalFlags`: 8 hex digits; `00000001` = persistent, required for a `Rental`.
    pub general_flags: Option<&'a str>,
    /// `kek`: key encryption key, hex (secret). Not together with `contentKey`.
    pub kek: Option<&'a str>,
    /// `kid`: 32 hex digits or `^` and up to 64 characters (required).
    pub kid: Option<&'a str>,
    /// `ek`: the content key wrapped under `kek` (RFC 3394), hex.
    pub ek: Option<&'a str>,
    /// `contentKey`: 32 hex digits (secret).
    pub content_key: Option<&'a str>,
    /// `rightsType`: `BuyToOwn` or `Rental` (required).
    pub rights_type: Option<&'a str>,
    /// `rental.periodEndTime`: RFC 3339 `Z` or `+seconds`; required for a `Rental`.
    pub rental_period_end_time: Option<&'a str>,
    /// `rental.playDuration`: seconds the content plays once started (`Rental` only).
    pub rental_play_duration: Option<&'a str>,
    /// `analogVideoOPL`: 0-999 (required).
    pub analog_video_opl: Option<&'a str>,
    /// `compressedDigitalAudioOPL`: 0-999 (required).
    pub compressed_digital_audio_opl: Option<&'a str>,
    /// `compressedDigitalVideoOPL`: 0-999 (required).
    pub compressed_digital_video_opl: Option<&'a str>,
    /// `uncompressedDigitalAudioOPL`: 0-999 (required).
    pub uncompressed_digital_audio_opl: Option<&'a str>,
    /// `uncompressedDigitalVideoOPL`: 0-999 (required).
    pub uncompressed_digital_video_opl: Option<&'a str>,
    /// `unknownOutputBehavior`: `Allow`, `Disallow` or `SDOnly`.
    pub unknown_output_behavior: Option<&'a str>,
    /// `outputControlFlags`: 4 bytes as 8 hex digits.
    pub output_control_flags: Option<&'a str>,
    /// `extensionType`/`extensionPayload` pairs, up to [`MAX_EXTENSIONS`].
    pub extensions: heapless::Vec<PlayReadyExtension<'a>, MAX_EXTENSIONS>,
    /// `expirationTime`: RFC 3339 in the `Z` zone or `+seconds`; at most 30 days.
    pub expiration_time: Option<&'a str>,
    /// `cookie`: up to 32 characters, logged by the redemption server.
    pub cookie: Option<&'a str>,
}

impl<'a> PlayReadyTokenRequest<'a> {
    /// The seed's parameters in the order of its tables (the order of validation and encoding).
    pub const PARAMETERS: &'static [&'static str] = &[
        "customerAuthenticator",
        "errorFormat",
        "generalFlags",
        "kek",
        "kid",
        "ek",
        "contentKey",
        "rightsType",
        "rental.periodEndTime",
        "rental.playDuration",
        "analogVideoOPL",
        "compressedDigitalAudioOPL",
        "compressedDigitalVideoOPL",
        "uncompressedDigitalAudioOPL",
        "uncompressedDigitalVideoOPL",
        "unknownOutputBehavior",
        "outputControlFlags",
        "extensionType",
        "extensionPayload",
        "expirationTime",
        "cookie",
    ];

    /// A request for `environment` with its `customerAuthenticator` and nothing else yet.
    #[must_use]
    pub fn new(environment: Environment<'a>, customer_authenticator: &'a str) -> Self {
        PlayReadyTokenRequest {
            environment,
            customer_authenticator: Some(customer_authenticator),
            ..Self::default()
        }
    }

    /// Sets all five OPLs to `level` (e.g. `"0"`), the common case.
    #[must_use]
    pub fn with_all_opls(mut self, level: &'a str) -> Self {
        self.analog_video_opl = Some(level);
        self.compressed_digital_audio_opl = Some(level);
        self.compressed_digital_video_opl = Some(level);
        self.uncompressed_digital_audio_opl = Some(level);
        self.uncompressed_digital_video_opl = Some(level);
        self
    }

    fn opls(&self) -> [Option<&'a str>; 5] {
        [
            self.analog_video_opl,
            self.compressed_digital_audio_opl,
            self.compressed_digital_video_opl,
            self.uncompressed_digital_audio_opl,
            self.uncompressed_digital_video_opl,
        ]
    }

    /// Validates the request as the PlayReady service would, `now` being the caller's Unix time
    /// (without it, an absolute `expirationTime` is checked for form only).
    ///
    /// Rental fields sent with `BuyToOwn` are checked for form and returned as warnings: the
    /// service ignores them. With `kek` and `ek`, `ek` is unwrapped locally (RFC 3394).
    ///
    /// # Errors
    /// The first fault in the seed's table order: -2017, -3004, -5003, -4024, -4018/-4020/-4021,
    /// -2027/-5007, -2020/-2021, -2022, -2025, -5006/-2034, -5001, -2040, -2036/-2037/-2035,
    /// -2002, -2033 (see [`ExpressPlayCode`](crate::ExpressPlayCode)).
    pub fn validate(&self, now: Option<i64>) -> Result<Warnings, Error> {
        let mut warnings = Warnings::new();
        self.environment.check()?;
        rules::customer_authenticator(self.customer_authenticator)?;
        rules::error_format(self.error_format)?;
        let rental = self.rights_type == Some("Rental");
        match self.general_flags {
            Some(flags) if !rules::is_hex_of_len(flags, 8) => {
                return Err(rules::fault(C::InvalidGeneralFlags, "generalFlags")
                    .with_detail("Invalid general flags: must be 4 bytes as 8 hexadecimal digits"))
            }
            Some(flags) if rental && flags != "00000001" => return Err(not_persistent()),
            None if rental => return Err(not_persistent()),
            _ => {}
        }
        rules::kek(self.kek)?;
        rules::kid(self.kid, true)?;
        rules::ek(self.kek, self.ek)?;
        if self.kek.is_some() && self.content_key.is_some() {
            return Err(rules::fault(C::KekWithContentKey, "contentKey"));
        }
        rules::content_key(self.content_key, self.kek, self.ek, self.kid)?;
        match self.rights_type {
            None => return Err(rules::fault(C::MissingRightsType, "rightsType")),
            Some("BuyToOwn" | "Rental") => {}
            Some(_) => return Err(rules::fault(C::InvalidRightsType, "rightsType")),
        }
        match (self.rental_period_end_time, rental) {
            (None, true) => return Err(rules::fault(C::MissingRentalPeriodEndTime, "rental.periodEndTime")),
            (Some(t), _) if TimeSpec::parse(t).is_err() => return Err(rules::fault(
                C::MissingRentalPeriodEndTime,
                "rental.periodEndTime",
            )
            .with_detail(
                "Missing rental period end time: rental.periodEndTime must be RFC 3339 in the Z zone or +seconds",
            )),
            (Some(_), false) => push(&mut warnings, "rental.periodEndTime"),
            _ => {}
        }
        rules::non_negative_integer(
            self.rental_play_duration,
            C::InvalidRentalPlayDuration,
            "rental.playDuration",
        )?;
        if self.rental_play_duration.is_some() && !rental {
            push(&mut warnings, "rental.playDuration");
        }
        for (name, value) in OPLS.into_iter().zip(self.opls()) {
            match value {
                None => return Err(rules::fault(C::MissingOpl, name)),
                Some(v) if !rules::integer_in(v, 0..=999) => {
                    return Err(rules::fault(C::OutputControlOutOfRange, name))
                }
                Some(_) => {}
            }
        }
        if !matches!(
            self.unknown_output_behavior,
            None | Some("Allow" | "Disallow" | "SDOnly")
        ) {
            return Err(rules::fault(C::InvalidUnknownOutputBehavior, "unknownOutputBehavior"));
        }
        if self.output_control_flags.is_some_and(|f| !rules::is_hex_of_len(f, 8)) {
            return Err(rules::fault(C::OutputControlFlagsLength, "outputControlFlags"));
        }
        for ext in &self.extensions {
            check_extension(ext)?;
        }
        rules::expiration_time(self.expiration_time, now)?;
        rules::cookie(self.cookie)?;
        Ok(warnings)
    }
}

fn not_persistent() -> Error {
    rules::fault(C::InvalidGeneralFlags, "generalFlags")
        .with_detail("Invalid general flags: Rental licenses MUST be persistent (generalFlags=00000001)")
}

fn push(warnings: &mut Warnings, parameter: &'static str) {
    // Capacity 4 holds the two rental warnings; a full list cannot happen.
    let _ = warnings.push(Warning::IgnoredUnlessRental { parameter });
}

fn check_extension(ext: &PlayReadyExtension<'_>) -> Result<(), Error> {
    match (ext.extension_type, ext.extension_payload) {
        (Some(ty), _) if ty.chars().count() != 4 => Err(rules::fault(C::ExtensionTypeLength, "extensionType")),
        (Some(_), None) | (Some(_), Some("")) => Err(rules::fault(C::NoCorrespondingValue, "extensionPayload")),
        (None, _) => Err(rules::fault(C::NoCorrespondingValue, "extensionType")),
        (Some(_), Some(p)) if !rules::is_base64(p) => {
            Err(rules::fault(C::ExtensionPayloadNotBase64, "extensionPayload"))
        }
        (Some(_), Some(_)) => Ok(()),
    }
}

impl_wire_api!(PlayReadyTokenRequest);

impl<'a> WireRequest<'a> for PlayReadyTokenRequest<'a> {
    const SERVICE: Service = Service::PlayReady;

    fn environment(&self) -> Environment<'a> {
        self.environment
    }

    fn visit(&self, f: &mut dyn FnMut(&'static str, &'a str)) {
        let mut single = |name, v: Option<&'a str>| {
            if let Some(v) = v {
                f(name, v);
            }
        };
        single("customerAuthenticator", self.customer_authenticator);
        single("errorFormat", self.error_format);
        single("generalFlags", self.general_flags);
        single("kek", self.kek);
        single("kid", self.kid);
        single("ek", self.ek);
        single("contentKey", self.content_key);
        single("rightsType", self.rights_type);
        single("rental.periodEndTime", self.rental_period_end_time);
        single("rental.playDuration", self.rental_play_duration);
        for (name, value) in OPLS.into_iter().zip(self.opls()) {
            single(name, value);
        }
        single("unknownOutputBehavior", self.unknown_output_behavior);
        single("outputControlFlags", self.output_control_flags);
        for e in &self.extensions {
            single("extensionType", e.extension_type);
            single("extensionPayload", e.extension_payload);
        }
        single("expirationTime", self.expiration_time);
        single("cookie", self.cookie);
    }

    fn assign(&mut self, name: &'static str, value: &'a str) -> Result<(), Error> {
        let slot = match name {
            "customerAuthenticator" => &mut self.customer_authenticator,
            "errorFormat" => &mut self.error_format,
            "generalFlags" => &mut self.general_flags,
            "kek" => &mut self.kek,
            "kid" => &mut self.kid,
            "ek" => &mut self.ek,
            "contentKey" => &mut self.content_key,
            "rightsType" => &mut self.rights_type,
            "rental.periodEndTime" => &mut self.rental_period_end_time,
            "rental.playDuration" => &mut self.rental_play_duration,
            "analogVideoOPL" => &mut self.analog_video_opl,
            "compressedDigitalAudioOPL" => &mut self.compressed_digital_audio_opl,
            "compressedDigitalVideoOPL" => &mut self.compressed_digital_video_opl,
            "uncompressedDigitalAudioOPL" => &mut self.uncompressed_digital_audio_opl,
            "uncompressedDigitalVideoOPL" => &mut self.uncompressed_digital_video_opl,
            "unknownOutputBehavior" => &mut self.unknown_output_behavior,
            "outputControlFlags" => &mut self.output_control_flags,
            "expirationTime" => &mut self.expiration_time,
            "cookie" => &mut self.cookie,
            "extensionType" => return self.push_type(value),
            _ => return self.attach_payload(value),
        };
        set_once(slot, name, value)
    }

    fn empty(environment: Environment<'a>) -> Self {
        PlayReadyTokenRequest {
            environment,
            ..Self::default()
        }
    }
}

impl<'a> PlayReadyTokenRequest<'a> {
    /// An `extensionType` on the wire opens a new pair.
    fn push_type(&mut self, value: &'a str) -> Result<(), Error> {
        let ext = PlayReadyExtension {
            extension_type: Some(value),
            extension_payload: None,
        };
        super::wire::push_extension(&mut self.extensions, "extensionType", ext)
    }

    /// An `extensionPayload` completes the last pair still waiting for one, else stands alone
    /// (which validation reports as -2035).
    fn attach_payload(&mut self, value: &'a str) -> Result<(), Error> {
        match self.extensions.last_mut() {
            Some(last) if last.extension_payload.is_none() && last.extension_type.is_some() => {
                last.extension_payload = Some(value);
                Ok(())
            }
            _ => {
                let ext = PlayReadyExtension {
                    extension_type: None,
                    extension_payload: Some(value),
                };
                super::wire::push_extension(&mut self.extensions, "extensionPayload", ext)
            }
        }
    }
}

impl fmt::Debug for PlayReadyTokenRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PlayReadyTokenRequest")
            .field("environment", &self.environment)
            .field("customer_authenticator", &super::Redacted(self.customer_authenticator))
            .field("error_format", &self.error_format)
            .field("general_flags", &self.general_flags)
            .field("kek", &super::Redacted(self.kek))
            .field("kid", &self.kid)
            .field("ek", &super::Redacted(self.ek))
            .field("content_key", &super::Redacted(self.content_key))
            .field("rights_type", &self.rights_type)
            .field("rental_period_end_time", &self.rental_period_end_time)
            .field("rental_play_duration", &self.rental_play_duration)
            .field("opls", &self.opls())
            .field("unknown_output_behavior", &self.unknown_output_behavior)
            .field("output_control_flags", &self.output_control_flags)
            .field("extensions", &self.extensions)
            .field("expiration_time", &self.expiration_time)
            .field("cookie", &self.cookie)
            .finish()
    }
}
