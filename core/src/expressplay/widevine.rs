//! Widevine Modular token requests (`https://wv-gen.<domain>/hms/wv/token`), per the seed
//! "Widevine license token request / response" (tables 13 to 16).

use core::fmt;

use crate::error::{Error, ExpressPlayCode as C};

use super::rules;
use super::wire::{impl_wire_api, push_extension, set_once, WireRequest};
use super::{Environment, Service, Warnings, MAX_EXTENSIONS};

/// A Widevine token request. Every field is the seed's parameter of the same wire name, as the
/// caller's text (`None` = not sent). Secrets are redacted from `Debug`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct WidevineTokenRequest<'a> {
    /// Where to send it.
    pub environment: Environment<'a>,
    /// `customerAuthenticator`: the customer API key (required; secret).
    pub customer_authenticator: Option<&'a str>,
    /// `errorFormat`: `html` (default) or `json`.
    pub error_format: Option<&'a str>,
    /// `generalFlags`: "'0000' is the only allowed value".
    pub general_flags: Option<&'a str>,
    /// `kek`: key encryption key, hex (secret).
    pub kek: Option<&'a str>,
    /// `kid`: 32 hex digits or `^` and up to 64 characters (required).
    pub kid: Option<&'a str>,
    /// `ek`: the content key wrapped under `kek` (RFC 3394), hex.
    pub ek: Option<&'a str>,
    /// `contentKey`: 32 hex digits (secret).
    pub content_key: Option<&'a str>,
    /// `contentId`: the content id (free text).
    pub content_id: Option<&'a str>,
    /// `securityLevel`: 1 (`SW_SECURE_CRYPTO`) to 5 (`HW_SECURE_ALL`) (required).
    pub security_level: Option<&'a str>,
    /// `hdcpOutputControl`: 0 (`HDCP_NONE`), 1 (`HDCP_V1`) or 2 (`HDCP_V2`) (required).
    pub hdcp_output_control: Option<&'a str>,
    /// `licenseDuration`: seconds of playback after it begins; absent = unlimited.
    pub license_duration: Option<&'a str>,
    /// `wvExtension`: `type,payload` values (e.g. `wudo,AAAAAA==`), up to [`MAX_EXTENSIONS`].
    pub wv_extensions: heapless::Vec<&'a str, MAX_EXTENSIONS>,
    /// `expirationTime`: RFC 3339 in the `Z` zone or `+seconds`; at most 30 days.
    pub expiration_time: Option<&'a str>,
    /// `cookie`: up to 32 characters, logged by the redemption server.
    pub cookie: Option<&'a str>,
}

impl<'a> WidevineTokenRequest<'a> {
    /// The seed's parameters in the order of its tables (the order of validation and encoding).
    pub const PARAMETERS: &'static [&'static str] = &[
        "customerAuthenticator",
        "errorFormat",
        "generalFlags",
        "kek",
        "kid",
        "ek",
        "contentKey",
        "contentId",
        "securityLevel",
        "hdcpOutputControl",
        "licenseDuration",
        "wvExtension",
        "expirationTime",
        "cookie",
    ];

    /// A request for `environment` with its `customerAuthenticator` and nothing else yet.
    #[must_use]
    pub fn new(environment: Environment<'a>, customer_authenticator: &'a str) -> Self {
        WidevineTokenRequest {
            environment,
            customer_authenticator: Some(customer_authenticator),
            ..Self::default()
        }
    }

    /// Validates the request as the Widevine service would, `now` being the caller's Unix time
    /// (without it, an absolute `expirationTime` is checked for form only).
    ///
    /// # Errors
    /// The first fault in the seed's table order: -2017, -3004, -5003, -4024,
    /// -4018/-4020/-4021, -2027/-2005, -7003/-7004, -7006/-2034, -7007, -7009, -2002, -2033
    /// (see [`ExpressPlayCode`](crate::ExpressPlayCode)).
    pub fn validate(&self, now: Option<i64>) -> Result<Warnings, Error> {
        self.environment.check()?;
        rules::customer_authenticator(self.customer_authenticator)?;
        rules::error_format(self.error_format)?;
        rules::general_flags_zero(self.general_flags)?;
        rules::kek(self.kek)?;
        rules::kid(self.kid, true)?;
        rules::ek(self.kek, self.ek)?;
        rules::content_key(self.content_key, self.kek, self.ek, self.kid)?;
        match self.security_level {
            None => return Err(rules::fault(C::MissingSecurityLevel, "securityLevel")),
            Some(v) if !rules::integer_in(v, 1..=5) => {
                return Err(rules::fault(C::InvalidSecurityLevel, "securityLevel"))
            }
            Some(_) => {}
        }
        match self.hdcp_output_control {
            None => return Err(rules::fault(C::MissingHdcpOutputControl, "hdcpOutputControl")),
            Some(v) if !rules::integer_in(v, 0..=2) => {
                return Err(rules::fault(C::OutputControlOutOfRange, "hdcpOutputControl"))
            }
            Some(_) => {}
        }
        rules::non_negative_integer(self.license_duration, C::InvalidLicenseDuration, "licenseDuration")?;
        for ext in &self.wv_extensions {
            rules::short_extension(ext, C::InvalidWvExtension, "wvExtension")?;
        }
        rules::expiration_time(self.expiration_time, now)?;
        rules::cookie(self.cookie)?;
        Ok(Warnings::new())
    }
}

impl_wire_api!(WidevineTokenRequest);

impl<'a> WireRequest<'a> for WidevineTokenRequest<'a> {
    const SERVICE: Service = Service::Widevine;

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
        single("contentId", self.content_id);
        single("securityLevel", self.security_level);
        single("hdcpOutputControl", self.hdcp_output_control);
        single("licenseDuration", self.license_duration);
        for e in &self.wv_extensions {
            single("wvExtension", Some(e));
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
            "contentId" => &mut self.content_id,
            "securityLevel" => &mut self.security_level,
            "hdcpOutputControl" => &mut self.hdcp_output_control,
            "licenseDuration" => &mut self.license_duration,
            "expirationTime" => &mut self.expiration_time,
            "cookie" => &mut self.cookie,
            _ => return push_extension(&mut self.wv_extensions, name, value),
        };
        set_once(slot, name, value)
    }

    fn empty(environment: Environment<'a>) -> Self {
        WidevineTokenRequest {
            environment,
            ..Self::default()
        }
    }
}

impl fmt::Debug for WidevineTokenRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WidevineTokenRequest")
            .field("environment", &self.environment)
            .field("customer_authenticator", &super::Redacted(self.customer_authenticator))
            .field("error_format", &self.error_format)
            .field("general_flags", &self.general_flags)
            .field("kek", &super::Redacted(self.kek))
            .field("kid", &self.kid)
            .field("ek", &super::Redacted(self.ek))
            .field("content_key", &super::Redacted(self.content_key))
            .field("content_id", &self.content_id)
            .field("security_level", &self.security_level)
            .field("hdcp_output_control", &self.hdcp_output_control)
            .field("license_duration", &self.license_duration)
            .field("wv_extensions", &self.wv_extensions)
            .field("expiration_time", &self.expiration_time)
            .field("cookie", &self.cookie)
            .finish()
    }
}
