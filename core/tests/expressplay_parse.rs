//! The reverse parse: URLs, queries and form bodies, raw or percent-encoded, unknown
//! parameters with suggestions, duplicates, capacities and scratch sizing.

use drmtoken_core::expressplay::{
    parse_query, parse_url, scratch_len, Environment, FairPlayTokenRequest, PlayReadyTokenRequest, TokenRequest,
    WidevineTokenRequest, MAX_EXTENSIONS,
};
use drmtoken_core::{ErrorKind, ExpressPlayCode, Service};

const NOW: Option<i64> = Some(1_767_225_600);

#[test]
fn the_fairplay_seed_sample_is_refused_for_its_missing_iv() {
    // The FairPlay seed's sample request, placeholders filled in: it copies PlayReady's
    // parameters (rightsType, OPLs) which FairPlay does not list, and it has no `iv`.
    let url = "https://fp-gen.test.expressplay.com/hms/fp/token?customerAuthenticator=201722,1ad8eed133edf43cbcc185f0236828ae\
&kid=b366360da82e9c6e0b0984002a362cf2&contentKey=b366360da82e9c6e0b0984002a362cf2&rightsType=BuyToOwn&analogVideoOPL=0\
&compressedDigitalAudioOPL=0&compressedDigitalVideoOPL=0&uncompressedDigitalAudioOPL=0&uncompressedDigitalVideoOPL=0";
    let mut scratch = [0u8; 512];
    let parsed = parse_url(url, &mut scratch).unwrap();
    assert_eq!(parsed.request.service(), Service::FairPlay);
    assert_eq!(parsed.request.environment(), Environment::Test);
    let unknown: Vec<&str> = parsed.unknown.iter().map(|u| u.name).collect();
    assert_eq!(unknown.len(), 6);
    assert_eq!(unknown[0], "rightsType");
    let err = parsed.request.validate(NOW).unwrap_err();
    assert_eq!(err.code(), -6003);
    assert_eq!(err.expressplay_code(), Some(ExpressPlayCode::InvalidIv));
    assert_eq!(err.parameter(), Some("iv"));
}

#[test]
fn the_playready_seed_sample_is_valid() {
    let url = "https://pr-gen.test.expressplay.com/hms/pr/token?customerAuthenticator=201722,1ad8eed133edf43cbcc185f0236828ae\
&kid=b366360da82e9c6e0b0984002a362cf2&contentKey=b366360da82e9c6e0b0984002a362cf2&rightsType=BuyToOwn&analogVideoOPL=0\
&compressedDigitalAudioOPL=0&compressedDigitalVideoOPL=0&uncompressedDigitalAudioOPL=0&uncompressedDigitalVideoOPL=0";
    let mut scratch = [0u8; 512];
    let parsed = parse_url(url, &mut scratch).unwrap();
    let TokenRequest::PlayReady(r) = &parsed.request else {
        panic!("service")
    };
    assert_eq!(
        r.customer_authenticator,
        Some("201722,1ad8eed133edf43cbcc185f0236828ae")
    );
    assert_eq!(r.rights_type, Some("BuyToOwn"));
    assert_eq!(r.uncompressed_digital_video_opl, Some("0"));
    assert!(parsed.request.validate(NOW).unwrap().is_empty());
}

#[test]
fn the_widevine_seed_sample_lacks_kid() {
    let url = "https://wv-gen.service.expressplay.com/hms/wv/token?customerAuthenticator=201722,1ad8";
    let mut scratch = [0u8; 64];
    let parsed = parse_url(url, &mut scratch).unwrap();
    assert_eq!(parsed.request.environment(), Environment::Production);
    assert_eq!(parsed.request.validate(NOW).unwrap_err().code(), -4018);
}

#[test]
fn raw_and_encoded_values_are_the_same() {
    let mut s1 = [0u8; 64];
    let mut s2 = [0u8; 64];
    let a = FairPlayTokenRequest::from_query(Environment::Test, "kid=%5Eabc&cookie=a+b%2Bc", &mut s1).unwrap();
    let b = FairPlayTokenRequest::from_query(Environment::Test, "?kid=^abc&cookie=a%20b%2bc", &mut s2).unwrap();
    assert_eq!(a.request.kid, Some("^abc"));
    assert_eq!(a.request.cookie, Some("a b+c"));
    assert_eq!(a.request, b.request);
    // Percent-encoded names are decoded too.
    let mut s3 = [0u8; 64];
    let c = FairPlayTokenRequest::from_query(Environment::Test, "%6Bid=%5Eabc", &mut s3).unwrap();
    assert_eq!(c.request.kid, Some("^abc"));
}

#[test]
fn unknown_parameters_come_with_suggestions() {
    let mut scratch = [0u8; 0];
    let p = PlayReadyTokenRequest::from_query(Environment::Test, "contentkey=00&rightType=Rental&zzz=1", &mut scratch)
        .unwrap();
    let got: Vec<(&str, Option<&str>)> = p.unknown.iter().map(|u| (u.name, u.suggestion)).collect();
    assert_eq!(
        got,
        [
            ("contentkey", Some("contentKey")),
            ("rightType", Some("rightsType")),
            ("zzz", None)
        ]
    );
    assert_eq!(p.request.content_key, None);
}

#[test]
fn many_unknown_parameters_are_counted_not_dropped_silently() {
    let q: String = (0..12).map(|i| format!("x{i}=1&")).collect();
    let p = WidevineTokenRequest::from_query(Environment::Test, &q, &mut []).unwrap();
    assert_eq!(p.unknown.len(), 8);
    assert_eq!(p.unknown_omitted, 4);
}

#[test]
fn repeated_single_parameters_are_errors() {
    let err = WidevineTokenRequest::from_query(Environment::Test, "kid=1&contentKey=2&kid=3", &mut []).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DuplicateParameter);
    assert_eq!(err.parameter(), Some("kid"));
    assert!(err.to_string().contains("more than once"));
}

#[test]
fn extensions_beyond_capacity_are_errors() {
    let q: String = (0..=MAX_EXTENSIONS).map(|_| "wvExtension=wudo,AAAAAA==&").collect();
    let err = WidevineTokenRequest::from_query(Environment::Test, &q, &mut []).unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::CapacityExceeded {
            capacity: MAX_EXTENSIONS
        }
    );
    assert_eq!(err.parameter(), Some("wvExtension"));
    let q: String = (0..MAX_EXTENSIONS)
        .map(|_| "extensionType=abcd&extensionPayload=AAAA&")
        .collect();
    let p = PlayReadyTokenRequest::from_query(Environment::Test, &q, &mut []).unwrap();
    assert_eq!(p.request.extension_types.len(), MAX_EXTENSIONS);
    assert!(p.request.extension_payloads.iter().all(|e| *e == "AAAA"));
}

#[test]
fn payload_without_type_is_minus_2035() {
    let q = "customerAuthenticator=a&kid=b366360da82e9c6e0b0984002a362cf2&rightsType=BuyToOwn&analogVideoOPL=0\
&compressedDigitalAudioOPL=0&compressedDigitalVideoOPL=0&uncompressedDigitalAudioOPL=0&uncompressedDigitalVideoOPL=0\
&extensionPayload=AAAA";
    let p = PlayReadyTokenRequest::from_query(Environment::Test, q, &mut []).unwrap();
    let err = p.request.validate(NOW).unwrap_err();
    assert_eq!((err.code(), err.parameter()), (-2035, Some("extensionType")));
}

#[test]
fn scratch_is_sized_exactly_and_a_short_one_is_refused() {
    let q = "kid=%5Eabc&cookie=a+b&unknown=%20%20";
    assert_eq!(scratch_len(Service::FairPlay, q), 4 + 3);
    let mut short = [0u8; 6];
    let err = FairPlayTokenRequest::from_query(Environment::Test, q, &mut short).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BufferTooSmall { required: 7 });
    let mut exact = [0u8; 7];
    assert!(FairPlayTokenRequest::from_query(Environment::Test, q, &mut exact).is_ok());
}

#[test]
fn bad_escapes_and_utf8_name_the_parameter() {
    let err = FairPlayTokenRequest::from_query(Environment::Test, "iv=%zz", &mut [0; 8]).unwrap_err();
    assert_eq!(
        (err.kind(), err.parameter()),
        (ErrorKind::InvalidPercentEncoding, Some("iv"))
    );
    let err = FairPlayTokenRequest::from_query(Environment::Test, "cookie=%FF%FE", &mut [0; 8]).unwrap_err();
    assert_eq!((err.kind(), err.parameter()), (ErrorKind::InvalidUtf8, Some("cookie")));
}

#[test]
fn urls_detect_service_environment_and_refuse_others() {
    let mut s = [0u8; 64];
    let mut s2 = [0u8; 64];
    let p = parse_url("HTTPS://WV-GEN.drm.example.com/hms/wv/token/?kid=1#frag", &mut s).unwrap();
    assert_eq!(p.request.service(), Service::Widevine);
    assert_eq!(p.request.environment(), Environment::Domain("drm.example.com"));
    let p = parse_url("https://proxy.example.com:8443/hms/pr/token", &mut s2).unwrap();
    assert_eq!(p.request.environment(), Environment::Host("proxy.example.com:8443"));
    for (url, kind) in [
        (
            "https://pr-gen.test.expressplay.com/hms/xx/token?kid=1",
            ErrorKind::UnknownService,
        ),
        ("ftp://pr-gen.test.expressplay.com/hms/pr/token", ErrorKind::InvalidUrl),
        (
            "https://user@pr-gen.test.expressplay.com/hms/pr/token",
            ErrorKind::InvalidUrl,
        ),
        ("https:///hms/pr/token", ErrorKind::InvalidUrl),
        ("https://bad host/hms/pr/token", ErrorKind::InvalidHost),
    ] {
        assert_eq!(parse_url(url, &mut [0u8; 64]).unwrap_err().kind(), kind, "{url}");
    }
}

#[test]
fn a_form_body_parses_for_a_known_service() {
    let body = "customerAuthenticator=a&kid=b366360da82e9c6e0b0984002a362cf2&securityLevel=5&hdcpOutputControl=2";
    let p = parse_query(Service::Widevine, Environment::Production, body, &mut []).unwrap();
    assert!(p.request.validate(None).is_ok());
    let mut out = vec![0u8; p.request.form_body_len()];
    assert_eq!(p.request.write_form_body(&mut out).unwrap(), body);
    let mut out = vec![0u8; p.request.endpoint_len()];
    assert_eq!(
        p.request.write_endpoint(&mut out).unwrap(),
        "https://wv-gen.service.expressplay.com/hms/wv/token"
    );
}

#[test]
fn custom_domains_are_checked_before_writing() {
    let r = WidevineTokenRequest::new(Environment::Domain("evil.com/x?"), "a");
    let err = r.write_url(&mut [0u8; 256]).unwrap_err();
    assert_eq!((err.kind(), err.parameter()), (ErrorKind::InvalidHost, Some("domain")));
    assert_eq!(r.validate(None).unwrap_err().kind(), ErrorKind::InvalidHost);
    let mut ok = WidevineTokenRequest::new(Environment::Domain("drm.example.com"), "a");
    ok.kid = Some("b366360da82e9c6e0b0984002a362cf2");
    ok.security_level = Some("1");
    ok.hdcp_output_control = Some("0");
    let mut out = [0u8; 256];
    assert_eq!(
        ok.write_url(&mut out).unwrap(),
        "https://wv-gen.drm.example.com/hms/wv/token?customerAuthenticator=a&kid=b366360da82e9c6e0b0984002a362cf2\
&securityLevel=1&hdcpOutputControl=0"
    );
}

#[test]
fn producing_calls_apply_no_rule() {
    // The same verb behaves the same for every service: writers check only what their output
    // needs to be well-formed (the host), never the service's rules (that is validate's job).
    let r = PlayReadyTokenRequest::new(Environment::Test, "a").with_all_opls("0");
    assert_eq!(r.validate(None).unwrap_err().code(), -4018);
    let mut out = [0u8; 512];
    assert!(r.write_url(&mut out).is_ok());
    assert!(r.write_form_body(&mut out).is_ok());
    assert!(r.write_endpoint(&mut out).is_ok());
}

#[test]
fn short_output_buffers_are_untouched() {
    let mut r = PlayReadyTokenRequest::new(Environment::Test, "201722,abc").with_all_opls("0");
    r.kid = Some("^a key");
    r.rights_type = Some("BuyToOwn");
    let need = r.url_len();
    let mut out = vec![0xEEu8; need - 1];
    let err = r.write_url(&mut out).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BufferTooSmall { required: need });
    assert!(out.iter().all(|b| *b == 0xEE));
    let mut s = heapless::String::<512>::new();
    r.write_url_to(&mut s).unwrap();
    assert_eq!(s.len(), need);
    let mut tiny = heapless::String::<8>::new();
    assert!(r.write_form_body_to(&mut tiny).is_err());
}

#[test]
fn every_locally_detectable_code_has_a_vector() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/expressplay_requests.json"
    ))
    .unwrap();
    let vectors: serde_json::Value = serde_json::from_str(&text).unwrap();
    let vectors = vectors.as_array().unwrap();
    for service in [Service::FairPlay, Service::PlayReady, Service::Widevine] {
        for code in ExpressPlayCode::ALL.iter().filter(|c| c.detectable_locally(service)) {
            assert!(
                vectors
                    .iter()
                    .any(|v| v["service"] == service.name() && v["error"]["code"] == code.code()),
                "no {} vector for {code:?}",
                service.name()
            );
        }
    }
    // And the converse: every refusal a vector expects is a code its service detects locally.
    for v in vectors.iter().filter(|v| v["error"]["code"].is_i64()) {
        let service = [Service::FairPlay, Service::PlayReady, Service::Widevine]
            .into_iter()
            .find(|s| v["service"] == s.name())
            .unwrap();
        let code = ExpressPlayCode::from_code(v["error"]["code"].as_i64().unwrap() as i32).unwrap();
        assert!(
            code.detectable_locally(service),
            "{} vector {} expects {code:?}",
            service.name(),
            v["name"]
        );
    }
    // Codes of parameters a service does not take are not that service's to detect.
    assert!(!ExpressPlayCode::MissingRightsType.detectable_locally(Service::FairPlay));
    assert!(!ExpressPlayCode::MissingOpl.detectable_locally(Service::Widevine));
    assert!(ExpressPlayCode::OutputControlOutOfRange.detectable_locally(Service::Widevine));
    assert!(!ExpressPlayCode::InvalidIpAddress.detectable_locally(Service::PlayReady));
    for code in ExpressPlayCode::ALL {
        assert_eq!(ExpressPlayCode::from_code(code.code()), Some(*code));
    }
    assert_eq!(ExpressPlayCode::ALL.len(), 54);
}

#[test]
fn set_refuses_unknown_names() {
    let mut r = FairPlayTokenRequest::default();
    assert_eq!(
        r.set("contentkey", "x").unwrap_err().kind(),
        ErrorKind::UnknownParameter
    );
    r.set("fpExtension", "wudo,AAAAAA==").unwrap();
    r.set("fpExtension", "abcd,AAAAAA==").unwrap();
    let mut names = vec![];
    r.for_each_parameter(|n, _| names.push(n));
    assert_eq!(names, ["fpExtension", "fpExtension"]);
}

#[test]
fn a_service_host_with_a_port_is_a_host_not_a_domain() {
    // `pr-gen.<domain>` maps back to `Domain`, which holds a domain name and no port: with a
    // port, the whole host is kept as `Host`.
    let mut s = [0u8; 64];
    let p = parse_url("https://pr-gen.drm.example.com:8443/hms/pr/token?kid=1", &mut s).unwrap();
    assert_eq!(
        p.request.environment(),
        Environment::Host("pr-gen.drm.example.com:8443")
    );
    let mut s2 = [0u8; 64];
    let p = parse_url("https://pr-gen.drm.example.com/hms/pr/token?kid=1", &mut s2).unwrap();
    assert_eq!(p.request.environment(), Environment::Domain("drm.example.com"));
}
