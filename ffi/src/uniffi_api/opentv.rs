//! Nagra OpenTV IAS content tokens for the bindings: the request record (methods `method`,
//! `validate`, `write_url`, `headers`), the whole response document as records
//! (`opentv_response_parse`), and the token helpers `opentv_token_refresh_at` and
//! `opentv_jwt_payload_write`.

use std::collections::HashMap;
use std::fmt;

use drmtoken_core::opentv::{self as core_ot, ResponseError, Token};
use zeroize::Zeroizing;

use super::error::DrmTokenError;
use super::http::{headers, produce, Header};
use super::secret::{wiped, SecretString};

/// An IAS content token request.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug, Display)]
pub struct OpenTvContentTokenRequest {
    /// The IAS host (DNS name, IPv4, or IPv6 in brackets).
    pub host: String,
    /// The port, 1-65535.
    pub port: u32,
    /// `content_id`.
    pub content_id: String,
    /// The bearer token from sign-on (secret; wiped on drop).
    pub bearer_token: SecretString,
    /// `nv-tenant-id`.
    pub tenant_id: String,
}

impl fmt::Debug for OpenTvContentTokenRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpenTvContentTokenRequest")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("content_id", &self.content_id)
            .field("bearer_token", &"<redacted>")
            .field("tenant_id", &self.tenant_id)
            .finish()
    }
}

impl fmt::Display for OpenTvContentTokenRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

#[uniffi::export]
impl OpenTvContentTokenRequest {
    /// The method, `POST` (the body is empty).
    pub fn method(&self) -> String {
        self.to_core().method().to_owned()
    }

    /// Checks every field, in the order host, port, `content_id`, `authorization`,
    /// `nv-tenant-id`.
    ///
    /// # Errors
    /// `Invalid`: `MissingField`, `InvalidHost`, `InvalidPort`, `ControlCharacter`, naming the
    /// field.
    pub fn validate(&self) -> Result<(), DrmTokenError> {
        Ok(self.to_core().validate()?)
    }

    /// The URL to POST to. Applies no rule (call `validate` first); checks only the host and
    /// port it writes.
    ///
    /// # Errors
    /// `Invalid`: `InvalidHost`, `InvalidPort`, naming the field.
    pub fn write_url(&self) -> Result<String, DrmTokenError> {
        let r = self.to_core();
        produce(r.url_len(), |b| r.write_url(b).map(str::len))
    }

    /// The headers, `authorization` (secret) and `nv-tenant-id`. Applies no rule (call
    /// `validate` first).
    pub fn headers(&self) -> Vec<Header> {
        headers(&self.to_core().headers())
    }
}

impl OpenTvContentTokenRequest {
    fn to_core(&self) -> core_ot::ContentTokenRequest<'_> {
        core_ot::ContentTokenRequest {
            host: &self.host,
            port: self.port,
            content_id: &self.content_id,
            bearer_token: &self.bearer_token,
            tenant_id: &self.tenant_id,
        }
    }
}

// Compile-time proof that the secrets wipe themselves on drop.
const _: fn(&OpenTvContentTokenRequest, &OpenTvUserToken, &OpenTvContentToken) = |r, u, c| {
    wiped(&r.bearer_token);
    wiped(&u.raw);
    wiped(&c.raw);
};

/// One `sessionControl.groups` entry.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct OpenTvSessionGroup {
    /// `groupId`.
    pub group_id: Option<String>,
    /// `maxSessions`.
    pub max_sessions: Option<u32>,
}

/// `sessionControl`.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct OpenTvSessionControl {
    /// `groups`.
    pub groups: Vec<OpenTvSessionGroup>,
    /// `groupId`.
    pub group_id: Option<String>,
    /// `sessionControlEnabled`.
    pub session_control_enabled: Option<bool>,
    /// `maxSessions`.
    pub max_sessions: Option<u32>,
}

/// `content_token.device`.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct OpenTvDevice {
    /// `drm`.
    pub drm: Option<String>,
    /// `deviceUniqueId`.
    pub device_unique_id: Option<String>,
    /// `watermarking`.
    pub watermarking: Option<bool>,
    /// `ipAddress`.
    pub ip_address: Option<String>,
    /// `model`.
    pub model: Option<String>,
    /// `accountId`.
    pub account_id: Option<String>,
}

/// One `contentRights` entry.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct OpenTvContentRight {
    /// `contentId`.
    pub content_id: Option<String>,
    /// `start` (RFC 3339 text).
    pub start: Option<String>,
    /// `end` (RFC 3339 text).
    pub end: Option<String>,
    /// `duration` in seconds.
    pub duration: Option<u64>,
    /// `storable`.
    pub storable: Option<bool>,
    /// `drt`.
    pub drt: Option<String>,
    /// `usageRulesProfileId`.
    pub usage_rules_profile_id: Option<String>,
    /// `sessionControl`.
    pub session_control: Option<OpenTvSessionControl>,
}

/// The claims of `content_token` (when sent as an object).
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct OpenTvContentClaims {
    /// `typ`.
    pub typ: Option<String>,
    /// `ver`.
    pub ver: Option<String>,
    /// `exp`.
    pub exp: Option<i64>,
    /// `jti`.
    pub jti: Option<String>,
    /// `device`.
    pub device: Option<OpenTvDevice>,
    /// `contentRights`.
    pub content_rights: Vec<OpenTvContentRight>,
}

/// The claims of `access_token` / `refresh_token` (when sent as objects).
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct OpenTvUserClaims {
    /// `typ`.
    pub typ: Option<String>,
    /// `exp`.
    pub exp: Option<i64>,
    /// `fixed_exp`.
    pub fixed_exp: Option<i64>,
    /// `tenantId`.
    pub tenant_id: Option<String>,
    /// `accountId`.
    pub account_id: Option<String>,
    /// `userId`.
    pub user_id: Option<String>,
    /// `deviceId`.
    pub device_id: Option<String>,
    /// `jti`.
    pub jti: Option<String>,
    /// `sessionControl`.
    pub session_control: Option<OpenTvSessionControl>,
    /// `parentalControl.ratingThreshold` (rating system -> threshold).
    pub rating_thresholds: HashMap<String, String>,
}

macro_rules! token_record {
    ($name:ident, $claims:ty, $doc:literal) => {
        #[doc = $doc]
        #[derive(Clone, PartialEq, Eq, uniffi::Record)]
        #[uniffi::export(Debug, Display)]
        pub struct $name {
            /// Whether it came as a compact JWT string (decode with `opentv_jwt_payload_write`).
            pub is_jwt: bool,
            /// The JWT, or the object's JSON text (a credential: redacted from `toString`,
            /// wiped on drop).
            pub raw: SecretString,
            /// The claims of the object form.
            pub claims: Option<$claims>,
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("is_jwt", &self.is_jwt)
                    .field("raw", &"<redacted>")
                    .field("claims", &self.claims)
                    .finish()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(self, f)
            }
        }
    };
}

token_record!(
    OpenTvContentToken,
    OpenTvContentClaims,
    "`content_token`: as received, and its claims."
);
token_record!(
    OpenTvUserToken,
    OpenTvUserClaims,
    "`access_token` / `refresh_token`: as received, and its claims."
);

/// A parsed IAS content token response.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct OpenTvResponse {
    /// `content_token`.
    pub content_token: OpenTvContentToken,
    /// `token_type`.
    pub token_type: Option<String>,
    /// `expires_in` seconds (see `opentv_token_refresh_at`).
    pub expires_in: Option<u64>,
    /// `access_token`.
    pub access_token: Option<OpenTvUserToken>,
    /// `refresh_token`.
    pub refresh_token: Option<OpenTvUserToken>,
}

fn s(v: Option<&str>) -> Option<String> {
    v.map(str::to_owned)
}

fn session(c: &core_ot::SessionControl<'_>) -> OpenTvSessionControl {
    OpenTvSessionControl {
        groups: c
            .groups
            .iter()
            .map(|g| OpenTvSessionGroup {
                group_id: s(g.group_id),
                max_sessions: g.max_sessions,
            })
            .collect(),
        group_id: s(c.group_id),
        session_control_enabled: c.session_control_enabled,
        max_sessions: c.max_sessions,
    }
}

fn content_claims(c: &core_ot::ContentToken<'_>) -> OpenTvContentClaims {
    OpenTvContentClaims {
        typ: s(c.typ),
        ver: s(c.ver),
        exp: c.exp,
        jti: s(c.jti),
        device: c.device.map(|d| OpenTvDevice {
            drm: s(d.drm),
            device_unique_id: s(d.device_unique_id),
            watermarking: d.watermarking,
            ip_address: s(d.ip_address),
            model: s(d.model),
            account_id: s(d.account_id),
        }),
        content_rights: c
            .content_rights
            .iter()
            .map(|r| OpenTvContentRight {
                content_id: s(r.content_id),
                start: s(r.start),
                end: s(r.end),
                duration: r.duration,
                storable: r.storable,
                drt: s(r.drt),
                usage_rules_profile_id: s(r.usage_rules_profile_id),
                session_control: r.session_control.as_ref().map(session),
            })
            .collect(),
    }
}

fn user_claims(u: &core_ot::UserToken<'_>) -> OpenTvUserClaims {
    OpenTvUserClaims {
        typ: s(u.typ),
        exp: u.exp,
        fixed_exp: u.fixed_exp,
        tenant_id: s(u.tenant_id),
        account_id: s(u.account_id),
        user_id: s(u.user_id),
        device_id: s(u.device_id),
        jti: s(u.jti),
        session_control: u.session_control.as_ref().map(session),
        rating_thresholds: u
            .rating_thresholds
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    }
}

fn content_token(t: &Token<'_, core_ot::ContentToken<'_>>) -> OpenTvContentToken {
    OpenTvContentToken {
        is_jwt: matches!(t, Token::Jwt(_)),
        raw: t.raw().into(),
        claims: t.claims().map(content_claims),
    }
}

fn user_token(t: &Token<'_, core_ot::UserToken<'_>>) -> OpenTvUserToken {
    OpenTvUserToken {
        is_jwt: matches!(t, Token::Jwt(_)),
        raw: t.raw().into(),
        claims: t.claims().map(user_claims),
    }
}

/// Parses an IAS content token response.
///
/// # Errors
/// `Refused` of kind `BadRequest` (400), `Unauthorized` (401), `Forbidden` (403),
/// `ContentNotFound` (404) or `UnexpectedStatus`, with the body's message when it has one and
/// the status as `detail`; `Response` with the kind of an unreadable document (`InvalidJson`
/// with the offset, `InvalidValue`, `CapacityExceeded`, ... naming the field).
// The `result` binding ends the parse's borrow of `scratch` before `scratch` drops.
#[allow(clippy::let_and_return)]
#[uniffi::export]
pub fn opentv_response_parse(
    status: u16,
    content_type: String,
    body: Vec<u8>,
) -> Result<OpenTvResponse, DrmTokenError> {
    // The body and the strings unescaped into `scratch` hold the tokens.
    let body = Zeroizing::new(body);
    let mut scratch = Zeroizing::new(vec![0u8; body.len()]);
    let parsed = core_ot::parse_response(status, &content_type, &body, &mut scratch);
    let result = match parsed {
        Ok(r) => Ok(OpenTvResponse {
            content_token: content_token(&r.content_token),
            token_type: s(r.token_type),
            expires_in: r.expires_in,
            access_token: r.access_token.as_ref().map(user_token),
            refresh_token: r.refresh_token.as_ref().map(user_token),
        }),
        Err(ResponseError::Service(e)) => Err(DrmTokenError::refused(&e.to_error(), e.status, None, e.message)),
        Err(ResponseError::Invalid(e)) => Err(DrmTokenError::response(&e)),
    };
    result
}

/// When to refresh a token received at `received_at` (seconds) that expires `expires_in` seconds
/// later, at `percent` of its lifetime (90 is a good default).
#[uniffi::export]
pub fn opentv_token_refresh_at(received_at: i64, expires_in: u64, percent: u8) -> i64 {
    core_ot::refresh_at(received_at, expires_in, percent)
}

/// The payload (claims JSON) of a compact JWT; signatures are not verified.
///
/// # Errors
/// `InvalidToken` (not a compact JWT or bad base64url), `InvalidUtf8`.
#[uniffi::export]
pub fn opentv_jwt_payload_write(jwt: String) -> Result<String, DrmTokenError> {
    let mut out = vec![0u8; core_ot::jwt::payload_len(&jwt)?];
    Ok(core_ot::jwt::write_payload(&jwt, &mut out)?.to_owned())
}

#[cfg(test)]
mod tests {
    use super::super::adobe_pass::{AdobePassAuthorizationRequest, AdobePassFormat};
    use super::super::secret::wipe_check::{freed_unwiped, CANARIES};
    use super::*;

    /// The bearer token (OpenTV) and the access token (Adobe Pass) leave no unwiped copy: not
    /// in the request records, not in the `authorization` header values built from them.
    #[test]
    #[cfg_attr(miri, ignore = "the inspecting allocator does not read memory under Miri")]
    fn bearer_tokens_are_wiped() {
        let before = freed_unwiped(4);
        let token = std::str::from_utf8(CANARIES[4]).unwrap();
        let request = OpenTvContentTokenRequest {
            host: "ias.example.com".into(),
            port: 443,
            content_id: "c7".into(),
            bearer_token: token.into(),
            tenant_id: "nagra".into(),
        };
        let headers = request.headers();
        assert!(headers.iter().any(|h| h.secret && h.value.contains(token)));
        assert!(!format!("{headers:?}").contains(token));
        drop((request, headers));
        let adobe = AdobePassAuthorizationRequest {
            sp_fqdn: "api.auth.adobe.com".into(),
            requestor: "R".into(),
            device_id: "D".into(),
            resource: "R".into(),
            device_info: "e30=".into(),
            device_info_in_query: false,
            device_type: None,
            device_user: None,
            app_id: None,
            access_token: Some(token.into()),
            format: AdobePassFormat::Json,
        };
        let headers = adobe.headers();
        assert!(headers.iter().any(|h| h.secret && h.value.contains(token)));
        assert!(!format!("{headers:?}").contains(token));
        drop((adobe, headers));
        assert_eq!(freed_unwiped(4), before, "a bearer token was freed without being wiped");
    }
}
