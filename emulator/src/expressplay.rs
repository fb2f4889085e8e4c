//! ExpressPlay FairPlay, PlayReady and Widevine: `GET|POST /hms/{fp,pr,wv}/token`.
//!
//! The request is read by the core (`parse_query`, then `validate(now)`), so the emulator
//! refuses exactly what the library refuses, with the same code. Then the account: an unknown
//! `customerAuthenticator`, or one of the other environment, is -2018 (401); a service the
//! account has disabled is -6009 / -5002 / -7011 (401). A valid request gets a token derived
//! from the request's canonical URL, so the same request always gets the same token.
//!
//! The service's side comes from the core too: the environment a Host names
//! ([`host_environment`]), the `errorFormat` a refusal is written in ([`error_format`], read
//! before the request is parsed) and the HTTP status of each code ([`http_status`]).

use drmtoken_core::expressplay::{
    error_format, host_environment, http_status, parse_query, scratch_len, Environment as CoreEnvironment, ErrorFormat,
    Service, TOKEN_PARAMETER,
};
use drmtoken_core::{Error, ErrorKind, ExpressPlayCode};
use serde_json::json;

use crate::config::{Config, Environment};
use crate::{token, Reply};

/// The seeds' sample licence acquisition URL (PlayReady).
pub const PLAYREADY_LICENSE_URL: &str = "https://expressplay-licensing.axprod.net/LicensingService.ashx";

/// The environment a Host header names, by the core's [`host_environment`]
/// (`*.test.expressplay.com` is test; `*.service.expressplay.com` and another `<p>-gen.<domain>`
/// production); any other host (an IP address, `localhost`), or none, is `default`.
#[must_use]
pub fn environment_of_host(service: Service, host: Option<&str>, default: Environment) -> Environment {
    match host.and_then(|h| host_environment(service, h)) {
        Some(CoreEnvironment::Test) => Environment::Test,
        Some(CoreEnvironment::Production | CoreEnvironment::Domain(_)) => Environment::Production,
        // `host_environment` never gives `Host`; it would be a host it could not place.
        Some(CoreEnvironment::Host(_)) | None => default,
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// An error in the requested format: HTML (`<p>Error -2027: message (parameter)</p>`, where
/// the core's HTML reader finds the code and the message) or JSON (`errorCode`,
/// `errorMessage`, `parameter`).
#[must_use]
pub fn error_reply(
    format: ErrorFormat,
    status: u16,
    code: Option<i32>,
    message: &str,
    parameter: Option<&str>,
) -> Reply {
    match format {
        ErrorFormat::Json => {
            let mut body = serde_json::Map::new();
            if let Some(code) = code {
                body.insert("errorCode".into(), json!(code));
            }
            body.insert("errorMessage".into(), json!(message));
            if let Some(p) = parameter {
                body.insert("parameter".into(), json!(p));
            }
            Reply::new(
                status,
                format.content_type(),
                serde_json::Value::Object(body).to_string(),
            )
        }
        ErrorFormat::Html => {
            let what = match (code, parameter) {
                (Some(c), Some(p)) => format!("Error {c}: {} ({})", html_escape(message), html_escape(p)),
                (Some(c), None) => format!("Error {c}: {}", html_escape(message)),
                (None, Some(p)) => format!("{} ({})", html_escape(message), html_escape(p)),
                (None, None) => html_escape(message),
            };
            let title = format!("{status} {}", reason(status));
            Reply::new(
                status,
                format.content_type(),
                format!(
                    "<!DOCTYPE html>\n<html><head><title>{title}</title></head>\n<body><h1>{title}</h1>\n<p>{what}</p>\n</body></html>\n"
                ),
            )
        }
    }
}

/// A refusal found by the core: a documented code with the status the core gives it
/// ([`http_status`]); a fault without one (a bad percent escape, a repeated parameter) is
/// "Invalid args", 400.
fn refuse(format: ErrorFormat, e: &Error) -> Reply {
    match e.kind() {
        ErrorKind::ExpressPlay(code) => {
            error_reply(format, http_status(code), Some(code.code()), e.message(), e.parameter())
        }
        _ => error_reply(format, 400, None, e.message(), e.parameter()),
    }
}

fn refuse_code(format: ErrorFormat, code: ExpressPlayCode, parameter: Option<&str>) -> Reply {
    error_reply(format, http_status(code), Some(code.code()), code.message(), parameter)
}

/// The code for a service an account has disabled.
const fn disabled_code(service: Service) -> ExpressPlayCode {
    match service {
        Service::FairPlay => ExpressPlayCode::FairPlayDisabled,
        Service::PlayReady => ExpressPlayCode::PlayReadyDisabled,
        Service::Widevine => ExpressPlayCode::WidevineDisabled,
    }
}

/// The domain of the rights URLs.
const fn domain(environment: Environment) -> &'static str {
    match environment {
        Environment::Test => "test.expressplay.com",
        Environment::Production => "service.expressplay.com",
    }
}

/// Answers one token request: `params` is the query (GET) or the form body (POST).
#[must_use]
pub fn answer(config: &Config, service: Service, host: Option<&str>, params: &str, now: i64) -> Reply {
    let format = error_format(params);
    let environment = environment_of_host(service, host, config.default_environment);
    let core_env = match environment {
        Environment::Test => CoreEnvironment::Test,
        Environment::Production => CoreEnvironment::Production,
    };
    let mut scratch = vec![0u8; scratch_len(service, params)];
    let parsed = match parse_query(service, core_env, params, &mut scratch) {
        Ok(p) => p,
        Err(e) => return refuse(format, &e),
    };
    let request = parsed.request;
    let mut authenticator = None;
    request.for_each_parameter(|name, value| {
        if name == "customerAuthenticator" {
            authenticator = Some(value);
        }
    });
    // The table's first row: an authenticator given but unknown (or of the other environment)
    // is refused before anything else; a missing one is the core's -2017.
    let account = match authenticator.filter(|a| !a.is_empty()) {
        Some(a) => match config
            .expressplay
            .accounts
            .iter()
            .find(|acc| acc.customer_authenticator == a && acc.environment == environment)
        {
            Some(acc) => Some(acc),
            None => {
                return refuse_code(
                    format,
                    ExpressPlayCode::InvalidAuthenticator,
                    Some("customerAuthenticator"),
                )
            }
        },
        None => None,
    };
    if let Err(e) = request.validate(Some(now)) {
        return refuse(format, &e);
    }
    if let Some(acc) = account {
        if acc.disabled.iter().any(|s| s == service.name()) {
            return refuse_code(format, disabled_code(service), None);
        }
    }
    // The canonical URL: the same parameters give the same token, by GET or POST, in any order
    // of encoding.
    let mut url = vec![0u8; request.url_len()];
    let canonical = match request.write_url(&mut url) {
        Ok(u) => u,
        Err(e) => return refuse(format, &e),
    };
    let token = token::derive(&[service.name(), environment.name(), canonical]);
    let domain = domain(environment);
    match service {
        Service::FairPlay => Reply::new(
            200,
            "text/uri-list",
            format!("https://fp.{domain}:80/hms/fp/rights/?{TOKEN_PARAMETER}={token}\r\n"),
        ),
        Service::Widevine => Reply::new(
            200,
            "text/uri-list",
            format!("https://wv.{domain}/hms/wv/rights/?{TOKEN_PARAMETER}={token}\r\n"),
        ),
        Service::PlayReady => Reply::new(
            200,
            "application/json",
            json!({ "licenseAcquisitionUrl": PLAYREADY_LICENSE_URL, "token": token }).to_string(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_tell_the_environment() {
        let d = Environment::Test;
        let p = Environment::Production;
        let e = |h| environment_of_host(Service::PlayReady, Some(h), d);
        assert_eq!(e("pr-gen.test.expressplay.com"), Environment::Test);
        assert_eq!(e("PR-GEN.SERVICE.EXPRESSPLAY.COM:443"), p);
        assert_eq!(e("pr-gen.drm.example.com"), p);
        assert_eq!(e("127.0.0.1:8787"), d);
        assert_eq!(e("localhost"), d);
        assert_eq!(e("[::1]:8787"), d);
        assert_eq!(environment_of_host(Service::PlayReady, None, p), p);
        assert_eq!(
            environment_of_host(Service::PlayReady, Some("pr-gen.test.expressplay.com:8787"), p),
            Environment::Test
        );
    }
}
