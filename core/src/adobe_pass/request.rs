//! The authorization token request (seed: "Retrieve Authorization Token"):
//! `GET <SP_FQDN>/api/v1/tokens/authz` with `requestor`, `deviceId`, `resource` and device
//! information (mandatory), `deviceType` (optional), `deviceUser` and `appId` (deprecated).

use core::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use crate::encode::{write_exact, written_str, Sink};
use crate::error::{Error, ErrorKind};
use crate::http::{check_header_value, Header, Headers};

/// The resource path on the SP_FQDN.
pub const PATH: &str = "/api/v1/tokens/authz";
/// "due to the potential size of this parameter and limitations on the length of a GET URL":
/// the common limit of HTTP stacks and proxies, above which the URL draws a warning.
pub const MAX_PORTABLE_URL_LEN: usize = 2048;
/// The `Authorization` header's scheme (Adobe's Dynamic Client Registration access token).
pub const BEARER_PREFIX: &str = "Bearer ";

/// The response format asked for. Both the `Accept` header and the `format` query parameter
/// say it: the `Accept` header is what HTTP content negotiation reads, and the REST API v1
/// endpoints also honour `format=json|xml` in the query, so the answer is the same whichever
/// one a given Adobe deployment looks at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// `application/json` (the seed's JSON samples).
    #[default]
    Json,
    /// `application/xml` (the seed's XML samples).
    Xml,
}

impl Format {
    /// The media type for the `Accept` header.
    #[must_use]
    pub const fn media_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Xml => "application/xml",
        }
    }

    /// The `format` query parameter's value.
    #[must_use]
    pub const fn parameter(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Xml => "xml",
        }
    }
}

/// Where the device information goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DeviceInfoPlacement {
    /// The `X-Device-Info` header: the seed says it "SHOULD be passed as X-Device-Info in the
    /// http header".
    #[default]
    Header,
    /// The `device_info` query parameter, which the seed allows ("MAY").
    Query,
}

/// Something valid but worth telling the integrator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Warning {
    /// `deviceUser` is deprecated ("the device_info replaces this parameter").
    DeprecatedDeviceUser,
    /// `appId` is deprecated ("the device_info replaces this parameter").
    DeprecatedAppId,
    /// The URL is longer than [`MAX_PORTABLE_URL_LEN`] (usually because `device_info` or an MRSS
    /// `resource` is in the query): some HTTP stacks and proxies will refuse it.
    UrlTooLong {
        /// The URL's length.
        len: usize,
    },
}

/// Warnings beside a valid request.
pub type Warnings = heapless::Vec<Warning, 3>;

/// An authorization token request. Empty strings count as absent for the optional fields.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct AuthorizationRequest<'a> {
    /// `<SP_FQDN>`: the service provider's host (`api.auth.adobe.com`) or base URL
    /// (`https://api.auth-staging.adobe.com`); `https://` is assumed without a scheme.
    pub sp_fqdn: &'a str,
    /// `requestor`: "The Programmer requestorId for which this operation is valid."
    pub requestor: &'a str,
    /// `deviceId`: "The device id bytes."
    pub device_id: &'a str,
    /// `resource`: a resourceId or a whole MRSS fragment; encoded so it arrives byte for byte.
    pub resource: &'a str,
    /// The device information: the base64 of the device JSON (see [`encode_device_info`]).
    pub device_info: &'a str,
    /// Header (default, as the seed recommends) or query.
    pub device_info_placement: DeviceInfoPlacement,
    /// `deviceType` (optional), e.g. `Roku`, `PC`.
    pub device_type: Option<&'a str>,
    /// `deviceUser` (deprecated: accepted, reported as a warning).
    pub device_user: Option<&'a str>,
    /// `appId` (deprecated: accepted, reported as a warning).
    pub app_id: Option<&'a str>,
    /// The access token for `Authorization: Bearer <token>` (optional; secret).
    pub access_token: Option<&'a str>,
    /// The response format asked for.
    pub format: Format,
}

impl fmt::Debug for AuthorizationRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthorizationRequest")
            .field("sp_fqdn", &self.sp_fqdn)
            .field("requestor", &self.requestor)
            .field("device_id", &self.device_id)
            .field("resource", &self.resource)
            .field("device_info", &self.device_info)
            .field("device_info_placement", &self.device_info_placement)
            .field("device_type", &self.device_type)
            .field("device_user", &self.device_user)
            .field("app_id", &self.app_id)
            .field("access_token", &self.access_token.map(|_| "<redacted>"))
            .field("format", &self.format)
            .finish()
    }
}

fn present(v: Option<&str>) -> Option<&str> {
    v.filter(|v| !v.is_empty())
}

/// Base64 (RFC 4648 section 4, with padding) characters only.
fn is_base64(s: &str) -> bool {
    let body = s.trim_end_matches('=');
    s.len() - body.len() <= 2
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

impl<'a> AuthorizationRequest<'a> {
    /// The request's method, `GET`.
    #[must_use]
    pub const fn method(&self) -> &'static str {
        "GET"
    }

    /// The base URL without a trailing `/`, with `https://` when no scheme was given.
    fn base(&self) -> (&'static str, &'a str) {
        let fqdn = self.sp_fqdn.trim_end_matches('/');
        match crate::http::strip_scheme(fqdn) {
            Some(_) => ("", fqdn),
            None => ("https://", fqdn),
        }
    }

    /// Checks the request, in the order of the seed's table, and reports the warnings.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidUrl`] / [`ErrorKind::InvalidHost`] / [`ErrorKind::InvalidPort`]
    /// (`sp_fqdn`), [`ErrorKind::MissingField`] (`requestor`, `deviceId`, `resource`,
    /// `device_info`), [`ErrorKind::InvalidValue`] (`device_info` is not base64),
    /// [`ErrorKind::ControlCharacter`] (`X-Device-Info`, `Authorization`: header injection).
    pub fn validate(&self) -> Result<Warnings, Error> {
        self.check_base()?;
        for (value, name) in [
            (self.requestor, "requestor"),
            (self.device_id, "deviceId"),
            (self.resource, "resource"),
        ] {
            if value.is_empty() {
                return Err(Error::new(ErrorKind::MissingField).with_parameter(name));
            }
        }
        let info_name = match self.device_info_placement {
            DeviceInfoPlacement::Header => "X-Device-Info",
            DeviceInfoPlacement::Query => "device_info",
        };
        check_header_value(self.device_info, info_name)?;
        if !is_base64(self.device_info) {
            return Err(Error::new(ErrorKind::InvalidValue)
                .with_parameter(info_name)
                .with_detail("device information is the base64 of the device JSON"));
        }
        if let Some(token) = self.access_token {
            check_header_value(token, "Authorization")?;
        }
        let mut warnings = Warnings::new();
        // Three distinct warnings fit the capacity of three: pushes cannot fail.
        if present(self.device_user).is_some() {
            let _ = warnings.push(Warning::DeprecatedDeviceUser);
        }
        if present(self.app_id).is_some() {
            let _ = warnings.push(Warning::DeprecatedAppId);
        }
        let len = self.url_len();
        if len > MAX_PORTABLE_URL_LEN {
            let _ = warnings.push(Warning::UrlTooLong { len });
        }
        Ok(warnings)
    }

    /// `sp_fqdn`: a host (with an optional port) and an optional path, nothing that would end
    /// the path early.
    fn check_base(&self) -> Result<(), Error> {
        let (_, base) = self.base();
        let rest = crate::http::strip_scheme(base).unwrap_or(base);
        let (authority, path) = rest
            .split_at_checked(rest.bytes().position(|b| b == b'/').unwrap_or(rest.len()))
            .unwrap_or((rest, ""));
        if self.sp_fqdn.is_empty() {
            return Err(Error::new(ErrorKind::MissingField).with_parameter("sp_fqdn"));
        }
        crate::host::check_authority(authority).map_err(|e| e.with_parameter("sp_fqdn"))?;
        if path
            .bytes()
            .any(|b| b.is_ascii_control() || matches!(b, b' ' | b'?' | b'#'))
        {
            return Err(Error::new(ErrorKind::InvalidUrl).with_parameter("sp_fqdn"));
        }
        Ok(())
    }

    fn write(&self, sink: &mut dyn Sink) {
        let (scheme, base) = self.base();
        sink.put(scheme);
        sink.put(base);
        sink.put(PATH);
        let mut pair = |name: &str, value: &str, first: bool| {
            sink.put(if first { "?" } else { "&" });
            sink.put(name);
            sink.put("=");
            sink.put_encoded(value);
        };
        pair("requestor", self.requestor, true);
        pair("deviceId", self.device_id, false);
        pair("resource", self.resource, false);
        if self.device_info_placement == DeviceInfoPlacement::Query {
            pair("device_info", self.device_info, false);
        }
        for (name, value) in [
            ("deviceType", self.device_type),
            ("deviceUser", self.device_user),
            ("appId", self.app_id),
        ] {
            if let Some(v) = present(value) {
                pair(name, v, false);
            }
        }
        pair("format", self.format.parameter(), false);
    }

    /// The exact length of [`write_url`](Self::write_url)'s output.
    #[must_use]
    pub fn url_len(&self) -> usize {
        let mut c = crate::encode::Counter(0);
        self.write(&mut c);
        c.0
    }

    /// Writes the GET URL. Values are percent-encoded as [`crate::encode`] documents (every
    /// byte but `A-Z a-z 0-9 - . _ ~`), so an MRSS `resource` arrives byte for byte.
    ///
    /// Like every service's `write_url`, it checks only what the URL needs to be well-formed (the
    /// `sp_fqdn` it starts with) and applies none of the service's rules: call
    /// [`validate`](Self::validate) first.
    ///
    /// # Errors
    /// [`ErrorKind::MissingField`] / [`ErrorKind::InvalidUrl`] / [`ErrorKind::InvalidHost`] /
    /// [`ErrorKind::InvalidPort`] naming `sp_fqdn`; [`ErrorKind::BufferTooSmall`] with
    /// [`url_len`](Self::url_len) (the buffer is untouched).
    pub fn write_url<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, Error> {
        self.check_base()?;
        let n = write_exact(out, |s| self.write(s))?;
        written_str(out, n)
    }

    /// The headers: `Accept`, then `X-Device-Info` (unless it goes in the query), then
    /// `Authorization: Bearer <token>` when an access token is given.
    #[must_use]
    pub fn headers(&self) -> Headers<'a> {
        let mut headers = Headers::new();
        // At most three headers in a list of three: pushes cannot fail.
        let _ = headers.push(Header {
            name: "Accept",
            value_prefix: self.format.media_type(),
            value: "",
            secret: false,
        });
        if self.device_info_placement == DeviceInfoPlacement::Header {
            let _ = headers.push(Header {
                name: "X-Device-Info",
                value_prefix: "",
                value: self.device_info,
                secret: false,
            });
        }
        if let Some(token) = self.access_token {
            let _ = headers.push(Header {
                name: "Authorization",
                value_prefix: BEARER_PREFIX,
                value: token,
                secret: true,
            });
        }
        headers
    }
}

/// The exact length of [`encode_device_info`]'s output for `json_len` bytes of device JSON.
#[must_use]
pub const fn device_info_len(json_len: usize) -> usize {
    json_len.div_ceil(3) * 4
}

/// Base64-encodes the device JSON (see Adobe's "Passing Device and Connection Information")
/// into `out`, for [`AuthorizationRequest::device_info`].
///
/// # Errors
/// [`ErrorKind::BufferTooSmall`] with [`device_info_len`] (`out` untouched).
pub fn encode_device_info<'o>(json: &[u8], out: &'o mut [u8]) -> Result<&'o str, Error> {
    let n = device_info_len(json.len());
    let dst = out.get_mut(..n).ok_or(Error::buffer_too_small(n))?;
    let written = STANDARD
        .encode_slice(json, dst)
        .map_err(|_| Error::buffer_too_small(n))?;
    written_str(out, written)
}
