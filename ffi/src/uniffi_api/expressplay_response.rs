//! ExpressPlay token responses and redemption for the bindings: a token record, or a
//! `DrmTokenError.Refused` carrying the HTTP status (`detail`) and the service's code and
//! message; and the redemption helpers `fairplay_skd_uri_write` and
//! `playready_license_url_write`.

use std::fmt;

use drmtoken_core::expressplay::{self as core_ep, PlayReadyToken, ResponseError, TokenResponse, UrlToken};

use super::error::DrmTokenError;
use super::expressplay::Service;
use super::http::produce;

/// What a player needs after a successful token request.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug, Display)]
pub struct ExpressPlayToken {
    /// The service that issued it.
    pub service: Service,
    /// The token (a credential: redacted from `toString`/`description`).
    pub token: String,
    /// FairPlay/Widevine: the returned URL (with `?ExpressPlayToken=`); PlayReady: `licenseAcquisitionUrl`.
    pub url: String,
    /// The URL without its query (Widevine's licence server when the token is sent separately).
    pub url_without_query: String,
    /// FairPlay: the `skd://` key URI for the HLS `#EXT-X-KEY` tag.
    pub skd_uri: Option<String>,
    /// PlayReady: the licence server URL, `licenseAcquisitionUrl?ExpressPlayToken=<token>`.
    pub license_url: Option<String>,
}

impl fmt::Debug for ExpressPlayToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExpressPlayToken")
            .field("service", &self.service)
            .field("url_without_query", &self.url_without_query)
            .field("token", &format_args!("<redacted, {} characters>", self.token.len()))
            .finish()
    }
}

impl fmt::Display for ExpressPlayToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// Parses a token response from its HTTP status, content type and body.
///
/// # Errors
/// `Refused` when the service refused (`detail` the status, `code`, `reason` the body's
/// message); `Response` with the kind of an unreadable response (`InvalidJson`, `InvalidToken`,
/// `UnexpectedContentType`, ...).
#[uniffi::export]
pub fn expressplay_response_parse(
    service: Service,
    status: u16,
    content_type: String,
    body: Vec<u8>,
) -> Result<ExpressPlayToken, DrmTokenError> {
    let mut scratch = vec![0u8; body.len()];
    let response = match core_ep::parse_response(service.into(), status, &content_type, &body, &mut scratch) {
        Ok(r) => r,
        Err(ResponseError::Service(e)) => {
            return Err(DrmTokenError::refused(
                &e.to_error(),
                e.status,
                e.code,
                Some(e.best_message()),
            ))
        }
        Err(ResponseError::Invalid(e)) => return Err(DrmTokenError::response(&e)),
    };
    let token = response.token().to_owned();
    Ok(match response {
        TokenResponse::FairPlay(t) => {
            let mut skd = vec![0u8; t.skd_uri_len()];
            ExpressPlayToken {
                service,
                token,
                url: t.url.to_owned(),
                url_without_query: t.url_without_query().to_owned(),
                skd_uri: Some(
                    t.write_skd_uri(&mut skd)
                        .map_err(|e| DrmTokenError::response(&e))?
                        .to_owned(),
                ),
                license_url: None,
            }
        }
        TokenResponse::Widevine(t) => ExpressPlayToken {
            service,
            token,
            url: t.url.to_owned(),
            url_without_query: t.url_without_query().to_owned(),
            skd_uri: None,
            license_url: None,
        },
        TokenResponse::PlayReady(t) => {
            let mut url = vec![0u8; t.license_url_len()];
            ExpressPlayToken {
                service,
                token,
                url: t.license_acquisition_url.to_owned(),
                url_without_query: t
                    .license_acquisition_url
                    .split_once('?')
                    .map_or(t.license_acquisition_url, |(b, _)| b)
                    .to_owned(),
                skd_uri: None,
                license_url: Some(
                    t.write_license_url(&mut url)
                        .map_err(|e| DrmTokenError::response(&e))?
                        .to_owned(),
                ),
            }
        }
    })
}

/// The FairPlay key URI for the HLS `#EXT-X-KEY` tag: the rights `url` a FairPlay token
/// response gave, with `https://` replaced by `skd://` (as the C ABI's; the response parse
/// gives it as `skd_uri` too).
///
/// # Errors
/// None in practice (the buffer is sized exactly); the signature keeps the C ABI's shape.
#[uniffi::export]
pub fn fairplay_skd_uri_write(url: String) -> Result<String, DrmTokenError> {
    let t = UrlToken { url: &url, token: "" };
    produce(t.skd_uri_len(), |b| t.write_skd_uri(b).map(str::len))
}

/// The PlayReady licence server URL: `license_acquisition_url?ExpressPlayToken=<token>` (`&`
/// when the URL already has a query).
///
/// # Errors
/// `Invalid`: `InvalidToken` (the token has characters outside base64url and `=` padding).
#[uniffi::export]
pub fn playready_license_url_write(license_acquisition_url: String, token: String) -> Result<String, DrmTokenError> {
    core_ep::check_token(&token)?;
    let t = PlayReadyToken {
        license_acquisition_url: &license_acquisition_url,
        token: &token,
    };
    produce(t.license_url_len(), |b| t.write_license_url(b).map(str::len))
}
