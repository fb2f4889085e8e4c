//! What a player does with a token (ExpressPlay's integration guides, SPEC 2.3):
//! - FairPlay: the rights URL goes into the HLS `#EXT-X-KEY` tag with its scheme changed from
//!   `https://` to `skd://`.
//! - PlayReady: the licence server URL is `licenseAcquisitionUrl + "?ExpressPlayToken=" + token`
//!   (`&` when the URL already has a query).
//! - Widevine: the returned URL is the licence server URL; or the URL without its query, with
//!   the token sent separately (e.g. as a POST header).

use crate::encode::{write_exact, write_sized, written_str, Sink};
use crate::error::Error;

use super::response::{PlayReadyToken, UrlToken, TOKEN_PARAMETER};
use crate::http::strip_scheme;

/// The scheme FairPlay Streaming key URIs use in `#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://..."`.
pub const SKD_SCHEME: &str = "skd://";

impl<'a> UrlToken<'a> {
    /// The URL without its query (`https://wv.service.expressplay.com/hms/wv/rights/`), for
    /// players that send the token separately.
    #[must_use]
    pub fn url_without_query(&self) -> &'a str {
        crate::http::before_byte(self.url, b'?')
    }

    fn write_skd(&self, sink: &mut dyn Sink) {
        sink.put(SKD_SCHEME);
        // A parsed UrlToken always has an http(s) scheme; keep the URL whole otherwise.
        sink.put(strip_scheme(self.url).unwrap_or(self.url));
    }

    /// The exact length of [`write_skd_uri`](Self::write_skd_uri)'s output.
    #[must_use]
    pub fn skd_uri_len(&self) -> usize {
        let mut c = crate::encode::Counter(0);
        self.write_skd(&mut c);
        c.0
    }

    /// Writes the FairPlay key URI: the rights URL with `https://` replaced by `skd://`, for the
    /// HLS `#EXT-X-KEY` tag.
    ///
    /// # Errors
    /// [`ErrorKind::BufferTooSmall`](crate::ErrorKind::BufferTooSmall) with
    /// [`skd_uri_len`](Self::skd_uri_len); `out` is untouched.
    pub fn write_skd_uri<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, Error> {
        let n = write_exact(out, |s| self.write_skd(s))?;
        written_str(out, n)
    }
}

impl PlayReadyToken<'_> {
    /// `?` before the token, or `&` when the licence URL already has a query.
    fn separator(&self) -> &'static str {
        if crate::scan::all(self.license_acquisition_url.as_bytes(), |b| b != b'?') {
            "?"
        } else {
            "&"
        }
    }

    /// The exact length of [`write_license_url`](Self::write_license_url)'s output.
    #[must_use]
    pub fn license_url_len(&self) -> usize {
        // `<url><sep>ExpressPlayToken=<token>`: computed, not counted by running the writer.
        self.license_acquisition_url
            .len()
            .saturating_add(TOKEN_PARAMETER.len() + 2)
            .saturating_add(self.token.len())
    }

    /// Writes the PlayReady licence server URL: `licenseAcquisitionUrl?ExpressPlayToken=<token>`.
    ///
    /// # Errors
    /// [`ErrorKind::BufferTooSmall`](crate::ErrorKind::BufferTooSmall) with
    /// [`license_url_len`](Self::license_url_len); `out` is untouched.
    pub fn write_license_url<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, Error> {
        let n = self.license_url_len();
        write_sized(out, n, |sink| {
            sink.put(self.license_acquisition_url);
            sink.put(self.separator());
            sink.put(TOKEN_PARAMETER);
            sink.put("=");
            // Checked when parsed: base64url and `=` only, all legal in a query value.
            sink.put(self.token);
        })?;
        written_str(out, n)
    }
}
