//! Adobe Pass authorization tokens for the bindings: the request record (methods `method`,
//! `validate`, `write_url`, `headers`), `adobe_pass_response_parse` and
//! `adobe_pass_device_info_encode`.

use std::fmt;

use drmtoken_core::adobe_pass::{self as core_ap, DeviceInfoPlacement, ResponseError};

use super::error::DrmTokenError;
use super::http::{headers, produce, Header, Warning};
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
    /// The base64 device information (see `adobe_pass_device_info_encode`).
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

impl AdobePassAuthorizationRequest {
    fn to_core(&self) -> core_ap::AuthorizationRequest<'_> {
        core_ap::AuthorizationRequest {
            sp_fqdn: &self.sp_fqdn,
            requestor: &self.requestor,
            device_id: &self.device_id,
            resource: &self.resource,
            device_info: &self.device_info,
            device_info_placement: if self.device_info_in_query {
                DeviceInfoPlacement::Query
            } else {
                DeviceInfoPlacement::Header
            },
            device_type: self.device_type.as_deref(),
            device_user: self.device_user.as_deref(),
            app_id: self.app_id.as_deref(),
            access_token: self.access_token.as_deref(),
            format: match self.format {
                AdobePassFormat::Json => core_ap::Format::Json,
                AdobePassFormat::Xml => core_ap::Format::Xml,
            },
        }
    }
}

/// A core warning in the shape every service gives.
fn warning(w: &core_ap::Warning) -> Warning {
    let (parameter, message) = match w {
        core_ap::Warning::DeprecatedDeviceUser => (Some("deviceUser"), "deprecated deviceUser".to_owned()),
        core_ap::Warning::DeprecatedAppId => (Some("appId"), "deprecated appId".to_owned()),
        core_ap::Warning::UrlTooLong { len } => (None, format!("url longer than 2048 bytes ({len})")),
    };
    Warning {
        parameter: parameter.map(str::to_owned),
        message,
    }
}

#[uniffi::export]
impl AdobePassAuthorizationRequest {
    /// The method, `GET`.
    pub fn method(&self) -> String {
        self.to_core().method().to_owned()
    }

    /// Checks every field; returns what is worth telling the integrator (`deviceUser` and
    /// `appId` are deprecated; a URL longer than 2048 bytes).
    ///
    /// # Errors
    /// `Invalid`: `MissingField`, `InvalidHost`, `InvalidUrl`, `InvalidValue` (device info not
    /// base64), `ControlCharacter` (header injection), naming the field.
    pub fn validate(&self) -> Result<Vec<Warning>, DrmTokenError> {
        Ok(self.to_core().validate()?.iter().map(warning).collect())
    }

    /// The URL to GET. Applies no rule (call `validate` first); checks only the `sp_fqdn` it
    /// writes.
    ///
    /// # Errors
    /// `Invalid`: `MissingField`, `InvalidUrl`, `InvalidHost`, `InvalidPort` naming `sp_fqdn`.
    pub fn write_url(&self) -> Result<String, DrmTokenError> {
        let r = self.to_core();
        produce(r.url_len(), |b| r.write_url(b).map(str::len))
    }

    /// The headers: `Accept`, `X-Device-Info` (unless in the query), `Authorization` (secret)
    /// when there is an access token. Applies no rule (call `validate` first).
    pub fn headers(&self) -> Vec<Header> {
        headers(&self.to_core().headers())
    }
}

/// The base64 of the device JSON, for `device_info`.
#[uniffi::export]
pub fn adobe_pass_device_info_encode(json: Vec<u8>) -> String {
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
/// `Refused` of kind `NotAuthenticated` (412), `NotAuthorized` (404), `AuthorizationExpired`
/// (410) or `UnexpectedStatus`, with the body's message and the status as `detail`; `Response`
/// with the kind of an unreadable body.
#[uniffi::export]
pub fn adobe_pass_response_parse(
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
        Err(ResponseError::Service(e)) => Err(DrmTokenError::refused(&e.to_error(), e.status, None, e.message)),
        Err(ResponseError::Invalid(e)) => Err(DrmTokenError::response(&e)),
    }
}
