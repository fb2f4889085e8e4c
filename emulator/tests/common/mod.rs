//! A raw HTTP/1.1 client over TCP for the emulator's tests: the tests set any Host header, send
//! any bytes, and see exactly what came back (a cut-short body included).

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use drmtoken_emulator::{Config, Server};

/// The seeds' sample authenticator (a test account of the built-in configuration).
pub const AUTH: &str = "201722,1ad8eed133edf43cbcc185f0236828ae";
/// The built-in production account.
pub const PROD_AUTH: &str = "201722,0123456789abcdef0123456789abcdef";
pub const KEY: &str = "b366360da82e9c6e0b0984002a362cf2";
pub const IV: &str = "0123456789abcdef0123456789abcdef";

pub fn start() -> Server {
    start_with(Config::builtin())
}

pub fn start_with(config: Config) -> Server {
    Server::start("127.0.0.1:0".parse().unwrap(), config).unwrap()
}

/// An answer as received.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Whether the body is as long as `Content-Length` said.
    pub complete: bool,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or_default()
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Splits one response off the front of `bytes`: the response and the bytes it used.
pub fn parse_response(bytes: &[u8]) -> Option<(Response, usize)> {
    let head_end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&bytes[..head_end]).ok()?;
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let body_start = head_end + 4;
    let available = bytes.len() - body_start;
    let take = available.min(length);
    Some((
        Response {
            status,
            headers,
            body: bytes[body_start..body_start + take].to_vec(),
            complete: take == length,
        },
        body_start + take,
    ))
}

/// Sends `raw` on a new connection and reads until the server closes it.
pub fn exchange(addr: SocketAddr, raw: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    stream.write_all(raw)?;
    let mut out = Vec::new();
    match stream.read_to_end(&mut out) {
        Ok(_) => Ok(out),
        // A reset after a dropped body still leaves what was read.
        Err(_) if !out.is_empty() => Ok(out),
        Err(e) => Err(e),
    }
}

/// A request with `Connection: close`.
pub fn request(
    addr: SocketAddr,
    method: &str,
    host: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut raw = format!("{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (n, v) in headers {
        raw.push_str(&format!("{n}: {v}\r\n"));
    }
    if method == "POST" {
        raw.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    raw.push_str("\r\n");
    let mut bytes = raw.into_bytes();
    bytes.extend_from_slice(body);
    let out = exchange(addr, &bytes).unwrap();
    parse_response(&out)
        .unwrap_or_else(|| panic!("no response in {:?}", String::from_utf8_lossy(&out)))
        .0
}

pub fn get(addr: SocketAddr, target: &str, headers: &[(&str, &str)]) -> Response {
    request(addr, "GET", "127.0.0.1", target, headers, b"")
}

/// A `name=value&...` string, values form-encoded.
pub fn query(pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (n, v) in pairs {
        s.append_pair(n, v);
    }
    s.finish()
}

pub fn playready_params(auth: &str) -> Vec<(&str, &str)> {
    vec![
        ("customerAuthenticator", auth),
        ("kid", KEY),
        ("contentKey", KEY),
        ("rightsType", "BuyToOwn"),
        ("analogVideoOPL", "0"),
        ("compressedDigitalAudioOPL", "0"),
        ("compressedDigitalVideoOPL", "0"),
        ("uncompressedDigitalAudioOPL", "0"),
        ("uncompressedDigitalVideoOPL", "0"),
    ]
}

pub fn fairplay_params(auth: &str) -> Vec<(&str, &str)> {
    vec![("customerAuthenticator", auth), ("contentKey", KEY), ("iv", IV)]
}

pub fn widevine_params(auth: &str) -> Vec<(&str, &str)> {
    vec![
        ("customerAuthenticator", auth),
        ("kid", KEY),
        ("contentKey", KEY),
        ("securityLevel", "1"),
        ("hdcpOutputControl", "0"),
    ]
}
