//! Property tests: the round trips and the validation rules hold for generated inputs, not only
//! for the vectors.

use drmtoken_core::expressplay::{
    parse_query, Environment, PlayReadyTokenRequest, Service, TokenRequest, WidevineTokenRequest,
};
use drmtoken_core::keywrap::{unwrap, wrap};
use drmtoken_core::ErrorKind;
use proptest::prelude::*;

fn valid_playready<'a>(kid: &'a str, key: &'a str, opl: &'a str) -> PlayReadyTokenRequest<'a> {
    let mut r =
        PlayReadyTokenRequest::new(Environment::Test, "201722,1ad8eed133edf43cbcc185f0236828ae").with_all_opls(opl);
    r.kid = Some(kid);
    r.content_key = Some(key);
    r.rights_type = Some("BuyToOwn");
    r
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any text in any free-text value survives encode -> parse, and the lengths are exact.
    /// (Producing calls validate first, so the text goes where the rules allow any: a named kid,
    /// contentId, cookie, the authenticator.)
    #[test]
    fn widevine_body_round_trips(
        authenticator in "(?s).{1,40}",
        kid_name in "(?s).{1,64}",
        content_id in proptest::option::of(any::<String>()),
        cookie in proptest::option::of("(?s).{0,32}"),
        extensions in proptest::collection::vec("[!-+\\--~]{4},([A-Za-z0-9+/]{4}){1,3}", 0..=8),
    ) {
        let kid = format!("^{kid_name}");
        let mut r = WidevineTokenRequest {
            customer_authenticator: Some(&authenticator),
            kid: Some(&kid),
            content_id: content_id.as_deref(),
            cookie: cookie.as_deref(),
            security_level: Some("1"),
            hdcp_output_control: Some("0"),
            ..WidevineTokenRequest::default()
        };
        for e in &extensions {
            r.wv_extensions.push(e).unwrap();
        }
        let mut body = vec![0u8; r.form_body_len()];
        let written = r.write_form_body(&mut body).unwrap().to_owned();
        prop_assert_eq!(written.len(), r.form_body_len());
        let mut url = vec![0u8; r.url_len()];
        prop_assert_eq!(r.write_url(&mut url).unwrap().len(), r.url_len());
        let mut scratch = vec![0u8; written.len()];
        let parsed = parse_query(Service::Widevine, Environment::Test, &written, &mut scratch).unwrap();
        prop_assert!(parsed.unknown.is_empty());
        prop_assert_eq!(parsed.request, TokenRequest::Widevine(r));
    }

    /// A short buffer always fails with the exact size and is left untouched.
    #[test]
    fn short_buffers_are_untouched(cookie in "(?s).{0,32}", cut in 1usize..64) {
        let mut r = valid_playready("b366360da82e9c6e0b0984002a362cf2", "b366360da82e9c6e0b0984002a362cf2", "0");
        r.cookie = Some(&cookie);
        let len = r.url_len();
        let mut buf = vec![0xA5u8; len.saturating_sub(cut)];
        let err = r.write_url(&mut buf).unwrap_err();
        prop_assert_eq!(err.kind(), ErrorKind::BufferTooSmall { required: len });
        prop_assert!(buf.iter().all(|&b| b == 0xA5));
    }

    /// contentKey: exactly 32 hex digits, in either case, else -2027.
    #[test]
    fn content_key_rule(key in "[0-9a-fA-F]{0,40}") {
        let r = valid_playready("b366360da82e9c6e0b0984002a362cf2", &key, "0");
        let result = r.validate(None);
        if key.len() == 32 {
            prop_assert!(result.is_ok(), "{:?}", result);
        } else {
            let e = result.unwrap_err();
            prop_assert_eq!((e.code(), e.parameter()), (-2027, Some("contentKey")));
        }
    }

    /// OPLs: integers 0-999 pass; anything larger or not a number is -2034.
    #[test]
    fn opl_rule(n in 0u32..5000, junk in "[^0-9]{1,3}") {
        let s = n.to_string();
        let r = valid_playready("b366360da82e9c6e0b0984002a362cf2", "b366360da82e9c6e0b0984002a362cf2", &s);
        match r.validate(None) {
            Ok(_) => prop_assert!(n <= 999),
            Err(e) => { prop_assert!(n > 999); prop_assert_eq!(e.code(), -2034); }
        }
        let r = valid_playready("b366360da82e9c6e0b0984002a362cf2", "b366360da82e9c6e0b0984002a362cf2", &junk);
        prop_assert_eq!(r.validate(None).unwrap_err().code(), -2034);
    }

    /// kid: 32 hex digits, or `^` and 1-64 characters (-4021 beyond); anything else -4020.
    #[test]
    fn named_kid_rule(name in "[a-z ]{1,80}") {
        let kid = format!("^{name}");
        let r = valid_playready(&kid, "b366360da82e9c6e0b0984002a362cf2", "0");
        match r.validate(None) {
            Ok(_) => prop_assert!(name.chars().count() <= 64),
            Err(e) => { prop_assert!(name.chars().count() > 64); prop_assert_eq!(e.code(), -4021); }
        }
    }

    /// wrap -> unwrap is the identity; flipping any bit of the wrap fails the integrity check
    /// and leaves the output zeroed.
    #[test]
    fn keywrap_round_trip(kek in proptest::collection::vec(any::<u8>(), 16..=16), key in proptest::collection::vec(any::<u8>(), 2..8usize), bit in 0usize..(8 * 24)) {
        let key: Vec<u8> = key.iter().flat_map(|b| [*b; 8]).collect();
        let mut w = vec![0u8; key.len() + 8];
        let w = wrap(&kek, &key, &mut w).unwrap().to_vec();
        let mut k = vec![0u8; key.len()];
        prop_assert_eq!(unwrap(&kek, &w, &mut k).unwrap(), &key[..]);
        let mut bad = w.clone();
        let at = bit / 8 % bad.len();
        bad[at] ^= 1 << (bit % 8);
        let mut out = vec![0x5Au8; key.len()];
        prop_assert_eq!(unwrap(&kek, &bad, &mut out).unwrap_err().kind(), ErrorKind::IntegrityCheckFailed);
        prop_assert!(out.iter().all(|&b| b == 0));
    }
}
