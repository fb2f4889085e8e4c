//! Adobe Pass authorization tokens from C.

use drmtoken_core::adobe_pass::{
    encode_device_info, parse_response, AuthorizationRequest, DeviceInfoPlacement, Format, ResponseError, Warning,
};

use super::drmtoken_status::{self, *};
use super::error::{clear, drmtoken_error, finish, report};
use super::http::{drmtoken_header, write_headers};
use super::slices::{bytes, drmtoken_str, exclusive, opt, out_buffer, reference, req, text};

/// `drmtoken_adobe_pass_request.format`: JSON (the zero value).
pub const DRMTOKEN_FORMAT_JSON: u32 = 0;
/// `drmtoken_adobe_pass_request.format`: XML.
pub const DRMTOKEN_FORMAT_XML: u32 = 1;
/// Warning bit: `deviceUser` is deprecated.
pub const DRMTOKEN_WARN_DEPRECATED_DEVICE_USER: u32 = 1;
/// Warning bit: `appId` is deprecated.
pub const DRMTOKEN_WARN_DEPRECATED_APP_ID: u32 = 2;
/// Warning bit: the URL is longer than 2048 bytes.
pub const DRMTOKEN_WARN_URL_TOO_LONG: u32 = 4;

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
    /// The base64 device information (see `drmtoken_adobe_pass_encode_device_info`).
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
unsafe fn build<'a>(r: &drmtoken_adobe_pass_request) -> Result<AuthorizationRequest<'a>, drmtoken_status> {
    let format = match r.format {
        DRMTOKEN_FORMAT_JSON => Format::Json,
        DRMTOKEN_FORMAT_XML => Format::Xml,
        _ => return Err(DRMTOKEN_INVALID_ARGUMENT),
    };
    // SAFETY (every field): the caller's contract on `r`.
    unsafe {
        Ok(AuthorizationRequest {
            sp_fqdn: req(r.sp_fqdn)?,
            requestor: req(r.requestor)?,
            device_id: req(r.device_id)?,
            resource: req(r.resource)?,
            device_info: req(r.device_info)?,
            device_info_placement: if r.device_info_in_query {
                DeviceInfoPlacement::Query
            } else {
                DeviceInfoPlacement::Header
            },
            device_type: opt(r.device_type)?,
            device_user: opt(r.device_user)?,
            app_id: opt(r.app_id)?,
            access_token: opt(r.access_token)?,
            format,
        })
    }
}

/// Validates the request; `*out_warnings` (if not NULL) gets `DRMTOKEN_WARN_*` bits.
///
/// # Safety
/// `request` must be valid; `out_warnings` and `error` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_adobe_pass_validate(
    request: *const drmtoken_adobe_pass_request,
    out_warnings: *mut u32,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!({
        // SAFETY (both): the caller's contract.
        let r = crate::try_ffi!(unsafe { reference(request) });
        let request = crate::try_ffi!(unsafe { build(r) });
        match request.validate() {
            Ok(warnings) => {
                let bits = warnings.iter().fold(0, |bits, w| {
                    bits | match w {
                        Warning::DeprecatedDeviceUser => DRMTOKEN_WARN_DEPRECATED_DEVICE_USER,
                        Warning::DeprecatedAppId => DRMTOKEN_WARN_DEPRECATED_APP_ID,
                        Warning::UrlTooLong { .. } => DRMTOKEN_WARN_URL_TOO_LONG,
                    }
                });
                // SAFETY: the caller's contract.
                if let Some(out) = unsafe { out_warnings.as_mut() } {
                    *out = bits;
                }
                // SAFETY: the caller's contract.
                unsafe { clear(error) };
                DRMTOKEN_OK
            }
            // SAFETY: the caller's contract.
            Err(e) => unsafe { report(&e, error) },
        }
    })
}

/// Writes the GET URL (call `drmtoken_adobe_pass_validate` first). Conventions as
/// `drmtoken_expressplay_url`.
///
/// # Safety
/// As `drmtoken_expressplay_url`.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_adobe_pass_url(
    request: *const drmtoken_adobe_pass_request,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!({
        // SAFETY (all four): the caller's contract.
        let out_len = crate::try_ffi!(unsafe { exclusive(out_len) });
        let r = crate::try_ffi!(unsafe { reference(request) });
        let request = crate::try_ffi!(unsafe { build(r) });
        let out = crate::try_ffi!(unsafe { out_buffer(out, out_cap) });
        // SAFETY: the caller's contract on `error`.
        unsafe { finish(request.write_url(out).map(str::len), out_len, error) }
    })
}

/// The request's headers (`Accept`, `X-Device-Info` unless in the query, `Authorization` when
/// an access token is set) into `out_headers[0..*out_len]`; 3 entries always suffice. On
/// `DRMTOKEN_BUFFER_TOO_SMALL`, `*out_len` is the number needed and nothing is written.
///
/// # Safety
/// `request` and `out_len` must be valid; `out_headers` must be NULL with `out_cap` 0 or point
/// to `out_cap` writable headers.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_adobe_pass_headers(
    request: *const drmtoken_adobe_pass_request,
    out_headers: *mut drmtoken_header,
    out_cap: usize,
    out_len: *mut usize,
) -> drmtoken_status {
    crate::ffi_boundary!({
        // SAFETY (all three): the caller's contract.
        let out_len = crate::try_ffi!(unsafe { exclusive(out_len) });
        let r = crate::try_ffi!(unsafe { reference(request) });
        let request = crate::try_ffi!(unsafe { build(r) });
        let headers = request.headers();
        // SAFETY: the caller's contract.
        unsafe { write_headers(&headers, out_headers, out_cap, out_len) }
    })
}

/// Base64-encodes device JSON for `device_info` (`4 * ceil(json_len / 3)` bytes). Conventions
/// as `drmtoken_expressplay_url`.
///
/// # Safety
/// `json` must point to `json_len` readable bytes; `out`, `out_len`, `error` as usual.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_adobe_pass_encode_device_info(
    json: *const u8,
    json_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!({
        // SAFETY (all three): the caller's contract.
        let out_len = crate::try_ffi!(unsafe { exclusive(out_len) });
        let json = crate::try_ffi!(unsafe { bytes(json, json_len) });
        let out = crate::try_ffi!(unsafe { out_buffer(out, out_cap) });
        // SAFETY: the caller's contract on `error`.
        unsafe { finish(encode_device_info(json, out).map(str::len), out_len, error) }
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
    crate::ffi_boundary!({
        // SAFETY (all four): the caller's contract.
        let out = crate::try_ffi!(unsafe { exclusive(out) });
        let ct = crate::try_ffi!(unsafe { text(content_type, content_type_len) });
        let body = crate::try_ffi!(unsafe { bytes(body, body_len) });
        let scratch = crate::try_ffi!(unsafe { out_buffer(scratch, scratch_cap) });
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
                out.proxy_mvpd = a.proxy_mvpd.map_or(drmtoken_str::none(), drmtoken_str::of);
                // SAFETY: the caller's contract on `error`.
                unsafe { clear(error) };
                DRMTOKEN_OK
            }
            Err(ResponseError::Service(e)) => {
                out.body_status = e.body_status.unwrap_or(0);
                out.message = e.message.map_or(drmtoken_str::none(), drmtoken_str::of);
                // SAFETY: the caller's contract on `error`.
                unsafe { report(&e.to_error(), error) };
                DRMTOKEN_SERVICE_ERROR
            }
            Err(ResponseError::Invalid(e)) => {
                // SAFETY: the caller's contract on `error`.
                let status = unsafe { report(&e, error) };
                if status == DRMTOKEN_BUFFER_TOO_SMALL {
                    status
                } else {
                    DRMTOKEN_INVALID_RESPONSE
                }
            }
        }
    })
}
