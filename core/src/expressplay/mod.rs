//! ExpressPlay token requests: FairPlay, PlayReady and Widevine.
//!
//! Each service has a typed request whose fields are the seed's parameters by wire name
//! (`contentKey` is [`content_key`](PlayReadyTokenRequest::content_key)), borrowed from the caller.
//! A request is validated with the service's own error codes, encoded as a GET URL or an
//! `application/x-www-form-urlencoded` POST body into a caller buffer, and parsed back from its wire
//! form ([`parse_url`], [`FairPlayTokenRequest::from_query`], ...).

mod fairplay;
mod generated;
pub mod parameters;
mod parse;
mod playready;
mod redeem;
mod response;
mod rules;
mod service;
mod suggest;
mod widevine;
mod wire;

use core::fmt;

pub use fairplay::FairPlayTokenRequest;
pub use parse::{parse_query, parse_url, scratch_len, Parsed, UnknownParameter, MAX_UNKNOWN_PARAMETERS};
pub use playready::PlayReadyTokenRequest;
pub use redeem::SKD_SCHEME;
pub use response::{
    check_token, parse_response, status_reason, PlayReadyToken, ResponseError, ServiceError, TokenResponse, UrlToken,
    TOKEN_PARAMETER,
};
pub use service::{error_format, host_environment, http_status, ErrorFormat};
pub use widevine::WidevineTokenRequest;

use crate::error::{Error, ErrorKind};
use wire::WireRequest as _;

/// How many values of a repeatable parameter (`fpExtension`, `wvExtension`, `extensionType`,
/// `extensionPayload`) one request holds. The seeds say "any number can be used"; 8 covers every integration we know.
pub const MAX_EXTENSIONS: usize = 8;

/// The content type of a POST body.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// The headers of a POST: `Content-Type: application/x-www-form-urlencoded` (a GET needs none),
/// in the shape every service returns its headers.
#[must_use]
pub fn form_headers() -> crate::http::Headers<'static> {
    let mut headers = crate::http::Headers::new();
    // One header in a list of three: the push cannot fail.
    let _ = headers.push(crate::http::Header {
        name: "Content-Type",
        value_prefix: FORM_CONTENT_TYPE,
        value: "",
        secret: false,
    });
    headers
}

/// The domain of the test environment: "The Test SDK and Advanced Test Tool (ATT) only work with
/// `*.test.expressplay.com`".
pub const TEST_DOMAIN: &str = "test.expressplay.com";
/// The default production domain: "production devices must use `*.service.expressplay.com`".
pub const PRODUCTION_DOMAIN: &str = "service.expressplay.com";

/// One of the three ExpressPlay token services.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Service {
    /// FairPlay Streaming (`fp-gen.<domain>/hms/fp/token`).
    FairPlay,
    /// PlayReady (`pr-gen.<domain>/hms/pr/token`).
    PlayReady,
    /// Widevine Modular (`wv-gen.<domain>/hms/wv/token`).
    Widevine,
}

impl Service {
    /// The short name used in the host and path: `fp`, `pr` or `wv`.
    #[must_use]
    pub const fn prefix(self) -> &'static str {
        match self {
            Service::FairPlay => "fp",
            Service::PlayReady => "pr",
            Service::Widevine => "wv",
        }
    }

    /// The name used by the CLI and the bindings: `fairplay`, `playready` or `widevine`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Service::FairPlay => "fairplay",
            Service::PlayReady => "playready",
            Service::Widevine => "widevine",
        }
    }

    /// Every parameter the service's seed lists, in the order of its tables.
    #[must_use]
    pub const fn parameters(self) -> &'static [&'static str] {
        match self {
            Service::FairPlay => FairPlayTokenRequest::PARAMETERS,
            Service::PlayReady => PlayReadyTokenRequest::PARAMETERS,
            Service::Widevine => WidevineTokenRequest::PARAMETERS,
        }
    }
}

/// Where the token request goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Environment<'a> {
    /// `https://<p>-gen.test.expressplay.com` — needs the test authenticator.
    #[default]
    Test,
    /// `https://<p>-gen.service.expressplay.com`.
    Production,
    /// A custom production domain, the seeds' `{prod_domain}`: `https://<p>-gen.<domain>`.
    Domain(&'a str),
    /// A whole host (optionally with `:port`) used as-is, e.g. a proxy a request was sent to.
    Host(&'a str),
}

impl Environment<'_> {
    /// Checks a custom domain or host: DNS labels (letters, digits, `-`, `_`) or an IP literal,
    /// with an optional port for [`Environment::Host`] — nothing that could end the authority.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidHost`] naming `domain`/`host`, [`ErrorKind::InvalidPort`].
    pub fn check(&self) -> Result<(), Error> {
        match *self {
            Environment::Test | Environment::Production => Ok(()),
            Environment::Domain(d) => crate::host::check_host(d).map_err(|e| e.with_parameter("domain")),
            Environment::Host(h) => crate::host::check_authority(h).map_err(|e| e.with_parameter("host")),
        }
    }
}

/// A non-fatal finding beside a valid request.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Warning {
    /// A parameter the seed marks "Only valid if rightsType is Rental" was sent with `BuyToOwn`:
    /// the service ignores it.
    IgnoredUnlessRental {
        /// Its wire name.
        parameter: &'static str,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::IgnoredUnlessRental { parameter } => {
                write!(
                    f,
                    "{parameter} is only valid if rightsType is Rental; the service ignores it"
                )
            }
        }
    }
}

/// The warnings of a valid request.
pub type Warnings = heapless::Vec<Warning, 4>;

/// A request of any of the three services, as [`parse_url`] finds it.
// No allocator to box the largest variant; ~600 bytes on the stack is the honest cost.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum TokenRequest<'a> {
    /// A FairPlay request.
    FairPlay(FairPlayTokenRequest<'a>),
    /// A PlayReady request.
    PlayReady(PlayReadyTokenRequest<'a>),
    /// A Widevine request.
    Widevine(WidevineTokenRequest<'a>),
}

macro_rules! each_request {
    ($self:expr, $r:ident => $body:expr) => {
        match $self {
            TokenRequest::FairPlay($r) => $body,
            TokenRequest::PlayReady($r) => $body,
            TokenRequest::Widevine($r) => $body,
        }
    };
}

impl<'a> TokenRequest<'a> {
    /// Which service the request is for.
    #[must_use]
    pub const fn service(&self) -> Service {
        match self {
            TokenRequest::FairPlay(_) => Service::FairPlay,
            TokenRequest::PlayReady(_) => Service::PlayReady,
            TokenRequest::Widevine(_) => Service::Widevine,
        }
    }

    /// Where the request goes.
    #[must_use]
    pub const fn environment(&self) -> Environment<'a> {
        each_request!(self, r => r.environment)
    }

    /// Validates the request as its service would; see each request's `validate`.
    ///
    /// # Errors
    /// The first fault in the order of the seed's parameter table.
    pub fn validate(&self, now: Option<i64>) -> Result<Warnings, Error> {
        each_request!(self, r => r.validate(now))
    }

    /// The headers of the POST form (a GET needs none): `Content-Type`.
    #[must_use]
    pub fn headers(&self) -> crate::http::Headers<'static> {
        form_headers()
    }

    /// Calls `f` with every parameter present, by wire name, in encoding order.
    pub fn for_each_parameter(&self, f: impl FnMut(&'static str, &'a str)) {
        each_request!(self, r => r.for_each_parameter(f))
    }

    /// Sets the parameter whose wire name is `name`, as the parser does (see each request's
    /// `set`).
    ///
    /// # Errors
    /// [`ErrorKind::UnknownParameter`] for a name this service does not take,
    /// [`ErrorKind::DuplicateParameter`], [`ErrorKind::CapacityExceeded`].
    pub fn set(&mut self, name: &str, value: &'a str) -> Result<(), Error> {
        each_request!(self, r => r.set(name, value))
    }

    /// An empty request of `service` for `environment`.
    #[must_use]
    pub fn empty(service: Service, environment: Environment<'a>) -> Self {
        match service {
            Service::FairPlay => TokenRequest::FairPlay(FairPlayTokenRequest::empty(environment)),
            Service::PlayReady => TokenRequest::PlayReady(PlayReadyTokenRequest::empty(environment)),
            Service::Widevine => TokenRequest::Widevine(WidevineTokenRequest::empty(environment)),
        }
    }

    /// The exact length of [`write_url`](Self::write_url)'s output.
    #[must_use]
    pub fn url_len(&self) -> usize {
        each_request!(self, r => r.url_len())
    }

    /// Writes the GET URL into `out`.
    ///
    /// # Errors
    /// [`ErrorKind::BufferTooSmall`] (with `out` untouched), [`ErrorKind::InvalidHost`].
    pub fn write_url<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, Error> {
        each_request!(self, r => r.write_url(out))
    }

    /// The exact length of [`write_form_body`](Self::write_form_body)'s output.
    #[must_use]
    pub fn form_body_len(&self) -> usize {
        each_request!(self, r => r.form_body_len())
    }

    /// Writes the POST body into `out`.
    ///
    /// # Errors
    /// [`ErrorKind::BufferTooSmall`] (with `out` untouched).
    pub fn write_form_body<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, Error> {
        each_request!(self, r => r.write_form_body(out))
    }

    /// The exact length of [`write_endpoint`](Self::write_endpoint)'s output.
    #[must_use]
    pub fn endpoint_len(&self) -> usize {
        each_request!(self, r => r.endpoint_len())
    }

    /// Writes the POST endpoint (the URL without a query) into `out`.
    ///
    /// # Errors
    /// [`ErrorKind::BufferTooSmall`] (with `out` untouched), [`ErrorKind::InvalidHost`].
    pub fn write_endpoint<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, Error> {
        each_request!(self, r => r.write_endpoint(out))
    }
}

/// Turns a decoding failure into an error naming the parameter whose value failed.
pub(crate) fn on_parameter(e: Error, parameter: &'static str) -> Error {
    match e.kind() {
        ErrorKind::BufferTooSmall { .. } => e,
        _ => e.with_parameter(parameter),
    }
}

/// Shows whether a secret is present, never its value.
pub(crate) struct Redacted<'a>(pub(crate) Option<&'a str>);

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(_) => f.write_str("Some(<redacted>)"),
            None => f.write_str("None"),
        }
    }
}
