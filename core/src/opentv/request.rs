//! The IAS content token request: `POST https://<host>:<port>/ias/v2/content_token?content_id=<id>&type=device`
//! with the `authorization` and `nv-tenant-id` headers and an empty body (seed: "Request").

use core::fmt;

use crate::encode::{write_exact, written_str, Sink};
use crate::error::{Error, ErrorKind};
use crate::http::{check_header_value, Header, Headers};

/// The request's method: "send a POST request".
pub const METHOD: &str = "POST";
/// The path of the content token resource.
pub const PATH: &str = "/ias/v2/content_token";
/// The `authorization` header's scheme: "bearer token that the client received at signon".
pub const BEARER_PREFIX: &str = "Bearer ";

/// A request for a content token (seed: "Getting content auth token from IAS").
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct ContentTokenRequest<'a> {
    /// The IAS host: a DNS name, an IPv4 address or an IPv6 address in brackets (`[::1]`).
    pub host: &'a str,
    /// The IAS port, 1 to 65535. Wider than `u16` so that every surface (C, Kotlin, Swift,
    /// Python, CLI) passes its number through and gets the same `InvalidPort` check.
    pub port: u32,
    /// `content_id`: "the ID of the content (in query)"; percent-encoded on the wire.
    pub content_id: &'a str,
    /// The bearer token "that the client received at signon" (secret; the `Bearer ` prefix is
    /// added here).
    pub bearer_token: &'a str,
    /// `nv-tenant-id`: "the tenant ID".
    pub tenant_id: &'a str,
}

impl fmt::Debug for ContentTokenRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ContentTokenRequest")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("content_id", &self.content_id)
            .field("bearer_token", &"<redacted>")
            .field("tenant_id", &self.tenant_id)
            .finish()
    }
}

fn missing(name: &'static str) -> Error {
    Error::new(ErrorKind::MissingField).with_parameter(name)
}

impl<'a> ContentTokenRequest<'a> {
    /// The request's method, `POST`.
    #[must_use]
    pub const fn method(&self) -> &'static str {
        METHOD
    }

    /// Checks every field, in the order host, port, `content_id`, `authorization`, `nv-tenant-id`.
    ///
    /// # Errors
    /// [`ErrorKind::MissingField`] (an empty field), [`ErrorKind::InvalidHost`],
    /// [`ErrorKind::InvalidPort`] (0 or above 65535), [`ErrorKind::ControlCharacter`] (in the
    /// bearer token or tenant id: header injection), each naming the field (`host`, `port`,
    /// `content_id`, `authorization`, `nv-tenant-id`).
    pub fn validate(&self) -> Result<(), Error> {
        self.check_host()?;
        if self.content_id.is_empty() {
            return Err(missing("content_id"));
        }
        check_header_value(self.bearer_token, "authorization")?;
        check_header_value(self.tenant_id, "nv-tenant-id")
    }

    /// `host` and `port`: what the URL needs to be well-formed.
    fn check_host(&self) -> Result<(), Error> {
        if self.host.is_empty() {
            return Err(missing("host"));
        }
        crate::host::check_host(self.host).map_err(|e| e.with_parameter("host"))?;
        if self.port == 0 || self.port > u32::from(u16::MAX) {
            return Err(Error::new(ErrorKind::InvalidPort).with_parameter("port"));
        }
        Ok(())
    }

    fn write(&self, sink: &mut dyn Sink) {
        let mut port = [0u8; 5];
        sink.put("https://");
        sink.put(self.host);
        sink.put(":");
        sink.put(decimal(self.port, &mut port));
        sink.put(PATH);
        sink.put("?content_id=");
        sink.put_encoded(self.content_id);
        sink.put("&type=device");
    }

    /// The exact length of [`write_url`](Self::write_url)'s output.
    #[must_use]
    pub fn url_len(&self) -> usize {
        let mut c = crate::encode::Counter(0);
        self.write(&mut c);
        c.0
    }

    /// Writes `https://<host>:<port>/ias/v2/content_token?content_id=<id>&type=device`
    /// (`content_id` percent-encoded as in [`crate::encode`]). Like every service's `write_url`,
    /// it checks only what the URL needs to be well-formed (`host`, `port`) and applies none of
    /// the service's rules: call [`validate`](Self::validate) first.
    ///
    /// # Errors
    /// [`ErrorKind::MissingField`] / [`ErrorKind::InvalidHost`] naming `host`,
    /// [`ErrorKind::InvalidPort`]; [`ErrorKind::BufferTooSmall`] with
    /// [`url_len`](Self::url_len) (the buffer is untouched).
    pub fn write_url<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, Error> {
        self.check_host()?;
        let n = write_exact(out, |s| self.write(s))?;
        written_str(out, n)
    }

    /// The two headers, `authorization: Bearer <token>` and `nv-tenant-id: <tenant>`. The body
    /// is empty. Call [`validate`](Self::validate) (or `write_url`) first: it is what makes the
    /// values safe to put on a header line.
    #[must_use]
    pub fn headers(&self) -> Headers<'a> {
        let mut headers = Headers::new();
        // Two headers in a list of three: pushes cannot fail.
        let _ = headers.push(Header {
            name: "authorization",
            value_prefix: BEARER_PREFIX,
            value: self.bearer_token,
            secret: true,
        });
        let _ = headers.push(Header {
            name: "nv-tenant-id",
            value_prefix: "",
            value: self.tenant_id,
            secret: false,
        });
        headers
    }
}

/// `n` (at most 65535 after validation; larger values are clamped) in decimal.
fn decimal(n: u32, buf: &mut [u8; 5]) -> &str {
    let mut n = n.min(u32::from(u16::MAX));
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            // n % 10 < 10, so the cast is exact.
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    buf.get(i..).and_then(|d| core::str::from_utf8(d).ok()).unwrap_or("0")
}
