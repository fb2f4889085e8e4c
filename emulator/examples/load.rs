//! A bounded load test of the emulator over loopback: N keep-alive connections (64) share M
//! requests (20 000) across the five services, 1 % of them with an injected 503, then it stops
//! and reports throughput, latency percentiles and errors (any answer other than the expected
//! one, or any I/O failure; the injected 503s are counted apart).
//!
//! ```sh
//! cargo run -p drmtoken-emulator --release --example load [-- --connections 64 --requests 20000 --target 127.0.0.1:8787]
//! ```
//!
//! Without `--target` the emulator runs in this process (2 runtime threads), on a free
//! loopback port; the client threads share the machine with it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use drmtoken_emulator::{Config, Server};

const AUTH: &str = "201722%2C1ad8eed133edf43cbcc185f0236828ae";
const KEY: &str = "b366360da82e9c6e0b0984002a362cf2";

/// One request of the mix, and the status it must get.
fn request(i: usize) -> (String, u16) {
    let injected = i % 100 == 99;
    let fault = if injected {
        "X-Drmtoken-Fault: status=503\r\n"
    } else {
        ""
    };
    let status = if injected { 503 } else { 200 };
    let raw = match i % 5 {
        0 => format!(
            "GET /hms/pr/token?customerAuthenticator={AUTH}&kid={KEY}&contentKey={KEY}&rightsType=BuyToOwn&analogVideoOPL=0&compressedDigitalAudioOPL=0&compressedDigitalVideoOPL=0&uncompressedDigitalAudioOPL=0&uncompressedDigitalVideoOPL=0&cookie=c{i} HTTP/1.1\r\nHost: pr-gen.test.expressplay.com\r\n{fault}\r\n"
        ),
        1 => {
            let body = format!("customerAuthenticator={AUTH}&kid={KEY}&contentKey={KEY}&securityLevel=1&hdcpOutputControl=0&cookie=c{i}");
            format!(
                "POST /hms/wv/token HTTP/1.1\r\nHost: wv-gen.test.expressplay.com\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n{fault}\r\n{body}",
                body.len()
            )
        }
        2 => format!(
            "GET /hms/fp/token?customerAuthenticator={AUTH}&contentKey={KEY}&iv=0123456789abcdef0123456789abcdef&cookie=c{i} HTTP/1.1\r\nHost: fp-gen.test.expressplay.com\r\n{fault}\r\n"
        ),
        3 => format!(
            "POST /ias/v2/content_token?content_id=content7&type=device HTTP/1.1\r\nHost: ias\r\nauthorization: Bearer emulator-bearer-token\r\nnv-tenant-id: nagra\r\nContent-Length: 0\r\n{fault}\r\n"
        ),
        _ => format!(
            "GET /api/v1/tokens/authz?requestor=sampleRequestorId&deviceId=d{i}&resource=sampleResourceId&format=json HTTP/1.1\r\nHost: sp\r\nX-Device-Info: e30=\r\n{fault}\r\n"
        ),
    };
    (raw, status)
}

/// Reads one response: its status (the body is read and dropped).
fn read_response(r: &mut BufReader<TcpStream>) -> std::io::Result<u16> {
    let mut line = String::new();
    r.read_line(&mut line)?;
    let status = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut length = 0usize;
    loop {
        line.clear();
        if r.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((n, v)) = l.split_once(':') {
            if n.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().map_err(std::io::Error::other)?;
            }
        }
    }
    let mut body = vec![0u8; length];
    r.read_exact(&mut body)?;
    Ok(status)
}

struct Outcome {
    latencies: Vec<Duration>,
    errors: usize,
    injected: usize,
    first_error: Option<String>,
}

fn client(addr: SocketAddr, next: &AtomicUsize, total: usize) -> Outcome {
    let mut out = Outcome {
        latencies: Vec::new(),
        errors: 0,
        injected: 0,
        first_error: None,
    };
    let mut conn: Option<(TcpStream, BufReader<TcpStream>)> = None;
    loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i >= total {
            return out;
        }
        let (raw, expected) = request(i);
        let t = Instant::now();
        let result = (|| -> std::io::Result<u16> {
            if conn.is_none() {
                let s = TcpStream::connect(addr)?;
                s.set_nodelay(true)?;
                s.set_read_timeout(Some(Duration::from_secs(10)))?;
                let r = BufReader::new(s.try_clone()?);
                conn = Some((s, r));
            }
            let (s, r) = conn.as_mut().ok_or_else(|| std::io::Error::other("no connection"))?;
            s.write_all(raw.as_bytes())?;
            read_response(r)
        })();
        out.latencies.push(t.elapsed());
        match result {
            Ok(s) if s == expected && expected == 503 => out.injected += 1,
            Ok(s) if s == expected => {}
            other => {
                out.errors += 1;
                out.first_error
                    .get_or_insert_with(|| format!("request {i}: {other:?}, expected {expected}"));
                conn = None;
            }
        }
    }
}

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    let connections: usize = arg("--connections").map_or(64, |v| v.parse().expect("--connections N"));
    let total: usize = arg("--requests").map_or(20_000, |v| v.parse().expect("--requests N"));
    let (_server, addr) = match arg("--target") {
        Some(t) => (None, t.parse::<SocketAddr>().expect("--target IP:PORT")),
        None => {
            let s = Server::start("127.0.0.1:0".parse().unwrap(), Config::builtin()).expect("start the emulator");
            let a = s.addr();
            (Some(s), a)
        }
    };
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let threads: Vec<_> = (0..connections)
        .map(|_| {
            let next = next.clone();
            std::thread::spawn(move || client(addr, &next, total))
        })
        .collect();
    let mut latencies = Vec::with_capacity(total);
    let (mut errors, mut injected, mut first_error) = (0, 0, None);
    for t in threads {
        let o = t.join().expect("client thread");
        latencies.extend(o.latencies);
        errors += o.errors;
        injected += o.injected;
        first_error = first_error.or(o.first_error);
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let pct = |p: f64| {
        latencies[((latencies.len() as f64 * p).ceil() as usize)
            .saturating_sub(1)
            .min(latencies.len() - 1)]
    };
    println!("emulator load test: {total} requests over {connections} keep-alive connections to {addr}");
    println!(
        "  elapsed {:.2} s, throughput {:.0} requests/s",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64()
    );
    println!(
        "  latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        latencies[latencies.len() - 1].as_secs_f64() * 1e3
    );
    println!("  injected 503s {injected} (expected {}), errors {errors}", total / 100);
    if let Some(e) = first_error {
        println!("  first error: {e}");
    }
    if errors > 0 || injected != total / 100 {
        std::process::exit(1);
    }
}
