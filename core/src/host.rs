//! Host and port checks shared by every service, so a caller-supplied host can never end the
//! authority early (`evil.com/`, `a@b`, CR/LF) and redirect a request.

use core::net::{Ipv4Addr, Ipv6Addr};
use core::str::FromStr;

use crate::error::{Error, ErrorKind};

fn invalid_host() -> Error {
    Error::new(ErrorKind::InvalidHost)
}

/// Whether `label` is an RFC 1123 DNS label: 1-63 letters, digits or `-`, not at either end.
fn is_dns_label(label: &str) -> bool {
    let b = label.as_bytes();
    (1..=63).contains(&b.len())
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        && b.first() != Some(&b'-')
        && b.last() != Some(&b'-')
}

/// Checks a host: a DNS name (RFC 1123, at most 253 characters, optional trailing dot), an IPv4
/// address, or an IPv6 address in brackets (`[::1]`).
///
/// # Errors
/// [`ErrorKind::InvalidHost`].
pub fn check_host(host: &str) -> Result<(), Error> {
    if let Some(inner) = host.strip_prefix('[') {
        let addr = inner.strip_suffix(']').ok_or(invalid_host())?;
        return Ipv6Addr::from_str(addr).map(|_| ()).map_err(|_| invalid_host());
    }
    if Ipv4Addr::from_str(host).is_ok() {
        return Ok(());
    }
    let name = host.strip_suffix('.').unwrap_or(host);
    let all_numeric = name.bytes().all(|c| c.is_ascii_digit() || c == b'.');
    if name.len() > 253 || all_numeric || !name.split('.').all(is_dns_label) {
        return Err(invalid_host());
    }
    Ok(())
}

/// Parses a port: decimal 1 to 65535.
///
/// # Errors
/// [`ErrorKind::InvalidPort`].
pub fn parse_port(port: &str) -> Result<u16, Error> {
    crate::time::parse_u64(port)
        .and_then(|p| u16::try_from(p).ok())
        .filter(|p| *p != 0)
        .ok_or(Error::new(ErrorKind::InvalidPort))
}

/// Checks `host[:port]` (IPv6 in brackets).
///
/// # Errors
/// [`ErrorKind::InvalidHost`], [`ErrorKind::InvalidPort`].
pub fn check_authority(authority: &str) -> Result<(), Error> {
    let (host, port) = match authority.rfind(':') {
        Some(i)
            if !authority.ends_with(']')
                && authority.get(..i).is_some_and(|h| !h.contains(':') || h.ends_with(']')) =>
        {
            (authority.get(..i).unwrap_or_default(), authority.get(i + 1..))
        }
        _ => (authority, None),
    };
    check_host(host)?;
    if let Some(p) = port {
        parse_port(p)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        for ok in [
            "example.com",
            "a.b-c.d",
            "localhost",
            "10.0.0.1",
            "[::1]",
            "[2001:db8::7]",
            "host.example.",
        ] {
            assert!(check_host(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "ex ample.com",
            "evil.com/",
            "a@b",
            "-a.com",
            "a-.com",
            "a..b",
            "[::1",
            "::1",
            "1.2.3.999",
            "x\r\ny",
            "é.com",
        ] {
            assert!(check_host(bad).is_err(), "{bad}");
        }
        assert!(check_authority("example.com:8443").is_ok());
        assert!(check_authority("[::1]:443").is_ok());
        assert_eq!(
            check_authority("example.com:0").unwrap_err().kind(),
            ErrorKind::InvalidPort
        );
        assert_eq!(
            check_authority("example.com:65536").unwrap_err().kind(),
            ErrorKind::InvalidPort
        );
        assert_eq!(parse_port("65535"), Ok(65535));
    }
}
