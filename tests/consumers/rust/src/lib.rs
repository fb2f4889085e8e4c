//! A firmware-style user of `drmtoken-core` from outside its workspace: `no_std`, no `alloc`,
//! every output in a buffer the caller owns. Each function needs the core feature of the same
//! name (the form decoding needs none); `tests/host.rs` checks their exact output against the
//! shared vectors, and the library builds for `thumbv7em-none-eabihf` with each feature alone.
#![no_std]
#![forbid(unsafe_code)]

use drmtoken_core::Error;

/// Form-decodes a query value (`%2C` and `+`): the shared encoding helpers, in every build.
///
/// # Errors
/// The core's `InvalidPercentEncoding`, `BufferTooSmall` or `InvalidUtf8`.
pub fn decode_form<'o>(raw: &str, out: &'o mut [u8]) -> Result<&'o str, Error> {
    drmtoken_core::encode::form_decode(raw, out)
}

/// The PlayReady seed sample's request URL (tests/vectors/expressplay_requests.json, "playready
/// seed sample"), validated as the service would, written into `out`.
///
/// # Errors
/// The service's validation error, or `BufferTooSmall`.
#[cfg(feature = "expressplay")]
pub fn playready_seed_url(out: &mut [u8]) -> Result<&str, Error> {
    use drmtoken_core::expressplay::{Environment, PlayReadyTokenRequest};
    let mut request =
        PlayReadyTokenRequest::new(Environment::Test, "201722,1ad8eed133edf43cbcc185f0236828ae").with_all_opls("0");
    request.kid = Some("b366360da82e9c6e0b0984002a362cf2");
    request.content_key = Some("b366360da82e9c6e0b0984002a362cf2");
    request.rights_type = Some("BuyToOwn");
    request.validate(None)?;
    request.write_url(out)
}

/// The same request with a 31-digit content key: the error the service would answer.
#[cfg(feature = "expressplay")]
#[must_use]
pub fn playready_short_key_error() -> Option<Error> {
    use drmtoken_core::expressplay::{Environment, PlayReadyTokenRequest};
    let mut request =
        PlayReadyTokenRequest::new(Environment::Test, "201722,1ad8eed133edf43cbcc185f0236828ae").with_all_opls("0");
    request.kid = Some("b366360da82e9c6e0b0984002a362cf2");
    request.content_key = Some("b366360da82e9c6e0b0984002a362cf");
    request.rights_type = Some("BuyToOwn");
    request.validate(None).err()
}

/// Unwraps RFC 3394 section 4.1's wrapped key (128-bit KEK, 128-bit key) into hex.
///
/// # Errors
/// The core's key-wrap errors, or `BufferTooSmall`.
#[cfg(feature = "keywrap")]
pub fn rfc3394_unwrap(out: &mut [u8]) -> Result<&str, Error> {
    drmtoken_core::keywrap::unwrap_hex(
        "000102030405060708090a0b0c0d0e0f",
        "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5",
        out,
    )
}

/// The OpenTV IAS content token URL of tests/vectors/opentv_requests.json's "seed shape".
///
/// # Errors
/// The core's validation error, or `BufferTooSmall`.
#[cfg(feature = "opentv")]
pub fn ias_seed_url(out: &mut [u8]) -> Result<&str, Error> {
    let request = drmtoken_core::opentv::ContentTokenRequest {
        host: "ias.example.com",
        port: 443,
        content_id: "content7",
        bearer_token: "eyJhbGciOi.abc.def",
        tenant_id: "nagra",
    };
    request.validate()?;
    request.write_url(out)
}

/// The Adobe Pass authorization URL of tests/vectors/adobe_pass_requests.json's first vector.
///
/// # Errors
/// The core's validation error, or `BufferTooSmall`.
#[cfg(feature = "adobe-pass")]
pub fn adobe_pass_url(out: &mut [u8]) -> Result<&str, Error> {
    let request = drmtoken_core::adobe_pass::AuthorizationRequest {
        sp_fqdn: "api.auth.adobe.com",
        requestor: "sampleRequestorId",
        device_id: "device-7",
        resource: "sampleResourceId",
        device_info: "eyJwcmltYXJ5SGFyZHdhcmVUeXBlIjoiU2V0VG9wQm94IiwibW9kZWwiOiJYMSIsIm9zTmFtZSI6IkxpbnV4In0=",
        ..Default::default()
    };
    request.validate()?;
    request.write_url(out)
}
