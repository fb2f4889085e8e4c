//! Requests from structured input, built the way every surface builds them (`set` by wire name,
//! from the one parameter table): validation never panics; what the writers produce (they apply
//! no rule) has exactly `*_len()` bytes; and parsing it back gives the same request
//! (encode -> parse is the identity), whatever the values contain (reserved characters, `%`,
//! `+`, non-ASCII, control characters). Free-text parameters of a valid request carry the
//! fuzzer's text too, and such a request validates exactly when the rules say it should.
#![no_main]

use arbitrary::Arbitrary;
use drmtoken_core::expressplay::parameters::{FAIRPLAY, PARAMETERS, PLAYREADY, WIDEVINE};
use drmtoken_core::expressplay::{parse_query, Environment, Service, TokenRequest};
use libfuzzer_sys::fuzz_target;

#[path = "small_stack.rs"]
mod small_stack;

#[derive(Arbitrary, Debug)]
enum Which {
    FairPlay,
    PlayReady,
    Widevine,
}

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    which: Which,
    /// One value per row the service takes (then repeated rows again), in table order.
    values: Vec<Option<&'a str>>,
    /// Text for the free-text parameters of a valid request.
    authenticator: &'a str,
    kid_name: &'a str,
    content_id: &'a str,
    cookie: &'a str,
}

fuzz_target!(|data: &[u8]| small_stack::run(data, check));

fn check(data: &[u8]) {
    let Some(input) = small_stack::typed::<Input<'_>>(data) else { return };
    let (service, bit) = match input.which {
        Which::FairPlay => (Service::FairPlay, FAIRPLAY),
        Which::PlayReady => (Service::PlayReady, PLAYREADY),
        Which::Widevine => (Service::Widevine, WIDEVINE),
    };
    let mut request = TokenRequest::empty(service, Environment::Test);
    let rows = PARAMETERS.iter().filter(|p| p.taken_by(bit)).cycle();
    for (row, value) in rows.zip(input.values.iter().take(64)) {
        if let Some(v) = value {
            // Duplicates and full lists are refused by name; the request keeps what it had.
            let _ = request.set(row.wire, v);
        }
    }
    round_trip(&request);

    // A valid Widevine request whose free-text parameters carry the fuzzer's text.
    let kid = format!("^{}", input.kid_name);
    let mut valid = TokenRequest::empty(Service::Widevine, Environment::Test);
    for (name, value) in [
        ("customerAuthenticator", input.authenticator),
        ("kid", &kid),
        ("contentId", input.content_id),
        ("cookie", input.cookie),
        ("securityLevel", "1"),
        ("hdcpOutputControl", "0"),
    ] {
        valid.set(name, value).expect("each parameter is set once");
    }
    let free_text_is_valid = !input.authenticator.is_empty()
        && (1..=64).contains(&input.kid_name.chars().count())
        && input.cookie.chars().count() <= 32;
    assert_eq!(valid.validate(None).is_ok(), free_text_is_valid, "free text refused");
    round_trip(&valid);
}

/// What the writers produce has the announced length and parses back to the same request.
fn round_trip(request: &TokenRequest<'_>) {
    let _ = request.validate(None);
    let _ = request.validate(Some(1_767_225_600));
    let mut body = vec![0u8; 16384];
    let len = request.form_body_len();
    let Ok(written) = request.write_form_body(&mut body) else {
        assert!(len > body.len(), "write_form_body failed with a large enough buffer");
        return;
    };
    assert_eq!(written.len(), len);
    let written = written.to_owned();

    let mut url = vec![0u8; 16384];
    if let Ok(u) = request.write_url(&mut url) {
        assert_eq!(u.len(), request.url_len());
    }

    let mut scratch = vec![0u8; 16384];
    let parsed =
        parse_query(request.service(), Environment::Test, &written, &mut scratch).expect("our own body parses");
    assert!(
        parsed.unknown.is_empty(),
        "our own body has unknown parameters: {:?}",
        parsed.unknown
    );
    assert_eq!(&parsed.request, request, "encode -> parse is not the identity");
}
