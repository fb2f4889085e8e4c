//! Requests from structured input: the written URL and form body have exactly `*_len()` bytes,
//! and parsing them back gives the same request (encode -> parse is the identity), whatever
//! the values contain (reserved characters, `%`, `+`, non-ASCII, control characters).
#![no_main]

use arbitrary::Arbitrary;
use drmtoken_core::expressplay::{
    parse_query, Environment, FairPlayTokenRequest, PlayReadyExtension, PlayReadyTokenRequest, Service, TokenRequest,
    WidevineTokenRequest,
};
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
    values: [Option<&'a str>; 20],
    extensions: Vec<(Option<&'a str>, Option<&'a str>)>,
}

fn build<'a>(input: &Input<'a>) -> TokenRequest<'a> {
    let v = |i: usize| input.values.get(i).copied().flatten();
    match input.which {
        Which::FairPlay => {
            let mut r = FairPlayTokenRequest {
                environment: Environment::Test,
                customer_authenticator: v(0),
                error_format: v(1),
                general_flags: v(2),
                kek: v(3),
                kid: v(4),
                ek: v(5),
                content_key: v(6),
                iv: v(7),
                rental_duration: v(8),
                expiration_time: v(9),
                cookie: v(10),
                ..FairPlayTokenRequest::default()
            };
            for (t, _) in input.extensions.iter().take(8) {
                if let Some(t) = t {
                    let _ = r.fp_extensions.push(t);
                }
            }
            TokenRequest::FairPlay(r)
        }
        Which::PlayReady => {
            let mut r = PlayReadyTokenRequest {
                environment: Environment::Test,
                customer_authenticator: v(0),
                error_format: v(1),
                general_flags: v(2),
                kek: v(3),
                kid: v(4),
                ek: v(5),
                content_key: v(6),
                rights_type: v(7),
                rental_period_end_time: v(8),
                rental_play_duration: v(9),
                analog_video_opl: v(10),
                compressed_digital_audio_opl: v(11),
                compressed_digital_video_opl: v(12),
                uncompressed_digital_audio_opl: v(13),
                uncompressed_digital_video_opl: v(14),
                unknown_output_behavior: v(15),
                output_control_flags: v(16),
                expiration_time: v(17),
                cookie: v(18),
                ..PlayReadyTokenRequest::default()
            };
            for &(t, p) in input.extensions.iter().take(8) {
                // A pair is sent as type then payload; a payload alone cannot be told apart
                // from the next pair's, so the parser pairs it with the type before it.
                if t.is_some() {
                    let _ = r.extensions.push(PlayReadyExtension {
                        extension_type: t,
                        extension_payload: p,
                    });
                }
            }
            TokenRequest::PlayReady(r)
        }
        Which::Widevine => {
            let mut r = WidevineTokenRequest {
                environment: Environment::Test,
                customer_authenticator: v(0),
                error_format: v(1),
                general_flags: v(2),
                kek: v(3),
                kid: v(4),
                ek: v(5),
                content_key: v(6),
                content_id: v(7),
                security_level: v(8),
                hdcp_output_control: v(9),
                license_duration: v(10),
                expiration_time: v(11),
                cookie: v(12),
                ..WidevineTokenRequest::default()
            };
            for (t, _) in input.extensions.iter().take(8) {
                if let Some(t) = t {
                    let _ = r.wv_extensions.push(t);
                }
            }
            TokenRequest::Widevine(r)
        }
    }
}

fuzz_target!(|data: &[u8]| small_stack::run(data, check));

fn check(data: &[u8]) {
    let Some(input) = small_stack::typed::<Input<'_>>(data) else { return };
    let request = build(&input);
    let _ = request.validate(None);

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

    let service = request.service();
    let mut scratch = vec![0u8; 16384];
    let parsed = parse_query(service, Environment::Test, &written, &mut scratch).expect("our own body parses");
    assert!(
        parsed.unknown.is_empty(),
        "our own body has unknown parameters: {:?}",
        parsed.unknown
    );
    let _: Service = service;
    assert_eq!(parsed.request, request, "encode -> parse is not the identity");
}
