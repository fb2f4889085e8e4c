//! The fixed inputs every surface is measured on: the README's PlayReady request, a FairPlay and
//! a Widevine request from the shared vectors, and RFC 3394 section 4 key-wrap vectors.

use drmtoken_core::expressplay::{Environment, FairPlayTokenRequest, PlayReadyTokenRequest, WidevineTokenRequest};

/// The customer authenticator of the seeds' samples.
pub const AUTHENTICATOR: &str = "201722,1ad8eed133edf43cbcc185f0236828ae";
/// The key id and content key of the seeds' samples.
pub const KID: &str = "b366360da82e9c6e0b0984002a362cf2";
/// A 32-hex-digit content key.
pub const CONTENT_KEY: &str = "b366360da82e9c6e0b0984002a362cf2";

/// The README's PlayReady request: BuyToOwn, all OPLs 0, one hour.
pub fn playready() -> PlayReadyTokenRequest<'static> {
    let mut r = PlayReadyTokenRequest::new(Environment::Test, AUTHENTICATOR).with_all_opls("0");
    r.kid = Some(KID);
    r.content_key = Some(CONTENT_KEY);
    r.rights_type = Some("BuyToOwn");
    r.expiration_time = Some("+3600");
    r
}

/// The PlayReady request with `n` extensions (0..=8), for the scaling run.
pub fn playready_with_extensions(n: usize) -> PlayReadyTokenRequest<'static> {
    let mut r = playready();
    for _ in 0..n {
        if r.push_extension("wudo", "AAAAAA==").is_err() {
            break;
        }
    }
    r
}

/// The PlayReady request with a `kid` of the `^name` form `len` characters long (1..=64), which
/// grows the URL, for the scaling run.
pub fn playready_with_named_kid(kid: &'static str) -> PlayReadyTokenRequest<'static> {
    let mut r = playready();
    r.kid = Some(kid);
    r
}

/// The shared vectors' "fairplay with key and iv".
pub fn fairplay() -> FairPlayTokenRequest<'static> {
    let mut r = FairPlayTokenRequest::new(Environment::Test, AUTHENTICATOR);
    r.content_key = Some(CONTENT_KEY);
    r.iv = Some("0123456789abcdef0123456789abcdef");
    r.rental_duration = Some("86400");
    r.general_flags = Some("0000");
    r
}

/// The shared vectors' "widevine minimal".
pub fn widevine() -> WidevineTokenRequest<'static> {
    let mut r = WidevineTokenRequest::new(Environment::Test, AUTHENTICATOR);
    r.kid = Some(KID);
    r.content_key = Some(CONTENT_KEY);
    r.security_level = Some("1");
    r.hdcp_output_control = Some("0");
    r
}

/// RFC 3394 section 4.1: 128 bits of key data under a 128-bit KEK.
pub const KEK_128: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
/// RFC 3394 section 4.3: the same key data under a 256-bit KEK.
pub const KEK_256: [u8; 32] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
    31,
];
/// RFC 3394 section 4: the key data `00112233445566778899AABBCCDDEEFF`.
pub const KEY_DATA: [u8; 16] = [
    0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
];
/// RFC 3394 section 4.1 ciphertext.
pub const WRAPPED_128: [u8; 24] = [
    0x1f, 0xa6, 0x8b, 0x0a, 0x81, 0x12, 0xb4, 0x47, 0xae, 0xf3, 0x4b, 0xd8, 0xfb, 0x5a, 0x7b, 0x82, 0x9d, 0x3e, 0x86,
    0x23, 0x71, 0xd2, 0xcf, 0xe5,
];
/// RFC 3394 section 4.3 ciphertext.
pub const WRAPPED_256: [u8; 24] = [
    0x64, 0xe8, 0xc3, 0xf9, 0xce, 0x0f, 0x5b, 0xa2, 0x63, 0xe9, 0x77, 0x79, 0x05, 0x81, 0x8a, 0x2a, 0x93, 0xc8, 0x19,
    0x1e, 0x7d, 0x6e, 0x8a, 0xe7,
];

/// The PlayReady seed's sample response, with a real-length token.
pub const PLAYREADY_RESPONSE: &[u8] = br#"{"licenseAcquisitionUrl":"https://expressplay-licensing.axprod.net/LicensingService.ashx","token":"AAAAAwAAAAQAAAAXAAAAEAAAAAAAAAAAAAAAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-_Q=="}"#;

/// The Widevine seed's sample response (uri-list), with a real-length token.
pub const WIDEVINE_RESPONSE: &[u8] = b"https://wv.service.expressplay.com/hms/wv/rights/?ExpressPlayToken=AAAAAwAAAAQAAAAXAAAAEAAAAAAAAAAAAAAAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-_Q==\r\n";

/// The IAS seed's example document (normalised: see tests/vectors/fixtures).
pub const IAS_RESPONSE: &[u8] = include_bytes!("../../tests/vectors/fixtures/opentv_seed.json");

/// The Adobe Pass seed's JSON success sample.
pub const ADOBE_JSON: &[u8] = br#"{
    "mvpd": "sampleMvpdId",
    "resource": "sampleResourceId",
    "requestor": "sampleRequestorId",
    "expires": "1348148289000",
    "proxyMvpd": "sampleProxyMvpdId"
}"#;

/// The Adobe Pass seed's XML success sample.
pub const ADOBE_XML: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<authorization>
    <expires>1348148289000</expires>
    <mvpd>sampleMvpdId</mvpd>
    <requestor>sampleRequestorId</requestor>
    <resource>sampleResourceId</resource>
    <proxyMvpd>sampleProxyMvpdId</proxyMvpd>
</authorization>"#;

/// The IAS document with `n` content rights (1..=8), for the scaling run.
pub fn ias_with_rights(n: usize) -> Vec<u8> {
    let text = std::str::from_utf8(IAS_RESPONSE).unwrap_or_default();
    let start = text
        .find("\"contentRights\": [")
        .map(|i| i + "\"contentRights\": [".len())
        .unwrap_or(0);
    let end = text[start..].find("\n    ]").map(|i| start + i).unwrap_or(start);
    let right = text[start..end].trim();
    let rights: Vec<&str> = std::iter::repeat_n(right, n.max(1)).collect();
    format!("{}{}{}", &text[..start], rights.join(","), &text[end..]).into_bytes()
}

/// A Widevine uri-list response whose token has `len` characters, for the scaling run.
pub fn widevine_response_with_token(len: usize) -> Vec<u8> {
    let token: String = "AbC0-_".chars().cycle().take(len).collect();
    format!("https://wv.service.expressplay.com/hms/wv/rights/?ExpressPlayToken={token}").into_bytes()
}
