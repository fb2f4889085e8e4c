//! ExpressPlay token requests (FairPlay, PlayReady, Widevine) as uniffi records.
//!
//! The records themselves are generated from the one table of parameters
//! (`expressplay_records.rs`, by `drmtoken-codegen`): their fields are the seed's parameters by
//! wire name (`contentKey` is `content_key`), as text, `None`/`null`/`nil` meaning "not sent".
//! This file gives them their methods, named by the core's verbs (`validate`, `write_url`,
//! `write_form_body`, `write_endpoint`, `headers`), and the free functions
//! `expressplay_<object>_<verb>` that read a request back from its wire form or build one from
//! parameters by wire name.
//!
//! Secrets (`customerAuthenticator`, `kek`, `ek`, `contentKey`) are redacted from the generated
//! `toString()` (Kotlin), `description`/`debugDescription` (Swift) and `str()`/`repr()` (Python):
//! the records export Rust's `Debug` and `Display`, which delegate to the core's redacting `Debug`.

use std::fmt;

use drmtoken_core::expressplay as core_ep;
use drmtoken_core::{Error, ErrorKind};
use zeroize::Zeroizing;

pub use super::expressplay_records::{FairPlayTokenRequest, PlayReadyTokenRequest, WidevineTokenRequest};

use super::error::DrmTokenError;
use super::http::{headers, produce, Header, Warning};
use super::secret::{wiped, SecretString};

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
    pub(crate) fn to_core(&self) -> core_ep::Environment<'_> {
        match self {
            Environment::Test => core_ep::Environment::Test,
            Environment::Production => core_ep::Environment::Production,
            Environment::Domain { domain } => core_ep::Environment::Domain(domain),
            Environment::Host { host } => core_ep::Environment::Host(host),
        }
    }

    pub(crate) fn from_core(e: core_ep::Environment<'_>) -> Self {
        match e {
            core_ep::Environment::Test => Environment::Test,
            core_ep::Environment::Production => Environment::Production,
            core_ep::Environment::Domain(d) => Environment::Domain { domain: d.to_owned() },
            core_ep::Environment::Host(h) => Environment::Host { host: h.to_owned() },
        }
    }
}

fn warnings(w: core_ep::Warnings) -> Vec<Warning> {
    w.iter()
        .map(|w| Warning {
            parameter: match w {
                core_ep::Warning::IgnoredUnlessRental { parameter } => Some((*parameter).to_owned()),
                _ => None,
            },
            message: w.to_string(),
        })
        .collect()
}

/// A core optional value, borrowed from an owned one.
pub(crate) fn opt<S: std::ops::Deref<Target = str>>(s: &Option<S>) -> Option<&str> {
    s.as_deref()
}

/// An owned optional value from the core's borrowed one.
pub(crate) fn owned(s: Option<&str>) -> Option<String> {
    s.map(str::to_owned)
}

/// Copies a list into the core's fixed-capacity one; too many entries is `CapacityExceeded`
/// naming the parameter, never a silent truncation.
pub(crate) fn fixed<'a, const N: usize>(
    items: &'a [String],
    parameter: &'static str,
) -> Result<heapless::Vec<&'a str, N>, Error> {
    let mut out = heapless::Vec::new();
    for item in items {
        out.push(item.as_str())
            .map_err(|_| Error::new(ErrorKind::CapacityExceeded { capacity: N }).with_parameter(parameter))?;
    }
    Ok(out)
}

/// The same methods on every request record, named by the core's verbs; the record's own
/// `Debug` (redacting, via the core) serves as `Display` too, so no generated `toString`/`str`
/// prints a secret.
macro_rules! request_api {
    ($ty:ident, $name:literal) => {
        #[uniffi::export]
        impl $ty {
            /// Validates the request as the service would, `now` being the caller's Unix time in
            /// seconds (without it an absolute `expirationTime` is checked for form only).
            /// Returns the warnings of a valid request.
            ///
            /// # Errors
            /// `Invalid`: kind `ExpressPlay` with the service's code for the first fault in the
            /// seed's table order; `InvalidHost`/`InvalidPort` for a custom environment;
            /// `CapacityExceeded` for more than 8 values of a repeatable parameter.
            pub fn validate(&self, now: Option<i64>) -> Result<Vec<Warning>, DrmTokenError> {
                Ok(warnings(self.to_core()?.validate(now)?))
            }

            /// The GET URL: endpoint and percent-encoded query. Applies no rule (call `validate`
            /// first); checks only the custom host it writes.
            ///
            /// # Errors
            /// `Invalid`: `InvalidHost`, `InvalidPort`, `CapacityExceeded`.
            pub fn write_url(&self) -> Result<String, DrmTokenError> {
                let r = self.to_core()?;
                produce(r.url_len(), |b| r.write_url(b).map(str::len))
            }

            /// The `application/x-www-form-urlencoded` POST body (the same parameters as the URL).
            /// Applies no rule (call `validate` first).
            ///
            /// # Errors
            /// `Invalid`: `CapacityExceeded`.
            pub fn write_form_body(&self) -> Result<String, DrmTokenError> {
                let r = self.to_core()?;
                produce(r.form_body_len(), |b| r.write_form_body(b).map(str::len))
            }

            /// The endpoint to POST the form body to (the URL without a query).
            ///
            /// # Errors
            /// `Invalid`: `InvalidHost`, `InvalidPort`.
            pub fn write_endpoint(&self) -> Result<String, DrmTokenError> {
                let r = self.to_core()?;
                produce(r.endpoint_len(), |b| r.write_endpoint(b).map(str::len))
            }

            /// The headers of the POST: `Content-Type: application/x-www-form-urlencoded` (a GET
            /// needs none).
            pub fn headers(&self) -> Vec<Header> {
                headers(&core_ep::form_headers())
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

const _: fn(&Parameter) = |p| wiped(&p.value);

/// A request of any of the three services, as `expressplay_url_parse` finds it.
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

    /// The request's `validate`.
    ///
    /// # Errors
    /// As the request's `validate`.
    pub fn validate(&self, now: Option<i64>) -> Result<Vec<Warning>, DrmTokenError> {
        each_request!(self, r => r.validate(now))
    }

    /// The request's `write_url`.
    ///
    /// # Errors
    /// As the request's `write_url`.
    pub fn write_url(&self) -> Result<String, DrmTokenError> {
        each_request!(self, r => r.write_url())
    }

    /// The request's `write_form_body`.
    ///
    /// # Errors
    /// As the request's `write_form_body`.
    pub fn write_form_body(&self) -> Result<String, DrmTokenError> {
        each_request!(self, r => r.write_form_body())
    }

    /// The request's `write_endpoint`.
    ///
    /// # Errors
    /// As the request's `write_endpoint`.
    pub fn write_endpoint(&self) -> Result<String, DrmTokenError> {
        each_request!(self, r => r.write_endpoint())
    }

    /// The request's `headers`.
    pub fn headers(&self) -> Vec<Header> {
        each_request!(self, r => r.headers())
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
/// environment from the host. Does not validate (see `expressplay_url_check`).
///
/// # Errors
/// `Invalid`: `InvalidUrl`, `UnknownService`, `InvalidHost`, `InvalidPort`,
/// `DuplicateParameter`, `CapacityExceeded`, `InvalidPercentEncoding`, `InvalidUtf8`.
#[uniffi::export]
pub fn expressplay_url_parse(url: String) -> Result<ParsedTokenRequest, DrmTokenError> {
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
/// `Invalid`: `DuplicateParameter`, `CapacityExceeded`, `InvalidPercentEncoding`, `InvalidUtf8`.
#[uniffi::export]
pub fn expressplay_query_parse(
    service: Service,
    environment: Environment,
    query: String,
) -> Result<ParsedTokenRequest, DrmTokenError> {
    let query = Zeroizing::new(query);
    let mut scratch = Zeroizing::new(vec![0u8; query.len()]);
    let p = core_ep::parse_query(service.into(), environment.to_core(), &query, &mut scratch)?;
    Ok(parsed(&p))
}

/// What `expressplay_url_check` found in a valid request URL; free of secrets.
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
/// Those of `expressplay_url_parse`, then those of the request's `validate`.
#[uniffi::export]
pub fn expressplay_url_check(url: String, now: Option<i64>) -> Result<UrlCheck, DrmTokenError> {
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

/// A `name=value` pair by wire name (`contentKey`), for `expressplay_request_build`.
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

/// Builds a request for `service` from parameters by wire name, in order (a repeatable
/// parameter appends: the i-th `extensionType` pairs with the i-th `extensionPayload`), e.g.
/// from configuration. Does not validate.
///
/// # Errors
/// `Invalid`: `UnknownParameter` (naming no parameter: the name is the caller's),
/// `DuplicateParameter`, `CapacityExceeded`.
#[uniffi::export]
pub fn expressplay_request_build(
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Percent-encodes every byte but the unreserved ones (enough for a query the parser reads).
    fn enc(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    }

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
            let request = expressplay_request_build(service, environment, parameters).unwrap();
            let now = case["now"].as_i64();
            match case["error"].as_object() {
                None => {
                    let warnings = request.validate(now).unwrap();
                    let got: Vec<&str> = warnings.iter().filter_map(|w| w.parameter.as_deref()).collect();
                    let want: Vec<&str> = case["warnings"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|w| w.as_str().unwrap())
                        .collect();
                    assert_eq!(got, want, "{name}");
                    assert_eq!(request.write_url().unwrap(), case["url"].as_str().unwrap(), "{name}");
                    assert_eq!(
                        request.write_form_body().unwrap(),
                        case["form_body"].as_str().unwrap(),
                        "{name}"
                    );
                    let parsed = expressplay_url_parse(request.write_url().unwrap()).unwrap();
                    assert_eq!(parsed.request, request, "{name}");
                    let parsed = expressplay_url_parse(case["url"].as_str().unwrap().to_owned()).unwrap();
                    assert_eq!(parsed.request, request, "{name}");
                }
                Some(error) => {
                    let e = request.validate(now).unwrap_err();
                    assert!(
                        matches!(
                            e,
                            DrmTokenError::Invalid {
                                kind: super::super::error::ErrorKind::ExpressPlay,
                                ..
                            }
                        ),
                        "{name}"
                    );
                    assert_eq!(i64::from(e.code()), error["code"].as_i64().unwrap(), "{name}");
                    assert_eq!(e.parameter().as_deref(), error["parameter"].as_str(), "{name}");
                    // An invalid request has no URL (write_url validates); its parameters, sent
                    // anyway, are refused the same way by the check.
                    let query: Vec<String> = case["params"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|p| format!("{}={}", enc(p[0].as_str().unwrap()), enc(p[1].as_str().unwrap())))
                        .collect();
                    let prefix = match service {
                        Service::FairPlay => "fp",
                        Service::PlayReady => "pr",
                        Service::Widevine => "wv",
                    };
                    let host = match case["environment"].as_str().unwrap() {
                        "test" => "test.expressplay.com",
                        _ => "service.expressplay.com",
                    };
                    let url = format!("https://{prefix}-gen.{host}/hms/{prefix}/token?{}", query.join("&"));
                    assert_eq!(expressplay_url_check(url, now).unwrap_err(), e, "{name}");
                }
            }
        }
    }

    #[test]
    fn debug_and_display_redact_secrets() {
        // Built by wire name, so this test names no field a new parameter would have to join.
        let parameters = [
            ("customerAuthenticator", "201722,secret-authenticator"),
            ("kek", "000102030405060708090a0b0c0d0e0f"),
            ("kid", "b366360da82e9c6e0b0984002a362cf2"),
            ("contentKey", "00112233445566778899aabbccddeeff"),
            ("rightsType", "BuyToOwn"),
        ]
        .iter()
        .map(|(name, value)| Parameter {
            name: (*name).into(),
            value: (*value).into(),
        })
        .collect();
        let TokenRequest::PlayReady { request: r } =
            expressplay_request_build(Service::PlayReady, Environment::Test, parameters).unwrap()
        else {
            panic!("a PlayReady request");
        };
        let too_many = PlayReadyTokenRequest {
            extension_types: vec!["abcd".into(); 9],
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
        let request = expressplay_request_build(Service::Widevine, Environment::Test, parameters).unwrap();
        request.validate(None).unwrap();
        let url = Zeroizing::new(request.write_url().unwrap());
        let body = Zeroizing::new(request.write_form_body().unwrap());
        assert!(url.contains(auth) && body.contains(key.as_str()));
        let parsed = expressplay_url_parse(url.to_string()).unwrap();
        assert_eq!(parsed.request, request);
        expressplay_url_check(url.to_string(), None).unwrap();
        drop((request, parsed, url, body, key));
        assert_eq!(
            (freed_unwiped(5), freed_unwiped(6)),
            before,
            "a secret was freed without being wiped"
        );
    }
}
