//! Adobe Pass at the edges mutation testing found untested: the request's method and `Debug`,
//! `device_info`'s base64 alphabet and padding, the portable URL length at its limit, what may
//! follow the host in `sp_fqdn`; the XML reader's fault offsets, what may stand outside the
//! root element, and text without markup read without scratch.

use drmtoken_core::adobe_pass::{
    parse_response, AuthorizationRequest, DeviceInfoPlacement, Format, ResponseError, Warning, MAX_PORTABLE_URL_LEN,
};
use drmtoken_core::ErrorKind;

fn request() -> AuthorizationRequest<'static> {
    AuthorizationRequest {
        sp_fqdn: "api.auth.adobe.com",
        requestor: "sampleRequestorId",
        device_id: "device-7",
        resource: "sampleResourceId",
        device_info: "eyJtb2RlbCI6IlgxIn0=",
        device_info_placement: DeviceInfoPlacement::Header,
        device_type: None,
        device_user: None,
        app_id: None,
        access_token: Some("SECRET-TOKEN"),
        format: Format::Json,
    }
}

/// The kind and parameter of the request's refusal.
fn refusal(r: &AuthorizationRequest<'_>) -> (ErrorKind, Option<&'static str>) {
    let e = r.validate().unwrap_err();
    (e.kind(), e.parameter())
}

#[test]
fn the_request_is_a_get_and_its_debug_hides_only_the_token() {
    let r = request();
    assert_eq!(r.method(), "GET");
    assert_eq!(
        format!("{r:?}"),
        "AuthorizationRequest { sp_fqdn: \"api.auth.adobe.com\", requestor: \"sampleRequestorId\", \
         device_id: \"device-7\", resource: \"sampleResourceId\", device_info: \"eyJtb2RlbCI6IlgxIn0=\", \
         device_info_placement: Header, device_type: None, device_user: None, app_id: None, \
         access_token: Some(\"<redacted>\"), format: Json }"
    );
}

/// `device_info` is base64 (RFC 4648 section 4): the whole alphabet, `+` and `/` included, and
/// at most two `=` of padding; the URL-safe alphabet and a third `=` are refused.
#[test]
fn device_info_is_standard_base64_with_at_most_two_pads() {
    for info in ["AAAA", "AA+/", "+/+/", "AAA=", "AA==", "eyJtb2RlbCI6IlgxIn0="] {
        let r = AuthorizationRequest {
            device_info: info,
            ..request()
        };
        assert!(r.validate().is_ok(), "{info}");
    }
    for info in ["A===", "AAAA===", "AAAAA===", "AA-_", "AA.A", "AA A"] {
        let r = AuthorizationRequest {
            device_info: info,
            ..request()
        };
        assert_eq!(refusal(&r), (ErrorKind::InvalidValue, Some("X-Device-Info")), "{info}");
    }
}

/// The URL draws `UrlTooLong` above 2 048 bytes, not at it.
#[test]
fn the_portable_url_length_is_a_limit_not_a_ceiling() {
    let short = request();
    let pad = MAX_PORTABLE_URL_LEN - short.url_len();
    let resource = format!("{}{}", short.resource, "r".repeat(pad));
    let at_limit = AuthorizationRequest {
        resource: &resource,
        ..request()
    };
    assert_eq!(at_limit.url_len(), MAX_PORTABLE_URL_LEN);
    assert!(at_limit.validate().unwrap().is_empty());
    let resource = format!("{resource}r");
    let over = AuthorizationRequest {
        resource: &resource,
        ..request()
    };
    assert_eq!(
        over.validate().unwrap().as_slice(),
        [Warning::UrlTooLong {
            len: MAX_PORTABLE_URL_LEN + 1
        }]
    );
}

/// A path after the host is allowed, but nothing that would end it early or break the request
/// line: a space, `?`, `#` or a control character is `InvalidUrl` naming `sp_fqdn`.
#[test]
fn sp_fqdn_takes_a_path_but_nothing_that_ends_it() {
    for fqdn in ["api.example.com/adobe", "https://api.example.com:8443/a/b/"] {
        let r = AuthorizationRequest {
            sp_fqdn: fqdn,
            ..request()
        };
        assert!(r.validate().is_ok(), "{fqdn}");
    }
    for fqdn in [
        "api.example.com/a b",
        "api.example.com/a?b",
        "api.example.com/a#b",
        "api.example.com/a\tb",
        "api.example.com/a\x7f",
    ] {
        let r = AuthorizationRequest {
            sp_fqdn: fqdn,
            ..request()
        };
        assert_eq!(refusal(&r), (ErrorKind::InvalidUrl, Some("sp_fqdn")), "{fqdn:?}");
    }
}

const FIELDS: &str = "<mvpd>m</mvpd><resource>r</resource><requestor>q</requestor><expires>1</expires>";

fn xml_fault(body: &str) -> (ErrorKind, Option<&'static str>) {
    match parse_response(200, "application/xml", body.as_bytes(), &mut [0u8; 256]) {
        Err(ResponseError::Invalid(e)) => (e.kind(), e.parameter()),
        other => panic!("{body}: {other:?}"),
    }
}

/// XML faults carry the offset of the token where they were found; nothing but whitespace,
/// comments and processing instructions may stand outside the one root element.
#[test]
fn xml_faults_are_placed_and_nothing_stands_outside_the_root() {
    let root = format!("<authorization>{FIELDS}</authorization>");
    // The root's end tag starts at 95: what follows it is refused there.
    assert_eq!(root.find("</authorization>"), Some(95));
    for (body, offset) in [
        (format!("{root}junk"), 95),
        (format!("{root}<![CDATA[x]]>"), 95),
        (format!("{root}<authorization/>"), 95),
        (format!("junk{root}"), 0),
        (format!("<![CDATA[x]]>{root}"), 0),
        ("<authorization><mvpd>m</requestor></authorization>".to_owned(), 22),
        (format!("<?xml version=\"1.0\"?><!DOCTYPE authorization>{root}"), 21),
    ] {
        assert_eq!(xml_fault(&body), (ErrorKind::InvalidXml { offset }, None), "{body}");
    }
    // An unknown entity is placed at its `&`, in the field it spoils.
    let body = format!("<authorization>{FIELDS}<mvpd>a&bogus;</mvpd></authorization>");
    assert_eq!(xml_fault(&body), (ErrorKind::InvalidXml { offset: 102 }, Some("mvpd")));
    for body in [
        format!("{root}\n  "),
        format!("<!-- c -->{root}<!-- d -->"),
        format!("<?xml version=\"1.0\"?>\n{root}\n"),
    ] {
        assert!(
            parse_response(200, "application/xml", body.as_bytes(), &mut []).is_ok(),
            "{body}"
        );
    }
}

/// Text without entities or CDATA is read in place: no scratch at all is needed for it.
#[test]
fn xml_text_without_markup_needs_no_scratch() {
    let body = format!("<authorization>{FIELDS}<proxyMvpd>p q</proxyMvpd></authorization>");
    let a = parse_response(200, "application/xml", body.as_bytes(), &mut []).unwrap();
    assert_eq!(
        (a.mvpd, a.resource, a.requestor, a.expires, a.proxy_mvpd),
        ("m", "r", "q", 1, Some("p q"))
    );
    // With an entity, the decoded text needs its bytes of scratch.
    let body = format!("<authorization>{FIELDS}<proxyMvpd>p &amp; q</proxyMvpd></authorization>");
    assert!(matches!(
        parse_response(200, "application/xml", body.as_bytes(), &mut []),
        Err(ResponseError::Invalid(e)) if matches!(e.kind(), ErrorKind::BufferTooSmall { .. })
    ));
    let mut scratch = [0u8; 5];
    let a = parse_response(200, "application/xml", body.as_bytes(), &mut scratch).unwrap();
    assert_eq!(a.proxy_mvpd, Some("p & q"));
}
