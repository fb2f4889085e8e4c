//! ExpressPlay token responses and redemption from C. The strings of a parsed response point
//! into the body and the scratch buffer: keep both alive while you use them.

use drmtoken_core::expressplay::{parse_response, PlayReadyToken, ResponseError, TokenResponse, UrlToken};

use super::drmtoken_status::{self, *};
use super::error::{drmtoken_error, produced, Failure};
use super::expressplay::{service_of, service_value};
use super::slices::{bytes, drmtoken_str, exclusive, out_buffer, text};

/// A parsed ExpressPlay token response.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_expressplay_response {
    /// `DRMTOKEN_SERVICE_*`.
    pub service: u32,
    /// FairPlay/Widevine: the returned URL (with `?ExpressPlayToken=`); PlayReady:
    /// `licenseAcquisitionUrl`.
    pub url: drmtoken_str,
    /// The URL without its query (Widevine's licence server when the token goes separately).
    pub url_without_query: drmtoken_str,
    /// The token.
    pub token: drmtoken_str,
    /// On `DRMTOKEN_SERVICE_ERROR`: the HTTP status.
    pub http_status: u16,
    /// On `DRMTOKEN_SERVICE_ERROR`: whether the body had a service code.
    pub has_code: bool,
    /// On `DRMTOKEN_SERVICE_ERROR`: the service code (e.g. -2027), the same value validation gives.
    pub code: i32,
    /// On `DRMTOKEN_SERVICE_ERROR`: the body's message, else the code's documented message.
    pub message: drmtoken_str,
}

/// Parses a token response of `service` (`DRMTOKEN_SERVICE_*`) from its HTTP status, content
/// type and body. `scratch` receives JSON strings with escapes (`body_len` bytes always suffice;
/// `(NULL, 0)` usually does).
///
/// Returns `DRMTOKEN_OK` (a token), `DRMTOKEN_SERVICE_ERROR` (the service refused: status, code
/// and message in `*out`), `DRMTOKEN_INVALID_RESPONSE` (unreadable: `*error` says why) or
/// `DRMTOKEN_BUFFER_TOO_SMALL` (scratch; `error->detail` is the size needed).
///
/// # Safety
/// `content_type`/`body` must point to their lengths of readable bytes; `scratch` must be NULL
/// with `scratch_cap` 0 or point to `scratch_cap` writable bytes; `out` must be valid; `error`
/// may be NULL.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_expressplay_response_parse(
    service: u32,
    http_status: u16,
    content_type: *const u8,
    content_type_len: usize,
    body: *const u8,
    body_len: usize,
    scratch: *mut u8,
    scratch_cap: usize,
    out: *mut drmtoken_expressplay_response,
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
        let service = service_of(service, "service")?;
        *out = drmtoken_expressplay_response {
            service: service_value(service),
            url: drmtoken_str::none(),
            url_without_query: drmtoken_str::none(),
            token: drmtoken_str::none(),
            http_status,
            has_code: false,
            code: 0,
            message: drmtoken_str::none(),
        };
        match parse_response(service, http_status, ct, body, scratch) {
            Ok(response) => {
                out.token = drmtoken_str::of(response.token());
                let url = match response {
                    TokenResponse::FairPlay(t) | TokenResponse::Widevine(t) => t.url,
                    TokenResponse::PlayReady(t) => t.license_acquisition_url,
                };
                out.url = drmtoken_str::of(url);
                // By byte: `split_once('?')` keeps a panic path (libcore's char searcher).
                let base = url.bytes().position(|b| b == b'?').and_then(|i| url.get(..i));
                out.url_without_query = drmtoken_str::of(base.unwrap_or(url));
                Ok(())
            }
            Err(ResponseError::Service(e)) => {
                out.has_code = e.code.is_some();
                out.code = e.code.unwrap_or(0);
                out.message = drmtoken_str::of(e.best_message());
                Err(Failure::from(e.to_error()).with_status(DRMTOKEN_SERVICE_ERROR))
            }
            Err(ResponseError::Invalid(e)) => Err(unreadable(e)),
        }
    })
}

/// Writes FairPlay's key URI for the HLS `#EXT-X-KEY` tag: the rights URL (`response.url`) with
/// `https://` replaced by `skd://`. Conventions as `drmtoken_expressplay_request_write_url`.
///
/// # Safety
/// `url` must point to `url_len` readable bytes; `out`, `out_len`, `error` as in
/// `drmtoken_expressplay_request_write_url`.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_fairplay_skd_uri_write(
    url: *const u8,
    url_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!(error, {
        // SAFETY: `out_len` is NULL (refused) or valid and unaliased, per the contract.
        let out_len = unsafe { exclusive(out_len, "out_len") }?;
        *out_len = 0;
        // SAFETY: `url` points to `url_len` readable bytes, per the contract.
        let url = unsafe { text(url, url_len, "url") }?;
        // SAFETY: `out` is NULL with 0 or `out_cap` writable bytes, per the contract.
        let out = unsafe { out_buffer(out, out_cap, "out") }?;
        let t = UrlToken { url, token: "" };
        produced(t.write_skd_uri(out).map(str::len), out_len)
    })
}

/// Writes PlayReady's licence server URL: `licenseAcquisitionUrl?ExpressPlayToken=<token>`
/// (`&` when the URL has a query). Conventions as `drmtoken_expressplay_request_write_url`.
///
/// # Safety
/// The inputs must point to their lengths of readable bytes; `out`, `out_len`, `error` as in
/// `drmtoken_expressplay_request_write_url`.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_playready_license_url_write(
    license_acquisition_url: *const u8,
    license_acquisition_url_len: usize,
    token: *const u8,
    token_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!(error, {
        // SAFETY: `out_len` is NULL (refused) or valid and unaliased, per the contract.
        let out_len = unsafe { exclusive(out_len, "out_len") }?;
        *out_len = 0;
        // SAFETY: the URL points to its length of readable bytes, per the contract.
        let la_url = unsafe {
            text(
                license_acquisition_url,
                license_acquisition_url_len,
                "license_acquisition_url",
            )
        }?;
        // SAFETY: `token` points to `token_len` readable bytes, per the contract.
        let token = unsafe { text(token, token_len, "token") }?;
        // SAFETY: `out` is NULL with 0 or `out_cap` writable bytes, per the contract.
        let out = unsafe { out_buffer(out, out_cap, "out") }?;
        drmtoken_core::expressplay::check_token(token)?;
        let t = PlayReadyToken {
            license_acquisition_url: la_url,
            token,
        };
        produced(t.write_license_url(out).map(str::len), out_len)
    })
}

/// A response that could not be read: `DRMTOKEN_INVALID_RESPONSE`, or `DRMTOKEN_BUFFER_TOO_SMALL`
/// for a short scratch buffer.
pub(crate) fn unreadable(e: drmtoken_core::Error) -> Failure {
    let f = Failure::from(e);
    if f.status == DRMTOKEN_BUFFER_TOO_SMALL {
        f
    } else {
        f.with_status(DRMTOKEN_INVALID_RESPONSE)
    }
}
