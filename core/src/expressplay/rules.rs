//! The validation rules of the three ExpressPlay services: one function per row of
//! `parameters.rs` (its `rule`), called in row order by each request's `validate`. Each reads the
//! whole request ([`Values`]), so a rule that depends on another parameter or on the service
//! says so in one place, and returns the code the seeds' "Event Error Codes" tables give.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use crate::error::{Error, ExpressPlayCode as C};
use crate::keywrap;
use crate::time::{parse_u64, TimeSpec, MAX_TOKEN_LIFETIME_SECS};

pub(crate) use super::generated::Values;
use super::{Service, Warning, Warnings};

pub(crate) fn fault(code: C, parameter: &'static str) -> Error {
    Error::expressplay(code, parameter)
}

/// Exactly `digits` hexadecimal digits, either case (ExpressPlay's key store returns upper case).
pub(crate) fn is_hex_of_len(s: &str, digits: usize) -> bool {
    s.len() == digits && crate::scan::all(s.as_bytes(), crate::scan::is_hex_digit)
}

/// The number of characters of `s`: its bytes that do not continue a UTF-8 sequence (the same
/// count as `chars().count()`, without libcore's 500-byte unrolled counter).
fn chars(s: &str) -> usize {
    s.bytes().filter(|b| b & 0xC0 != 0x80).count()
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

/// What validation carries from rule to rule: the caller's clock and the warnings so far.
pub(crate) struct Check {
    /// The caller's Unix time, if given.
    pub now: Option<i64>,
    /// Warnings of a valid request.
    pub warnings: Warnings,
}

impl Check {
    pub(crate) fn new(now: Option<i64>) -> Self {
        Check {
            now,
            warnings: Warnings::new(),
        }
    }

    fn warn(&mut self, parameter: &'static str) {
        // Capacity 4 holds the two rental warnings; a full list cannot happen.
        let _ = self.warnings.push(Warning::IgnoredUnlessRental { parameter });
    }
}

/// The result of one rule.
type Rule = Result<(), Error>;

/// `customerAuthenticator`: "Authentication token must be supplied" (-2017).
pub(crate) fn customer_authenticator(v: &Values<'_>, _: &mut Check) -> Rule {
    match v.customer_authenticator {
        Some(s) if !s.is_empty() => Ok(()),
        _ => Err(fault(C::MissingAuthenticator, "customerAuthenticator")),
    }
}

/// `errorFormat`: "Either html or json" (-3004).
pub(crate) fn error_format(v: &Values<'_>, _: &mut Check) -> Rule {
    match v.error_format {
        None | Some("html" | "json") => Ok(()),
        Some(_) => Err(fault(C::InvalidErrorFormat, "errorFormat")),
    }
}

/// `generalFlags` (-5003). FairPlay and Widevine: "'0000' is the only allowed value".
/// PlayReady: 4 bytes as 8 hexadecimal digits, and "Rental licenses MUST be persistent"
/// (`00000001`).
pub(crate) fn general_flags(v: &Values<'_>, _: &mut Check) -> Rule {
    let bad = |detail| Err(fault(C::InvalidGeneralFlags, "generalFlags").with_detail(detail));
    if v.service != Service::PlayReady {
        return match v.general_flags {
            None | Some("0000") => Ok(()),
            Some(_) => bad("Invalid general flags: '0000' is the only allowed value"),
        };
    }
    let persistent = "Invalid general flags: Rental licenses MUST be persistent (generalFlags=00000001)";
    match v.general_flags {
        Some(flags) if !is_hex_of_len(flags, 8) => {
            bad("Invalid general flags: must be 4 bytes as 8 hexadecimal digits")
        }
        Some(flags) if is_rental(v) && flags != "00000001" => bad(persistent),
        None if is_rental(v) => bad(persistent),
        _ => Ok(()),
    }
}

fn is_rental(v: &Values<'_>) -> bool {
    v.rights_type == Some("Rental")
}

/// `kek`: 16, 24 or 32 bytes as hex (AES-128/192/256) (-4024). FairPlay: with `kek`, one of
/// `kid` or `ek` must be given.
pub(crate) fn kek(v: &Values<'_>, _: &mut Check) -> Rule {
    let bad = |detail| Err(fault(C::InvalidEncryptedKeyOrKek, "kek").with_detail(detail));
    match v.kek {
        None => Ok(()),
        Some(s) if ![32, 48, 64].into_iter().any(|n| is_hex_of_len(s, n)) => {
            bad("Invalid encrypted key or kek: kek must be 32, 48 or 64 hexadecimal digits")
        }
        Some(_) if v.service == Service::FairPlay && v.kid.is_none() && v.ek.is_none() => {
            bad("Invalid encrypted key or kek: with kek, one of kid or ek must be given")
        }
        Some(_) => Ok(()),
    }
}

/// `kid`: 32 hex digits (-4020) or `^` and 1-64 characters (-4021); missing (-4018) for
/// PlayReady and Widevine, which require it.
pub(crate) fn kid(v: &Values<'_>, _: &mut Check) -> Rule {
    match v.kid {
        None if v.service != Service::FairPlay => Err(fault(C::MissingKid, "kid")),
        None => Ok(()),
        Some(s) => match s.strip_prefix('^') {
            Some(name) if (1..=64).contains(&chars(name)) => Ok(()),
            Some(_) => Err(fault(C::KidStringLength, "kid")),
            None if is_hex_of_len(s, 32) => Ok(()),
            None => Err(fault(C::KidHexLength, "kid")),
        },
    }
}

/// `ek`: the 24-byte RFC 3394 wrap of a 16-byte key, only with `kek`, and it must unwrap (-4024).
/// FairPlay: with `kek`, `kid` or `ek`, not both.
pub(crate) fn ek(v: &Values<'_>, _: &mut Check) -> Rule {
    let Some(ek) = v.ek else { return Ok(()) };
    let bad = |detail| Err(fault(C::InvalidEncryptedKeyOrKek, "ek").with_detail(detail));
    let Some(kek) = v.kek else {
        return bad("Invalid encrypted key or kek: ek requires kek");
    };
    if v.service == Service::FairPlay && v.kid.is_some() {
        return bad("Invalid encrypted key or kek: with kek, give kid or ek, not both");
    }
    if !is_hex_of_len(ek, 2 * keywrap::WRAPPED_CONTENT_KEY_LEN) {
        return bad("Invalid encrypted key or kek: ek must be 48 hexadecimal digits (a wrapped 16-byte key)");
    }
    match keywrap::check_ek(kek, ek) {
        Ok(()) => Ok(()),
        Err(_) => bad("Invalid encrypted key or kek: ek does not unwrap under kek (RFC 3394 integrity check)"),
    }
}

/// `contentKey`: 32 hex digits (-2027); required unless `kek`+`ek` or `kid` (-2005).
/// PlayReady: "Only one of kek or contentKey can be specified" (-5007).
pub(crate) fn content_key(v: &Values<'_>, _: &mut Check) -> Rule {
    if v.service == Service::PlayReady && v.kek.is_some() && v.content_key.is_some() {
        return Err(fault(C::KekWithContentKey, "contentKey"));
    }
    match v.content_key {
        Some(s) if is_hex_of_len(s, 32) => Ok(()),
        Some(_) => Err(fault(C::ContentKeyLength, "contentKey")),
        None if (v.kek.is_some() && v.ek.is_some()) || v.kid.is_some() => Ok(()),
        None => Err(fault(C::InvalidContentKey, "contentKey").with_detail(
            "Invalid content encryption key: contentKey is required unless kek and ek, or kid, are given",
        )),
    }
}

/// FairPlay `iv`: required, 32 hexadecimal digits (-6003).
pub(crate) fn iv(v: &Values<'_>, _: &mut Check) -> Rule {
    match v.iv {
        Some(iv) if is_hex_of_len(iv, 32) => Ok(()),
        _ => Err(fault(C::InvalidIv, "iv")),
    }
}

/// FairPlay `rentalDuration`: a non-negative integer (-6007).
pub(crate) fn rental_duration(v: &Values<'_>, _: &mut Check) -> Rule {
    non_negative_integer(v.rental_duration, C::InvalidRentalDuration, "rentalDuration")
}

/// `fpExtension`: `type,payload` (-6001).
pub(crate) fn fp_extension(v: &Values<'_>, _: &mut Check) -> Rule {
    v.fp_extensions
        .iter()
        .try_for_each(|e| short_extension(e, C::InvalidFpExtension, "fpExtension"))
}

/// PlayReady `rightsType`: required (-2020), `BuyToOwn` or `Rental` (-2021).
pub(crate) fn rights_type(v: &Values<'_>, _: &mut Check) -> Rule {
    match v.rights_type {
        None => Err(fault(C::MissingRightsType, "rightsType")),
        Some("BuyToOwn" | "Rental") => Ok(()),
        Some(_) => Err(fault(C::InvalidRightsType, "rightsType")),
    }
}

/// PlayReady `rental.periodEndTime`: required for a `Rental`, RFC 3339 `Z` or `+seconds`
/// (-2022); ignored by the service (a warning) with `BuyToOwn`.
pub(crate) fn rental_period_end_time(v: &Values<'_>, cx: &mut Check) -> Rule {
    const NAME: &str = "rental.periodEndTime";
    match (v.rental_period_end_time, is_rental(v)) {
        (None, true) => Err(fault(C::MissingRentalPeriodEndTime, NAME)),
        (Some(t), _) if TimeSpec::parse(t).is_err() => Err(fault(C::MissingRentalPeriodEndTime, NAME).with_detail(
            "Missing rental period end time: rental.periodEndTime must be RFC 3339 in the Z zone or +seconds",
        )),
        (Some(_), false) => {
            cx.warn(NAME);
            Ok(())
        }
        _ => Ok(()),
    }
}

/// PlayReady `rental.playDuration`: a non-negative integer (-2025); a warning with `BuyToOwn`.
pub(crate) fn rental_play_duration(v: &Values<'_>, cx: &mut Check) -> Rule {
    const NAME: &str = "rental.playDuration";
    non_negative_integer(v.rental_play_duration, C::InvalidRentalPlayDuration, NAME)?;
    if v.rental_play_duration.is_some() && !is_rental(v) {
        cx.warn(NAME);
    }
    Ok(())
}

/// One of PlayReady's five output protection levels: required (-5006), 0-999 (-2034).
fn opl(value: Option<&str>, name: &'static str) -> Rule {
    match value {
        None => Err(fault(C::MissingOpl, name)),
        Some(v) if !integer_in(v, 0..=999) => Err(fault(C::OutputControlOutOfRange, name)),
        Some(_) => Ok(()),
    }
}

/// `analogVideoOPL` (see [`opl`]).
pub(crate) fn analog_video_opl(v: &Values<'_>, _: &mut Check) -> Rule {
    opl(v.analog_video_opl, "analogVideoOPL")
}

/// `compressedDigitalAudioOPL` (see [`opl`]).
pub(crate) fn compressed_digital_audio_opl(v: &Values<'_>, _: &mut Check) -> Rule {
    opl(v.compressed_digital_audio_opl, "compressedDigitalAudioOPL")
}

/// `compressedDigitalVideoOPL` (see [`opl`]).
pub(crate) fn compressed_digital_video_opl(v: &Values<'_>, _: &mut Check) -> Rule {
    opl(v.compressed_digital_video_opl, "compressedDigitalVideoOPL")
}

/// `uncompressedDigitalAudioOPL` (see [`opl`]).
pub(crate) fn uncompressed_digital_audio_opl(v: &Values<'_>, _: &mut Check) -> Rule {
    opl(v.uncompressed_digital_audio_opl, "uncompressedDigitalAudioOPL")
}

/// `uncompressedDigitalVideoOPL` (see [`opl`]).
pub(crate) fn uncompressed_digital_video_opl(v: &Values<'_>, _: &mut Check) -> Rule {
    opl(v.uncompressed_digital_video_opl, "uncompressedDigitalVideoOPL")
}

/// PlayReady `unknownOutputBehavior`: `Allow`, `Disallow` or `SDOnly` (-5001).
pub(crate) fn unknown_output_behavior(v: &Values<'_>, _: &mut Check) -> Rule {
    match v.unknown_output_behavior {
        None | Some("Allow" | "Disallow" | "SDOnly") => Ok(()),
        Some(_) => Err(fault(C::InvalidUnknownOutputBehavior, "unknownOutputBehavior")),
    }
}

/// PlayReady `outputControlFlags`: 4 bytes as 8 hexadecimal digits (-2040).
pub(crate) fn output_control_flags(v: &Values<'_>, _: &mut Check) -> Rule {
    match v.output_control_flags {
        Some(f) if !is_hex_of_len(f, 8) => Err(fault(C::OutputControlFlagsLength, "outputControlFlags")),
        _ => Ok(()),
    }
}

/// PlayReady extensions, as pairs: the i-th `extensionType` with the i-th `extensionPayload`,
/// however the two were interleaved on the wire. Each pair in turn: a type of 4 ASCII characters
/// (-2036), both halves present (-2035), a base64 payload (-2037).
pub(crate) fn extension_type(v: &Values<'_>, _: &mut Check) -> Rule {
    for i in 0..v.extension_types.len().max(v.extension_payloads.len()) {
        let ty = v.extension_types.get(i).copied();
        let payload = v.extension_payloads.get(i).copied();
        match (ty, payload) {
            (Some(t), _) if !is_extension_type(t) => return Err(fault(C::ExtensionTypeLength, "extensionType")),
            (Some(_), None | Some("")) => return Err(fault(C::NoCorrespondingValue, "extensionPayload")),
            (None, _) => return Err(fault(C::NoCorrespondingValue, "extensionType")),
            (Some(_), Some(p)) if !is_base64(p) => return Err(fault(C::ExtensionPayloadNotBase64, "extensionPayload")),
            (Some(_), Some(_)) => {}
        }
    }
    Ok(())
}

/// PlayReady `extensionPayload`: checked with its type, pair by pair ([`extension_type`]).
pub(crate) fn extension_payload(_: &Values<'_>, _: &mut Check) -> Rule {
    Ok(())
}

/// Widevine `contentId`: free text, nothing to check.
pub(crate) fn content_id(_: &Values<'_>, _: &mut Check) -> Rule {
    Ok(())
}

/// Widevine `securityLevel`: required (-7003), 1 to 5 (-7004).
pub(crate) fn security_level(v: &Values<'_>, _: &mut Check) -> Rule {
    match v.security_level {
        None => Err(fault(C::MissingSecurityLevel, "securityLevel")),
        Some(s) if !integer_in(s, 1..=5) => Err(fault(C::InvalidSecurityLevel, "securityLevel")),
        Some(_) => Ok(()),
    }
}

/// Widevine `hdcpOutputControl`: required (-7006), 0 to 2 (-2034).
pub(crate) fn hdcp_output_control(v: &Values<'_>, _: &mut Check) -> Rule {
    match v.hdcp_output_control {
        None => Err(fault(C::MissingHdcpOutputControl, "hdcpOutputControl")),
        Some(s) if !integer_in(s, 0..=2) => Err(fault(C::OutputControlOutOfRange, "hdcpOutputControl")),
        Some(_) => Ok(()),
    }
}

/// Widevine `licenseDuration`: a non-negative integer (-7007).
pub(crate) fn license_duration(v: &Values<'_>, _: &mut Check) -> Rule {
    non_negative_integer(v.license_duration, C::InvalidLicenseDuration, "licenseDuration")
}

/// `wvExtension`: `type,payload` (-7009).
pub(crate) fn wv_extension(v: &Values<'_>, _: &mut Check) -> Rule {
    v.wv_extensions
        .iter()
        .try_for_each(|e| short_extension(e, C::InvalidWvExtension, "wvExtension"))
}

/// A non-negative integer number of seconds (`rentalDuration`, `licenseDuration`, ...).
fn non_negative_integer(v: Option<&str>, code: C, parameter: &'static str) -> Rule {
    match v {
        Some(s) if parse_u64(s).is_none() => Err(fault(code, parameter)),
        _ => Ok(()),
    }
}

/// A small integer in `range` (OPLs, `securityLevel`, `hdcpOutputControl`).
fn integer_in(s: &str, range: core::ops::RangeInclusive<u64>) -> bool {
    parse_u64(s).is_some_and(|n| range.contains(&n))
}

/// An extension type: "An arbitrary 4-letter word representing a 32-bit identifier [...] Each
/// letter's 8-bit ASCII code is the corresponding 8-bit byte", so exactly 4 printable ASCII
/// characters (`éééé` is 4 characters but 8 bytes: refused).
pub(crate) fn is_extension_type(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_graphic())
}

/// `fpExtension` / `wvExtension`: "a short form wrapping extensionType and extensionPayload":
/// `type,payload` with an extension type and a base64 payload.
fn short_extension(v: &str, code: C, parameter: &'static str) -> Rule {
    match crate::http::split_once_byte(v, b',') {
        Some((ty, payload)) if is_extension_type(ty) && is_base64(payload) => Ok(()),
        _ => Err(fault(code, parameter)),
    }
}

/// `expirationTime`: RFC 3339 `Z` or `+seconds`, within 30 days of issue (-2002).
pub(crate) fn expiration_time(v: &Values<'_>, cx: &mut Check) -> Rule {
    let Some(s) = v.expiration_time else { return Ok(()) };
    let bad = |detail| Err(fault(C::InvalidExpirationTime, "expirationTime").with_detail(detail));
    match TimeSpec::parse(s) {
        Err(_) => bad("Invalid token expiration time: not RFC 3339 in the Z zone or +seconds"),
        Ok(TimeSpec::Relative(secs)) if secs > MAX_TOKEN_LIFETIME_SECS => {
            bad("Invalid token expiration time: the maximum token lifetime is 30 days")
        }
        Ok(spec @ TimeSpec::Absolute(_)) => match cx.now.map(|n| spec.seconds_after(n)) {
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
pub(crate) fn cookie(v: &Values<'_>, _: &mut Check) -> Rule {
    match v.cookie {
        Some(s) if chars(s) > 32 => Err(fault(C::InvalidCookie, "cookie")),
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
