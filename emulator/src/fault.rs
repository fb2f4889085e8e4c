//! Fault injection: what a request's `X-Drmtoken-Fault` header (or a config rule) asks the
//! emulator to do to its answer.
//!
//! The syntax is a list of items separated by `,` or `;`:
//!
//! | item | effect |
//! |---|---|
//! | `latency=200ms` (`2s`, or bare milliseconds) | wait before answering |
//! | `status=503` (500–599) | answer that server error, in the service's error format |
//! | `drop` | send the headers and half the body, then close the connection |
//! | `truncate` | send half the body, with a `Content-Length` that matches it |
//! | `malformed` | corrupt the body (half of it, then bytes no parser accepts) |
//! | `content-type=text/plain` | send the body under another content type |
//! | `trickle=100ms` or `trickle=100ms/8` | send the body 8 bytes (default 16) per interval |
//!
//! `drop`, `truncate` and `malformed` exclude each other. Latency is at most 60 s and a trickle
//! interval at most 10 s, so a typo cannot hang a test run.

use std::fmt;
use std::time::Duration;

/// The request header that selects a fault.
pub const FAULT_HEADER: &str = "x-drmtoken-fault";

/// The longest latency a fault may ask for.
pub const MAX_LATENCY: Duration = Duration::from_secs(60);
/// The longest trickle interval a fault may ask for.
pub const MAX_TRICKLE_INTERVAL: Duration = Duration::from_secs(10);

/// What happens to the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyFault {
    /// Half the body, then the connection is closed (the `Content-Length` promised it all).
    Drop,
    /// Half the body, announced as the whole.
    Truncate,
    /// Half the body followed by bytes that are neither JSON, XML nor a URL.
    Malformed,
}

/// A body sent slowly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trickle {
    /// The pause before each chunk.
    pub interval: Duration,
    /// The bytes per chunk.
    pub chunk: usize,
}

/// A parsed fault specification.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fault {
    /// Added before the answer.
    pub latency: Option<Duration>,
    /// A 5xx answered instead of the service's answer.
    pub status: Option<u16>,
    /// What happens to the body.
    pub body: Option<BodyFault>,
    /// The content type sent instead of the right one.
    pub content_type: Option<String>,
    /// The body sent slowly.
    pub trickle: Option<Trickle>,
}

/// Why a fault specification was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultError(pub String);

impl fmt::Display for FaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FaultError {}

/// `200ms`, `2s`, `1.5s` or bare milliseconds.
fn duration(text: &str) -> Result<Duration, FaultError> {
    let bad = || FaultError(format!("bad duration {text:?} (200ms, 2s)"));
    let t = text.trim();
    let (number, scale) = if let Some(n) = t.strip_suffix("ms") {
        (n, 1e-3)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1.0)
    } else {
        (t, 1e-3)
    };
    let value: f64 = number.trim().parse().map_err(|_| bad())?;
    if !value.is_finite() || value < 0.0 {
        return Err(bad());
    }
    Duration::try_from_secs_f64(value * scale).map_err(|_| bad())
}

/// An item's value, or why it is missing.
fn need<'a>(name: &str, value: Option<&'a str>) -> Result<&'a str, FaultError> {
    value.ok_or_else(|| FaultError(format!("{name} needs a value ({name}=...)")))
}

impl Fault {
    /// Parses a specification (see the module documentation).
    ///
    /// # Errors
    /// An unknown item, a bad value, or two body faults at once.
    pub fn parse(spec: &str) -> Result<Fault, FaultError> {
        let mut fault = Fault::default();
        for item in spec.split([',', ';']).map(str::trim).filter(|i| !i.is_empty()) {
            let (name, value) = item
                .split_once('=')
                .map_or((item, None), |(n, v)| (n.trim(), Some(v.trim())));
            let body = |fault: &mut Fault, b: BodyFault| {
                if fault.body.is_some_and(|old| old != b) {
                    return Err(FaultError("drop, truncate and malformed exclude each other".into()));
                }
                fault.body = Some(b);
                Ok(())
            };
            match name.to_ascii_lowercase().as_str() {
                "latency" => {
                    let d = duration(need(name, value)?)?;
                    if d > MAX_LATENCY {
                        return Err(FaultError(format!("latency above {}s", MAX_LATENCY.as_secs())));
                    }
                    fault.latency = Some(d);
                }
                "status" => {
                    let s: u16 = need(name, value)?
                        .parse()
                        .map_err(|_| FaultError(format!("bad status {value:?}")))?;
                    if !(500..=599).contains(&s) {
                        return Err(FaultError(format!("status {s}: only 500 to 599 can be injected")));
                    }
                    fault.status = Some(s);
                }
                "drop" => body(&mut fault, BodyFault::Drop)?,
                "truncate" => body(&mut fault, BodyFault::Truncate)?,
                "malformed" => body(&mut fault, BodyFault::Malformed)?,
                "content-type" => {
                    let ct = need(name, value)?;
                    if ct.is_empty() || ct.bytes().any(|b| b.is_ascii_control()) {
                        return Err(FaultError("bad content-type".into()));
                    }
                    fault.content_type = Some(ct.to_owned());
                }
                "trickle" => {
                    let v = need(name, value)?;
                    let (interval, chunk) = v.split_once('/').unwrap_or((v, "16"));
                    let interval = duration(interval)?;
                    if interval > MAX_TRICKLE_INTERVAL {
                        return Err(FaultError(format!(
                            "trickle interval above {}s",
                            MAX_TRICKLE_INTERVAL.as_secs()
                        )));
                    }
                    let chunk: usize = chunk
                        .trim()
                        .parse()
                        .ok()
                        .filter(|c| (1..=65_536).contains(c))
                        .ok_or_else(|| FaultError(format!("bad trickle chunk {chunk:?} (1 to 65536 bytes)")))?;
                    fault.trickle = Some(Trickle { interval, chunk });
                }
                other => {
                    return Err(FaultError(format!(
                        "unknown fault {other:?} (latency, status, drop, truncate, malformed, content-type, trickle)"
                    )))
                }
            }
        }
        Ok(fault)
    }

    /// Whether the fault changes nothing.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Fault::default()
    }
}

impl fmt::Display for Fault {
    /// The fault in the header's syntax (`latency=200ms,status=503`); `none` when empty.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut items = Vec::new();
        if let Some(l) = self.latency {
            items.push(format!("latency={}ms", l.as_millis()));
        }
        if let Some(s) = self.status {
            items.push(format!("status={s}"));
        }
        match self.body {
            Some(BodyFault::Drop) => items.push("drop".into()),
            Some(BodyFault::Truncate) => items.push("truncate".into()),
            Some(BodyFault::Malformed) => items.push("malformed".into()),
            None => {}
        }
        if let Some(ct) = &self.content_type {
            items.push(format!("content-type={ct}"));
        }
        if let Some(t) = self.trickle {
            items.push(format!("trickle={}ms/{}", t.interval.as_millis(), t.chunk));
        }
        if items.is_empty() {
            f.write_str("none")
        } else {
            f.write_str(&items.join(","))
        }
    }
}

/// The body a [`BodyFault::Truncate`] or [`BodyFault::Malformed`] sends (a drop sends the
/// same half as a truncation, then closes).
#[must_use]
pub fn damaged_body(body: &[u8], fault: BodyFault) -> Vec<u8> {
    let half = body.get(..body.len() / 2).unwrap_or_default();
    let mut out = half.to_vec();
    if fault == BodyFault::Malformed {
        // A NUL and unbalanced brackets: not JSON, not XML, not a URL.
        out.extend_from_slice(b"\x00}{<]]>\"\x01");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_item() {
        let f = Fault::parse("latency=200ms, status=503; truncate , content-type=text/plain,trickle=50ms/4").unwrap();
        assert_eq!(f.latency, Some(Duration::from_millis(200)));
        assert_eq!(f.status, Some(503));
        assert_eq!(f.body, Some(BodyFault::Truncate));
        assert_eq!(f.content_type.as_deref(), Some("text/plain"));
        assert_eq!(
            f.trickle,
            Some(Trickle {
                interval: Duration::from_millis(50),
                chunk: 4
            })
        );
        assert_eq!(
            Fault::parse("latency=2s").unwrap().latency,
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            Fault::parse("latency=15").unwrap().latency,
            Some(Duration::from_millis(15))
        );
        assert_eq!(Fault::parse("trickle=10ms").unwrap().trickle.unwrap().chunk, 16);
        assert!(Fault::parse("").unwrap().is_empty());
        assert_eq!(Fault::parse(&f.to_string()).unwrap(), f);
        assert_eq!(Fault::parse("drop").unwrap().body, Some(BodyFault::Drop));
        assert_eq!(Fault::parse("MALFORMED").unwrap().body, Some(BodyFault::Malformed));
    }

    #[test]
    fn refuses_what_it_cannot_do() {
        for bad in [
            "status=404",
            "status=abc",
            "status",
            "latency=61s",
            "latency=-1ms",
            "latency=NaNs",
            "drop,truncate",
            "explode",
            "trickle=11s",
            "trickle=10ms/0",
            "content-type=",
        ] {
            assert!(Fault::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn damaged_bodies() {
        assert_eq!(damaged_body(b"abcdef", BodyFault::Truncate), b"abc");
        assert!(damaged_body(b"{}", BodyFault::Malformed).starts_with(b"{\x00"));
        assert!(damaged_body(b"", BodyFault::Truncate).is_empty());
    }
}
