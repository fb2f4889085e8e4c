//! Adobe Pass authorization tokens for the bindings.

use std::fmt;

use drmtoken_core::adobe_pass::{self as core_ap, DeviceInfoPlacement, ResponseError, Warning};

use super::error::DrmTokenError;
use super::opentv::{header_value, HttpHeader, HttpRequest};
use super::secret::{wiped, SecretString};

const _: fn(&AdobePassAuthorizationRequest) = |r| wiped(&r.access_token);

/// The response format to ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum AdobePassFormat {
    /// JSON.
    Json,
    /// XML.
    Xml,
}

/// An authorization token request (`GET <SP_FQDN>/api/v1/tokens/authz`).
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug, Display)]
pub struct AdobePassAuthorizationRequest {
    /// The service provider's host or base URL.
    pub sp_fqdn: String,
    /// `requestor`.
    pub requestor: String,
    /// `deviceId`.
    pub device_id: String,
    /// `resource` (a resourceId or an MRSS fragment).
    pub resource: String,
    /// The base64 device information (see `encode_device_info`).
    pub device_info: String,
    /// Send it as the `device_info` query parameter instead of the `X-Device-Info` header.
    pub device_info_in_query: bool,
    /// `deviceType`.
    pub device_type: Option<String>,
    /// `deviceUser` (deprecated).
    pub device_user: Option<String>,
    /// `appId` (deprecated).
    pub app_id: Option<String>,
    /// The access token for `Authorization: Bearer` (secret; wiped on drop).
    pub access_token: Option<SecretString>,
    /// The response format asked for.
    pub format: AdobePassFormat,
}

impl fmt::Debug for AdobePassAuthorizationRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AdobePassAuthorizationRequest")
            .field("sp_fqdn", &self.sp_fqdn)
            .field("requestor", &self.requestor)
            .field("device_id", &self.device_id)
            .field("resource", &self.resource)
            .field("access_token", &self.access_token.as_ref().map(|_| "<redacted>"))
            .field("format", &self.format)
            .finish()
    }
}

impl fmt::Display for AdobePassAuthorizationRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// The request to send, and what is worth telling the integrator about it.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct AdobePassHttpRequest {
    /// Method, URL and headers.
    pub request: HttpRequest,
    /// `deprecated deviceUser`, `deprecated appId`, `url longer than 2048 bytes (N)`.
    pub warnings: Vec<String>,
}

/// Validates the request and returns the `GET` to send.
///
/// # Errors
/// `MissingField`, `InvalidHost`, `InvalidUrl`, `InvalidValue` (device info not base64),
/// `ControlCharacter` (header injection), naming the field.
#[uniffi::export]
pub fn adobe_pass_authorization_request(
    request: AdobePassAuthorizationRequest,
) -> Result<AdobePassHttpRequest, DrmTokenError> {
    let r = core_ap::AuthorizationRequest {
        sp_fqdn: &request.sp_fqdn,
        requestor: &request.requestor,
        device_id: &request.device_id,
        resource: &request.resource,
        device_info: &request.device_info,
        device_info_placement: if request.device_info_in_query {
            DeviceInfoPlacement::Query
        } else {
            DeviceInfoPlacement::Header
        },
        device_type: request.device_type.as_deref(),
        device_user: request.device_user.as_deref(),
        app_id: request.app_id.as_deref(),
        access_token: request.access_token.as_deref(),
        format: match request.format {
            AdobePassFormat::Json => core_ap::Format::Json,
            AdobePassFormat::Xml => core_ap::Format::Xml,
        },
    };
    let warnings = r
        .validate()?
        .iter()
        .map(|w| match w {
            Warning::DeprecatedDeviceUser => "deprecated deviceUser".to_owned(),
            Warning::DeprecatedAppId => "deprecated appId".to_owned(),
            Warning::UrlTooLong { len } => format!("url longer than 2048 bytes ({len})"),
        })
        .collect();
    let mut url = vec![0u8; r.url_len()];
    let url = r.write_url(&mut url)?.to_owned();
    let headers = r
        .headers()
        .iter()
        .map(|h| HttpHeader {
            name: h.name.to_owned(),
            value: header_value(h.value_prefix, h.value),
        })
        .collect();
    Ok(AdobePassHttpRequest {
        request: HttpRequest {
            method: r.method().to_owned(),
            url,
            headers,
        },
        warnings,
    })
}

/// The base64 of the device JSON, for `device_info`.
#[uniffi::export]
pub fn encode_device_info(json: Vec<u8>) -> String {
    let mut out = vec![0u8; core_ap::device_info_len(json.len())];
    core_ap::encode_device_info(&json, &mut out)
        .map(str::to_owned)
        .unwrap_or_default()
}

/// A granted authorization.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct AdobePassAuthorization {
    /// `mvpd`.
    pub mvpd: String,
    /// `resource`.
    pub resource: String,
    /// `requestor`.
    pub requestor: String,
    /// `expires`, epoch milliseconds.
    pub expires: u64,
    /// `proxyMvpd`.
    pub proxy_mvpd: Option<String>,
}

/// Parses an authorization token response (JSON or XML, by content type).
///
/// # Errors
/// `NotAuthenticated` (412), `NotAuthorized` (404), `AuthorizationExpired` (410) or
/// `UnexpectedStatus`, with the body's message; the kinds of an unreadable body.
#[uniffi::export]
pub fn parse_adobe_pass_response(
    status: u16,
    content_type: String,
    body: Vec<u8>,
) -> Result<AdobePassAuthorization, DrmTokenError> {
    let mut scratch = vec![0u8; body.len()];
    match core_ap::parse_response(status, &content_type, &body, &mut scratch) {
        Ok(a) => Ok(AdobePassAuthorization {
            mvpd: a.mvpd.to_owned(),
            resource: a.resource.to_owned(),
            requestor: a.requestor.to_owned(),
            expires: a.expires,
            proxy_mvpd: a.proxy_mvpd.map(str::to_owned),
        }),
        Err(ResponseError::Service(e)) => {
            let error = DrmTokenError::from(e.to_error());
            Err(match e.message {
                Some(m) => error.with_message(m),
                None => error,
            })
        }
        Err(ResponseError::Invalid(e)) => Err(e.into()),
    }
}
