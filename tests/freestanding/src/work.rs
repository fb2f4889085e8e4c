//! The real work, one function per service, each compared with the bytes it must produce.
//! Buffers live on the stack; nothing here allocates (there is no allocator to call).

use core::sync::atomic::{AtomicUsize, Ordering};

use crate::rt::{first_dirty, paint, stack_pointer, write_all, write_u64};

/// How much stack is painted below the caller's frame before each check.
const PAINT: usize = 64 * 1024;
const PATTERN: u8 = 0xCD;

/// The deepest stack any check used.
pub static PEAK_STACK: AtomicUsize = AtomicUsize::new(0);

/// Runs one check with the stack below painted, and prints the stack it used (stack painting:
/// the bytes no longer holding the pattern were written by the call).
fn check(name: &[u8], f: fn() -> bool) -> u32 {
    let top = stack_pointer();
    let bottom = top - PAINT;
    paint(bottom, PAINT - 512, PATTERN);
    let ok = f();
    let used = top - first_dirty(bottom, PAINT - 512, PATTERN);
    PEAK_STACK.fetch_max(used, Ordering::Relaxed);
    write_all(b"stack ");
    write_all(name);
    write_all(b" ");
    write_u64(used as u64);
    write_all(b"\n");
    if ok {
        return 0;
    }
    write_all(b"FAIL ");
    write_all(name);
    write_all(b"\n");
    1
}

/// Runs every check of the services built in; returns how many failed. Under `prove-no-panic`
/// only the entry points proven panic-free run (see check.sh and docs/embedded.md for the rest).
#[inline(never)]
pub fn run_all() -> u32 {
    let mut failures = 0;
    #[cfg(feature = "expressplay")]
    {
        failures += check(b"playready encode", expressplay::encode_only);
    }
    #[cfg(all(feature = "expressplay", not(feature = "prove-no-panic")))]
    {
        failures += check(b"playready url", expressplay::playready);
        failures += check(b"fairplay url", expressplay::fairplay);
        failures += check(b"widevine url", expressplay::widevine);
        failures += check(b"playready response", expressplay::response);
    }
    #[cfg(all(feature = "keywrap", not(feature = "prove-no-panic")))]
    {
        failures += check(b"rfc 3394 unwrap", keywrap::unwrap);
    }
    #[cfg(all(feature = "opentv", not(feature = "prove-no-panic")))]
    {
        failures += check(b"ias response", opentv::response);
    }
    #[cfg(all(feature = "adobe-pass", not(feature = "prove-no-panic")))]
    {
        failures += check(b"adobe pass xml response", adobe::response);
    }
    failures
}

#[cfg(feature = "expressplay")]
mod expressplay {
    #[cfg(not(feature = "prove-no-panic"))]
    use drmtoken_core::expressplay::{parse_response, FairPlayTokenRequest, Service, TokenResponse, WidevineTokenRequest};
    use drmtoken_core::expressplay::{Environment, PlayReadyTokenRequest};

    const AUTH: &str = "201722,1ad8eed133edf43cbcc185f0236828ae";

    /// Encoding alone (a request the firmware knows to be valid): URL, form body, endpoint.
    #[inline(never)]
    pub fn encode_only() -> bool {
        let mut r = PlayReadyTokenRequest::new(Environment::Test, AUTH).with_all_opls("0");
        r.kid = Some(KEY);
        r.content_key = Some(KEY);
        r.rights_type = Some("BuyToOwn");
        let mut out = [0u8; 512];
        let mut body = [0u8; 512];
        let url_ok = r.write_url(&mut out).ok().map(str::len) == Some(r.url_len());
        let body_ok = r.write_form_body(&mut body).ok()
            == Some(
                "customerAuthenticator=201722%2C1ad8eed133edf43cbcc185f0236828ae&kid=b366360da82e9c6e0b0984002a362cf2\
                 &contentKey=b366360da82e9c6e0b0984002a362cf2&rightsType=BuyToOwn&analogVideoOPL=0\
                 &compressedDigitalAudioOPL=0&compressedDigitalVideoOPL=0&uncompressedDigitalAudioOPL=0\
                 &uncompressedDigitalVideoOPL=0",
            );
        url_ok && body_ok
    }
    const KEY: &str = "b366360da82e9c6e0b0984002a362cf2";

    #[cfg(not(feature = "prove-no-panic"))]
    #[inline(never)]
    pub fn playready() -> bool {
        let mut r = PlayReadyTokenRequest::new(Environment::Test, AUTH).with_all_opls("0");
        r.kid = Some(KEY);
        r.content_key = Some(KEY);
        r.rights_type = Some("BuyToOwn");
        r.expiration_time = Some("+3600");
        let mut out = [0u8; 512];
        r.validate(None).is_ok()
            && r.write_url(&mut out).ok()
                == Some(
                    "https://pr-gen.test.expressplay.com/hms/pr/token?customerAuthenticator=201722%2C1ad8eed133edf43cbcc185f0236828ae\
                     &kid=b366360da82e9c6e0b0984002a362cf2&contentKey=b366360da82e9c6e0b0984002a362cf2&rightsType=BuyToOwn\
                     &analogVideoOPL=0&compressedDigitalAudioOPL=0&compressedDigitalVideoOPL=0&uncompressedDigitalAudioOPL=0\
                     &uncompressedDigitalVideoOPL=0&expirationTime=%2B3600",
                )
    }

    #[cfg(not(feature = "prove-no-panic"))]
    #[inline(never)]
    pub fn fairplay() -> bool {
        let mut r = FairPlayTokenRequest::new(Environment::Test, AUTH);
        r.content_key = Some(KEY);
        r.iv = Some("0123456789abcdef0123456789abcdef");
        r.rental_duration = Some("86400");
        r.general_flags = Some("0000");
        let mut out = [0u8; 512];
        r.validate(Some(1_767_225_600)).is_ok()
            && r.write_url(&mut out).ok()
                == Some(
                    "https://fp-gen.test.expressplay.com/hms/fp/token?customerAuthenticator=201722%2C1ad8eed133edf43cbcc185f0236828ae\
                     &generalFlags=0000&contentKey=b366360da82e9c6e0b0984002a362cf2&iv=0123456789abcdef0123456789abcdef\
                     &rentalDuration=86400",
                )
    }

    #[cfg(not(feature = "prove-no-panic"))]
    #[inline(never)]
    pub fn widevine() -> bool {
        let mut r = WidevineTokenRequest::new(Environment::Test, AUTH);
        r.kid = Some(KEY);
        r.content_key = Some(KEY);
        r.security_level = Some("1");
        r.hdcp_output_control = Some("0");
        let mut out = [0u8; 512];
        r.validate(None).is_ok()
            && r.write_url(&mut out).ok()
                == Some(
                    "https://wv-gen.test.expressplay.com/hms/wv/token?customerAuthenticator=201722%2C1ad8eed133edf43cbcc185f0236828ae\
                     &kid=b366360da82e9c6e0b0984002a362cf2&contentKey=b366360da82e9c6e0b0984002a362cf2&securityLevel=1\
                     &hdcpOutputControl=0",
                )
    }

    #[cfg(not(feature = "prove-no-panic"))]
    #[inline(never)]
    pub fn response() -> bool {
        let body = br#"{"token":"AAAA-_==","licenseAcquisitionUrl":"https:\/\/lic.example\/x"}"#;
        let mut scratch = [0u8; 64];
        let mut out = [0u8; 128];
        match parse_response(Service::PlayReady, 200, "application/json", body, &mut scratch) {
            Ok(TokenResponse::PlayReady(t)) => {
                t.write_license_url(&mut out).ok() == Some("https://lic.example/x?ExpressPlayToken=AAAA-_==")
            }
            _ => false,
        }
    }
}

#[cfg(all(feature = "keywrap", not(feature = "prove-no-panic")))]
mod keywrap {
    #[inline(never)]
    pub fn unwrap() -> bool {
        let kek = [0u8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
        let wrapped = [
            0x1f, 0xa6, 0x8b, 0x0a, 0x81, 0x12, 0xb4, 0x47, 0xae, 0xf3, 0x4b, 0xd8, 0xfb, 0x5a, 0x7b, 0x82, 0x9d, 0x3e,
            0x86, 0x23, 0x71, 0xd2, 0xcf, 0xe5,
        ];
        let want = [0x00u8, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff];
        let mut out = [0u8; 16];
        drmtoken_core::keywrap::unwrap(&kek, &wrapped, &mut out).ok() == Some(&want[..])
    }
}

#[cfg(all(feature = "opentv", not(feature = "prove-no-panic")))]
mod opentv {
    use drmtoken_core::opentv::{parse_response, Token};

    #[inline(never)]
    pub fn response() -> bool {
        let body = include_bytes!("../../vectors/fixtures/opentv_seed.json");
        let mut scratch = [0u8; 64];
        let Ok(r) = parse_response(200, "application/json", body, &mut scratch) else { return false };
        let Token::Claims { claims, .. } = &r.content_token else { return false };
        let Some(Token::Claims { claims: access, .. }) = &r.access_token else { return false };
        r.expires_in == Some(3_887_999)
            && claims.content_rights.first().and_then(|c| c.content_id) == Some("content7")
            && claims.content_rights.first().and_then(|c| c.duration) == Some(86_400)
            && access.rating_thresholds.first() == Some(&("FSK", "fsk12"))
    }
}

#[cfg(all(feature = "adobe-pass", not(feature = "prove-no-panic")))]
mod adobe {
    #[inline(never)]
    pub fn response() -> bool {
        let body = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<authorization>
    <expires>1348148289000</expires>
    <mvpd>sample&amp;Mvpd</mvpd>
    <requestor>sampleRequestorId</requestor>
    <resource><![CDATA[<rss version="2.0"/>]]></resource>
    <proxyMvpd>sampleProxyMvpdId</proxyMvpd>
</authorization>"#;
        let mut scratch = [0u8; 64];
        match drmtoken_core::adobe_pass::parse_response(200, "application/xml", body, &mut scratch) {
            Ok(a) => a.expires == 1_348_148_289_000 && a.mvpd == "sample&Mvpd" && a.resource == "<rss version=\"2.0\"/>",
            Err(_) => false,
        }
    }
}
