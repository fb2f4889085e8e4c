//! Every JSON reader of the core against `json::validate`, on the same bytes: a body is refused
//! as not JSON (`InvalidJson` / `NestingTooDeep`) by a reader exactly when `validate` refuses
//! it, and with the same error (kind and byte offset), whichever fields the reader reads or
//! skips. This is "one grammar for the members you read and the ones you skip", checked on
//! whatever libFuzzer can build.
#![no_main]

use drmtoken_core::expressplay::{parse_response as expressplay_response, ResponseError, Service};
use drmtoken_core::opentv::{self, ContentToken, ContentTokenResponse, UserToken};
use drmtoken_core::{adobe_pass, json, Error, ErrorKind};
use libfuzzer_sys::fuzz_target;

#[path = "small_stack.rs"]
mod small_stack;

fuzz_target!(|data: &[u8]| small_stack::run(data, check));

/// The JSON refusal in `e`, if it is one.
fn refusal(e: Error) -> Option<Error> {
    matches!(e.kind(), ErrorKind::InvalidJson { .. } | ErrorKind::NestingTooDeep { .. }).then_some(e)
}

fn check(body: &[u8]) {
    let expected = match json::body_text(body) {
        Ok(text) => json::validate(text).err(),
        Err(e) => Some(e),
    };
    let mut scratch = vec![0u8; body.len()];
    let json_ct = "application/json";
    let mut seen: Vec<(&str, Option<Error>)> = Vec::new();
    seen.push((
        "playready 200",
        match expressplay_response(Service::PlayReady, 200, json_ct, body, &mut scratch) {
            Err(ResponseError::Invalid(e)) => refusal(e),
            _ => None,
        },
    ));
    seen.push((
        "expressplay error",
        match expressplay_response(Service::FairPlay, 400, json_ct, body, &mut scratch) {
            Err(ResponseError::Invalid(e)) => refusal(e),
            _ => None,
        },
    ));
    let opentv_200 = {
        let mut out = Box::new(ContentTokenResponse::empty());
        match opentv::parse_response_into(200, json_ct, body, &mut scratch, &mut out) {
            Err(opentv::ResponseError::Invalid(e)) => refusal(e),
            _ => None,
        }
    };
    seen.push(("opentv 200", opentv_200));
    seen.push((
        "opentv error",
        match opentv::parse_response(401, json_ct, body, &mut scratch) {
            Err(opentv::ResponseError::Invalid(e)) => refusal(e),
            _ => None,
        },
    ));
    seen.push((
        "adobe pass 200",
        match adobe_pass::parse_response(200, json_ct, body, &mut scratch) {
            Err(adobe_pass::ResponseError::Invalid(e)) => refusal(e),
            _ => None,
        },
    ));
    seen.push((
        "adobe pass error",
        match adobe_pass::parse_response(412, json_ct, body, &mut scratch) {
            Err(adobe_pass::ResponseError::Invalid(e)) => refusal(e),
            _ => None,
        },
    ));
    if let Ok(text) = core::str::from_utf8(body) {
        seen.push(("content token", ContentToken::parse(text, &mut scratch).err().and_then(refusal)));
        seen.push(("user token", UserToken::parse(text, &mut scratch).err().and_then(refusal)));
    }
    for (reader, got) in seen {
        assert_eq!(got, expected, "{reader} disagrees with json::validate");
    }
}
