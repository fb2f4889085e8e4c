//! Host and port checks shared by every service, so a caller-supplied host can never end the
//! authority early (`evil.com/`, `a@b`, CR/LF) and redirect a request.
//!
//! Byte-level on purpose (issue 18): `core::net`'s address parsers and `str` pattern searches
//! cost about 2 KB of Cortex-M code and keep panic paths the optimiser cannot remove. The IP
//! literal grammar below is `core::net`'s (`Ipv4Addr`/`Ipv6Addr::from_str`), step for step; the
//! tests compare the two on a table of addresses.

use crate::error::{Error, ErrorKind};
use crate::scan;

fn invalid_host() -> Error {
    Error::new(ErrorKind::InvalidHost)
}

/// Whether `label` is an RFC 1123 DNS label: 1-63 letters, digits or `-`, not at either end
/// (the characters are checked for the whole name first, by [`name_bytes_ok`]).
fn is_dns_label(b: &[u8]) -> bool {
    (1..=63).contains(&b.len()) && b.first() != Some(&b'-') && b.last() != Some(&b'-')
}

/// How many of the leading bytes of `s` satisfy `pred`.
fn leading(s: &[u8], pred: impl Fn(&u8) -> bool) -> usize {
    s.iter().take_while(|c| pred(c)).count()
}

/// The length of the IPv4 octet at the start of `s` (`core::net`: 1-3 decimal digits, at
/// most 255, no leading zero), or `None`.
fn octet(s: &[u8]) -> Option<usize> {
    let n = leading(s, u8::is_ascii_digit);
    let digits = s.get(..n)?;
    let value = digits.iter().fold(0u32, |v, d| {
        v.wrapping_mul(10).wrapping_add(u32::from(d.wrapping_sub(b'0')))
    });
    let leading_zero = n > 1 && digits.first() == Some(&b'0');
    ((1..=3).contains(&n) && value <= 255 && !leading_zero).then_some(n)
}

/// The length of the dotted-quad IPv4 address at the start of `s`, or `None`.
fn ipv4_prefix(s: &[u8]) -> Option<usize> {
    let mut pos = 0;
    for i in 0..4 {
        if i > 0 {
            if s.get(pos) != Some(&b'.') {
                return None;
            }
            pos += 1;
        }
        pos += octet(s.get(pos..)?)?;
    }
    Some(pos)
}

/// The length of the IPv6 group (1-4 hex digits) at the start of `s`, or `None`.
fn hex_group(s: &[u8]) -> Option<usize> {
    let n = leading(s, u8::is_ascii_hexdigit);
    (1..=4).contains(&n).then_some(n)
}

/// Reads up to `limit` `:`-separated groups from the start of `s`, the last two of which may be
/// an IPv4 address: (bytes read, groups read, whether it ended with IPv4).
fn ipv6_groups(s: &[u8], limit: usize) -> (usize, usize, bool) {
    let mut pos = 0;
    for i in 0..limit {
        let start = if i == 0 {
            pos
        } else if s.get(pos) == Some(&b':') {
            pos + 1
        } else {
            return (pos, i, false);
        };
        let rest = s.get(start..).unwrap_or_default();
        if i + 1 < limit {
            if let Some(n) = ipv4_prefix(rest) {
                return (start + n, i + 2, true);
            }
        }
        match hex_group(rest) {
            Some(n) => pos = start + n,
            None => return (pos, i, false),
        }
    }
    (pos, limit, false)
}

/// Whether `s` is exactly an IPv4 address (`core::net::Ipv4Addr` syntax).
fn is_ipv4(s: &[u8]) -> bool {
    ipv4_prefix(s) == Some(s.len())
}

/// Whether `s` is exactly an IPv6 address (`core::net::Ipv6Addr` syntax: 8 groups, or fewer
/// around one `::`, the last 32 bits optionally as IPv4).
fn is_ipv6(s: &[u8]) -> bool {
    let (head, head_groups, head_ipv4) = ipv6_groups(s, 8);
    if head_groups == 8 {
        return head == s.len();
    }
    if head_ipv4 {
        return false;
    }
    let Some(rest) = s.get(head..).and_then(|r| r.strip_prefix(b"::")) else {
        return false;
    };
    let (tail, _, _) = ipv6_groups(rest, 8 - (head_groups + 1));
    tail == rest.len()
}

/// Checks a host: a DNS name (RFC 1123, at most 253 characters, optional trailing dot), an IPv4
/// address, or an IPv6 address in brackets (`[::1]`).
///
/// # Errors
/// [`ErrorKind::InvalidHost`].
pub fn check_host(host: &str) -> Result<(), Error> {
    let host = host.as_bytes();
    if let Some(inner) = host.strip_prefix(b"[") {
        let addr = inner.strip_suffix(b"]").ok_or(invalid_host())?;
        return if is_ipv6(addr) { Ok(()) } else { Err(invalid_host()) };
    }
    // An IPv4 address starts with a digit; most hosts are names and skip the attempt.
    if host.first().is_some_and(u8::is_ascii_digit) && is_ipv4(host) {
        return Ok(());
    }
    let name = host.strip_suffix(b".").unwrap_or(host);
    if name.len() > 253 || !name_bytes_ok(name) || !name.split(|c| *c == b'.').all(is_dns_label) {
        return Err(invalid_host());
    }
    Ok(())
}

/// Whether every byte of `name` is a letter, a digit, `-` or `.`, and at least one is not a
/// digit or `.` (an all-numeric name must be an IPv4 address, checked before). Sixteen bytes a
/// step with no early exit, which compiles to vector compares (issue 20): hosts are checked
/// on every PlayReady response and every custom endpoint.
fn name_bytes_ok(name: &[u8]) -> bool {
    let allowed = |b: u8| scan::is_letter(b) | scan::is_digit(b) | (b == b'-') | (b == b'.');
    scan::all(name, allowed) && !scan::all(name, |b| scan::is_digit(b) | (b == b'.'))
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
    let bytes = authority.as_bytes();
    // Most authorities have no port: a vectorised scan says so before any search (issue 20;
    // not on a Cortex-M, where the search alone is smaller code).
    if scan::VECTOR && scan::all(bytes, |b| b != b':') {
        return check_host(authority);
    }
    // The port follows the last `:`, unless that `:` is inside an IPv6 literal: a bracketed
    // host must end right before it, an unbracketed one must have no other `:`.
    let split = bytes.iter().rposition(|c| *c == b':').filter(|&i| {
        let head = bytes.get(..i).unwrap_or_default();
        bytes.last() != Some(&b']') && (!head.contains(&b':') || head.last() == Some(&b']'))
    });
    let (host, port) = match split {
        // `:` is ASCII, so both sides are on character boundaries.
        Some(i) => (authority.get(..i).unwrap_or_default(), authority.get(i + 1..)),
        None => (authority, None),
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

    /// The rule as it read before the vectorised character check (issue 20), kept as the
    /// reference the tests compare with.
    fn reference_host_ok(host: &[u8]) -> bool {
        let is_label = |b: &[u8]| {
            (1..=63).contains(&b.len())
                && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
                && b.first() != Some(&b'-')
                && b.last() != Some(&b'-')
        };
        if is_ipv4(host) {
            return true;
        }
        let name = host.strip_suffix(b".").unwrap_or(host);
        let all_numeric = name.iter().all(|c| c.is_ascii_digit() || *c == b'.');
        !(name.len() > 253 || all_numeric || !name.split(|c| *c == b'.').all(is_label))
    }

    /// Labels of `len` letters joined by dots, cut to `cut` bytes, in `buf`.
    fn name_in(buf: &mut [u8; 300], len: usize, cut: usize) -> &str {
        for (n, slot) in buf.iter_mut().enumerate().take(cut) {
            *slot = if (n + 1) % (len + 1) == 0 { b'.' } else { b'a' };
        }
        core::str::from_utf8(&buf[..cut]).unwrap()
    }

    #[test]
    fn name_boundaries() {
        let mut buf = [0u8; 300];
        for (len, cut, ok) in [
            (63, 63, true),   // one label of 63
            (64, 64, false),  // one label of 64
            (63, 67, true),   // 63 + "." + 3
            (64, 68, false),  // 64 + "." + 3
            (63, 253, true),  // a name of exactly 253
            (63, 254, false), // one more
        ] {
            let host = name_in(&mut buf, len, cut);
            assert_eq!(check_host(host).is_ok(), ok, "{len} {cut}");
            assert_eq!(reference_host_ok(host.as_bytes()), ok, "{len} {cut} (reference)");
        }
        // A bad byte in a full chunk of sixteen and in the tail after it.
        let mut buf = *b"abcdefghijklmnopqrstuvwxyz.example";
        for at in [0, 7, 15, 16, 20, 33] {
            for bad in [b'_', b'/', b'@', b'[', b'`', b'{', b' ', 0x80] {
                let keep = buf[at];
                buf[at] = bad;
                let host = core::str::from_utf8(&buf).unwrap_or("\u{80}");
                assert!(check_host(host).is_err(), "{host:?}");
                buf[at] = keep;
            }
        }
        for (host, ok) in [
            ("123.com", true),
            ("1.2.3", false),
            ("1.2.3.4", true),
            ("1.2.3.4.", false),
            ("0123456789.0123456789", false),
            ("0123456789.0123456789x", true),
            ("a-b", true),
            ("a.-b", false),
            ("a-.b", false),
            (".a", false),
            ("a..", false),
            (".", false),
        ] {
            assert_eq!(check_host(host).is_ok(), ok, "{host}");
        }
    }

    #[test]
    fn agrees_with_the_reference_on_every_short_name() {
        // Every string of up to 6 characters over the alphabet the rule distinguishes.
        const ALPHABET: &[u8] = b"a0.-_";
        let mut buf = [0u8; 6];
        for len in 0..=6 {
            for mut i in 0..ALPHABET.len().pow(len as u32) {
                for slot in buf.iter_mut().take(len) {
                    *slot = ALPHABET[i % ALPHABET.len()];
                    i /= ALPHABET.len();
                }
                let host = core::str::from_utf8(&buf[..len]).unwrap();
                assert_eq!(check_host(host).is_ok(), reference_host_ok(host.as_bytes()), "{host:?}");
            }
        }
    }

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

    /// The byte-level IP grammar agrees with `core::net` on every literal of the table, and on
    /// every string made of a few of their characters.
    #[test]
    fn ip_literals_match_core_net() {
        use core::net::{Ipv4Addr, Ipv6Addr};
        use core::str::FromStr;
        let table = [
            "",
            "1.2.3.4",
            "0.0.0.0",
            "255.255.255.255",
            "256.1.1.1",
            "01.2.3.4",
            "1.2.3",
            "1.2.3.4.5",
            "1.2.3.04",
            "1..2.3",
            "1.2.3.4 ",
            "1234.1.1.1",
            "::",
            "::1",
            "1::",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "1::8",
            "1:::8",
            ":::",
            "::ffff:1.2.3.4",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "::1.2.3.4.5",
            "12345::",
            "0000:0000::",
            "abcd:EF01::",
            "g::",
            "1:2",
            "::1.2.3",
            "1.2.3.4::",
            "::1:",
            ":1::",
            "fe80::1%eth0",
            "2001:db8::7",
            "::0.0.0.0",
            "1:1.2.3.4",
            "1::1.2.3.04",
        ];
        for s in table {
            assert_eq!(is_ipv4(s.as_bytes()), Ipv4Addr::from_str(s).is_ok(), "ipv4 {s:?}");
            assert_eq!(is_ipv6(s.as_bytes()), Ipv6Addr::from_str(s).is_ok(), "ipv6 {s:?}");
        }
        // Exhaustive over short strings of the grammar's characters.
        let alphabet = [b'0', b'1', b'f', b':', b'.', b'9'];
        let mut buf = [0u8; 6];
        for len in 0..=6 {
            let mut n = 0usize;
            loop {
                let mut k = n;
                for slot in buf.iter_mut().take(len) {
                    *slot = alphabet[k % alphabet.len()];
                    k /= alphabet.len();
                }
                if k != 0 {
                    break;
                }
                let s = core::str::from_utf8(&buf[..len]).unwrap();
                assert_eq!(is_ipv4(s.as_bytes()), Ipv4Addr::from_str(s).is_ok(), "ipv4 {s:?}");
                assert_eq!(is_ipv6(s.as_bytes()), Ipv6Addr::from_str(s).is_ok(), "ipv6 {s:?}");
                n += 1;
            }
        }
    }
}
