//! The authorization token response (seed: "Sample Response"), JSON or XML, parsed without
//! allocation: `200` gives `{mvpd, resource, requestor, expires, proxyMvpd}`; `412` (no
//! authentication), `404` (no authorization) and `410` (authorization expired) give the body's
//! `status` and `message`.
//!
//! XML is read with the `xmlparser` pull parser (no_std, no allocation, positions for every
//! token) plus [`crate::xml`] for entities and CDATA; JSON with the crate's scanner, because
//! `expires` arrives as a string in the seed's JSON and as a number in its XML, and both
//! spellings are accepted in both formats. Elements nest at most
//! [`MAX_NESTING_DEPTH`](crate::MAX_NESTING_DEPTH) deep, and every end tag must close its element.

use xmlparser::{ElementEnd, Token, Tokenizer};

use crate::error::{Error, ErrorKind};
use crate::json::{wrong_type, Kind, Scanner, Scratch};
use crate::media_type;

/// A `200` response: the authorization.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Authorization<'a> {
    /// `mvpd`.
    pub mvpd: &'a str,
    /// `resource` (a resourceId or an MRSS fragment, decoded).
    pub resource: &'a str,
    /// `requestor`.
    pub requestor: &'a str,
    /// `expires`: epoch milliseconds.
    pub expires: u64,
    /// `proxyMvpd` (optional).
    pub proxy_mvpd: Option<&'a str>,
}

impl Authorization<'_> {
    /// Whether the authorization is still valid at `now_ms` (epoch milliseconds).
    #[must_use]
    pub const fn is_valid_at(&self, now_ms: u64) -> bool {
        now_ms < self.expires
    }

    /// Milliseconds left at `now_ms` (0 once expired).
    #[must_use]
    pub const fn remaining_ms(&self, now_ms: u64) -> u64 {
        self.expires.saturating_sub(now_ms)
    }
}

/// A refusal: the HTTP status and what the body says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AdobeError<'a> {
    /// The HTTP status.
    pub status: u16,
    /// The body's `status` (the seed repeats the HTTP status there), when found.
    pub body_status: Option<u16>,
    /// The body's `message`, when found (`User not authenticated`, `Not found`, `Gone`).
    pub message: Option<&'a str>,
}

impl AdobeError<'_> {
    /// The typed error: [`ErrorKind::NotAuthenticated`] (412), [`ErrorKind::NotAuthorized`]
    /// (404), [`ErrorKind::AuthorizationExpired`] (410), else [`ErrorKind::UnexpectedStatus`].
    #[must_use]
    pub const fn to_error(&self) -> Error {
        Error::new(match self.status {
            412 => ErrorKind::NotAuthenticated,
            404 => ErrorKind::NotAuthorized,
            410 => ErrorKind::AuthorizationExpired,
            status => ErrorKind::UnexpectedStatus { status },
        })
    }
}

impl crate::http::Refusal for AdobeError<'_> {
    fn to_error(&self) -> Error {
        AdobeError::to_error(self)
    }
}

/// Why a response gave no authorization: `Service` (412, 404, 410, ...) or `Invalid`.
pub type ResponseError<'a> = crate::http::ResponseError<AdobeError<'a>>;

/// The fields of either body, as found.
#[derive(Default)]
struct Fields<'a> {
    mvpd: Option<&'a str>,
    resource: Option<&'a str>,
    requestor: Option<&'a str>,
    expires: Option<u64>,
    proxy_mvpd: Option<&'a str>,
    status: Option<u16>,
    message: Option<&'a str>,
}

/// Epoch milliseconds from a string of digits (surrounding whitespace allowed).
fn millis(text: &str) -> Result<u64, Error> {
    crate::time::parse_u64(text.trim()).ok_or(wrong_type("expires"))
}

fn status_of(text: &str) -> Result<u16, Error> {
    crate::time::parse_u64(text.trim())
        .and_then(|n| u16::try_from(n).ok())
        .ok_or(wrong_type("status"))
}

/// Which body format a content type announces.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BodyFormat {
    Json,
    Xml,
}

fn body_format(content_type: &str) -> Option<BodyFormat> {
    if media_type::is(content_type, "application/json") {
        Some(BodyFormat::Json)
    } else if media_type::is(content_type, "application/xml") || media_type::is(content_type, "text/xml") {
        Some(BodyFormat::Xml)
    } else {
        None
    }
}

/// Parses an authorization token response.
///
/// `scratch` receives strings that need decoding (JSON escapes, XML entities, CDATA);
/// `body.len()` bytes always suffice.
///
/// # Errors
/// [`ResponseError::Service`] for any status but 200, with the body's `status` and `message`
/// when it can be read (a body of unknown shape, or XML that cannot be read, still gives the
/// status; a JSON error body must be one JSON text). [`ResponseError::Invalid`]
/// with [`ErrorKind::UnexpectedContentType`], [`ErrorKind::InvalidUtf8`] (XML),
/// [`ErrorKind::InvalidJson`] / [`ErrorKind::InvalidXml`] (with the byte offset),
/// [`ErrorKind::NestingTooDeep`] (past [`MAX_NESTING_DEPTH`](crate::MAX_NESTING_DEPTH)),
/// [`ErrorKind::MissingField`] / [`ErrorKind::InvalidValue`] naming the field, or
/// [`ErrorKind::BufferTooSmall`] (scratch).
pub fn parse_response<'a>(
    status: u16,
    content_type: &str,
    body: &'a [u8],
    scratch: &'a mut [u8],
) -> Result<Authorization<'a>, ResponseError<'a>> {
    let mut scratch = Scratch::new(scratch);
    let format = body_format(content_type);
    let xml_text = || core::str::from_utf8(body).map_err(|_| Error::new(ErrorKind::InvalidUtf8));
    if status != 200 {
        // The body is a courtesy: read what can be read, never fail on its shape. A body sent
        // as JSON must still be JSON (XML error bodies are read as far as they go).
        let fields = match format {
            Some(BodyFormat::Json) => match json_fields(crate::json::body_text(body)?, &mut scratch) {
                Ok(fields) => fields,
                Err(e) if crate::json::is_syntax(&e) || matches!(e.kind(), ErrorKind::BufferTooSmall { .. }) => {
                    return Err(e.into())
                }
                Err(_) => Fields::default(),
            },
            Some(BodyFormat::Xml) => xml_text().and_then(|t| xml_fields(t, &mut scratch)).unwrap_or_default(),
            None => Fields::default(),
        };
        return Err(ResponseError::Service(AdobeError {
            status,
            body_status: fields.status,
            message: fields.message,
        }));
    }
    let fields = match format {
        Some(BodyFormat::Json) => json_fields(crate::json::body_text(body)?, &mut scratch)?,
        Some(BodyFormat::Xml) => xml_fields(xml_text()?, &mut scratch)?,
        None => return Err(Error::new(ErrorKind::UnexpectedContentType).into()),
    };
    let missing = |name| Error::new(ErrorKind::MissingField).with_parameter(name);
    Ok(Authorization {
        mvpd: fields.mvpd.ok_or(missing("mvpd"))?,
        resource: fields.resource.ok_or(missing("resource"))?,
        requestor: fields.requestor.ok_or(missing("requestor"))?,
        expires: fields.expires.ok_or(missing("expires"))?,
        proxy_mvpd: fields.proxy_mvpd,
    })
}

/// A string member (or `null`) of the JSON body.
fn json_str<'a>(s: &mut Scanner<'a>, scratch: &mut Scratch<'a>, name: &'static str) -> Result<Option<&'a str>, Error> {
    crate::json::opt_str(s, scratch, name)
}

/// A member that may be a number or a string of digits.
fn json_number_text<'a>(
    s: &mut Scanner<'a>,
    scratch: &mut Scratch<'a>,
    name: &'static str,
) -> Result<Option<&'a str>, Error> {
    if s.null() {
        return Ok(None);
    }
    match s.kind()? {
        Kind::Number => s.scalar().map(Some),
        Kind::String => json_str(s, scratch, name),
        _ => Err(wrong_type(name)),
    }
}

fn json_fields<'a>(text: &'a str, scratch: &mut Scratch<'a>) -> Result<Fields<'a>, Error> {
    let mut f = Fields::default();
    crate::json::read_document(text, |s| {
        s.members(|s, key| {
            match key {
                "mvpd" => f.mvpd = json_str(s, scratch, "mvpd")?,
                "resource" => f.resource = json_str(s, scratch, "resource")?,
                "requestor" => f.requestor = json_str(s, scratch, "requestor")?,
                "proxyMvpd" => f.proxy_mvpd = json_str(s, scratch, "proxyMvpd")?,
                "expires" => f.expires = json_number_text(s, scratch, "expires")?.map(millis).transpose()?,
                "status" => f.status = json_number_text(s, scratch, "status")?.map(status_of).transpose()?,
                "message" => f.message = json_str(s, scratch, "message")?,
                // `details` (the seed shows null) and anything unknown.
                _ => s.skip_value()?,
            }
            Ok(())
        })
    })?;
    Ok(f)
}

/// The offset of a token, for errors.
fn offset_of(token: &Token<'_>) -> usize {
    match token {
        Token::Declaration { span, .. }
        | Token::ProcessingInstruction { span, .. }
        | Token::Comment { span, .. }
        | Token::DtdStart { span, .. }
        | Token::EmptyDtd { span, .. }
        | Token::EntityDeclaration { span, .. }
        | Token::DtdEnd { span }
        | Token::ElementStart { span, .. }
        | Token::Attribute { span, .. }
        | Token::ElementEnd { span, .. } => span.start(),
        Token::Text { text } | Token::Cdata { text, .. } => text.start(),
    }
}

/// Reads `<authorization>` or `<error>` and the text of its child elements. Element order is
/// free, the declaration optional, unknown elements (at any depth) skipped; a DTD is refused
/// (no entity expansion beyond XML's five and character references).
fn xml_fields<'a>(text: &'a str, scratch: &mut Scratch<'a>) -> Result<Fields<'a>, Error> {
    let mut f = Fields::default();
    // Open elements, to check that every end tag closes the element it should.
    let mut open: heapless::Vec<&'a str, { crate::MAX_NESTING_DEPTH }> = heapless::Vec::new();
    let mut root_seen = false;
    // Where the content of the current child element starts.
    let mut content_start = 0usize;
    let mut last = 0usize;
    for token in Tokenizer::from(text) {
        let token = token.map_err(|_| Error::new(ErrorKind::InvalidXml { offset: last }))?;
        let at = offset_of(&token);
        last = at;
        let bad = || Error::new(ErrorKind::InvalidXml { offset: at });
        match token {
            Token::DtdStart { .. } | Token::EmptyDtd { .. } | Token::EntityDeclaration { .. } => return Err(bad()),
            Token::ElementStart { local, .. } => {
                let name = local.as_str();
                match open.as_slice() {
                    [] if root_seen || !matches!(name, "authorization" | "error") => return Err(bad()),
                    [] => root_seen = true,
                    [_, field] if is_field(field) => {
                        // Markup inside a text field: not the text the service documents.
                        return Err(Error::new(ErrorKind::InvalidValue).with_parameter(static_name(field)));
                    }
                    _ => {}
                }
                open.push(name)
                    .map_err(|_| Error::new(ErrorKind::NestingTooDeep { offset: at }))?;
            }
            Token::ElementEnd { end, span } => match end {
                ElementEnd::Open => content_start = span.end(),
                ElementEnd::Empty => {
                    if let [_, name] = open.as_slice() {
                        store(&mut f, name, "", at, scratch)?;
                    }
                    open.pop().ok_or(bad())?;
                }
                ElementEnd::Close(_, local) => {
                    if let [_, name] = open.as_slice() {
                        let raw = text.get(content_start..span.start()).ok_or(bad())?;
                        store(&mut f, name, raw, content_start, scratch)?;
                    }
                    if open.pop() != Some(local.as_str()) {
                        return Err(bad());
                    }
                }
            },
            Token::Text { text: t } if open.is_empty() && !t.as_str().trim().is_empty() => return Err(bad()),
            Token::Cdata { .. } if open.is_empty() => return Err(bad()),
            _ => {}
        }
    }
    if !root_seen || !open.is_empty() {
        return Err(Error::new(ErrorKind::InvalidXml { offset: text.len() }));
    }
    Ok(f)
}

const FIELDS: [&str; 7] = [
    "mvpd",
    "resource",
    "requestor",
    "expires",
    "proxyMvpd",
    "status",
    "message",
];

fn is_field(name: &str) -> bool {
    FIELDS.contains(&name)
}

fn static_name(name: &str) -> &'static str {
    FIELDS.iter().copied().find(|f| *f == name).unwrap_or("xml")
}

/// Stores one child element's decoded text in its field (unknown elements are ignored).
fn store<'a>(f: &mut Fields<'a>, name: &str, raw: &'a str, at: usize, scratch: &mut Scratch<'a>) -> Result<(), Error> {
    if !is_field(name) {
        return Ok(());
    }
    let value = crate::xml::text(raw, at, scratch).map_err(|e| e.with_parameter(static_name(name)))?;
    match name {
        "mvpd" => f.mvpd = Some(value),
        "resource" => f.resource = Some(value),
        "requestor" => f.requestor = Some(value),
        "proxyMvpd" => f.proxy_mvpd = Some(value),
        "expires" => f.expires = Some(millis(value)?),
        "status" => f.status = Some(status_of(value)?),
        _ => f.message = Some(value),
    }
    Ok(())
}
