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
