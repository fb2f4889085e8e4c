//! Secrets (`customerAuthenticator`, `contentKey`, `kek`, `ek`) never appear in `{:?}` output.

use drmtoken_core::expressplay::{Environment, FairPlayTokenRequest, PlayReadyTokenRequest, TokenRequest};
use drmtoken_core::WidevineTokenRequest;

const AUTH: &str = "201722,SECRETAUTH";
const KEY: &str = "5ec2e75ec2e75ec2e75ec2e75ec2e7aa";
const KEK: &str = "ba5eba5eba5eba5eba5eba5eba5eba5e";
const EK: &str = "0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e";

fn assert_redacted(debug: String) {
    for secret in [AUTH, "SECRETAUTH", KEY, KEK, EK] {
        assert!(!debug.contains(secret), "{secret} leaked in {debug}");
    }
    assert!(debug.contains("<redacted>"), "{debug}");
}

#[test]
fn debug_output_of_every_request_type_hides_secrets() {
    let mut fp = FairPlayTokenRequest::new(Environment::Test, AUTH);
    fp.content_key = Some(KEY);
    fp.kek = Some(KEK);
    fp.ek = Some(EK);
    let mut pr = PlayReadyTokenRequest::new(Environment::Test, AUTH);
    pr.content_key = Some(KEY);
    pr.kek = Some(KEK);
    pr.ek = Some(EK);
    let mut wv = WidevineTokenRequest::new(Environment::Test, AUTH);
    wv.content_key = Some(KEY);
    wv.kek = Some(KEK);
    wv.ek = Some(EK);
    assert_redacted(format!("{fp:?}"));
    assert_redacted(format!("{pr:?}"));
    assert_redacted(format!("{wv:?}"));
    assert_redacted(format!("{:?}", TokenRequest::Widevine(wv.clone())));
    assert_redacted(format!("{wv:#?}"));
    // Errors name the parameter, never the value.
    wv.content_key = Some("5ec2e75ec2e7");
    wv.kid = Some("00112233445566778899aabbccddeeff");
    // What an error's `Debug` does show: every part of the error (the detail as its message),
    // none of the request.
    let err = wv.validate(None).unwrap_err();
    assert_eq!(
        format!("{err:?}"),
        "Error { kind: ExpressPlay(InvalidEncryptedKeyOrKek), code: -4024, parameter: Some(\"ek\"), \
         message: \"Invalid encrypted key or kek: ek does not unwrap under kek (RFC 3394 integrity check)\" }"
    );
    (wv.kek, wv.ek) = (None, None);
    let err = wv.validate(None).unwrap_err();
    assert!(!format!("{err} {err:?}").contains("5ec2e7"));
    assert_eq!(
        format!("{err:?}"),
        "Error { kind: ExpressPlay(ContentKeyLength), code: -2027, parameter: Some(\"contentKey\"), \
         message: \"Content encryption key must be 32-hexadecimal digits long\" }"
    );
}

#[test]
fn header_debug_redacts_exactly_the_secret_values() {
    use drmtoken_core::http::Header;
    let bearer = Header {
        name: "Authorization",
        value_prefix: "Bearer ",
        value: "SECRETAUTH",
        secret: true,
    };
    let debug = format!("{bearer:?}");
    assert_eq!(
        debug,
        r#"Header { name: "Authorization", value: "<redacted>", secret: true }"#
    );
    // A value that is not a credential stays readable: a log of the request must show it.
    let tenant = Header {
        name: "nv-tenant-id",
        value_prefix: "",
        value: "TENANT1",
        secret: false,
    };
    assert_eq!(
        format!("{tenant:?}"),
        r#"Header { name: "nv-tenant-id", value: "TENANT1", secret: false }"#
    );
}
