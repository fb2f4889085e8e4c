//! Nagra OpenTV IAS content tokens from C. The C view of a response carries the fields a
//! player acts on; the whole document is in the Rust API and the bindings.

use drmtoken_core::opentv::{parse_response_into, ContentTokenRequest, ContentTokenResponse, ResponseError, Token};

use super::drmtoken_status::{self, *};
use super::error::{drmtoken_error, produced, Failure};
use super::http::{drmtoken_header, write_headers};
use super::response::unreadable;
use super::slices::{bytes, drmtoken_str, exclusive, out_buffer, reference, req, text};

/// An IAS content token request (`POST https://<host>:<port>/ias/v2/content_token`).
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_opentv_request {
    /// DNS name, IPv4 address or bracketed IPv6 address.
    pub host: drmtoken_str,
    /// 1 to 65535.
    pub port: u32,
    /// `content_id`.
    pub content_id: drmtoken_str,
    /// The bearer token from sign-on (secret).
    pub bearer_token: drmtoken_str,
    /// `nv-tenant-id`.
    pub tenant_id: drmtoken_str,
}

/// # Safety
/// The pointers in `r` must be valid for `'a`.
unsafe fn build<'a>(r: &drmtoken_opentv_request) -> Result<ContentTokenRequest<'a>, Failure> {
    Ok(ContentTokenRequest {
        // SAFETY: `host` points to its length of readable bytes, per the contract on `r`.
        host: unsafe { req(r.host, "host") }?,
        port: r.port,
        // SAFETY: likewise for `content_id`.
        content_id: unsafe { req(r.content_id, "content_id") }?,
        // SAFETY: likewise for `bearer_token`.
        bearer_token: unsafe { req(r.bearer_token, "bearer_token") }?,
        // SAFETY: likewise for `tenant_id`.
        tenant_id: unsafe { req(r.tenant_id, "tenant_id") }?,
    })
}

/// Validates the request: host, port, content id, and the header values (a control character
/// is refused, so no header injection).
///
/// # Errors
/// `DRMTOKEN_INVALID` (`*error` names the field); `DRMTOKEN_NULL_ARGUMENT`,
/// `DRMTOKEN_INVALID_UTF8` naming the argument or field.
///
/// # Safety
/// `request` must point to a valid `drmtoken_opentv_request` whose strings are valid for their
/// lengths; `error` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_opentv_request_validate(
    request: *const drmtoken_opentv_request,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!(error, {
        // SAFETY: `request` is NULL (refused) or valid, per the contract.
        let r = unsafe { reference(request, "request") }?;
        // SAFETY: the fields of `*request` are valid for their lengths, per the contract.
        let request = unsafe { build(r) }?;
        request.validate()?;
        Ok(())
    })
}

/// Writes the request's URL (the method is POST with an empty body). No rules applied, as every
/// producing call: call `drmtoken_opentv_request_validate` first; only a host or port that
/// would make the URL malformed is refused. Conventions as
/// `drmtoken_expressplay_request_write_url`.
///
/// # Errors
/// `DRMTOKEN_BUFFER_TOO_SMALL`; `DRMTOKEN_INVALID` (`host`, `port`); `DRMTOKEN_NULL_ARGUMENT`,
/// `DRMTOKEN_INVALID_UTF8` naming the argument or field.
///
/// # Safety
/// `request` and `out_len` must be valid; `out` NULL with `out_cap` 0 or `out_cap` writable
/// bytes; `error` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_opentv_request_write_url(
    request: *const drmtoken_opentv_request,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!(error, {
        // SAFETY: `out_len` is NULL (refused) or valid and unaliased, per the contract.
        let out_len = unsafe { exclusive(out_len, "out_len") }?;
        *out_len = 0;
        // SAFETY: `request` is NULL (refused) or valid, per the contract.
        let r = unsafe { reference(request, "request") }?;
        // SAFETY: the fields of `*request` are valid for their lengths, per the contract.
        let request = unsafe { build(r) }?;
        // SAFETY: `out` is NULL with 0 or `out_cap` writable bytes, per the contract.
        let out = unsafe { out_buffer(out, out_cap, "out") }?;
        produced(request.write_url(out).map(str::len), out_len)
    })
}

/// Gives the request's two headers (`authorization: Bearer <token>`, secret; `nv-tenant-id`) in
/// `out_headers[0..*out_len]`, pointing into the request and static data; 3 entries always
/// suffice. On `DRMTOKEN_BUFFER_TOO_SMALL`, `*out_len` is the number needed and nothing is
/// written. No rules applied: `drmtoken_opentv_request_validate` is what keeps a control
/// character (header injection) out, so call it first.
///
/// # Errors
/// `DRMTOKEN_BUFFER_TOO_SMALL`; `DRMTOKEN_NULL_ARGUMENT`, `DRMTOKEN_INVALID_UTF8` naming the
/// argument or field.
///
/// # Safety
/// `request` and `out_len` must be valid; `out_headers` must be NULL with `out_cap` 0 or point
/// to `out_cap` writable headers; `error` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_opentv_request_headers(
    request: *const drmtoken_opentv_request,
    out_headers: *mut drmtoken_header,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!(error, {
        // SAFETY: `out_len` is NULL (refused) or valid and unaliased, per the contract.
        let out_len = unsafe { exclusive(out_len, "out_len") }?;
        *out_len = 0;
        // SAFETY: `request` is NULL (refused) or valid, per the contract.
        let r = unsafe { reference(request, "request") }?;
        // SAFETY: the fields of `*request` are valid for their lengths, per the contract.
        let request = unsafe { build(r) }?;
        // SAFETY: `out_headers` is NULL or `out_cap` writable headers, per the contract.
        unsafe { write_headers(&request.headers(), out_headers, out_cap, out_len) }
    })
}

/// One `contentRights` entry.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_opentv_content_right {
    /// `contentId`.
    pub content_id: drmtoken_str,
    /// `start` (RFC 3339 text).
    pub start: drmtoken_str,
    /// `end` (RFC 3339 text).
    pub end: drmtoken_str,
    /// `duration` in seconds, or -1 when absent.
    pub duration: i64,
    /// `storable`: 1, 0, or -1 when absent.
    pub storable: i8,
    /// `drt`.
    pub drt: drmtoken_str,
    /// `usageRulesProfileId`.
    pub usage_rules_profile_id: drmtoken_str,
    /// `sessionControl.maxSessions`, or -1.
    pub max_sessions: i64,
}

/// A token of the response: its raw form and whether it is a compact JWT.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_opentv_token {
    /// Whether the token is present.
    pub present: bool,
    /// Whether it came as a compact JWT string (else a JSON object).
    pub is_jwt: bool,
    /// The JWT, or the object's JSON text.
    pub raw: drmtoken_str,
    /// `exp` of the object form, or -1.
    pub exp: i64,
    /// `jti` of the object form.
    pub jti: drmtoken_str,
}

/// A parsed IAS content token response (the fields a player acts on).
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_opentv_response {
    /// The HTTP status (on `DRMTOKEN_SERVICE_ERROR`, with `message`).
    pub http_status: u16,
    /// The body's message of a refusal.
    pub message: drmtoken_str,
    /// `content_token`.
    pub content_token: drmtoken_opentv_token,
    /// `content_token.device.deviceUniqueId`.
    pub device_unique_id: drmtoken_str,
    /// `content_token.device.drm`.
    pub device_drm: drmtoken_str,
    /// How many `content_rights` are set.
    pub content_rights_len: usize,
    /// `content_token.contentRights` (up to 8).
    pub content_rights: [drmtoken_opentv_content_right; 8],
    /// `token_type`.
    pub token_type: drmtoken_str,
    /// `expires_in` seconds, or -1.
    pub expires_in: i64,
    /// `access_token`.
    pub access_token: drmtoken_opentv_token,
    /// `refresh_token`.
    pub refresh_token: drmtoken_opentv_token,
}

fn s(v: Option<&str>) -> drmtoken_str {
    drmtoken_str::of_opt(v)
}

fn token<T>(t: Option<&Token<'_, T>>, fields: impl Fn(&T) -> (Option<i64>, Option<&str>)) -> drmtoken_opentv_token {
    match t {
        None => drmtoken_opentv_token {
            present: false,
            is_jwt: false,
            raw: drmtoken_str::none(),
            exp: -1,
            jti: drmtoken_str::none(),
        },
        Some(Token::Jwt(j)) => drmtoken_opentv_token {
            present: true,
            is_jwt: true,
            raw: drmtoken_str::of(j),
            exp: -1,
            jti: drmtoken_str::none(),
        },
        Some(Token::Claims { raw, claims }) => {
            let (exp, jti) = fields(claims);
            drmtoken_opentv_token {
                present: true,
                is_jwt: false,
                raw: drmtoken_str::of(raw),
                exp: exp.unwrap_or(-1),
                jti: s(jti),
            }
        }
    }
}

/// Parses an IAS content token response. Returns `DRMTOKEN_OK`, `DRMTOKEN_SERVICE_ERROR`
/// (400/401/403/404/other: `error->kind` says which, `out->message` the body's message),
/// `DRMTOKEN_INVALID_RESPONSE` or `DRMTOKEN_BUFFER_TOO_SMALL` (scratch; `body_len` bytes always
/// suffice). Strings point into `body` and `scratch`.
///
/// # Safety
/// As `drmtoken_expressplay_response_parse`.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_opentv_response_parse(
    http_status: u16,
    content_type: *const u8,
    content_type_len: usize,
    body: *const u8,
    body_len: usize,
    scratch: *mut u8,
    scratch_cap: usize,
    out: *mut drmtoken_opentv_response,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!(error, {
        // SAFETY: `out` is NULL (refused) or valid and unaliased, per the contract.
        let out = unsafe { exclusive(out, "out") }?;
        // SAFETY: `content_type` points to `content_type_len` readable bytes, per the contract.
        let ct = unsafe { text(content_type, content_type_len, "content_type") }?;
        // SAFETY: `body` points to `body_len` readable bytes, per the contract.
        let body = unsafe { bytes(body, body_len, "body") }?;
        // SAFETY: `scratch` is NULL with 0 or `scratch_cap` writable bytes, per the contract.
        let scratch = unsafe { out_buffer(scratch, scratch_cap, "scratch") }?;
        let empty_right = drmtoken_opentv_content_right {
            content_id: drmtoken_str::none(),
            start: drmtoken_str::none(),
            end: drmtoken_str::none(),
            duration: -1,
            storable: -1,
            drt: drmtoken_str::none(),
            usage_rules_profile_id: drmtoken_str::none(),
            max_sessions: -1,
        };
        // Field by field, in place: a whole-struct assignment built the ~700 B value on the
        // stack first (issue 18: this export is the deepest).
        out.http_status = http_status;
        out.message = drmtoken_str::none();
        out.content_token = token::<()>(None, |_| (None, None));
        out.device_unique_id = drmtoken_str::none();
        out.device_drm = drmtoken_str::none();
        out.content_rights_len = 0;
        out.content_rights.fill(empty_right);
        out.token_type = drmtoken_str::none();
        out.expires_in = -1;
        out.access_token = token::<()>(None, |_| (None, None));
        out.refresh_token = token::<()>(None, |_| (None, None));
        // Parsed into storage of this frame (about 5 KB on a 32-bit target): returned by value
        // it would be on the stack twice (issue 18: the IAS parse was the deepest call).
        let mut r = ContentTokenResponse::empty();
        match parse_response_into(http_status, ct, body, scratch, &mut r) {
            Ok(()) => {
                out.content_token = token(Some(&r.content_token), |c| (c.exp, c.jti));
                if let Some(claims) = r.content_token.claims() {
                    out.device_unique_id = s(claims.device.and_then(|d| d.device_unique_id));
                    out.device_drm = s(claims.device.and_then(|d| d.drm));
                    for (slot, right) in out.content_rights.iter_mut().zip(claims.content_rights.iter()) {
                        *slot = drmtoken_opentv_content_right {
                            content_id: s(right.content_id),
                            start: s(right.start),
                            end: s(right.end),
                            duration: right.duration.and_then(|d| i64::try_from(d).ok()).unwrap_or(-1),
                            storable: right.storable.map_or(-1, i8::from),
                            drt: s(right.drt),
                            usage_rules_profile_id: s(right.usage_rules_profile_id),
                            max_sessions: right
                                .session_control
                                .as_ref()
                                .and_then(|c| c.max_sessions)
                                .map_or(-1, i64::from),
                        };
                        out.content_rights_len += 1;
                    }
                }
                out.token_type = s(r.token_type);
                out.expires_in = r.expires_in.and_then(|e| i64::try_from(e).ok()).unwrap_or(-1);
                out.access_token = token(r.access_token.as_ref(), |u| (u.exp, u.jti));
                out.refresh_token = token(r.refresh_token.as_ref(), |u| (u.exp, u.jti));
                Ok(())
            }
            Err(ResponseError::Service(e)) => {
                out.message = s(e.message);
                Err(Failure::from(e.to_error()).with_status(DRMTOKEN_SERVICE_ERROR))
            }
            Err(ResponseError::Invalid(e)) => Err(unreadable(e)),
        }
    })
}
