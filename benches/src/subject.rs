//! drmtoken's side of each measurement: the same calls a player makes, on caller buffers.

use drmtoken_core::expressplay::{parse_url, FairPlayTokenRequest, PlayReadyTokenRequest, WidevineTokenRequest};
use drmtoken_core::keywrap;

/// Validates and encodes a PlayReady GET URL into `out`; returns the URL's length (0 on error,
/// which the benches treat as a failure of the input, checked once before timing).
pub fn playready_url(request: &PlayReadyTokenRequest<'_>, out: &mut [u8]) -> usize {
    match request.validate(None) {
        Ok(_) => request.write_url(out).map_or(0, str::len),
        Err(_) => 0,
    }
}

/// Validates and encodes a PlayReady POST form body into `out`; returns its length.
pub fn playready_form_body(request: &PlayReadyTokenRequest<'_>, out: &mut [u8]) -> usize {
    match request.validate(None) {
        Ok(_) => request.write_form_body(out).map_or(0, str::len),
        Err(_) => 0,
    }
}

/// Validates and encodes a FairPlay GET URL into `out`; returns its length.
pub fn fairplay_url(request: &FairPlayTokenRequest<'_>, out: &mut [u8]) -> usize {
    match request.validate(None) {
        Ok(_) => request.write_url(out).map_or(0, str::len),
        Err(_) => 0,
    }
}

/// Validates and encodes a Widevine GET URL into `out`; returns its length.
pub fn widevine_url(request: &WidevineTokenRequest<'_>, out: &mut [u8]) -> usize {
    match request.validate(None) {
        Ok(_) => request.write_url(out).map_or(0, str::len),
        Err(_) => 0,
    }
}

/// Checks a request URL as the service would: parse (service from the host, values decoded into
/// `scratch`) then validate. Returns 0 when valid, else the service's error code.
pub fn check_url(url: &str, scratch: &mut [u8]) -> i32 {
    match parse_url(url, scratch) {
        Ok(parsed) => match parsed.request.validate(None) {
            Ok(_) => 0,
            Err(e) => e.code(),
        },
        Err(e) => e.code(),
    }
}

/// RFC 3394 unwrap into `out`; returns the key's length (0 on failure).
pub fn unwrap(kek: &[u8], wrapped: &[u8], out: &mut [u8]) -> usize {
    keywrap::unwrap(kek, wrapped, out).map_or(0, <[u8]>::len)
}

/// RFC 3394 wrap into `out`; returns the wrapped length (0 on failure).
pub fn wrap(kek: &[u8], key: &[u8], out: &mut [u8]) -> usize {
    keywrap::wrap(kek, key, out).map_or(0, <[u8]>::len)
}

/// Parses the PlayReady response and writes the licence URL; returns its length.
pub fn playready_response(body: &[u8], out: &mut [u8]) -> usize {
    use drmtoken_core::expressplay::{parse_response, Service, TokenResponse};
    match parse_response(Service::PlayReady, 200, "application/json", body, &mut []) {
        Ok(TokenResponse::PlayReady(t)) => t.write_license_url(out).map_or(0, str::len),
        _ => 0,
    }
}

/// Parses a Widevine uri-list response; returns the token's length.
pub fn widevine_response(body: &[u8]) -> usize {
    use drmtoken_core::expressplay::{parse_response, Service};
    parse_response(Service::Widevine, 200, "text/uri-list", body, &mut []).map_or(0, |t| t.token().len())
}

/// Parses the whole IAS document; returns the number of content rights.
pub fn ias_response(body: &[u8], scratch: &mut [u8]) -> usize {
    drmtoken_core::opentv::parse_response(200, "application/json", body, scratch)
        .map_or(0, |r| r.content_token.claims().map_or(0, |c| c.content_rights.len()))
}

/// Parses an Adobe Pass response (JSON or XML by content type); returns `expires`.
pub fn adobe_response(content_type: &str, body: &[u8], scratch: &mut [u8]) -> u64 {
    drmtoken_core::adobe_pass::parse_response(200, content_type, body, scratch).map_or(0, |a| a.expires)
}
