//! Compact JWTs (`header.payload.signature`, RFC 7519 section 3), as IAS may send its tokens.
//! Signatures are not verified (there are no keys on the device); the payload can be decoded
//! into a caller buffer and parsed with the same types as the object form.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::error::{Error, ErrorKind};

fn bad() -> Error {
    Error::new(ErrorKind::InvalidToken)
}

/// Header, payload and signature, as bytes.
type Segments<'a> = (&'a [u8], &'a [u8], &'a [u8]);

/// The three segments of a compact JWT, each non-empty base64url without padding (the
/// signature may be empty for an unsecured JWT, RFC 7519 section 6). Split by byte: `str::split`
/// with a `char` keeps a panic path in the firmware library.
fn segments(jwt: &str) -> Result<Segments<'_>, Error> {
    let mut parts = jwt.as_bytes().split(|&b| b == b'.');
    let (Some(header), Some(payload), Some(signature), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    let alphabet = |s: &[u8]| s.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if header.is_empty() || payload.is_empty() || !alphabet(header) || !alphabet(payload) || !alphabet(signature) {
        return Err(bad());
    }
    Ok((header, payload, signature))
}

/// Checks the form of a compact JWT: three dot-separated base64url segments.
///
/// # Errors
/// [`ErrorKind::InvalidToken`].
pub fn check(jwt: &str) -> Result<(), Error> {
    segments(jwt).map(|_| ())
}

/// The exact length of the decoded payload.
///
/// # Errors
/// [`ErrorKind::InvalidToken`] (not a compact JWT, or a payload length base64 cannot have).
pub fn payload_len(jwt: &str) -> Result<usize, Error> {
    let (_, payload, _) = segments(jwt)?;
    let n = payload.len();
    // Unpadded base64: 4 characters make 3 bytes; a remainder of 2 or 3 makes 1 or 2 more.
    match n % 4 {
        1 => Err(bad()),
        r => Ok(n / 4 * 3 + r.saturating_sub(1)),
    }
}

/// Decodes the payload (the claims' JSON text) into `out`.
///
/// # Errors
/// [`ErrorKind::InvalidToken`] (not a compact JWT, or bad base64), [`ErrorKind::InvalidUtf8`],
/// [`ErrorKind::BufferTooSmall`] with [`payload_len`] (`out` untouched).
pub fn write_payload<'o>(jwt: &str, out: &'o mut [u8]) -> Result<&'o str, Error> {
    let (_, payload, _) = segments(jwt)?;
    let n = payload_len(jwt)?;
    let dst = out.get_mut(..n).ok_or(Error::buffer_too_small(n))?;
    let written = URL_SAFE_NO_PAD.decode_slice(payload, dst).map_err(|_| bad())?;
    let text = dst.get(..written).ok_or(bad())?;
    core::str::from_utf8(text).map_err(|_| Error::new(ErrorKind::InvalidUtf8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_payloads() {
        // {"alg":"none"} . {"jti":"a"} . (empty signature)
        let jwt = "eyJhbGciOiJub25lIn0.eyJqdGkiOiJhIn0.";
        assert_eq!(payload_len(jwt).unwrap(), 11);
        let mut out = [0u8; 11];
        assert_eq!(write_payload(jwt, &mut out).unwrap(), r#"{"jti":"a"}"#);
        let mut short = [0u8; 10];
        assert_eq!(
            write_payload(jwt, &mut short).unwrap_err().kind(),
            ErrorKind::BufferTooSmall { required: 11 }
        );
        assert!(check("a.b").is_err());
        assert!(check("a.b.c.d").is_err());
        assert!(check("a+.b.c").is_err());
        assert!(payload_len("a.bcdef.c").is_err());
    }
}
