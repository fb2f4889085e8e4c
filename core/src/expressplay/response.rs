//! ExpressPlay token responses, parsed without allocation from `(status, content type, body)`.
//!
//! The seeds' "HTTP Responses" tables: `200 OK` with `text/uri-list` (FairPlay, Widevine: "License
//! acquisition URL + token") or JSON (PlayReady: `{"licenseAcquisitionUrl": ..., "token": ...}`);
//! `400`/`401`/`404`/`50x` with `text/html` or `application/json` ("Error description"). The
//! seeds do not show a JSON error body, so it is read leniently (SPEC 2.3): a code from
//! `errorCode` or `code`, a message from `errorMessage`, `message` or `error`, at the top level
//! or nested one level down. A service code maps to the same [`ExpressPlayCode`] as local
//! validation, so `-2027` from the server and from [`validate`](super::TokenRequest::validate)
//! are the same variant.

use crate::error::{Error, ErrorKind, ExpressPlayCode};
use crate::json::{opt_str, Scratch};
use crate::media_type;

use super::Service;

/// The query parameter that carries the token in the returned URLs.
pub const TOKEN_PARAMETER: &str = "ExpressPlayToken";

/// A FairPlay or Widevine token: the URL the service returned, and the token inside it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct UrlToken<'a> {
    /// The whole returned URL (`https://wv.service.expressplay.com/hms/wv/rights/?ExpressPlayToken=...`).
    pub url: &'a str,
    /// The `ExpressPlayToken` value (base64url characters and `=` padding, any length).
    pub token: &'a str,
}

/// A PlayReady token: the licence acquisition URL and the token, as the JSON gives them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PlayReadyToken<'a> {
    /// `licenseAcquisitionUrl`, e.g. `https://expressplay-licensing.axprod.net/LicensingService.ashx`.
    pub license_acquisition_url: &'a str,
    /// `token` (base64url characters and `=` padding, any length).
    pub token: &'a str,
}

/// A successful token response, per service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenResponse<'a> {
    /// FairPlay: redeem with [`UrlToken::write_skd_uri`].
    FairPlay(UrlToken<'a>),
    /// PlayReady: redeem with [`PlayReadyToken::write_license_url`].
    PlayReady(PlayReadyToken<'a>),
    /// Widevine: redeem with [`UrlToken::url`] or [`UrlToken::url_without_query`] + the token.
    Widevine(UrlToken<'a>),
}

impl<'a> TokenResponse<'a> {
    /// The service that issued it.
    #[must_use]
    pub const fn service(&self) -> Service {
        match self {
            TokenResponse::FairPlay(_) => Service::FairPlay,
            TokenResponse::PlayReady(_) => Service::PlayReady,
            TokenResponse::Widevine(_) => Service::Widevine,
        }
    }

    /// The token, whatever the service.
    #[must_use]
    pub const fn token(&self) -> &'a str {
        match self {
            TokenResponse::FairPlay(t) | TokenResponse::Widevine(t) => t.token,
            TokenResponse::PlayReady(t) => t.token,
        }
    }
}

// Tokens are credentials for one licence: keep them out of logs.
impl core::fmt::Debug for UrlToken<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let base = crate::http::before_byte(self.url, b'?');
        f.debug_struct("UrlToken")
            .field("url", &format_args!("{base}?{TOKEN_PARAMETER}=<redacted>"))
            .field("token_len", &self.token.len())
            .finish()
    }
}

impl core::fmt::Debug for PlayReadyToken<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PlayReadyToken")
            .field("license_acquisition_url", &self.license_acquisition_url)
            .field("token_len", &self.token.len())
            .finish()
    }
}

/// The service's answer when it refused the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServiceError<'a> {
    /// The HTTP status (400, 401, 404, 5xx, ...).
    pub status: u16,
    /// The service's error code when the body has one (`-2027`), documented or not.
    pub code: Option<i32>,
    /// The body's message when it has one (JSON `errorMessage`/`message`/`error`, or the text
    /// after the code in an HTML page).
    pub message: Option<&'a str>,
}

impl ServiceError<'_> {
    /// The documented code, the same variant local validation returns for the same fault.
    #[must_use]
    pub fn expressplay_code(&self) -> Option<ExpressPlayCode> {
        self.code.and_then(ExpressPlayCode::from_code)
    }

    /// As a core [`Error`]: [`ErrorKind::ExpressPlay`] for a documented code, else
    /// [`ErrorKind::UnexpectedStatus`] with the status.
    #[must_use]
    pub fn to_error(&self) -> Error {
        match self.expressplay_code() {
            Some(code) => Error::new(ErrorKind::ExpressPlay(code)),
            None => Error::new(ErrorKind::UnexpectedStatus { status: self.status }),
        }
    }

    /// The body's message, else the documented message of the code, else the status's reason.
    #[must_use]
    pub fn best_message(&self) -> &str {
        match (self.message, self.expressplay_code()) {
            (Some(m), _) if !m.is_empty() => m,
            (_, Some(code)) => code.message(),
            _ => status_reason(self.status),
        }
    }
}

/// The seeds' descriptions of the error statuses.
#[must_use]
pub const fn status_reason(status: u16) -> &'static str {
    match status {
        400 => "Invalid args",
        401 => "Auth failed",
        404 => "Bad URL",
        500..=599 => "Server error",
        _ => "Unexpected HTTP status",
    }
}

impl crate::http::Refusal for ServiceError<'_> {
    fn to_error(&self) -> Error {
        ServiceError::to_error(self)
    }
}

/// Why a response gave no token: `Service` (the service refused: status, code, message) or `Invalid`.
pub type ResponseError<'a> = crate::http::ResponseError<ServiceError<'a>>;

/// Parses a token response of `service`.
///
/// `scratch` receives JSON strings that contain escapes (`\/`, `\u00e9`); a buffer of
/// `body.len()` bytes is always enough, and `&mut []` is enough when nothing is escaped (the
/// usual case). Seeds: "HTTP Responses" of each service.
///
/// # Errors
/// [`ResponseError::Service`] for a status of 300 or more, with the code and message found in
/// the body (a body of unknown shape still gives the status).
/// [`ResponseError::Invalid`] with [`ErrorKind::UnexpectedStatus`] (another 2xx),
/// [`ErrorKind::UnexpectedContentType`], [`ErrorKind::InvalidUtf8`], [`ErrorKind::InvalidUrl`],
/// [`ErrorKind::MissingField`] (no `ExpressPlayToken`, `licenseAcquisitionUrl` or `token`),
/// [`ErrorKind::InvalidToken`], [`ErrorKind::InvalidValue`], [`ErrorKind::BufferTooSmall`]
/// (scratch), or [`ErrorKind::InvalidJson`] / [`ErrorKind::NestingTooDeep`] for any body sent
/// as JSON, success or error, that is not exactly one JSON text (RFC 8259) within
/// [`MAX_NESTING_DEPTH`](crate::MAX_NESTING_DEPTH).
pub fn parse_response<'a>(
    service: Service,
    status: u16,
    content_type: &str,
    body: &'a [u8],
    scratch: &'a mut [u8],
) -> Result<TokenResponse<'a>, ResponseError<'a>> {
    let mut scratch = Scratch::new(scratch);
    if status >= 300 {
        return Err(ResponseError::Service(parse_error_body(
            status,
            content_type,
            body,
            &mut scratch,
        )?));
    }
    if status != 200 {
        return Err(Error::new(ErrorKind::UnexpectedStatus { status }).into());
    }
    let text = || core::str::from_utf8(body).map_err(|_| Error::new(ErrorKind::InvalidUtf8));
    match service {
        Service::FairPlay => parse_uri_list(content_type, text()?).map(TokenResponse::FairPlay),
        Service::Widevine => parse_uri_list(content_type, text()?).map(TokenResponse::Widevine),
        Service::PlayReady => parse_playready(content_type, body, &mut scratch).map(TokenResponse::PlayReady),
    }
    .map_err(ResponseError::Invalid)
}

/// Checks a token's characters: base64url (`A-Z a-z 0-9 - _`) then at most two `=` of padding.
/// No length limit: the seeds document none (real tokens are about 150 characters).
///
/// # Errors
/// [`ErrorKind::InvalidToken`] (empty, another character, or padding before the end).
pub fn check_token(token: &str) -> Result<(), Error> {
    let bad = || Error::new(ErrorKind::InvalidToken).with_parameter(TOKEN_PARAMETER);
    let bytes = token.as_bytes();
    let body_len = bytes.iter().rposition(|&b| b != b'=').map_or(0, |i| i + 1);
    // `get` rather than `split_at`: no panic path, even one the optimiser cannot remove.
    let (Some(body), Some(padding)) = (bytes.get(..body_len), bytes.get(body_len..)) else {
        return Err(bad());
    };
    if body.is_empty() || padding.len() > 2 {
        return Err(bad());
    }
    // Tokens are long and this runs on every response: a vectorised scan (issue 20).
    if crate::scan::all(body, is_base64url) {
        Ok(())
    } else {
        Err(bad())
    }
}

/// Whether `b` is in the base64url alphabet (RFC 4648 section 5): `A-Z a-z 0-9 - _`.
#[inline(always)]
fn is_base64url(b: u8) -> bool {
    crate::scan::is_letter(b) | crate::scan::is_digit(b) | (b == b'-') | (b == b'_')
}

/// `200 text/uri-list` (RFC 2483): one URL, with `#` comment lines, blank lines, CRLF or LF and
/// surrounding whitespace tolerated; more than one URL is refused rather than guessed between.
fn parse_uri_list<'a>(content_type: &str, text: &'a str) -> Result<UrlToken<'a>, Error> {
    if !media_type::is(content_type, "text/uri-list") {
        return Err(Error::new(ErrorKind::UnexpectedContentType));
    }
    let mut urls = crate::http::split_byte(text, b'\n')
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let url = urls
        .next()
        .ok_or(Error::new(ErrorKind::MissingField).with_parameter("url"))?;
    if urls.next().is_some() {
        return Err(Error::new(ErrorKind::InvalidValue)
            .with_parameter("url")
            .with_detail("the uri-list holds more than one URL"));
    }
    let token = token_of_url(url)?;
    Ok(UrlToken { url, token })
}

/// The `ExpressPlayToken` value of an `http(s)://host[:port]/path?query` URL.
fn token_of_url(url: &str) -> Result<&str, Error> {
    let bad_url = || Error::new(ErrorKind::InvalidUrl).with_parameter("url");
    let rest = crate::http::strip_scheme(url).ok_or(bad_url())?;
    let end = rest.bytes().position(|b| b == b'/' || b == b'?').unwrap_or(rest.len());
    let (authority, path_query) = rest.split_at_checked(end).unwrap_or((rest, ""));
    crate::host::check_authority(authority).map_err(|_| bad_url())?;
    if url.bytes().any(|b| b.is_ascii_control() || b == b' ') {
        return Err(bad_url());
    }
    let query = crate::http::split_once_byte(path_query, b'?')
        .map(|(_, q)| q)
        .unwrap_or_default();
    let query = crate::http::before_byte(query, b'#');
    let token = token_in_query(query).ok_or(Error::new(ErrorKind::MissingField).with_parameter(TOKEN_PARAMETER))?;
    check_token(token)?;
    Ok(token)
}

/// The value of the `ExpressPlayToken` pair of `query` (the first one).
fn token_in_query(query: &str) -> Option<&str> {
    const KEY: &str = "ExpressPlayToken=";
    let mut from = 0;
    while let Some(i) = crate::encode::find(query.get(from..)?, KEY) {
        let at = from + i;
        // A whole pair name, not the tail of another (`xExpressPlayToken=`).
        if at == 0 || query.as_bytes().get(at - 1) == Some(&b'&') {
            let value = query.get(at + KEY.len()..)?;
            return Some(crate::http::before_byte(value, b'&'));
        }
        from = at + KEY.len();
    }
    None
}

fn parse_playready<'a>(
    content_type: &str,
    body: &'a [u8],
    scratch: &mut Scratch<'a>,
) -> Result<PlayReadyToken<'a>, Error> {
    // The seed's table gives `text/uri-list` for a 200 while its sample response is JSON: accept
    // both types, and read the body by its first character.
    let uri_list = !media_type::is(content_type, "application/json");
    if uri_list && !media_type::is(content_type, "text/uri-list") {
        return Err(Error::new(ErrorKind::UnexpectedContentType));
    }
    if uri_list && !body.trim_ascii_start().starts_with(b"{") {
        let text = core::str::from_utf8(body).map_err(|_| Error::new(ErrorKind::InvalidUtf8))?;
        let t = parse_uri_list(content_type, text)?;
        // `<licence URL>?ExpressPlayToken=<token>`: the URL must carry nothing else, or the
        // licence URL could not be rebuilt from its parts.
        let (base, query) = crate::http::split_once_byte(t.url, b'?').unwrap_or((t.url, ""));
        if query.strip_prefix("ExpressPlayToken=") != Some(t.token) {
            return Err(Error::new(ErrorKind::InvalidValue)
                .with_parameter("url")
                .with_detail("a PlayReady uri-list URL must carry only ExpressPlayToken in its query"));
        }
        return Ok(PlayReadyToken {
            license_acquisition_url: base,
            token: t.token,
        });
    }
    // Fields in any order, unknown members skipped (and held to the same grammar), strings
    // unescaped into the scratch only when they carry escapes.
    let (url, token) = crate::json::read_document(crate::json::body_text(body)?, |s| {
        let (mut url, mut token) = (None, None);
        s.members(|s, key| {
            match key {
                "licenseAcquisitionUrl" => url = opt_str(s, scratch, "licenseAcquisitionUrl")?,
                "token" => token = opt_str(s, scratch, "token")?,
                _ => s.skip_value()?,
            }
            Ok(())
        })?;
        Ok((url, token))
    })?;
    let missing = |name| Error::new(ErrorKind::MissingField).with_parameter(name);
    let license_acquisition_url = url.ok_or(missing("licenseAcquisitionUrl"))?;
    let token = token.ok_or(missing("token"))?;
    let url_ok = crate::http::strip_scheme(license_acquisition_url).is_some_and(|rest| {
        // Up to the path or the query: a byte search (`/` and `?` are ASCII).
        let end = rest.bytes().position(|b| b == b'/' || b == b'?').unwrap_or(rest.len());
        let authority = rest.get(..end).unwrap_or_default();
        crate::host::check_authority(authority).is_ok()
    });
    if !url_ok {
        return Err(Error::new(ErrorKind::InvalidUrl).with_parameter("licenseAcquisitionUrl"));
    }
    check_token(token).map_err(|e| e.with_parameter("token"))?;
    Ok(PlayReadyToken {
        license_acquisition_url,
        token,
    })
}

/// Reads what an error body says. Never fails on the body's shape (a body of unknown shape, or
/// one that is not JSON or HTML, gives the status alone), but a body sent as JSON must be JSON.
///
/// # Errors
/// [`ErrorKind::InvalidJson`] / [`ErrorKind::NestingTooDeep`] for an `application/json` body
/// that is not one JSON text; [`ErrorKind::BufferTooSmall`] when the scratch cannot hold an
/// escaped message.
fn parse_error_body<'a>(
    status: u16,
    content_type: &str,
    body: &'a [u8],
    scratch: &mut Scratch<'a>,
) -> Result<ServiceError<'a>, Error> {
    let mut found = ServiceError {
        status,
        code: None,
        message: None,
    };
    if media_type::is(content_type, "application/json") {
        let fields = crate::json::error_fields(crate::json::body_text(body)?)?;
        found.code = fields.code;
        if let Some(raw) = fields.message {
            found.message = Some(scratch.text(raw).map_err(|e| e.with_parameter("message"))?);
        }
    } else if let Some((code, message)) = html_error_code(body) {
        found.code = Some(code);
        found.message = message;
    }
    Ok(found)
}

/// The first ExpressPlay-looking code in an HTML (or any text) body: a `-` then four digits,
/// not part of a longer number or word. Documented codes are preferred over other matches. The
/// message is the text after the code up to the next tag or line end.
fn html_error_code(body: &[u8]) -> Option<(i32, Option<&str>)> {
    let mut first: Option<(i32, usize)> = None;
    for (i, _) in body.iter().enumerate().filter(|(_, b)| **b == b'-') {
        let Some(digits) = body.get(i + 1..i + 5) else { break };
        let before_ok = i == 0 || body.get(i - 1).is_some_and(|b| !b.is_ascii_alphanumeric());
        let after_ok = !body.get(i + 5).is_some_and(u8::is_ascii_digit);
        if !(digits.iter().all(u8::is_ascii_digit) && before_ok && after_ok) {
            continue;
        }
        let code = -digits.iter().fold(0i32, |acc, b| acc * 10 + i32::from(b - b'0'));
        if ExpressPlayCode::from_code(code).is_some() {
            first = Some((code, i + 5));
            break;
        }
        first.get_or_insert((code, i + 5));
    }
    let (code, end) = first?;
    let after = body.get(end..).unwrap_or_default();
    let stop = after
        .iter()
        .position(|&b| matches!(b, b'<' | b'\n' | b'\r'))
        .unwrap_or(after.len());
    // Trimmed of ASCII whitespace, `:` and `-` at either end, byte by byte (a `char` pattern
    // keeps panic paths, issue 18); the cut falls on ASCII bytes, so the text stays UTF-8.
    let separator = |b: &u8| b.is_ascii_whitespace() || *b == b':' || *b == b'-';
    let message = after
        .get(..stop)
        .map(|m| {
            let start = m.iter().position(|b| !separator(b)).unwrap_or(m.len());
            let end = m.iter().rposition(|b| !separator(b)).map_or(start, |i| i + 1);
            m.get(start..end).unwrap_or_default()
        })
        .and_then(|m| core::str::from_utf8(m).ok())
        .filter(|m| !m.is_empty());
    Some((code, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_alphabet() {
        assert!(check_token("abcXYZ019-_").is_ok());
        assert!(check_token("abc==").is_ok());
        assert!(check_token("abc===").is_err());
        assert!(check_token("ab=c").is_err());
        assert!(check_token("ab+c").is_err());
        assert!(check_token("").is_err());
        assert!(check_token("==").is_err());
    }

    #[test]
    fn token_alphabet_on_every_byte_and_position() {
        for b in 0..=255u8 {
            let want = b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
            assert_eq!(is_base64url(b), want, "byte {b:#04x}");
        }
        // A bad byte in a full chunk, at a chunk's edges, and in the tail after the chunks.
        let good = [b'A'; 40];
        assert!(check_token(core::str::from_utf8(&good).unwrap()).is_ok());
        for at in [0, 1, 15, 16, 31, 32, 39] {
            for bad in [b'+', b'/', b'.', b' ', b'=', b'@', b'[', b'`', b'{'] {
                let mut t = good;
                t[at] = bad;
                let t = core::str::from_utf8(&t).unwrap();
                // `=` is padding, allowed (at most two) only at the very end.
                let ok = bad == b'=' && at == 39;
                assert_eq!(check_token(t).is_ok(), ok, "{t}");
            }
        }
    }

    #[test]
    fn html_code_prefers_documented_codes() {
        assert_eq!(
            html_error_code(b"<p>2026-01-01 error -2027 bad key</p>"),
            Some((-2027, Some("bad key")))
        );
        assert_eq!(html_error_code(b"error -9999: odd"), Some((-9999, Some("odd"))));
        assert_eq!(html_error_code(b"id x-2027 and -20277"), None);
        assert_eq!(html_error_code(b"-2"), None);
    }
}
