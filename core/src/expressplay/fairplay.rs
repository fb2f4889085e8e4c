//! FairPlay Streaming token requests (`https://fp-gen.<domain>/hms/fp/token`), per the seed
//! "FairPlay license token request / response".

use core::fmt;

use crate::error::{Error, ExpressPlayCode as C};

use super::rules;
use super::wire::{impl_wire_api, push_extension, set_once, WireRequest};
use super::{Environment, Service, Warnings, MAX_EXTENSIONS};

/// A FairPlay token request. Every field is the seed's parameter of the same wire name, as the
/// caller's text (`None` = not sent). Secrets are redacted from `Debug`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct FairPlayTokenRequest<'a> {
    /// Where to send it.
    pub environment: Environment<'a>,
    /// `customerAuthenticator`: the customer API key (required; secret).
    pub customer_authenticator: Option<&'a str>,
    /// `errorFormat`: `html` (default) or `json`.
    pub error_format: Option<&'a str>,
    /// `generalFlags`: "'0000' is the only allowed value".
    pub general_flags: Option<&'a str>,
    /// `kek`: key encryption key, hex (secret). With it, one of `kid` or `ek`, not both.
    pub kek: Option<&'a str>,
    /// `kid`: 32 hex digits or `^` and up to 64 characters.
    pub kid: Option<&'a str>,
    /// `ek`: the content key wrapped under `kek` (RFC 3394), hex.
    pub ek: Option<&'a str>,
    /// `contentKey`: 32 hex digits (secret); required unless `kek` and `ek`, or `kid`.
    pub content_key: Option<&'a str>,
    /// `iv`: the content IV, 32 hex digits (required).
    pub iv: Option<&'a str>,
    /// `rentalDuration`: rental duration in seconds (default 0).
    pub rental_duration: Option<&'a str>,
    /// `fpExtension`: `type,payload` values (e.g. `wudo,AAAAAA==`), any number up to
    /// [`MAX_EXTENSIONS`].
    pub fp_extensions: heapless::Vec<&'a str, MAX_EXTENSIONS>,
    /// `expirationTime`: RFC 3339 in the `Z` zone or `+seconds`; at most 30 days.
    pub expiration_time: Option<&'a str>,
    /// `cookie`: up to 32 characters, logged by the redemption server.
    pub cookie: Option<&'a str>,
}

impl<'a> FairPlayTokenRequest<'a> {
    /// The seed's parameters in the order of its tables (the order of validation and encoding).
    pub const PARAMETERS: &'static [&'static str] = &[
        "customerAuthenticator",
        "errorFormat",
        "generalFlags",
        "kek",
        "kid",
        "ek",
        "contentKey",
        "iv",
        "rentalDuration",
        "fpExtension",
        "expirationTime",
        "cookie",
    ];

    /// A request for `environment` with its `customerAuthenticator` and nothing else yet.
    #[must_use]
    pub fn new(environment: Environment<'a>, customer_authenticator: &'a str) -> Self {
        FairPlayTokenRequest {
            environment,
            customer_authenticator: Some(customer_authenticator),
            ..Self::default()
        }
    }

    /// Validates the request as the FairPlay service would, `now` being the caller's Unix time
    /// (without it, an absolute `expirationTime` is checked for form only).
    ///
    /// With `kek` and `ek`, `ek` is unwrapped locally (RFC 3394) and must pass the integrity check.
    ///
    /// # Errors
    /// The first fault in the seed's table order: -2017, -3004, -5003, -4024, -4020/-4021,
    /// -2027/-2005, -6003, -6007, -6001, -2002, -2033 (see [`ExpressPlayCode`](crate::ExpressPlayCode)),
    /// or [`ErrorKind::InvalidHost`](crate::ErrorKind::InvalidHost) for a custom domain.
    pub fn validate(&self, now: Option<i64>) -> Result<Warnings, Error> {
        self.environment.check()?;
        rules::customer_authenticator(self.customer_authenticator)?;
        rules::error_format(self.error_format)?;
        rules::general_flags_zero(self.general_flags)?;
        rules::kek(self.kek)?;
        if self.kek.is_some() && self.kid.is_none() && self.ek.is_none() {
            return Err(rules::fault(C::InvalidEncryptedKeyOrKek, "kek")
                .with_detail("Invalid encrypted key or kek: with kek, one of kid or ek must be given"));
        }
        rules::kid(self.kid, false)?;
        if self.kek.is_some() && self.kid.is_some() && self.ek.is_some() {
            return Err(rules::fault(C::InvalidEncryptedKeyOrKek, "ek")
                .with_detail("Invalid encrypted key or kek: with kek, give kid or ek, not both"));
        }
        rules::ek(self.kek, self.ek)?;
        rules::content_key(self.content_key, self.kek, self.ek, self.kid)?;
        match self.iv {
            Some(iv) if rules::is_hex_of_len(iv, 32) => {}
            _ => return Err(rules::fault(C::InvalidIv, "iv")),
        }
        rules::non_negative_integer(self.rental_duration, C::InvalidRentalDuration, "rentalDuration")?;
        for ext in &self.fp_extensions {
            rules::short_extension(ext, C::InvalidFpExtension, "fpExtension")?;
        }
        rules::expiration_time(self.expiration_time, now)?;
        rules::cookie(self.cookie)?;
        Ok(Warnings::new())
    }
}

impl_wire_api!(FairPlayTokenRequest);

impl<'a> WireRequest<'a> for FairPlayTokenRequest<'a> {
    const SERVICE: Service = Service::FairPlay;

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
        single("iv", self.iv);
        single("rentalDuration", self.rental_duration);
        for e in &self.fp_extensions {
            single("fpExtension", Some(e));
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
            "iv" => &mut self.iv,
            "rentalDuration" => &mut self.rental_duration,
            "expirationTime" => &mut self.expiration_time,
            "cookie" => &mut self.cookie,
            _ => return push_extension(&mut self.fp_extensions, name, value),
        };
        set_once(slot, name, value)
    }

    fn empty(environment: Environment<'a>) -> Self {
        FairPlayTokenRequest {
            environment,
            ..Self::default()
        }
    }
}

impl fmt::Debug for FairPlayTokenRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FairPlayTokenRequest")
            .field("environment", &self.environment)
            .field("customer_authenticator", &super::Redacted(self.customer_authenticator))
            .field("error_format", &self.error_format)
            .field("general_flags", &self.general_flags)
            .field("kek", &super::Redacted(self.kek))
            .field("kid", &self.kid)
            .field("ek", &super::Redacted(self.ek))
            .field("content_key", &super::Redacted(self.content_key))
            .field("iv", &self.iv)
            .field("rental_duration", &self.rental_duration)
            .field("fp_extensions", &self.fp_extensions)
            .field("expiration_time", &self.expiration_time)
            .field("cookie", &self.cookie)
            .finish()
    }
}
