//! The validation rules shared by the three ExpressPlay services, one function per parameter,
//! each returning the code the seeds' "Event Error Codes" tables give for the fault.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use crate::error::{Error, ExpressPlayCode as C};
use crate::keywrap;
use crate::time::{parse_u64, TimeSpec, MAX_TOKEN_LIFETIME_SECS};

pub(crate) fn fault(code: C, parameter: &'static str) -> Error {
    Error::expressplay(code, parameter)
}

/// Exactly `digits` hexadecimal digits, either case (ExpressPlay's key store returns upper case).
pub(crate) fn is_hex_of_len(s: &str, digits: usize) -> bool {
    s.len() == digits && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Standard base64 with padding, checked in chunks so no buffer of the payload's size is needed.
pub(crate) fn is_base64(s: &str) -> bool {
    const CHUNK: usize = 256;
    let bytes = s.as_bytes();
    if bytes.is_empty() || bytes.len() % 4 != 0 {
        return false;
    }
    let mut out = [0u8; CHUNK / 4 * 3];
    let count = bytes.chunks(CHUNK).count();
    bytes.chunks(CHUNK).enumerate().all(|(i, chunk)| {
        // Padding is only allowed in the final group of the whole payload.
        (i + 1 == count || !chunk.contains(&b'=')) && STANDARD.decode_slice(chunk, &mut out).is_ok()
    })
}

/// `customerAuthenticator`: "Authentication token must be supplied" (-2017).
pub(crate) fn customer_authenticator(v: Option<&str>) -> Result<(), Error> {
    match v {
        Some(s) if !s.is_empty() => Ok(()),
        _ => Err(fault(C::MissingAuthenticator, "customerAuthenticator")),
    }
}

/// `errorFormat`: "Either html or json" (-3004).
pub(crate) fn error_format(v: Option<&str>) -> Result<(), Error> {
    match v {
        None | Some("html" | "json") => Ok(()),
        Some(_) => Err(fault(C::InvalidErrorFormat, "errorFormat")),
    }
}

/// FairPlay and Widevine `generalFlags`: "'0000' is the only allowed value" (-5003).
pub(crate) fn general_flags_zero(v: Option<&str>) -> Result<(), Error> {
    match v {
        None | Some("0000") => Ok(()),
        Some(_) => Err(fault(C::InvalidGeneralFlags, "generalFlags")
            .with_detail("Invalid general flags: '0000' is the only allowed value")),
    }
}

/// `kek`: 16, 24 or 32 bytes as hex (AES-128/192/256) (-4024).
pub(crate) fn kek(v: Option<&str>) -> Result<(), Error> {
    match v {
        None => Ok(()),
        Some(s) if [32, 48, 64].into_iter().any(|n| is_hex_of_len(s, n)) => Ok(()),
        Some(_) => Err(fault(C::InvalidEncryptedKeyOrKek, "kek")
            .with_detail("Invalid encrypted key or kek: kek must be 32, 48 or 64 hexadecimal digits")),
    }
}

/// `kid`: 32 hex digits (-4020) or `^` and 1-64 characters (-4021); missing (-4018) when required.
pub(crate) fn kid(v: Option<&str>, required: bool) -> Result<(), Error> {
    match v {
        None if required => Err(fault(C::MissingKid, "kid")),
        None => Ok(()),
        Some(s) => match s.strip_prefix('^') {
            Some(name) if (1..=64).contains(&name.chars().count()) => Ok(()),
            Some(_) => Err(fault(C::KidStringLength, "kid")),
            None if is_hex_of_len(s, 32) => Ok(()),
            None => Err(fault(C::KidHexLength, "kid")),
        },
    }
}

/// `ek`: the 24-byte RFC 3394 wrap of a 16-byte key, only with `kek`, and it must unwrap (-4024).
pub(crate) fn ek(kek: Option<&str>, ek: Option<&str>) -> Result<(), Error> {
    let Some(ek) = ek else { return Ok(()) };
    let bad = |detail| Err(fault(C::InvalidEncryptedKeyOrKek, "ek").with_detail(detail));
    let Some(kek) = kek else {
        return bad("Invalid encrypted key or kek: ek requires kek");
    };
    if !is_hex_of_len(ek, 2 * keywrap::WRAPPED_CONTENT_KEY_LEN) {
        return bad("Invalid encrypted key or kek: ek must be 48 hexadecimal digits (a wrapped 16-byte key)");
    }
    match keywrap::check_ek(kek, ek) {
        Ok(()) => Ok(()),
        Err(_) => bad("Invalid encrypted key or kek: ek does not unwrap under kek (RFC 3394 integrity check)"),
    }
}

/// `contentKey`: 32 hex digits (-2027); required unless `kek`+`ek` or `kid` (-2005).
pub(crate) fn content_key(
    v: Option<&str>,
    kek: Option<&str>,
    ek: Option<&str>,
    kid: Option<&str>,
) -> Result<(), Error> {
    match v {
        Some(s) if is_hex_of_len(s, 32) => Ok(()),
        Some(_) => Err(fault(C::ContentKeyLength, "contentKey")),
        None if (kek.is_some() && ek.is_some()) || kid.is_some() => Ok(()),
        None => Err(fault(C::InvalidContentKey, "contentKey").with_detail(
            "Invalid content encryption key: contentKey is required unless kek and ek, or kid, are given",
        )),
    }
}

/// A non-negative integer number of seconds (`rentalDuration`, `licenseDuration`, ...).
pub(crate) fn non_negative_integer(v: Option<&str>, code: C, parameter: &'static str) -> Result<(), Error> {
    match v {
        Some(s) if parse_u64(s).is_none() => Err(fault(code, parameter)),
        _ => Ok(()),
    }
}

/// A small integer in `range` (OPLs, `securityLevel`, `hdcpOutputControl`).
pub(crate) fn integer_in(s: &str, range: core::ops::RangeInclusive<u64>) -> bool {
    parse_u64(s).is_some_and(|n| range.contains(&n))
}

/// `fpExtension` / `wvExtension`: `type,payload` with a 4-character type and base64 payload.
pub(crate) fn short_extension(v: &str, code: C, parameter: &'static str) -> Result<(), Error> {
    match v.split_once(',') {
        Some((ty, payload)) if ty.chars().count() == 4 && is_base64(payload) => Ok(()),
        _ => Err(fault(code, parameter)),
    }
}

/// `expirationTime`: RFC 3339 `Z` or `+seconds`, within 30 days of issue (-2002).
pub(crate) fn expiration_time(v: Option<&str>, now: Option<i64>) -> Result<(), Error> {
    let Some(s) = v else { return Ok(()) };
    let bad = |detail| Err(fault(C::InvalidExpirationTime, "expirationTime").with_detail(detail));
    match TimeSpec::parse(s) {
        Err(_) => bad("Invalid token expiration time: not RFC 3339 in the Z zone or +seconds"),
        Ok(TimeSpec::Relative(secs)) if secs > MAX_TOKEN_LIFETIME_SECS => {
            bad("Invalid token expiration time: the maximum token lifetime is 30 days")
        }
        Ok(spec @ TimeSpec::Absolute(_)) => match now.map(|n| spec.seconds_after(n)) {
            Some(left) if left < 0 => bad("Invalid token expiration time: in the past"),
            Some(left) if left > i128::from(MAX_TOKEN_LIFETIME_SECS) => {
                bad("Invalid token expiration time: more than 30 days ahead (the maximum token lifetime)")
            }
            _ => Ok(()),
        },
        Ok(TimeSpec::Relative(_)) => Ok(()),
    }
}

/// `cookie`: "An arbitrary string up to 32 characters long" (-2033).
pub(crate) fn cookie(v: Option<&str>) -> Result<(), Error> {
    match v {
        Some(s) if s.chars().count() > 32 => Err(fault(C::InvalidCookie, "cookie")),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_forms() {
        assert!(is_base64("AAAAAA=="));
        assert!(is_base64("YWJjZA=="));
        assert!(is_base64("YWJj"));
        assert!(!is_base64(""));
        assert!(!is_base64("AAAAAA="));
        assert!(!is_base64("AA==AAAA"));
        assert!(!is_base64("A-_A"));
        let mut long = [b'Q'; 800];
        assert!(is_base64(core::str::from_utf8(&long).unwrap()));
        // Padding inside the first 256-byte chunk, valid on its own, is refused for the whole.
        long[254] = b'=';
        long[255] = b'=';
        assert!(!is_base64(core::str::from_utf8(&long).unwrap()));
    }
}
