//! The service's side of a token request: what a server that answers like ExpressPlay (a test
//! double, a proxy, `drmtoken serve`) needs besides validation.
//!
//! - [`host_environment`]: which environment a request's `Host` names. The seeds: "The Test SDK
//!   and Advanced Test Tool (ATT) only work with `*.test.expressplay.com`, whereas production
//!   devices must use `*.service.expressplay.com`", and production URLs are
//!   `https://<p>-gen.{prod_domain}/hms/<p>/token`.
//! - [`error_format`]: the format a request asks its errors in. The seeds: "`errorFormat`:
//!   Either `html` or `json`. If `html` (the default) an HTML representation of any errors is
//!   provided in the entity body of the response. If `json` is specified, a structured response
//!   in JSON format is returned."
//! - [`http_status`]: the HTTP status a refusal with a documented code is answered with, from
//!   the seeds' "HTTP Responses" tables (`400` "Invalid args", `401` "Auth failed", `50x`
//!   "Server error").

use crate::encode::decoded_eq;
use crate::error::ExpressPlayCode;
use crate::host::{check_authority, check_host};

use super::{Environment, Service, PRODUCTION_DOMAIN, TEST_DOMAIN};

/// Whether `s` ends with `suffix`, ASCII case ignored.
fn ends_with_ci(s: &[u8], suffix: &[u8]) -> bool {
    s.len()
        .checked_sub(suffix.len())
        .and_then(|start| s.get(start..))
        .is_some_and(|tail| tail.eq_ignore_ascii_case(suffix))
}

/// Whether `name` is `domain` or a name under it (`x.domain`), ASCII case ignored.
fn is_within(name: &[u8], domain: &str) -> bool {
    let domain = domain.as_bytes();
    if name.eq_ignore_ascii_case(domain) {
        return true;
    }
    let Some(dot) = name.len().checked_sub(domain.len() + 1) else {
        return false;
    };
    name.get(dot) == Some(&b'.') && ends_with_ci(name, domain)
}

/// Which environment a request's host names, as ExpressPlay tells them apart (the host a GET or
/// POST was sent to: an HTTP `Host` header, with or without a port, any case, with or without
/// the trailing dot).
///
/// - `*.test.expressplay.com` (and `test.expressplay.com`): [`Environment::Test`].
/// - `*.service.expressplay.com` (and `service.expressplay.com`): [`Environment::Production`].
/// - `<p>-gen.<domain>` for this `service`'s prefix `<p>` (`pr-gen.drm.example.com` for
///   PlayReady), `<domain>` a DNS name of at least two labels: [`Environment::Domain`] with
///   `<domain>` as written, the seeds' `{prod_domain}` (a production environment).
///
/// Anything else is `None`: an IP address, `localhost`, another service's `<p>-gen.` host, a
/// name that is not a host at all (`evil.com/`, a bad port). A server decides what those mean
/// (`drmtoken serve` uses its configured default environment).
///
/// ```
/// use drmtoken_core::expressplay::{host_environment, Environment, Service};
///
/// let pr = Service::PlayReady;
/// assert_eq!(host_environment(pr, "pr-gen.test.expressplay.com"), Some(Environment::Test));
/// assert_eq!(host_environment(pr, "PR-GEN.SERVICE.EXPRESSPLAY.COM:443"), Some(Environment::Production));
/// assert_eq!(host_environment(pr, "pr-gen.drm.example.com."), Some(Environment::Domain("drm.example.com")));
/// assert_eq!(host_environment(pr, "127.0.0.1:8787"), None);
/// ```
#[must_use]
pub fn host_environment(service: Service, host: &str) -> Option<Environment<'_>> {
    let host = host.trim_ascii();
    if check_authority(host).is_err() {
        return None;
    }
    // The last `:` starts the port (in an IPv6 literal it cuts the address short, and no
    // literal is an ExpressPlay name either way).
    let name = match host.as_bytes().iter().rposition(|&b| b == b':') {
        Some(colon) => host.get(..colon)?,
        None => host,
    };
    let name = name.strip_suffix('.').unwrap_or(name);
    if is_within(name.as_bytes(), TEST_DOMAIN) {
        return Some(Environment::Test);
    }
    if is_within(name.as_bytes(), PRODUCTION_DOMAIN) {
        return Some(Environment::Production);
    }
    // `<p>-gen.` is ASCII, so `get` at its length is on a character boundary.
    let prefix_len = service.prefix().len() + "-gen.".len();
    let (head, domain) = (name.get(..prefix_len)?, name.get(prefix_len..)?);
    let head_matches = head
        .get(..service.prefix().len())
        .is_some_and(|p| p.eq_ignore_ascii_case(service.prefix()))
        && head
            .get(service.prefix().len()..)
            .is_some_and(|g| g.eq_ignore_ascii_case("-gen."));
    let two_labels = domain.as_bytes().contains(&b'.');
    (head_matches && two_labels && check_host(domain).is_ok()).then_some(Environment::Domain(domain))
}

/// The format of a refusal's body: the request's `errorFormat`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ErrorFormat {
    /// `html`, "the default": an HTML page, `text/html`.
    #[default]
    Html,
    /// `json`: "a structured response in JSON format", `application/json`.
    Json,
}

impl ErrorFormat {
    /// The `Content-Type` of an error in this format, as the seeds give it: "`text/html` for
    /// HTML error format, or `application/json` for JSON error format".
    #[must_use]
    pub const fn content_type(self) -> &'static str {
        match self {
            ErrorFormat::Html => "text/html",
            ErrorFormat::Json => "application/json",
        }
    }
}

/// The format a query string or form body (`a=b&errorFormat=json`, with or without a leading
/// `?`) asks its errors in: [`ErrorFormat::Json`] when its first `errorFormat` parameter is
/// exactly `json` (names and values form-decoded: `errorFormat=%6Ason` counts), else
/// [`ErrorFormat::Html`], the default.
///
/// Read on its own, before the request is parsed or validated, so that every refusal of a
/// request, even one the parser rejects, comes in the format it asked for. A value other than
/// `html` or `json` (validation refuses it with -3004) gives the default, HTML, since the refusal
/// cannot be written in a format that does not exist; so does `JSON`, as the rule compares
/// exactly.
///
/// ```
/// use drmtoken_core::expressplay::{error_format, ErrorFormat};
///
/// assert_eq!(error_format("kid=b366&errorFormat=json"), ErrorFormat::Json);
/// assert_eq!(error_format("kid=b366"), ErrorFormat::Html);
/// assert_eq!(error_format("errorFormat=xml"), ErrorFormat::Html);
/// ```
#[must_use]
pub fn error_format(params: &str) -> ErrorFormat {
    let params = params.strip_prefix('?').unwrap_or(params);
    let first = crate::http::split_byte(params, b'&')
        .map(|p| crate::http::split_once_byte(p, b'=').unwrap_or((p, "")))
        .find(|(name, _)| decoded_eq(name, "errorFormat"));
    match first {
        Some((_, value)) if decoded_eq(value, "json") => ErrorFormat::Json,
        _ => ErrorFormat::Html,
    }
}

/// The HTTP status ExpressPlay answers a refusal with `code` with. The seeds' "HTTP
/// Responses" tables give a status per class of fault, not per code; every code is put in the
/// class its description names:
///
/// - `401` "Auth failed": the customer authenticator is missing or wrong (-2017, -2018), the
///   account or the service is disabled or not authorized for it (-2031, -5002, -6006, -6009,
///   -7011), the device could not be authenticated (-4001).
/// - `500` ("`50x` Server error"): the service failed itself: its admin back end (-2030), its
///   key storage (-4019), generating a CKC or a licence (-6004, -7008).
/// - `400` "Invalid args": every other code, a fault in the request's parameters.
///
/// (`404` "Bad URL" is a path no service answers: it has no code.)
///
/// ```
/// use drmtoken_core::expressplay::http_status;
/// use drmtoken_core::ExpressPlayCode;
///
/// assert_eq!(http_status(ExpressPlayCode::ContentKeyLength), 400);
/// assert_eq!(http_status(ExpressPlayCode::InvalidAuthenticator), 401);
/// assert_eq!(http_status(ExpressPlayCode::KeyStorageFailure), 500);
/// ```
#[must_use]
pub const fn http_status(code: ExpressPlayCode) -> u16 {
    use ExpressPlayCode as C;
    // Every code spelled out (no catch-all): a code added to the table must be classed here.
    match code {
        C::MissingAuthenticator
        | C::InvalidAuthenticator
        | C::AccountDisabled
        | C::DeviceNotAuthenticated
        | C::PlayReadyDisabled
        | C::FairPlayNotAuthorized
        | C::FairPlayDisabled
        | C::WidevineDisabled => 401,
        C::AdminError | C::KeyStorageFailure | C::CkcGenerationFailed | C::WidevineLicenseFailed => 500,
        C::InvalidExpirationTime
        | C::InvalidIpAddress
        | C::InvalidContentKey
        | C::InvalidOutputControlFlags
        | C::InsufficientTokens
        | C::MissingRightsType
        | C::InvalidRightsType
        | C::MissingRentalPeriodEndTime
        | C::MissingRentalPlayDuration
        | C::InvalidRentalPlayDuration
        | C::ContentKeyLength
        | C::InvalidCookie
        | C::OutputControlOutOfRange
        | C::NoCorrespondingValue
        | C::ExtensionTypeLength
        | C::ExtensionPayloadNotBase64
        | C::OutputControlFlagsLength
        | C::InvalidErrorFormat
        | C::InvalidToken
        | C::MissingKid
        | C::KidHexLength
        | C::KidStringLength
        | C::InvalidKid
        | C::InvalidEncryptedKeyOrKek
        | C::InvalidUnknownOutputBehavior
        | C::InvalidGeneralFlags
        | C::DeviceIdLength
        | C::InvalidDeviceId
        | C::MissingOpl
        | C::KekWithContentKey
        | C::InvalidFpExtension
        | C::InvalidFpTokenType
        | C::InvalidIv
        | C::InvalidKeyData
        | C::InvalidRentalDuration
        | C::FairPlayDeviceBinding
        | C::WidevineDeviceBinding
        | C::MissingSecurityLevel
        | C::InvalidSecurityLevel
        | C::MissingHdcpOutputControl
        | C::InvalidLicenseDuration
        | C::InvalidWvExtension => 400,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_and_production_hosts() {
        for service in [Service::FairPlay, Service::PlayReady, Service::Widevine] {
            let e = |h| host_environment(service, h);
            for test in [
                "fp-gen.test.expressplay.com",
                "pr-gen.test.expressplay.com:443",
                "WV-GEN.TEST.EXPRESSPLAY.COM.",
                "test.expressplay.com",
                "a.b.test.expressplay.com:8787",
                " pr-gen.test.expressplay.com ",
            ] {
                assert_eq!(e(test), Some(Environment::Test), "{test}");
            }
            for production in [
                "pr-gen.service.expressplay.com",
                "Service.ExpressPlay.com:443",
                "x.service.expressplay.com.",
            ] {
                assert_eq!(e(production), Some(Environment::Production), "{production}");
            }
        }
    }

    #[test]
    fn custom_production_domains() {
        let pr = |h| host_environment(Service::PlayReady, h);
        assert_eq!(
            pr("pr-gen.drm.example.com"),
            Some(Environment::Domain("drm.example.com"))
        );
        assert_eq!(
            pr("PR-GEN.Drm.Example.com.:8443"),
            Some(Environment::Domain("Drm.Example.com"))
        );
        // Not a custom domain: a look-alike of the test domain is someone else's production.
        assert_eq!(
            pr("pr-gen.test.expressplay.com.evil.com"),
            Some(Environment::Domain("test.expressplay.com.evil.com"))
        );
        assert_eq!(pr("xtest.expressplay.com"), None);
        // Another service's host, a one-label domain, a numeric one, the bare prefix.
        for none in [
            "fp-gen.drm.example.com",
            "pr-gen.localhost",
            "pr-gen.1.2.3",
            "pr-gen.",
            "pr-gen",
        ] {
            assert_eq!(pr(none), None, "{none}");
        }
        assert_eq!(
            host_environment(Service::Widevine, "wv-gen.example.org"),
            Some(Environment::Domain("example.org"))
        );
    }

    #[test]
    fn other_hosts_are_none() {
        let pr = |h| host_environment(Service::PlayReady, h);
        for none in [
            "",
            "127.0.0.1",
            "127.0.0.1:8787",
            "localhost:8787",
            "[::1]:8787",
            "[::1]",
            "example.com",
            "expressplay.com",
            "pr-gen.test.expressplay.com:0",
            "pr-gen.test.expressplay.com:x",
            "pr-gen.test.expressplay.com/",
            "a@pr-gen.test.expressplay.com",
            "pr-gen.test.expressplay.com\r\nX: y",
            "é.test.expressplay.com",
        ] {
            assert_eq!(pr(none), None, "{none:?}");
        }
    }

    #[test]
    fn error_format_reads_the_first_error_format() {
        for json in [
            "errorFormat=json",
            "?errorFormat=json",
            "kid=1&errorFormat=json&x",
            "error%46ormat=json",
            "errorFormat=%6Ason",
            "errorFormat=json&errorFormat=html",
        ] {
            assert_eq!(error_format(json), ErrorFormat::Json, "{json}");
        }
        for html in [
            "",
            "?",
            "errorFormat=html",
            "errorFormat=JSON",
            "errorFormat=json+",
            "errorFormat=xml",
            "errorFormat",
            "errorFormat=",
            "errorFormat=%zz",
            "errorformat=json",
            "xerrorFormat=json",
            "errorFormat=html&errorFormat=json",
            "&&=json",
        ] {
            assert_eq!(error_format(html), ErrorFormat::Html, "{html}");
        }
        assert_eq!(ErrorFormat::default(), ErrorFormat::Html);
        assert_eq!(ErrorFormat::Html.content_type(), "text/html");
        assert_eq!(ErrorFormat::Json.content_type(), "application/json");
    }

    #[test]
    fn every_code_has_a_documented_status() {
        for &code in ExpressPlayCode::ALL {
            assert!(matches!(http_status(code), 400 | 401 | 500), "{code:?}");
        }
        let status = |c: i32| ExpressPlayCode::from_code(c).map(http_status);
        for c in [-2017, -2018, -2031, -4001, -5002, -6006, -6009, -7011] {
            assert_eq!(status(c), Some(401), "{c}");
        }
        for c in [-2030, -4019, -6004, -7008] {
            assert_eq!(status(c), Some(500), "{c}");
        }
        for c in [-2002, -2027, -3004, -4018, -5006, -6003, -7003] {
            assert_eq!(status(c), Some(400), "{c}");
        }
    }
}
