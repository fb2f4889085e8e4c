//! Runs the consumer on the host and checks every output byte for byte, for whichever features
//! this build has (tests/consumers/native.sh runs it with no feature and with each one alone).

#[test]
fn form_decoding_needs_no_feature() {
    let mut buf = [0u8; 64];
    assert_eq!(
        drmtoken_consumer::decode_form("201722%2C1ad8+x", &mut buf),
        Ok("201722,1ad8 x")
    );
    let mut short = [0u8; 4];
    let err = drmtoken_consumer::decode_form("201722%2C1ad8", &mut short).unwrap_err();
    assert_eq!(err.kind(), drmtoken_core::ErrorKind::BufferTooSmall { required: 11 });
}

#[cfg(feature = "expressplay")]
#[test]
fn playready_seed_sample_url() {
    let mut buf = [0u8; 512];
    assert_eq!(
        drmtoken_consumer::playready_seed_url(&mut buf).unwrap(),
        "https://pr-gen.test.expressplay.com/hms/pr/token?customerAuthenticator=201722%2C1ad8eed133edf43cbcc185f0236828ae\
         &kid=b366360da82e9c6e0b0984002a362cf2&contentKey=b366360da82e9c6e0b0984002a362cf2&rightsType=BuyToOwn\
         &analogVideoOPL=0&compressedDigitalAudioOPL=0&compressedDigitalVideoOPL=0&uncompressedDigitalAudioOPL=0\
         &uncompressedDigitalVideoOPL=0"
    );
    let err = drmtoken_consumer::playready_short_key_error().expect("a 31-digit key is refused");
    assert_eq!((err.code(), err.parameter()), (-2027, Some("contentKey")));
    assert_eq!(
        err.to_string(),
        "-2027: Content encryption key must be 32-hexadecimal digits long [parameter contentKey]"
    );
}

#[cfg(feature = "keywrap")]
#[test]
fn rfc3394_section_4_1() {
    let mut buf = [0u8; 64];
    assert_eq!(
        drmtoken_consumer::rfc3394_unwrap(&mut buf).unwrap(),
        "00112233445566778899aabbccddeeff"
    );
}

#[cfg(feature = "opentv")]
#[test]
fn ias_seed_shape_url() {
    let mut buf = [0u8; 256];
    assert_eq!(
        drmtoken_consumer::ias_seed_url(&mut buf).unwrap(),
        "https://ias.example.com:443/ias/v2/content_token?content_id=content7&type=device"
    );
}

#[cfg(feature = "adobe-pass")]
#[test]
fn adobe_pass_first_vector_url() {
    let mut buf = [0u8; 256];
    assert_eq!(
        drmtoken_consumer::adobe_pass_url(&mut buf).unwrap(),
        "https://api.auth.adobe.com/api/v1/tokens/authz?requestor=sampleRequestorId&deviceId=device-7\
         &resource=sampleResourceId&format=json"
    );
}
