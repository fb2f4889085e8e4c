//! What every service's request gives in the same shape: [`Header`]s straight from the core's
//! `http::Header`, and [`Warning`]s beside a valid request.

use std::fmt;

use drmtoken_core::http;
use drmtoken_core::Error;
use zeroize::Zeroizing;

use super::error::DrmTokenError;
use super::secret::{wiped, SecretString};

/// An HTTP header to send, as the core makes it for every service.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug, Display)]
pub struct Header {
    /// The name, spelled as the service's seed spells it (`nv-tenant-id`, `X-Device-Info`).
    pub name: String,
    /// The whole value (`Bearer <token>` for `authorization`); wiped on drop, and redacted
    /// from `toString`/`description`/`repr` when `secret`.
    pub value: SecretString,
    /// Whether the value is a credential, as the core decides it.
    pub secret: bool,
}

impl fmt::Debug for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = if self.secret { "<redacted>" } else { self.value.as_str() };
        write!(f, "{}: {value}", self.name)
    }
}

impl fmt::Display for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

const _: fn(&Header) = |h| wiped(&h.value);

impl Header {
    /// The core's header, its value joined at its exact size (no reallocation leaves a partial
    /// copy of a token behind).
    fn from_core(h: &http::Header<'_>) -> Self {
        let mut value = String::with_capacity(h.value_len());
        value.push_str(h.value_prefix);
        value.push_str(h.value);
        Header {
            name: h.name.to_owned(),
            value: value.into(),
            secret: h.secret,
        }
    }
}

/// The core's headers, in order.
pub(crate) fn headers(h: &http::Headers<'_>) -> Vec<Header> {
    h.iter().map(Header::from_core).collect()
}

/// A non-fatal finding beside a valid request, in the same shape for every service.
#[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Warning {
    /// The wire name of the parameter concerned (`rental.periodEndTime`, `deviceUser`), if any.
    pub parameter: Option<String>,
    /// What the finding is.
    pub message: String,
}

/// Runs a producing core call with an exactly sized buffer, into an owned `String`. The buffer
/// is wiped unless it is handed back (a URL or body carries the request's secrets).
pub(crate) fn produce(
    len: usize,
    write: impl FnOnce(&mut [u8]) -> Result<usize, Error>,
) -> Result<String, DrmTokenError> {
    let mut buf = Zeroizing::new(vec![0u8; len]);
    let n = write(&mut buf)?;
    buf.truncate(n);
    String::from_utf8(std::mem::take(&mut *buf)).map_err(|_| Error::new(drmtoken_core::ErrorKind::InvalidUtf8).into())
}
