//! The idiomatic std-Rust peer: what an integrator writes without drmtoken. Parameters in a
//! list of pairs, the same validation rules by hand, `url::Url` to encode, owned `String`s out,
//! `serde_json` into owned structs for responses. It validates exactly what drmtoken validates
//! for the inputs measured, so the comparison is of like with like.

use url::Url;

fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn opl_ok(s: &str) -> bool {
    !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit())
}

fn kid_ok(s: &str) -> bool {
    is_hex(s, 32) || (s.starts_with('^') && (2..=65).contains(&s.chars().count()))
}

fn expiration_ok(s: &str) -> bool {
    match s.strip_prefix('+') {
        Some(secs) => secs.parse::<u64>().is_ok_and(|n| n <= 2_592_000),
        // An absolute time: the shape YYYY-MM-DDTHH:MM:SSZ (drmtoken also checks the calendar).
        None => s.len() == 20 && s.ends_with('Z') && s.as_bytes().get(10) == Some(&b'T'),
    }
}

/// Validates a PlayReady request given as name/value pairs and returns its GET URL, or the
/// service's error code.
pub fn playready_url(params: &[(&str, &str)]) -> Result<String, i32> {
    let get = |name: &str| params.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    if get("customerAuthenticator").is_none_or(str::is_empty) {
        return Err(-2017);
    }
    if let Some(f) = get("generalFlags") {
        if !is_hex(f, 8) {
            return Err(-5003);
        }
    }
    match get("kid") {
        None => return Err(-4018),
        Some(k) if !kid_ok(k) => return Err(-4020),
        _ => {}
    }
    if let Some(k) = get("contentKey") {
        if !is_hex(k, 32) {
            return Err(-2027);
        }
    }
    match get("rightsType") {
        None => return Err(-2020),
        Some("BuyToOwn" | "Rental") => {}
        Some(_) => return Err(-2021),
    }
    for opl in [
        "analogVideoOPL",
        "compressedDigitalAudioOPL",
        "compressedDigitalVideoOPL",
        "uncompressedDigitalAudioOPL",
        "uncompressedDigitalVideoOPL",
    ] {
        match get(opl) {
            None => return Err(-5006),
            Some(v) if !opl_ok(v) => return Err(-2034),
            _ => {}
        }
    }
    if let Some(e) = get("expirationTime") {
        if !expiration_ok(e) {
            return Err(-2002);
        }
    }
    let url = Url::parse_with_params("https://pr-gen.test.expressplay.com/hms/pr/token", params).map_err(|_| -1)?;
    Ok(url.into())
}

/// Parses a request URL into owned pairs and validates it (PlayReady rules): the peer of
/// drmtoken's `check`. Returns 0 when valid, else the code.
pub fn check_playready_url(url: &str) -> i32 {
    let Ok(parsed) = Url::parse(url) else { return -1 };
    let pairs: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
    let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    match playready_url(&borrowed) {
        Ok(_) => 0,
        Err(code) => code,
    }
}

/// The README's PlayReady request as the pairs an integrator would pass.
pub const PLAYREADY_PARAMS: &[(&str, &str)] = &[
    ("customerAuthenticator", crate::inputs::AUTHENTICATOR),
    ("kid", crate::inputs::KID),
    ("contentKey", crate::inputs::CONTENT_KEY),
    ("rightsType", "BuyToOwn"),
    ("analogVideoOPL", "0"),
    ("compressedDigitalAudioOPL", "0"),
    ("compressedDigitalVideoOPL", "0"),
    ("uncompressedDigitalAudioOPL", "0"),
    ("uncompressedDigitalVideoOPL", "0"),
    ("expirationTime", "+3600"),
];

use serde::Deserialize;

/// The PlayReady response into an owned struct, then the licence URL with `format!`.
#[derive(Deserialize)]
struct PlayReadyJson {
    #[serde(rename = "licenseAcquisitionUrl")]
    license_acquisition_url: String,
    token: String,
}

/// serde_json peer of drmtoken's PlayReady response parse + licence URL.
pub fn playready_response(body: &[u8]) -> Option<String> {
    let r: PlayReadyJson = serde_json::from_slice(body).ok()?;
    Some(format!("{}?ExpressPlayToken={}", r.license_acquisition_url, r.token))
}

/// The IAS document into owned structs, as an integrator would declare them.
#[allow(dead_code)]
#[derive(Deserialize)]
pub struct IasResponse {
    content_token: IasContentToken,
    token_type: Option<String>,
    expires_in: Option<u64>,
    access_token: Option<IasUserToken>,
    refresh_token: Option<IasUserToken>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IasContentToken {
    typ: Option<String>,
    ver: Option<String>,
    exp: Option<i64>,
    jti: Option<String>,
    device: Option<IasDevice>,
    #[serde(default)]
    content_rights: Vec<IasRight>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IasDevice {
    drm: Option<String>,
    device_unique_id: Option<String>,
    watermarking: Option<bool>,
    ip_address: Option<String>,
    model: Option<String>,
    account_id: Option<String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IasRight {
    content_id: Option<String>,
    start: Option<String>,
    end: Option<String>,
    duration: Option<u64>,
    storable: Option<bool>,
    drt: Option<String>,
    usage_rules_profile_id: Option<String>,
    session_control: Option<IasSessionControl>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IasSessionControl {
    #[serde(default)]
    groups: Vec<IasGroup>,
    group_id: Option<String>,
    session_control_enabled: Option<bool>,
    max_sessions: Option<u32>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IasGroup {
    group_id: Option<String>,
    max_sessions: Option<u32>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IasUserToken {
    typ: Option<String>,
    ver: Option<String>,
    exp: Option<i64>,
    #[serde(rename = "fixed_exp")]
    fixed_exp: Option<i64>,
    tenant_id: Option<String>,
    account_id: Option<String>,
    account_profile_id: Option<String>,
    user_id: Option<String>,
    device_id: Option<String>,
    playout_device_class: Option<String>,
    jti: Option<String>,
    geo_block_exempt: Option<bool>,
    session_control: Option<IasSessionControl>,
    parental_control: Option<IasParental>,
    on_network: Option<bool>,
    filtering_information: Option<std::collections::HashMap<String, String>>,
    blocking_information: Option<std::collections::HashMap<String, String>>,
    watermarking: Option<bool>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IasParental {
    rating_threshold: std::collections::HashMap<String, String>,
}

/// serde_json peer of drmtoken's IAS parse; returns the number of content rights.
pub fn ias_response(body: &[u8]) -> usize {
    serde_json::from_slice::<IasResponse>(body).map_or(0, |r| r.content_token.content_rights.len())
}

#[derive(Deserialize)]
struct AdobeJson {
    mvpd: String,
    resource: String,
    requestor: String,
    expires: serde_json::Value,
    #[serde(rename = "proxyMvpd")]
    proxy_mvpd: Option<String>,
}

/// serde_json peer of drmtoken's Adobe Pass JSON parse; returns `expires`.
pub fn adobe_json(body: &[u8]) -> u64 {
    let Ok(a) = serde_json::from_slice::<AdobeJson>(body) else {
        return 0;
    };
    let _ = (&a.mvpd, &a.resource, &a.requestor, &a.proxy_mvpd);
    match a.expires {
        serde_json::Value::String(s) => s.parse().unwrap_or(0),
        serde_json::Value::Number(n) => n.as_u64().unwrap_or(0),
        _ => 0,
    }
}

#[derive(Deserialize)]
#[serde(rename = "authorization")]
struct AdobeXml {
    mvpd: String,
    resource: String,
    requestor: String,
    expires: u64,
    #[serde(rename = "proxyMvpd")]
    proxy_mvpd: Option<String>,
}

/// quick-xml (serde) peer of drmtoken's Adobe Pass XML parse; returns `expires`.
pub fn adobe_xml(body: &[u8]) -> u64 {
    let Ok(text) = std::str::from_utf8(body) else { return 0 };
    quick_xml::de::from_str::<AdobeXml>(text).map_or(0, |a| {
        let _ = (&a.mvpd, &a.resource, &a.requestor, &a.proxy_mvpd);
        a.expires
    })
}
