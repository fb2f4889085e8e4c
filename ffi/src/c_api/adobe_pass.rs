//! Adobe Pass authorization tokens from C.

use drmtoken_core::adobe_pass::{
    encode_device_info, parse_response, AuthorizationRequest, DeviceInfoPlacement, Format, ResponseError,
};

use super::drmtoken_status::{self, *};
use super::error::{drmtoken_error, produced, Failure};
use super::http::{drmtoken_header, write_headers};
use super::response::unreadable;
use super::slices::{bad_enum, bytes, drmtoken_str, exclusive, opt, out_buffer, reference, req, text};
use super::warnings::drmtoken_warnings;

/// `drmtoken_adobe_pass_request.format`: JSON (the zero value).
pub const DRMTOKEN_FORMAT_JSON: u32 = 0;
/// `drmtoken_adobe_pass_request.format`: XML.
pub const DRMTOKEN_FORMAT_XML: u32 = 1;

/// An authorization token request (`GET <SP_FQDN>/api/v1/tokens/authz`).
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_adobe_pass_request {
    /// The service provider's host or base URL.
    pub sp_fqdn: drmtoken_str,
    /// `requestor`.
    pub requestor: drmtoken_str,
    /// `deviceId`.
    pub device_id: drmtoken_str,
    /// `resource` (a resourceId or an MRSS fragment).
    pub resource: drmtoken_str,
    /// The base64 device information (see `drmtoken_adobe_pass_device_info_encode`).
    pub device_info: drmtoken_str,
    /// Send it as the `device_info` query parameter instead of the `X-Device-Info` header.
    pub device_info_in_query: bool,
    /// `deviceType` (optional).
    pub device_type: drmtoken_str,
    /// `deviceUser` (deprecated).
    pub device_user: drmtoken_str,
    /// `appId` (deprecated).
    pub app_id: drmtoken_str,
    /// Access token for `Authorization: Bearer` (optional, secret).
    pub access_token: drmtoken_str,
    /// `DRMTOKEN_FORMAT_JSON` or `DRMTOKEN_FORMAT_XML`.
    pub format: u32,
}

/// # Safety
/// The pointers in `r` must be valid for `'a`.
unsafe fn build<'a>(r: &drmtoken_adobe_pass_request) -> Result<AuthorizationRequest<'a>, Failure> {
    let format = match r.format {
        DRMTOKEN_FORMAT_JSON => Format::Json,
        DRMTOKEN_FORMAT_XML => Format::Xml,
        _ => return Err(bad_enum("format")),
    };
    // SAFETY: every string field of `r` points to its length of readable bytes, per the
    // contract on `r`.
    unsafe {
        Ok(AuthorizationRequest {
            sp_fqdn: req(r.sp_fqdn, "sp_fqdn")?,
            requestor: req(r.requestor, "requestor")?,
            device_id: req(r.device_id, "device_id")?,
            resource: req(r.resource, "resource")?,
            device_info: req(r.device_info, "device_info")?,
            device_info_placement: if r.device_info_in_query {
                DeviceInfoPlacement::Query
            } else {
                DeviceInfoPlacement::Header
            },
            device_type: opt(r.device_type, "device_type")?,
            device_user: opt(r.device_user, "device_user")?,
            app_id: opt(r.app_id, "app_id")?,
            access_token: opt(r.access_token, "access_token")?,
            format,
        })
    }
}

/// Validates the request. On success `*out_warnings` (if not NULL) receives the warnings
/// (`DRMTOKEN_WARNING_DEPRECATED` naming `deviceUser` or `appId`,
/// `DRMTOKEN_WARNING_URL_TOO_LONG` with the length).
///
/// # Errors
/// `DRMTOKEN_INVALID` (`*error` names the field); `DRMTOKEN_NULL_ARGUMENT`,
/// `DRMTOKEN_INVALID_UTF8`, `DRMTOKEN_INVALID_ARGUMENT` naming the argument or field.
///
/// # Safety
/// `request` must be valid with its strings valid for their lengths; `out_warnings` and `error`
/// may be NULL.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_adobe_pass_request_validate(
    request: *const drmtoken_adobe_pass_request,
    out_warnings: *mut drmtoken_warnings,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!(error, {
        // SAFETY: `request` is NULL (refused) or valid, per the contract.
        let r = unsafe { reference(request, "request") }?;
        // SAFETY: the fields of `*request` are valid for their lengths, per the contract.
        let request = unsafe { build(r) }?;
        let warnings = request.validate()?;
        // SAFETY: `out_warnings` is NULL or writable and unaliased, per the contract.
        if let Some(out) = unsafe { out_warnings.as_mut() } {
            *out = drmtoken_warnings::of_adobe_pass(&warnings);
        }
        Ok(())
    })
}

/// Writes the request's GET URL. No rules applied, as every producing call: call
/// `drmtoken_adobe_pass_request_validate` first; only an `sp_fqdn` that would make the URL
/// malformed is refused. Conventions as `drmtoken_expressplay_request_write_url`.
///
/// # Errors
/// `DRMTOKEN_BUFFER_TOO_SMALL`; `DRMTOKEN_INVALID` (`sp_fqdn`); `DRMTOKEN_NULL_ARGUMENT`,
/// `DRMTOKEN_INVALID_UTF8`, `DRMTOKEN_INVALID_ARGUMENT` naming the argument or field.
///
/// # Safety
/// As `drmtoken_expressplay_request_write_url`.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_adobe_pass_request_write_url(
    request: *const drmtoken_adobe_pass_request,
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

/// Gives the request's headers (`Accept`, `X-Device-Info` unless in the query,
/// `Authorization: Bearer` when an access token is set, secret) in `out_headers[0..*out_len]`;
/// 3 entries always suffice. On `DRMTOKEN_BUFFER_TOO_SMALL`, `*out_len` is the number needed
/// and nothing is written. No rules applied, as every producing call: call
/// `drmtoken_adobe_pass_request_validate` first.
///
/// # Errors
/// `DRMTOKEN_BUFFER_TOO_SMALL`; `DRMTOKEN_NULL_ARGUMENT`, `DRMTOKEN_INVALID_UTF8`,
/// `DRMTOKEN_INVALID_ARGUMENT` naming the argument or field.
///
/// # Safety
/// `request` and `out_len` must be valid; `out_headers` must be NULL with `out_cap` 0 or point
/// to `out_cap` writable headers; `error` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_adobe_pass_request_headers(
    request: *const drmtoken_adobe_pass_request,
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

/// Base64-encodes device JSON for `device_info` (`4 * ceil(json_len / 3)` bytes). Conventions
/// as `drmtoken_expressplay_request_write_url`.
///
/// # Errors
/// `DRMTOKEN_BUFFER_TOO_SMALL`, `DRMTOKEN_NULL_ARGUMENT`.
///
/// # Safety
/// `json` must point to `json_len` readable bytes; `out`, `out_len`, `error` as usual.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_adobe_pass_device_info_encode(
    json: *const u8,
    json_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!(error, {
        // SAFETY: `out_len` is NULL (refused) or valid and unaliased, per the contract.
        let out_len = unsafe { exclusive(out_len, "out_len") }?;
        *out_len = 0;
        // SAFETY: `json` points to `json_len` readable bytes, per the contract.
        let json = unsafe { bytes(json, json_len, "json") }?;
        // SAFETY: `out` is NULL with 0 or `out_cap` writable bytes, per the contract.
        let out = unsafe { out_buffer(out, out_cap, "out") }?;
        produced(encode_device_info(json, out).map(str::len), out_len)
    })
}

/// A parsed authorization token response.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_adobe_pass_response {
    /// `mvpd`.
    pub mvpd: drmtoken_str,
    /// `resource`.
    pub resource: drmtoken_str,
    /// `requestor`.
    pub requestor: drmtoken_str,
    /// `expires` in epoch milliseconds.
    pub expires: u64,
    /// `proxyMvpd`, or `{NULL, 0}`.
    pub proxy_mvpd: drmtoken_str,
    /// The HTTP status.
    pub http_status: u16,
    /// The body's `status` of a refusal, or 0.
    pub body_status: u16,
    /// The body's `message` of a refusal.
    pub message: drmtoken_str,
}

/// Parses an authorization token response (JSON or XML by content type). Returns
/// `DRMTOKEN_OK`, `DRMTOKEN_SERVICE_ERROR` (412 `NOT_AUTHENTICATED`, 404 `NOT_AUTHORIZED`, 410
/// `AUTHORIZATION_EXPIRED` in `error->kind`, with the body's status and message),
/// `DRMTOKEN_INVALID_RESPONSE` or `DRMTOKEN_BUFFER_TOO_SMALL` (scratch).
///
/// # Safety
/// As `drmtoken_expressplay_response_parse`.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_adobe_pass_response_parse(
    http_status: u16,
    content_type: *const u8,
    content_type_len: usize,
    body: *const u8,
    body_len: usize,
    scratch: *mut u8,
    scratch_cap: usize,
    out: *mut drmtoken_adobe_pass_response,
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
        *out = drmtoken_adobe_pass_response {
            mvpd: drmtoken_str::none(),
            resource: drmtoken_str::none(),
            requestor: drmtoken_str::none(),
            expires: 0,
            proxy_mvpd: drmtoken_str::none(),
            http_status,
            body_status: 0,
            message: drmtoken_str::none(),
        };
        match parse_response(http_status, ct, body, scratch) {
            Ok(a) => {
                out.mvpd = drmtoken_str::of(a.mvpd);
                out.resource = drmtoken_str::of(a.resource);
                out.requestor = drmtoken_str::of(a.requestor);
                out.expires = a.expires;
                out.proxy_mvpd = drmtoken_str::of_opt(a.proxy_mvpd);
                Ok(())
            }
            Err(ResponseError::Service(e)) => {
                out.body_status = e.body_status.unwrap_or(0);
                out.message = drmtoken_str::of_opt(e.message);
                Err(Failure::from(e.to_error()).with_status(DRMTOKEN_SERVICE_ERROR))
            }
            Err(ResponseError::Invalid(e)) => Err(unreadable(e)),
        }
    })
}
