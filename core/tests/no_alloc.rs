//! A counting global allocator proves that validate, encode, parse and unwrap never touch the
//! heap. Only the test's own thread is counted: libtest's main thread may allocate while the
//! test runs (seen under load: 4 allocations failed an unmutated mutation-testing baseline), and
//! the core starts no threads, so every allocation it makes is on the caller's.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use drmtoken_core::adobe_pass;
use drmtoken_core::expressplay::{parse_response, ResponseError, TokenResponse};
use drmtoken_core::expressplay::{parse_url, Environment, FairPlayTokenRequest, PlayReadyTokenRequest};
use drmtoken_core::keywrap;
use drmtoken_core::opentv::{self, ContentTokenRequest};
use drmtoken_core::Service;

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Whether this thread's allocations are counted (const-initialised: reading it allocates
    /// nothing, so the allocator may).
    static COUNTED: Cell<bool> = const { Cell::new(false) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTED.try_with(Cell::get).unwrap_or(false) {
            ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        }
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn no_heap_allocation_in_any_entry_point() {
    let mut url_buf = [0u8; 1024];
    let mut body_buf = [0u8; 1024];
    let mut scratch = [0u8; 1024];
    let mut key = [0u8; 64];
    COUNTED.with(|c| c.set(true));
    let before = ALLOCATIONS.load(Ordering::SeqCst);

    let mut pr = PlayReadyTokenRequest::new(Environment::Production, "201722,1ad8eed133edf43cbcc185f0236828ae")
        .with_all_opls("0");
    pr.kid = Some("^content name with spaces");
    pr.content_key = Some("b366360da82e9c6e0b0984002a362cf2");
    pr.rights_type = Some("BuyToOwn");
    pr.expiration_time = Some("2026-01-15T00:00:00Z");
    assert!(pr.validate(Some(1_767_225_600)).is_ok());
    let url = pr.write_url(&mut url_buf).unwrap();
    let _ = pr.write_form_body(&mut body_buf).unwrap();
    let parsed = parse_url(url, &mut scratch).unwrap();
    assert!(parsed.request.validate(None).is_ok());

    let mut fp = FairPlayTokenRequest::new(Environment::Test, "auth");
    fp.kek = Some("000102030405060708090a0b0c0d0e0f");
    fp.ek = Some("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5");
    fp.iv = Some("0123456789abcdef0123456789abcdef");
    assert!(fp.validate(None).is_ok());
    let unwrapped = keywrap::unwrap_hex(
        "000102030405060708090a0b0c0d0e0f",
        "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5",
        &mut key,
    )
    .unwrap();
    assert_eq!(unwrapped.len(), 32);

    // Responses and what the player does next.
    let mut out = [0u8; 512];
    let mut s2 = [0u8; 64];
    let mut s3 = [0u8; 64];
    let fp_body = b"# token\r\nhttps://fp.service.expressplay.com:80/hms/fp/rights/?ExpressPlayToken=AAAA-_==\r\n";
    let Ok(TokenResponse::FairPlay(t)) = parse_response(Service::FairPlay, 200, "text/uri-list", fp_body, &mut [])
    else {
        panic!("fairplay response")
    };
    assert!(t.write_skd_uri(&mut out).unwrap().starts_with("skd://"));
    let pr_body = br#"{"token":"abc","licenseAcquisitionUrl":"https:\/\/lic.example\/x"}"#;
    let Ok(TokenResponse::PlayReady(t)) = parse_response(
        Service::PlayReady,
        200,
        "application/json; charset=utf-8",
        pr_body,
        &mut s2,
    ) else {
        panic!("playready response")
    };
    assert_eq!(
        t.write_license_url(&mut out).unwrap(),
        "https://lic.example/x?ExpressPlayToken=abc"
    );
    let err_body = br#"{"error": {"code": -2027, "message": "bad \"key\""}}"#;
    let Err(ResponseError::Service(e)) = parse_response(Service::Widevine, 400, "application/json", err_body, &mut s3)
    else {
        panic!("error response")
    };
    assert_eq!((e.code, e.message), (Some(-2027), Some("bad \"key\"")));
    let html = b"<pre>-6003 Invalid IV</pre>";
    assert!(parse_response(Service::FairPlay, 400, "text/html", html, &mut []).is_err());

    // OpenTV IAS: request, the seed's whole response, a JWT payload.
    let ias = ContentTokenRequest {
        host: "[2001:db8::1]",
        port: 8443,
        content_id: "content 7",
        bearer_token: "eyJ.abc.def",
        tenant_id: "nagra",
    };
    assert!(ias.write_url(&mut out).is_ok());
    let mut auth = [0u8; 64];
    assert_eq!(ias.headers()[0].write_value(&mut auth).unwrap(), "Bearer eyJ.abc.def");
    let seed = include_bytes!("../../tests/vectors/fixtures/opentv_seed.json");
    let mut s4 = [0u8; 64];
    let parsed = opentv::parse_response(200, "application/json", seed, &mut s4).unwrap();
    assert_eq!(parsed.expires_in, Some(3_887_999));
    let mut payload = [0u8; 64];
    assert_eq!(
        opentv::jwt::write_payload("eyJhbGciOiJub25lIn0.eyJqdGkiOiJhIn0.", &mut payload).unwrap(),
        r#"{"jti":"a"}"#
    );

    // Adobe Pass: device info, request, JSON and XML responses (XML with entities and CDATA).
    let mut info = [0u8; 64];
    let device_info = adobe_pass::encode_device_info(br#"{"model":"X1"}"#, &mut info).unwrap();
    let adobe = adobe_pass::AuthorizationRequest {
        sp_fqdn: "api.auth.adobe.com",
        requestor: "r",
        device_id: "d",
        resource: "<rss version=\"2.0\"/>",
        device_info,
        device_user: Some("u"),
        access_token: Some("tok"),
        ..Default::default()
    };
    assert_eq!(adobe.validate().unwrap().len(), 1);
    assert!(adobe.write_url(&mut out).is_ok());
    assert_eq!(adobe.headers().len(), 3);
    let mut s5 = [0u8; 64];
    let xml = b"<authorization><mvpd>AT&amp;T</mvpd><resource><![CDATA[<rss/>]]></resource><requestor>r</requestor><expires>1</expires></authorization>";
    assert_eq!(
        adobe_pass::parse_response(200, "application/xml", xml, &mut s5)
            .unwrap()
            .mvpd,
        "AT&T"
    );
    let json = br#"{"mvpd":"m","resource":"r","requestor":"q","expires":"1348148289000"}"#;
    assert_eq!(
        adobe_pass::parse_response(200, "application/json", json, &mut [])
            .unwrap()
            .expires,
        1_348_148_289_000
    );
    let gone = b"<error><status>410</status><message>Gone</message></error>";
    assert!(adobe_pass::parse_response(410, "application/xml", gone, &mut []).is_err());

    let after = ALLOCATIONS.load(Ordering::SeqCst);
    COUNTED.with(|c| c.set(false));
    assert_eq!(after - before, 0, "heap allocations in drmtoken-core entry points");
}
