//! Number and time text at the edges mutation testing found untested: every two-digit field of
//! an RFC 3339 timestamp needs both of its digits, and a code sent as text reads as
//! `str::parse::<i64>` would read it, sign and all.

use drmtoken_core::expressplay::{parse_response, ResponseError};
use drmtoken_core::{time, ErrorKind, Service};

/// Each two-digit field (the year's two halves, month, day, hour, minute, second) with either
/// digit replaced by the bytes just outside `0`-`9` (`/` and `:`) or a letter is refused: a
/// non-digit is never read as a digit value (`0:` would otherwise be 10: October).
#[test]
fn every_two_digit_field_needs_both_digits() {
    let good = "2026-09-05T07:08:09Z";
    // `date -u -d 2026-09-05T07:08:09Z +%s`
    assert_eq!(time::parse_rfc3339_z(good), Ok(1_788_592_089));
    // The offsets of the digits of the seven pairs.
    for at in [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18] {
        for bad in [b'/', b':', b'a'] {
            let mut text = good.as_bytes().to_vec();
            text[at] = bad;
            let text = String::from_utf8(text).unwrap();
            assert_eq!(
                time::parse_rfc3339_z(&text).map_err(|e| e.kind()),
                Err(ErrorKind::InvalidTime),
                "{text}"
            );
        }
    }
}

/// A code sent as a string reads as `str::parse::<i64>` reads it: an optional `-` or `+`, then
/// digits, surrounding whitespace trimmed; anything else is no code.
#[test]
fn a_code_sent_as_text_reads_with_its_sign() {
    for (code, expected) in [
        ("-2027", Some(-2027)),
        ("+2027", Some(2027)),
        (" -2027 ", Some(-2027)),
        ("2027", Some(2027)),
        ("+-2027", None),
        ("--2027", None),
        ("+", None),
        ("-", None),
        ("", None),
        ("2027x", None),
    ] {
        let body = format!(r#"{{"errorCode":"{code}","errorMessage":"m"}}"#);
        match parse_response(Service::Widevine, 400, "application/json", body.as_bytes(), &mut []) {
            Err(ResponseError::Service(e)) => assert_eq!(e.code, expected, "{body}"),
            other => panic!("{body}: {other:?}"),
        }
        assert_eq!(
            code.trim().parse::<i64>().ok().map(|n| n as i32),
            expected,
            "{code}: as std reads it"
        );
    }
}

/// A leap second is `23:59:60` and nothing else: second 60 in any other minute or hour, and
/// second 61 anywhere, is refused. (It counts as the next day's first second.)
#[test]
fn a_leap_second_is_only_at_23_59_60() {
    assert_eq!(time::parse_rfc3339_z("2016-12-31T23:59:60Z"), Ok(1_483_228_800));
    assert_eq!(time::parse_rfc3339_z("2016-12-31T23:59:59Z"), Ok(1_483_228_799));
    for text in [
        "2016-12-31T23:58:60Z",
        "2016-12-31T22:59:60Z",
        "2016-12-31T10:59:60Z",
        "2016-12-31T23:00:60Z",
        "2016-12-31T00:59:60Z",
        "2016-12-31T23:59:61Z",
    ] {
        assert_eq!(
            time::parse_rfc3339_z(text).map_err(|e| e.kind()),
            Err(ErrorKind::InvalidTime),
            "{text}"
        );
    }
}
