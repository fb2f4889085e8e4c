//! JSONTestSuite (tests/vectors/json-test-suite/, the `test_parsing` documents) against every
//! JSON reader of the crate, on a 16 KiB stack.
//!
//! Each document is tried twice per reader: as the whole body, and as the value of an unknown
//! member inside a body the reader otherwise accepts (the member a lenient reader would skip
//! unchecked). `y_` documents must be accepted both ways, `n_` documents refused both ways with
//! `InvalidJson` or `NestingTooDeep`; `i_` documents (the implementation's choice) must give the
//! answer listed in `I_ACCEPTED`, the same for every reader.

mod common;

use common::{is_json_refusal, on_small_stack};
use drmtoken_core::expressplay::{parse_response as expressplay_response, ResponseError, TokenResponse};
use drmtoken_core::opentv::{self, ContentToken, UserToken};
use drmtoken_core::{adobe_pass, json, Error, Service};
use serde_json::Value;

/// The `i_` documents this crate accepts: numbers of any size or precision (their text is kept,
/// never converted). Refused: lone surrogate escapes (not Unicode, RFC 8259 section 8.2), a
/// byte-order mark (section 8.1: "MUST NOT add"), text that is not UTF-8, and nesting past 64.
const I_ACCEPTED: &[&str] = &[
    "i_number_double_huge_neg_exp.json",
    "i_number_huge_exp.json",
    "i_number_neg_int_huge_exp.json",
    "i_number_pos_double_huge_exp.json",
    "i_number_real_neg_overflow.json",
    "i_number_real_pos_overflow.json",
    "i_number_real_underflow.json",
    "i_number_too_big_neg_int.json",
    "i_number_too_big_pos_int.json",
    "i_number_very_big_negative_int.json",
];

/// `i_` documents that are not UTF-8 in the original suite: the npm package keeps JavaScript
/// strings, so their bad bytes arrive as U+FFFD and the text *is* valid JSON, accepted as such.
/// Their real bytes are refused, by `text_that_is_not_utf8_is_refused_with_its_offset`.
const NOT_UTF8_IN_THE_ORIGINAL: &[&str] = &[
    "i_string_UTF-8_invalid_sequence.json",
    "i_string_UTF8_surrogate_U+D800.json",
    "i_string_invalid_utf-8.json",
    "i_string_iso_latin_1.json",
    "i_string_lone_utf8_continuation_byte.json",
    "i_string_not_in_unicode_range.json",
    "i_string_overlong_sequence_2_bytes.json",
    "i_string_overlong_sequence_6_bytes.json",
    "i_string_overlong_sequence_6_bytes_null.json",
    "i_string_truncated-utf-8.json",
];

/// What one reader made of one body.
#[derive(Debug)]
enum Outcome {
    /// Read as JSON (the reader may still dislike its shape: that is not a refusal of the text).
    Json { fields_ok: bool },
    /// Refused as not JSON.
    Refused(#[allow(dead_code)] Error),
}

fn outcome(result: Result<bool, Error>) -> Outcome {
    match result {
        Ok(fields_ok) => Outcome::Json { fields_ok },
        Err(e) if is_json_refusal(&e) => Outcome::Refused(e),
        Err(_) => Outcome::Json { fields_ok: false },
    }
}

/// A reader: the body it is given, and whether it found the fields a valid body carries.
struct Reader {
    name: &'static str,
    /// `{"x": <document>, ...}`: a body this reader accepts, with the document as unknown member.
    wrap: fn(&str) -> String,
    read: fn(&[u8]) -> Result<bool, Error>,
}

fn expressplay_error(r: Result<TokenResponse<'_>, ResponseError<'_>>) -> Result<(), Error> {
    match r {
        Err(ResponseError::Invalid(e)) => Err(e),
        _ => Ok(()),
    }
}

// Each reader is a function of its own, never inlined into the loop below, so the 16 KiB
// thread measures the parser and not the test's bookkeeping.
#[inline(never)]
fn read_playready_200(b: &[u8]) -> Result<bool, Error> {
    let r = expressplay_response(Service::PlayReady, 200, "application/json", b, &mut []);
    let ok = matches!(&r, Ok(TokenResponse::PlayReady(t)) if t.token == "AAAA");
    expressplay_error(r).map(|()| ok)
}

#[inline(never)]
fn read_expressplay_error(b: &[u8]) -> Result<bool, Error> {
    let r = expressplay_response(Service::Widevine, 400, "application/json", b, &mut []);
    let ok = matches!(&r, Err(ResponseError::Service(e)) if e.code == Some(-2027));
    expressplay_error(r).map(|()| ok)
}

#[inline(never)]
fn read_opentv_200(b: &[u8]) -> Result<bool, Error> {
    match opentv::parse_response(200, "application/json", b, &mut []) {
        Ok(r) => Ok(r.expires_in == Some(5)),
        Err(opentv::ResponseError::Invalid(e)) => Err(e),
        Err(_) => Ok(false),
    }
}

#[inline(never)]
fn read_opentv_error(b: &[u8]) -> Result<bool, Error> {
    match opentv::parse_response(401, "application/json", b, &mut []) {
        Err(opentv::ResponseError::Service(e)) => Ok(e.message == Some("m")),
        Err(opentv::ResponseError::Invalid(e)) => Err(e),
        Ok(_) => Ok(false),
    }
}

#[inline(never)]
fn read_opentv_jwt_content_token(b: &[u8]) -> Result<bool, Error> {
    let text = json::body_text(b)?;
    ContentToken::parse(text, &mut []).map(|t| t.jti == Some("j"))
}

#[inline(never)]
fn read_opentv_jwt_user_token(b: &[u8]) -> Result<bool, Error> {
    let text = json::body_text(b)?;
    UserToken::parse(text, &mut []).map(|t| t.jti == Some("j"))
}

#[inline(never)]
fn read_adobe_pass_200(b: &[u8]) -> Result<bool, Error> {
    match adobe_pass::parse_response(200, "application/json", b, &mut []) {
        Ok(a) => Ok(a.mvpd == "m"),
        Err(adobe_pass::ResponseError::Invalid(e)) => Err(e),
        Err(_) => Ok(false),
    }
}

#[inline(never)]
fn read_adobe_pass_error(b: &[u8]) -> Result<bool, Error> {
    match adobe_pass::parse_response(412, "application/json", b, &mut []) {
        Err(adobe_pass::ResponseError::Service(e)) => Ok(e.body_status == Some(412)),
        Err(adobe_pass::ResponseError::Invalid(e)) => Err(e),
        Ok(_) => Ok(false),
    }
}

#[inline(never)]
fn read_json_validate(b: &[u8]) -> Result<bool, Error> {
    json::validate(json::body_text(b)?).map(|()| true)
}

const READERS: &[Reader] = &[
    Reader {
        name: "playready 200",
        wrap: |d| format!(r#"{{"x":{d},"licenseAcquisitionUrl":"https://a.example/l","token":"AAAA"}}"#),
        read: read_playready_200,
    },
    Reader {
        name: "expressplay error",
        wrap: |d| format!(r#"{{"x":{d},"errorCode":-2027,"errorMessage":"m"}}"#),
        read: read_expressplay_error,
    },
    Reader {
        name: "opentv 200",
        wrap: |d| format!(r#"{{"x":{d},"content_token":{{"jti":"j","x":{d}}},"expires_in":5}}"#),
        read: read_opentv_200,
    },
    Reader {
        name: "opentv error",
        wrap: |d| format!(r#"{{"x":{d},"message":"m"}}"#),
        read: read_opentv_error,
    },
    Reader {
        name: "opentv jwt content token",
        wrap: |d| format!(r#"{{"x":{d},"jti":"j"}}"#),
        read: read_opentv_jwt_content_token,
    },
    Reader {
        name: "opentv jwt user token",
        wrap: |d| format!(r#"{{"x":{d},"jti":"j"}}"#),
        read: read_opentv_jwt_user_token,
    },
    Reader {
        name: "adobe pass 200",
        wrap: |d| format!(r#"{{"x":{d},"mvpd":"m","resource":"r","requestor":"q","expires":"1"}}"#),
        read: read_adobe_pass_200,
    },
    Reader {
        name: "adobe pass error",
        wrap: |d| format!(r#"{{"x":{d},"status":412,"message":"m"}}"#),
        read: read_adobe_pass_error,
    },
    Reader {
        name: "json::validate",
        wrap: |d| format!(r#"{{"x":{d}}}"#),
        read: read_json_validate,
    },
];

fn suite() -> Vec<(String, String)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/json-test-suite/parsing.json"
    );
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).expect("suite file")).expect("JSON");
    cases
        .iter()
        .map(|c| {
            (
                c["name"].as_str().expect("name").to_owned(),
                c["input"].as_str().expect("input").to_owned(),
            )
        })
        .collect()
}

/// Per reader: accepted and refused counts, as a whole body and as an unknown member.
#[derive(Default, Debug)]
struct Tally {
    whole: (usize, usize),
    member: (usize, usize),
}

fn count(t: &mut (usize, usize), o: &Outcome) {
    match o {
        Outcome::Json { .. } => t.0 += 1,
        Outcome::Refused(_) => t.1 += 1,
    }
}

#[test]
fn every_reader_agrees_with_json_test_suite() {
    let cases = suite();
    assert_eq!(cases.len(), 318, "the whole test_parsing set");
    let failures = on_small_stack(move || {
        let mut failures = Vec::new();
        let mut tallies: Vec<Tally> = READERS.iter().map(|_| Tally::default()).collect();
        for (name, input) in &cases {
            let expect_json = match name.get(..2) {
                Some("y_") => true,
                Some("n_") => false,
                _ => I_ACCEPTED.contains(&name.as_str()) || NOT_UTF8_IN_THE_ORIGINAL.contains(&name.as_str()),
            };
            for (reader, tally) in READERS.iter().zip(&mut tallies) {
                let whole = outcome((reader.read)(input.as_bytes()));
                let member = outcome((reader.read)((reader.wrap)(input).as_bytes()));
                count(&mut tally.whole, &whole);
                count(&mut tally.member, &member);
                let whole_ok = matches!(whole, Outcome::Json { .. }) == expect_json;
                let member_ok = match &member {
                    // As an unknown member, an accepted document leaves the reader's fields intact.
                    Outcome::Json { fields_ok } => expect_json && *fields_ok,
                    Outcome::Refused(_) => !expect_json,
                };
                if !whole_ok || !member_ok {
                    failures.push(format!(
                        "{}: {name}: whole {whole:?}, as member {member:?}",
                        reader.name
                    ));
                }
            }
        }
        for (reader, t) in READERS.iter().zip(&tallies) {
            eprintln!(
                "{:<26} whole body: {:>3} accepted {:>3} refused | unknown member: {:>3} accepted {:>3} refused",
                reader.name, t.whole.0, t.whole.1, t.member.0, t.member.1
            );
        }
        failures
    });
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The suite's documents that are not UTF-8 reach us with U+FFFD in place of their bad bytes
/// (the package keeps JavaScript strings), so the bytes themselves are tried here.
#[test]
fn text_that_is_not_utf8_is_refused_with_its_offset() {
    let cases: &[(&[u8], usize)] = &[
        (b"[\"\xff\"]", 2),
        (b"[\"a\xc3\"]", 3),
        (b"\xef\xbb\xbf{}", 0),
        (b"[\"\xed\xa0\x80\"]", 2),
        (b"{\"\xb9\":0}", 2),
    ];
    on_small_stack(move || {
        for (body, offset) in cases {
            for reader in READERS {
                match (reader.read)(body) {
                    Err(e) => assert_eq!(
                        e.kind(),
                        drmtoken_core::ErrorKind::InvalidJson { offset: *offset },
                        "{}: {body:?}",
                        reader.name
                    ),
                    Ok(_) => panic!("{}: accepted {body:?}", reader.name),
                }
            }
        }
    });
}
