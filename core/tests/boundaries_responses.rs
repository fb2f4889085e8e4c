//! What a refused or granted ExpressPlay response shows a caller: the message chosen for a
//! refusal (body, documented code, status, in that order) and tokens kept out of `Debug`.

use drmtoken_core::expressplay::{
    parse_response, status_reason, PlayReadyToken, ResponseError, ServiceError, TokenResponse, UrlToken,
};
use drmtoken_core::{ErrorKind, ExpressPlayCode, Service};

const KEY_LENGTH: &str = "Content encryption key must be 32-hexadecimal digits long";

fn refusal(status: u16, code: Option<i32>, message: Option<&str>) -> ServiceError<'_> {
    ServiceError { status, code, message }
}

#[test]
fn best_message_prefers_the_body_then_the_code_then_the_status() {
    assert_eq!(ExpressPlayCode::from_code(-2027).unwrap().message(), KEY_LENGTH);
    // The body's own words win, even over a documented code.
    assert_eq!(refusal(400, Some(-2027), Some("bad key")).best_message(), "bad key");
    // An empty body message is no message: the code's documented one.
    assert_eq!(refusal(400, Some(-2027), Some("")).best_message(), KEY_LENGTH);
    assert_eq!(refusal(400, Some(-2027), None).best_message(), KEY_LENGTH);
    // An undocumented code has no message of its own: the status's reason.
    assert_eq!(refusal(401, Some(-1), None).best_message(), "Auth failed");
    assert_eq!(refusal(404, None, Some("")).best_message(), "Bad URL");
    assert_eq!(refusal(418, None, None).best_message(), "Unexpected HTTP status");
}

#[test]
fn status_reasons_are_the_seeds_at_each_edge() {
    for (status, reason) in [
        (400, "Invalid args"),
        (401, "Auth failed"),
        (404, "Bad URL"),
        (500, "Server error"),
        (503, "Server error"),
        (599, "Server error"),
        (399, "Unexpected HTTP status"),
        (402, "Unexpected HTTP status"),
        (403, "Unexpected HTTP status"),
        (499, "Unexpected HTTP status"),
        (600, "Unexpected HTTP status"),
        (200, "Unexpected HTTP status"),
    ] {
        assert_eq!(status_reason(status), reason, "{status}");
        assert_eq!(refusal(status, None, None).best_message(), reason, "{status}");
    }
}

#[test]
fn token_debug_shows_where_and_how_long_never_the_token() {
    let token = "SECRET0TOKEN0VALUE";
    let url = format!("https://fp-gen.test.expressplay.com/hms/fp/rights/?ExpressPlayToken={token}");
    let fairplay = UrlToken { url: &url, token };
    assert_eq!(
        format!("{fairplay:?}"),
        "UrlToken { url: https://fp-gen.test.expressplay.com/hms/fp/rights/?ExpressPlayToken=<redacted>, \
         token_len: 18 }"
    );
    let playready = PlayReadyToken {
        license_acquisition_url: "https://pr.test.expressplay.com/playready/RightsManager.asmx",
        token,
    };
    assert_eq!(
        format!("{playready:?}"),
        "PlayReadyToken { license_acquisition_url: \
         \"https://pr.test.expressplay.com/playready/RightsManager.asmx\", token_len: 18 }"
    );
}

/// The token of a FairPlay `200 text/uri-list` body, or the kind of its refusal.
fn fairplay_uri_list(body: &str) -> Result<String, ErrorKind> {
    match parse_response(Service::FairPlay, 200, "text/uri-list", body.as_bytes(), &mut []) {
        Ok(TokenResponse::FairPlay(t)) => Ok(t.token.to_owned()),
        Ok(other) => panic!("{other:?}"),
        Err(ResponseError::Invalid(e)) => Err(e.kind()),
        Err(other) => panic!("{other:?}"),
    }
}

#[test]
fn the_token_is_the_first_whole_pair_of_that_name() {
    let base = "https://fp.service.expressplay.com/hms/fp/rights/?";
    // The name inside another pair's name, at every offset a search could skip to wrongly.
    for prefix in ["x", "xx", "xxxx", "xxxxxxxxxxxxxxxxxxxxxxxxx"] {
        let url = format!("{base}{prefix}ExpressPlayToken=NOTIT&ExpressPlayToken=TOKEN1&ExpressPlayToken=TOKEN2");
        assert_eq!(fairplay_uri_list(&url), Ok("TOKEN1".to_owned()), "{url}");
    }
    let only_inside = format!("{base}xExpressPlayToken=NOTIT");
    assert_eq!(fairplay_uri_list(&only_inside), Err(ErrorKind::MissingField));
}

#[test]
fn a_url_with_a_space_or_control_character_is_not_a_url() {
    let good = "https://fp.service.expressplay.com/hms/fp/rights/?ExpressPlayToken=TOKEN1";
    assert_eq!(fairplay_uri_list(good), Ok("TOKEN1".to_owned()));
    for bad in [
        "https://fp.service.expressplay.com/hms/fp/ri ghts/?ExpressPlayToken=TOKEN1",
        "https://fp.service.expressplay.com/hms/fp/ri\tghts/?ExpressPlayToken=TOKEN1",
        "https://fp.service.expressplay.com/hms/fp/ri\x7fghts/?ExpressPlayToken=TOKEN1",
        "https://fp.service.expressplay.com/hms/fp/rights/?a=b c&ExpressPlayToken=TOKEN1",
    ] {
        assert_eq!(fairplay_uri_list(bad), Err(ErrorKind::InvalidUrl), "{bad:?}");
    }
}
