//! ExpressPlay's request rules asserted at their boundaries, written against the mutants that
//! cargo-mutants found missed (scripts/mutants.sh, TESTING.md): each test pins the values on
//! both sides of a limit, and the code and parameter of the refusal, so a rule that moves by one
//! (`>` for `>=`, `&&` for `||`) fails a test.

use drmtoken_core::expressplay::{Environment, TokenRequest, Warning, Warnings};
use drmtoken_core::{Error, Service};

/// 2026-01-01T00:00:00Z, the caller's clock.
const NOW: i64 = 1_767_225_600;
const THIRTY_DAYS: i64 = 2_592_000;
const KEY: &str = "00112233445566778899aabbccddeeff";
const KID: &str = "b366360da82e9c6e0b0984002a362cf2";
const KEK: &str = "000102030405060708090a0b0c0d0e0f";

/// A valid request of each service, as `(name, value)` pairs.
fn base(service: Service) -> Vec<(&'static str, String)> {
    let mut p = vec![(
        "customerAuthenticator",
        "201722,1ad8eed133edf43cbcc185f0236828ae".to_owned(),
    )];
    match service {
        Service::FairPlay => {
            p.push(("contentKey", KEY.to_owned()));
            p.push(("iv", "0f0e0d0c0b0a09080706050403020100".to_owned()));
        }
        Service::PlayReady => {
            p.push(("kid", KID.to_owned()));
            p.push(("contentKey", KEY.to_owned()));
            p.push(("rightsType", "BuyToOwn".to_owned()));
            for opl in OPLS {
                p.push((opl, "0".to_owned()));
            }
        }
        Service::Widevine => {
            p.push(("kid", KID.to_owned()));
            p.push(("contentKey", KEY.to_owned()));
            p.push(("securityLevel", "1".to_owned()));
            p.push(("hdcpOutputControl", "0".to_owned()));
        }
    }
    p
}

const OPLS: [&str; 5] = [
    "analogVideoOPL",
    "compressedDigitalAudioOPL",
    "compressedDigitalVideoOPL",
    "uncompressedDigitalAudioOPL",
    "uncompressedDigitalVideoOPL",
];

/// Validates `pairs` (set in order) as `service` with the clock at `now`.
fn validate_pairs(service: Service, pairs: &[(&'static str, String)], now: Option<i64>) -> Result<Warnings, Error> {
    let mut r = TokenRequest::empty(service, Environment::Test);
    for (n, v) in pairs {
        r.set(n, v).unwrap_or_else(|e| panic!("set {n}: {e}"));
    }
    r.validate(now)
}

/// The valid request of `service` with `changes` applied: a pair replaces the parameter of the
/// same name (or is added), and a value of `None` removes it.
fn check_at(service: Service, changes: &[(&'static str, Option<&str>)], now: Option<i64>) -> Result<Warnings, Error> {
    let mut pairs = base(service);
    for (name, value) in changes {
        pairs.retain(|(n, _)| n != name);
        if let Some(v) = value {
            pairs.push((name, (*v).to_owned()));
        }
    }
    validate_pairs(service, &pairs, now)
}

fn check(service: Service, changes: &[(&'static str, Option<&str>)]) -> Result<Warnings, Error> {
    check_at(service, changes, Some(NOW))
}

/// Asserts the request is valid, with no warning.
#[track_caller]
fn ok(service: Service, changes: &[(&'static str, Option<&str>)]) {
    let warnings = check(service, changes).unwrap_or_else(|e| panic!("{service:?} {changes:?}: {e}"));
    assert!(warnings.is_empty(), "{service:?} {changes:?}: {warnings:?}");
}

/// Asserts the request is refused with `code`, naming `parameter`.
#[track_caller]
fn refused(service: Service, changes: &[(&'static str, Option<&str>)], code: i32, parameter: &str) {
    let e = check(service, changes).expect_err(&format!("{service:?} {changes:?} must be refused"));
    assert_eq!(
        (e.code(), e.parameter()),
        (code, Some(parameter)),
        "{service:?} {changes:?}: {e}"
    );
}

const ALL: [Service; 3] = [Service::FairPlay, Service::PlayReady, Service::Widevine];

#[test]
fn base_requests_are_valid() {
    for s in ALL {
        ok(s, &[]);
    }
}

#[test]
fn cookie_of_32_characters_is_accepted_and_33_refused() {
    let c32 = "c".repeat(32);
    let c33 = "c".repeat(33);
    // Characters, not bytes: 32 two-byte characters are 64 bytes and still allowed.
    let e32 = "é".repeat(32);
    let e33 = "é".repeat(33);
    for s in ALL {
        ok(s, &[("cookie", Some(""))]);
        ok(s, &[("cookie", Some("c"))]);
        ok(s, &[("cookie", Some(&c32))]);
        ok(s, &[("cookie", Some(&e32))]);
        refused(s, &[("cookie", Some(&c33))], -2033, "cookie");
        refused(s, &[("cookie", Some(&e33))], -2033, "cookie");
    }
}

#[test]
fn expiration_time_of_exactly_now_and_exactly_30_days_ahead_is_accepted() {
    // Unix seconds as RFC 3339 in the Z zone (chrono, a dev-dependency, as the second opinion).
    let at = |t: i64| -> String {
        chrono::DateTime::from_timestamp(t, 0)
            .unwrap()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    };
    assert_eq!(at(NOW), "2026-01-01T00:00:00Z");
    for s in ALL {
        ok(s, &[("expirationTime", Some(&at(NOW)))]);
        ok(s, &[("expirationTime", Some(&at(NOW + 1)))]);
        ok(s, &[("expirationTime", Some(&at(NOW + THIRTY_DAYS)))]);
        refused(s, &[("expirationTime", Some(&at(NOW - 1)))], -2002, "expirationTime");
        refused(
            s,
            &[("expirationTime", Some(&at(NOW + THIRTY_DAYS + 1)))],
            -2002,
            "expirationTime",
        );
        // Without a clock, an absolute time is checked for its form only.
        let past = at(NOW - 1);
        assert!(check_at(s, &[("expirationTime", Some(&past))], None).is_ok());
        refused(
            s,
            &[("expirationTime", Some("2026-01-01T00:00:00+01:00"))],
            -2002,
            "expirationTime",
        );
        // The relative form: a lifetime of at most 30 days.
        ok(s, &[("expirationTime", Some("+0"))]);
        ok(s, &[("expirationTime", Some("+60"))]);
        ok(s, &[("expirationTime", Some("+2592000"))]);
        refused(s, &[("expirationTime", Some("+2592001"))], -2002, "expirationTime");
        refused(s, &[("expirationTime", Some("60"))], -2002, "expirationTime");
    }
}

#[test]
fn customer_authenticator_must_be_present_and_not_empty() {
    for s in ALL {
        ok(s, &[("customerAuthenticator", Some("x"))]);
        refused(
            s,
            &[("customerAuthenticator", Some(""))],
            -2017,
            "customerAuthenticator",
        );
        refused(s, &[("customerAuthenticator", None)], -2017, "customerAuthenticator");
    }
}

#[test]
fn error_format_is_html_or_json() {
    for s in ALL {
        ok(s, &[("errorFormat", Some("html"))]);
        ok(s, &[("errorFormat", Some("json"))]);
        refused(s, &[("errorFormat", Some("xml"))], -3004, "errorFormat");
        refused(s, &[("errorFormat", Some("HTML"))], -3004, "errorFormat");
    }
}

#[test]
fn general_flags_per_service() {
    for s in [Service::FairPlay, Service::Widevine] {
        ok(s, &[("generalFlags", Some("0000"))]);
        refused(s, &[("generalFlags", Some("0001"))], -5003, "generalFlags");
        refused(s, &[("generalFlags", Some("00000000"))], -5003, "generalFlags");
    }
    let pr = Service::PlayReady;
    ok(pr, &[("generalFlags", Some("00000000"))]);
    ok(pr, &[("generalFlags", Some("00000001"))]);
    ok(pr, &[("generalFlags", Some("ABCDEF01"))]);
    refused(pr, &[("generalFlags", Some("0000"))], -5003, "generalFlags");
    refused(pr, &[("generalFlags", Some("0000000"))], -5003, "generalFlags");
    refused(pr, &[("generalFlags", Some("000000001"))], -5003, "generalFlags");
    refused(pr, &[("generalFlags", Some("0000000g"))], -5003, "generalFlags");
    // A rental must be persistent: exactly 00000001, and given.
    let rental = |flags: Option<&'static str>| {
        vec![
            ("rightsType", Some("Rental")),
            ("rental.periodEndTime", Some("+3600")),
            ("generalFlags", flags),
        ]
    };
    ok(pr, &rental(Some("00000001")));
    refused(pr, &rental(Some("00000000")), -5003, "generalFlags");
    refused(pr, &rental(Some("00000011")), -5003, "generalFlags");
    refused(pr, &rental(None), -5003, "generalFlags");
    // A malformed value is refused for its form first, for a rental too.
    refused(pr, &rental(Some("0000001")), -5003, "generalFlags");
}

#[test]
fn kek_is_32_48_or_64_hex_digits() {
    let k = |n: usize| "a".repeat(n);
    for s in ALL {
        // With kid, kek needs no ek and no contentKey (FairPlay: kid satisfies "kid or ek").
        for n in [32, 48, 64] {
            ok(s, &[("kid", Some(KID)), ("contentKey", None), ("kek", Some(&k(n)))]);
            ok(
                s,
                &[
                    ("kid", Some(KID)),
                    ("contentKey", None),
                    ("kek", Some(&k(n).to_uppercase())),
                ],
            );
        }
        for n in [0, 30, 31, 33, 40, 47, 49, 63, 65, 96] {
            refused(s, &[("kid", Some(KID)), ("kek", Some(&k(n)))], -4024, "kek");
        }
        refused(s, &[("kid", Some(KID)), ("kek", Some(&"g".repeat(32)))], -4024, "kek");
    }
}

#[test]
fn fairplay_kek_needs_kid_or_ek() {
    let fp = Service::FairPlay;
    // A kek without ek and without kid is refused at kek (-4024), before contentKey is looked
    // at: with or without a contentKey.
    refused(fp, &[("kek", Some(KEK))], -4024, "kek");
    refused(fp, &[("kek", Some(KEK)), ("contentKey", None)], -4024, "kek");
    ok(fp, &[("kek", Some(KEK)), ("kid", Some(KID))]);
    ok(fp, &[("kek", Some(KEK)), ("kid", Some(KID)), ("contentKey", None)]);
    // The other services require kid anyway; kek with kid needs no ek there either.
    for s in [Service::PlayReady, Service::Widevine] {
        ok(s, &[("kek", Some(KEK)), ("contentKey", None)]);
    }
}

#[test]
fn kid_is_32_hex_digits_or_a_caret_and_1_to_64_characters() {
    for s in ALL {
        ok(s, &[("kid", Some(KID))]);
        ok(s, &[("kid", Some(&KID.to_uppercase()))]);
        refused(s, &[("kid", Some(&KID[..31]))], -4020, "kid");
        refused(s, &[("kid", Some(&format!("{KID}0")))], -4020, "kid");
        refused(s, &[("kid", Some(&"g".repeat(32)))], -4020, "kid");
        ok(s, &[("kid", Some("^a"))]);
        ok(s, &[("kid", Some(&format!("^{}", "n".repeat(64))))]);
        ok(s, &[("kid", Some(&format!("^{}", "é".repeat(64))))]);
        refused(s, &[("kid", Some("^"))], -4021, "kid");
        refused(s, &[("kid", Some(&format!("^{}", "n".repeat(65))))], -4021, "kid");
        refused(s, &[("kid", Some(&format!("^{}", "é".repeat(65))))], -4021, "kid");
    }
    // Required by PlayReady and Widevine, optional for FairPlay.
    ok(Service::FairPlay, &[("kid", None)]);
    refused(Service::PlayReady, &[("kid", None)], -4018, "kid");
    refused(Service::Widevine, &[("kid", None)], -4018, "kid");
}

/// The RFC 3394 wrap of [`KEY`] under `kek`, as hex.
fn ek_under(kek: &str) -> String {
    let mut out = [0u8; 64];
    drmtoken_core::keywrap::wrap_hex(kek, KEY, &mut out).unwrap().to_owned()
}

#[test]
fn ek_needs_kek_unwraps_under_it_and_replaces_content_key() {
    let ek = ek_under(KEK);
    assert_eq!(ek.len(), 48);
    let fp = Service::FairPlay;
    // kek + ek stands in for contentKey (FairPlay: without kid).
    ok(fp, &[("kek", Some(KEK)), ("ek", Some(&ek)), ("contentKey", None)]);
    ok(
        fp,
        &[
            ("kek", Some(KEK)),
            ("ek", Some(&ek.to_uppercase())),
            ("contentKey", None),
        ],
    );
    refused(
        fp,
        &[("kek", Some(KEK)), ("ek", Some(&ek)), ("kid", Some(KID))],
        -4024,
        "ek",
    );
    for s in [Service::PlayReady, Service::Widevine] {
        // kid is required there; kek + ek + kid is fine.
        ok(s, &[("kek", Some(KEK)), ("ek", Some(&ek)), ("contentKey", None)]);
    }
    for s in ALL {
        let kid = if s == fp { None } else { Some(KID) };
        refused(s, &[("ek", Some(&ek)), ("kid", kid)], -4024, "ek");
        let with = |ek: &str| -> Vec<(&'static str, Option<String>)> {
            vec![
                ("kek", Some(KEK.to_owned())),
                ("ek", Some(ek.to_owned())),
                ("contentKey", None),
                ("kid", kid.map(str::to_owned)),
            ]
        };
        let run = |changes: Vec<(&'static str, Option<String>)>| {
            let c: Vec<(&'static str, Option<&str>)> = changes.iter().map(|(n, v)| (*n, v.as_deref())).collect();
            check(s, &c)
        };
        for bad in [
            &ek[..46],
            &format!("{ek}00"),
            &ek_under("0f0e0d0c0b0a09080706050403020100"),
        ] {
            let e = run(with(bad)).unwrap_err();
            assert_eq!((e.code(), e.parameter()), (-4024, Some("ek")), "{s:?} {bad}");
        }
        // A flipped bit fails the integrity check.
        let mut flipped = ek.clone().into_bytes();
        flipped[0] = if flipped[0] == b'0' { b'1' } else { b'0' };
        let e = run(with(core::str::from_utf8(&flipped).unwrap())).unwrap_err();
        assert_eq!((e.code(), e.parameter()), (-4024, Some("ek")));
    }
}

#[test]
fn content_key_is_32_hex_digits_and_required_unless_kek_and_ek_or_kid() {
    for s in ALL {
        ok(s, &[("contentKey", Some(&KEY.to_uppercase()))]);
        refused(s, &[("contentKey", Some(&KEY[..31]))], -2027, "contentKey");
        refused(s, &[("contentKey", Some(&format!("{KEY}0")))], -2027, "contentKey");
        refused(s, &[("contentKey", Some(&"g".repeat(32)))], -2027, "contentKey");
    }
    let fp = Service::FairPlay;
    refused(fp, &[("contentKey", None)], -2005, "contentKey");
    ok(fp, &[("contentKey", None), ("kid", Some(KID))]);
    // PlayReady: "Only one of kek or contentKey can be specified"; the others take both.
    refused(Service::PlayReady, &[("kek", Some(KEK))], -5007, "contentKey");
    ok(fp, &[("kek", Some(KEK)), ("kid", Some(KID))]);
    ok(Service::Widevine, &[("kek", Some(KEK))]);
}

#[test]
fn fairplay_iv_and_rental_duration() {
    let fp = Service::FairPlay;
    refused(fp, &[("iv", None)], -6003, "iv");
    refused(fp, &[("iv", Some(&KEY[..31]))], -6003, "iv");
    refused(fp, &[("iv", Some(&format!("{KEY}0")))], -6003, "iv");
    ok(fp, &[("iv", Some(&KEY.to_uppercase()))]);
    ok(fp, &[("rentalDuration", Some("0"))]);
    ok(fp, &[("rentalDuration", Some("86400"))]);
    for bad in ["-1", "1.5", "", "+5", "x"] {
        refused(fp, &[("rentalDuration", Some(bad))], -6007, "rentalDuration");
    }
}

/// Validates `service`'s base request plus the repeated values of `name`.
fn with_repeated(service: Service, name: &'static str, values: &[&str]) -> Result<Warnings, Error> {
    let mut pairs = base(service);
    pairs.extend(values.iter().map(|v| (name, (*v).to_owned())));
    validate_pairs(service, &pairs, Some(NOW))
}

#[test]
fn short_extensions_are_a_4_character_type_a_comma_and_base64() {
    for (s, name, code) in [
        (Service::FairPlay, "fpExtension", -6001),
        (Service::Widevine, "wvExtension", -7009),
    ] {
        for good in [&["wudo,AAAAAA=="][..], &["wudo,YWJj", "abcd,YWJjZA=="]] {
            assert!(with_repeated(s, name, good).unwrap().is_empty(), "{good:?}");
        }
        for bad in [
            &["wudo"][..],
            &["wudoAAAAAA=="],
            &["wud,AAAAAA=="],
            &["wudoo,AAAAAA=="],
            &["wu o,AAAAAA=="],
            &["éé,AAAAAA=="],
            &["wudo,AAAAAA="],
            &["wudo,"],
            &["wudo,AAAAAA==", "wudo"],
        ] {
            let e = with_repeated(s, name, bad).unwrap_err();
            assert_eq!((e.code(), e.parameter()), (code, Some(name)), "{bad:?}");
        }
    }
}

#[test]
fn playready_rights_type_and_rental_fields() {
    let pr = Service::PlayReady;
    refused(pr, &[("rightsType", None)], -2020, "rightsType");
    refused(pr, &[("rightsType", Some("Buy"))], -2021, "rightsType");
    refused(pr, &[("rightsType", Some("rental"))], -2021, "rightsType");
    let rental = [("rightsType", Some("Rental")), ("generalFlags", Some("00000001"))];
    refused(pr, &rental, -2022, "rental.periodEndTime");
    let with = |extra: &[(&'static str, Option<&'static str>)]| {
        let mut c = rental.to_vec();
        c.extend_from_slice(extra);
        c
    };
    ok(pr, &with(&[("rental.periodEndTime", Some("+3600"))]));
    ok(pr, &with(&[("rental.periodEndTime", Some("2026-01-02T00:00:00Z"))]));
    ok(
        pr,
        &with(&[
            ("rental.periodEndTime", Some("+3600")),
            ("rental.playDuration", Some("0")),
        ]),
    );
    refused(
        pr,
        &with(&[("rental.periodEndTime", Some("tomorrow"))]),
        -2022,
        "rental.periodEndTime",
    );
    refused(
        pr,
        &with(&[
            ("rental.periodEndTime", Some("+3600")),
            ("rental.playDuration", Some("-5")),
        ]),
        -2025,
        "rental.playDuration",
    );
    // With BuyToOwn, the rental fields are checked for form and reported as warnings.
    refused(
        pr,
        &[("rental.periodEndTime", Some("tomorrow"))],
        -2022,
        "rental.periodEndTime",
    );
    refused(
        pr,
        &[("rental.playDuration", Some("1.5"))],
        -2025,
        "rental.playDuration",
    );
    let warnings = |changes: &[(&'static str, Option<&str>)]| -> Vec<Warning> {
        check(pr, changes).unwrap().into_iter().collect()
    };
    let ignored = |parameter| Warning::IgnoredUnlessRental { parameter };
    assert_eq!(
        warnings(&[("rental.periodEndTime", Some("+3600"))]),
        [ignored("rental.periodEndTime")]
    );
    assert_eq!(
        warnings(&[("rental.playDuration", Some("60"))]),
        [ignored("rental.playDuration")]
    );
    assert_eq!(
        warnings(&[
            ("rental.periodEndTime", Some("+3600")),
            ("rental.playDuration", Some("60"))
        ]),
        [ignored("rental.periodEndTime"), ignored("rental.playDuration")]
    );
}

#[test]
fn playready_output_protection_levels_are_required_and_0_to_999() {
    let pr = Service::PlayReady;
    for opl in OPLS {
        refused(pr, &[(opl, None)], -5006, opl);
        ok(pr, &[(opl, Some("999"))]);
        for bad in ["1000", "-1", "", "1.0", "x"] {
            refused(pr, &[(opl, Some(bad))], -2034, opl);
        }
    }
}

#[test]
fn playready_unknown_output_behavior_and_output_control_flags() {
    let pr = Service::PlayReady;
    for good in ["Allow", "Disallow", "SDOnly"] {
        ok(pr, &[("unknownOutputBehavior", Some(good))]);
    }
    for bad in ["allow", "", "SD"] {
        refused(
            pr,
            &[("unknownOutputBehavior", Some(bad))],
            -5001,
            "unknownOutputBehavior",
        );
    }
    ok(pr, &[("outputControlFlags", Some("0000000A"))]);
    for bad in ["0000000", "000000000", "0000000g", ""] {
        refused(pr, &[("outputControlFlags", Some(bad))], -2040, "outputControlFlags");
    }
}

#[test]
fn playready_extensions_pair_type_and_payload() {
    let pr = Service::PlayReady;
    let run = |types: &[&str], payloads: &[&str]| {
        let mut pairs = base(pr);
        pairs.extend(types.iter().map(|t| ("extensionType", (*t).to_owned())));
        pairs.extend(payloads.iter().map(|p| ("extensionPayload", (*p).to_owned())));
        validate_pairs(pr, &pairs, Some(NOW))
    };
    let code = |types: &[&str], payloads: &[&str]| {
        let e = run(types, payloads).unwrap_err();
        (e.code(), e.parameter().unwrap_or_default())
    };
    assert!(run(&["wudo"], &["AAAAAA=="]).unwrap().is_empty());
    assert!(run(&["wudo", "abcd"], &["AAAAAA==", "YWJj"]).unwrap().is_empty());
    assert_eq!(code(&["wud"], &["AAAAAA=="]), (-2036, "extensionType"));
    assert_eq!(code(&["wudoo"], &["AAAAAA=="]), (-2036, "extensionType"));
    assert_eq!(code(&["wu o"], &["AAAAAA=="]), (-2036, "extensionType"));
    assert_eq!(code(&["wudo"], &[]), (-2035, "extensionPayload"));
    assert_eq!(code(&["wudo"], &[""]), (-2035, "extensionPayload"));
    assert_eq!(code(&[], &["AAAAAA=="]), (-2035, "extensionType"));
    assert_eq!(code(&["wudo", "abcd"], &["AAAAAA=="]), (-2035, "extensionPayload"));
    assert_eq!(code(&["wudo"], &["AAAAAA="]), (-2037, "extensionPayload"));
    assert_eq!(
        code(&["wudo", "abcd"], &["AAAAAA==", "!!!!"]),
        (-2037, "extensionPayload")
    );
}

#[test]
fn widevine_security_level_hdcp_and_license_duration() {
    let wv = Service::Widevine;
    refused(wv, &[("securityLevel", None)], -7003, "securityLevel");
    for good in ["1", "5"] {
        ok(wv, &[("securityLevel", Some(good))]);
    }
    for bad in ["0", "6", "", "x"] {
        refused(wv, &[("securityLevel", Some(bad))], -7004, "securityLevel");
    }
    refused(wv, &[("hdcpOutputControl", None)], -7006, "hdcpOutputControl");
    for good in ["0", "2"] {
        ok(wv, &[("hdcpOutputControl", Some(good))]);
    }
    for bad in ["3", "-1", ""] {
        refused(wv, &[("hdcpOutputControl", Some(bad))], -2034, "hdcpOutputControl");
    }
    ok(wv, &[("licenseDuration", Some("0"))]);
    for bad in ["-1", "1.5", ""] {
        refused(wv, &[("licenseDuration", Some(bad))], -7007, "licenseDuration");
    }
}

#[test]
fn long_base64_payloads_are_checked_in_chunks() {
    // Longer than one 256-character chunk: the decoding buffer must hold a whole chunk, and
    // padding is allowed only in the last one.
    let long = format!("wudo,{}", "QUJD".repeat(100));
    assert!(with_repeated(Service::Widevine, "wvExtension", &[&long]).is_ok());
    let padded = format!("wudo,{}", "QUJD".repeat(64 + 10).replacen("QUJD", "QQ==", 1));
    assert_eq!(
        with_repeated(Service::Widevine, "wvExtension", &[&padded])
            .unwrap_err()
            .code(),
        -7009
    );
    let padded_last = format!("wudo,{}QQ==", "QUJD".repeat(70));
    assert!(with_repeated(Service::Widevine, "wvExtension", &[&padded_last]).is_ok());
}
