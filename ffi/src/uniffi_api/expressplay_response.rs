//! ExpressPlay token responses and redemption for the bindings: a token record, or a
//! `DrmTokenError.ServiceRefused` carrying the HTTP status and the service's code and message.

use std::fmt;

use drmtoken_core::expressplay::{self as core_ep, ResponseError, TokenResponse};

use super::error::DrmTokenError;
use super::expressplay::Service;

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

/// The refusal of an ExpressPlay service as a `DrmTokenError.ServiceRefused`.
fn refused(e: &core_ep::ServiceError<'_>) -> DrmTokenError {
    DrmTokenError::ServiceRefused {
        code: e.code.unwrap_or(0),
        message: e.best_message().to_owned(),
        parameter: None,
        status: e.status,
    }
}

/// Parses a token response from its HTTP status, content type and body.
///
/// # Errors
/// `ServiceRefused` when the service refused (status, code, message); otherwise the kinds of
/// an unreadable response (`InvalidJson`, `InvalidToken`, `UnexpectedContentType`, ...).
#[uniffi::export]
pub fn parse_expressplay_response(
    service: Service,
    status: u16,
    content_type: String,
    body: Vec<u8>,
) -> Result<ExpressPlayToken, DrmTokenError> {
    let mut scratch = vec![0u8; body.len()];
    let response = match core_ep::parse_response(service.into(), status, &content_type, &body, &mut scratch) {
        Ok(r) => r,
        Err(ResponseError::Service(e)) => return Err(refused(&e)),
        Err(ResponseError::Invalid(e)) => return Err(e.into()),
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
                skd_uri: Some(t.write_skd_uri(&mut skd)?.to_owned()),
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
                license_url: Some(t.write_license_url(&mut url)?.to_owned()),
            }
        }
    })
}
