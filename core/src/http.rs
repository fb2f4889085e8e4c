//! HTTP pieces shared by the services: request headers whose values are written in parts.

use core::fmt;

use crate::encode::{write_exact, written_str};
use crate::error::{Error, ErrorKind};

/// The most headers a request has (Adobe Pass: `Accept`, `X-Device-Info`, `Authorization`).
pub const MAX_HEADERS: usize = 3;

/// The headers of a request, in the order to send them: the one shape every service returns.
pub type Headers<'a> = heapless::Vec<Header<'a>, MAX_HEADERS>;

/// One request header. Its value is `value_prefix` followed by `value` (the prefix is `Bearer `
/// for `authorization`), so no buffer is needed to hand it to an HTTP stack that takes pieces;
/// [`Header::write_value`] joins them into a caller buffer for one that does not.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Header<'a> {
    /// The header name, spelled as the service's seed spells it (`nv-tenant-id`,
    /// `X-Device-Info`); HTTP compares names without case.
    pub name: &'static str,
    /// A fixed prefix of the value (`Bearer ` or empty).
    pub value_prefix: &'static str,
    /// The caller's part of the value.
    pub value: &'a str,
    /// Whether the value is a credential (a bearer token): redacted from `Debug`, and from every
    /// surface's logs. Decided here, by the service that makes the header, and nowhere else.
    pub secret: bool,
}

impl Header<'_> {
    /// The exact length of the whole value.
    #[must_use]
    pub fn value_len(&self) -> usize {
        self.value_prefix.len() + self.value.len()
    }

    /// Writes the whole value (`Bearer <token>`) into `out`.
    ///
    /// # Errors
    /// [`ErrorKind::BufferTooSmall`] with [`value_len`](Self::value_len); `out` is untouched.
    pub fn write_value<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, Error> {
        let n = write_exact(out, |s| {
            s.put(self.value_prefix);
            s.put(self.value);
        })?;
        written_str(out, n)
    }
}

// The bearer token is a credential: never in logs.
impl fmt::Debug for Header<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value: &dyn fmt::Debug = if self.secret { &"<redacted>" } else { &self.value };
        f.debug_struct("Header")
            .field("name", &self.name)
            .field("value", value)
            .field("secret", &self.secret)
            .finish()
    }
}

/// Refuses what would let a value end its header line early (CR, LF, NUL, every other control
/// character and DEL), and an empty value, naming the header.
///
/// # Errors
/// [`ErrorKind::MissingField`], [`ErrorKind::ControlCharacter`].
pub fn check_header_value(value: &str, name: &'static str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(Error::new(ErrorKind::MissingField).with_parameter(name));
    }
    if value.bytes().any(|b| b.is_ascii_control()) {
        return Err(Error::new(ErrorKind::ControlCharacter).with_parameter(name));
    }
    Ok(())
}

/// The part after `https://` or `http://` (either case).
pub(crate) fn strip_scheme(url: &str) -> Option<&str> {
    ["https://", "http://"].into_iter().find_map(|scheme| {
        url.get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .and_then(|_| url.get(scheme.len()..))
    })
}

/// The text before and after the first `byte` (ASCII) of `s`, as `str::split_once` with a `char`
/// gives them. Byte-level: the `char` searcher of `split_once`/`find`/`split` keeps a panic
/// path (a slice index check the optimiser cannot remove) in the firmware library.
pub(crate) fn split_once_byte(s: &str, byte: u8) -> Option<(&str, &str)> {
    let i = s.bytes().position(|b| b == byte)?;
    Some((s.get(..i)?, s.get(i + 1..)?))
}

/// The pieces of `s` between its `byte`s (ASCII), as `str::split` with a `char` gives them.
pub(crate) fn split_byte(s: &str, byte: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    core::iter::from_fn(move || {
        let r = rest?;
        match split_once_byte(r, byte) {
            Some((head, tail)) => {
                rest = Some(tail);
                Some(head)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// `s` up to its first `byte` (ASCII), or all of `s`.
pub(crate) fn before_byte(s: &str, byte: u8) -> &str {
    split_once_byte(s, byte).map_or(s, |(head, _)| head)
}

/// What a service's refusal turns into as one core [`Error`] (each service's own refusal type).
pub trait Refusal {
    /// The refusal as a core error (the service's code, or a kind for its HTTP status).
    fn to_error(&self) -> Error;
}

/// Why a response gave no result: the service refused (`S` says how), or the response could not
/// be read. Each service names it with its refusal type (`expressplay::ResponseError`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponseError<S> {
    /// The service refused the request, with what its body says.
    Service(S),
    /// The response could not be read (wrong status or content type, malformed body, a bad
    /// token, a scratch buffer too small).
    Invalid(Error),
}

impl<S> From<Error> for ResponseError<S> {
    fn from(e: Error) -> Self {
        ResponseError::Invalid(e)
    }
}

impl<S: Refusal> ResponseError<S> {
    /// As one core [`Error`].
    #[must_use]
    pub fn to_error(&self) -> Error {
        match self {
            ResponseError::Service(s) => s.to_error(),
            ResponseError::Invalid(e) => *e,
        }
    }
}
