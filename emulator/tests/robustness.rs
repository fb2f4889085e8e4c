//! The emulator keeps serving through abrupt disconnects, pipelined requests, garbage, and a
//! short fuzz of raw HTTP bytes.

mod common;

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::time::Duration;

use common::*;

/// The request every check ends with: a PlayReady token must still come back.
fn still_serving(addr: SocketAddr) {
    let r = get(addr, &format!("/hms/pr/token?{}", query(&playready_params(AUTH))), &[]);
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.complete);
}

/// A small deterministic generator (xorshift64*), so a failing case can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn abrupt_disconnects() {
    let server = start();
    let addr = server.addr();
    let target = format!("/hms/pr/token?{}", query(&playready_params(AUTH)));
    for i in 0..40 {
        let mut s = TcpStream::connect(addr).unwrap();
        match i % 4 {
            // Connect and go.
            0 => {}
            // Half a request line.
            1 => s.write_all(b"GET /hms/pr/tok").unwrap(),
            // A whole request, gone before the answer (and a slow one, so it is mid-answer).
            2 => {
                let fault = if i % 8 == 2 { "trickle=5ms/4" } else { "latency=5ms" };
                let raw = format!("GET {target} HTTP/1.1\r\nHost: x\r\nX-Drmtoken-Fault: {fault}\r\n\r\n");
                s.write_all(raw.as_bytes()).unwrap();
                let mut first = [0u8; 20];
                let _ = s.read(&mut first);
            }
            // A POST promising 1000 bytes and sending 10.
            _ => s
                .write_all(b"POST /hms/pr/token HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\ncustomerAu")
                .unwrap(),
        }
        drop(s);
    }
    still_serving(addr);
}

#[test]
fn pipelined_requests_are_answered_in_order() {
    let server = start();
    let addr = server.addr();
    let targets = [
        format!("/hms/pr/token?{}", query(&playready_params(AUTH))),
        format!("/hms/wv/token?{}", query(&widevine_params(AUTH))),
        "/hms/fp/token?customerAuthenticator=".to_owned(),
    ];
    let mut raw = String::new();
    for (i, t) in targets.iter().enumerate() {
        let close = if i == targets.len() - 1 {
            "Connection: close\r\n"
        } else {
            ""
        };
        raw.push_str(&format!("GET {t} HTTP/1.1\r\nHost: 127.0.0.1\r\n{close}\r\n"));
    }
    let bytes = exchange(addr, raw.as_bytes()).unwrap();
    let mut rest = &bytes[..];
    let mut answers = Vec::new();
    while let Some((r, used)) = parse_response(rest) {
        answers.push(r);
        rest = &rest[used..];
    }
    let shape: Vec<(u16, String)> = answers
        .iter()
        .map(|r| (r.status, r.content_type().to_owned()))
        .collect();
    assert_eq!(
        shape,
        [
            (200, "application/json".to_owned()),
            (200, "text/uri-list".to_owned()),
            (401, "text/html".to_owned())
        ]
    );
    still_serving(addr);
}

/// Sends `raw`, half-closes, and reads what comes back within a few seconds. `None` when the
/// server neither answered nor closed in time.
fn poke(addr: SocketAddr, raw: &[u8]) -> Option<Vec<u8>> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let _ = s.write_all(raw);
    let _ = s.shutdown(Shutdown::Write);
    let mut out = Vec::new();
    match s.read_to_end(&mut out) {
        Ok(_) => Some(out),
        Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => None,
        Err(_) => Some(out),
    }
}

#[test]
fn garbage_gets_a_4xx_or_a_close() {
    let server = start();
    let addr = server.addr();
    let long_header = format!("GET / HTTP/1.1\r\nHost: x\r\nX-Long: {}\r\n\r\n", "a".repeat(200_000));
    let cases: Vec<Vec<u8>> = vec![
        b"\x00\x01\x02\xff\xfe garbage\r\n\r\n".to_vec(),
        b"GET / HTTP/9.9\r\n\r\n".to_vec(),
        b"GET /hms/pr/token HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n".to_vec(),
        b"POST /hms/pr/token HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n".to_vec(),
        b"POST /hms/pr/token HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
            .to_vec(),
        b"GET /hms/pr/token?\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        long_header.into_bytes(),
        vec![b'A'; 100_000],
        b"\r\n\r\n\r\n".to_vec(),
    ];
    for raw in &cases {
        let out = poke(addr, raw)
            .unwrap_or_else(|| panic!("hung on {:?}", String::from_utf8_lossy(&raw[..raw.len().min(60)])));
        if let Some((r, _)) = parse_response(&out) {
            assert!(
                r.status >= 400,
                "{} for {:?}",
                r.status,
                String::from_utf8_lossy(&raw[..raw.len().min(60)])
            );
        }
    }
    still_serving(addr);
}

/// One mutation of `seed`: flips, insertions, deletions, splices, cuts.
fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..=rng.below(4) {
        match rng.below(6) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(v.len() + 1);
                v.insert(i, rng.next() as u8);
            }
            2 if !v.is_empty() => {
                let i = rng.below(v.len());
                let n = rng.below(16).min(v.len() - i);
                v.drain(i..i + n);
            }
            3 => {
                let tokens: [&[u8]; 8] = [
                    b"\r\n",
                    b"\r\n\r\n",
                    b"%",
                    b"&",
                    b"=",
                    b"Content-Length: 99\r\n",
                    b"\x00",
                    b"Transfer-Encoding: chunked\r\n",
                ];
                let t = tokens[rng.below(tokens.len())];
                let i = rng.below(v.len() + 1);
                v.splice(i..i, t.iter().copied());
            }
            4 if !v.is_empty() => v.truncate(rng.below(v.len())),
            _ => {
                let i = rng.below(v.len() + 1);
                let bytes: Vec<u8> = (0..rng.below(32)).map(|_| rng.next() as u8).collect();
                v.splice(i..i, bytes);
            }
        }
    }
    v
}

#[test]
fn a_short_fuzz_of_raw_http_bytes() {
    let server = start();
    let addr = server.addr();
    let seeds: Vec<Vec<u8>> = vec![
        format!("GET /hms/pr/token?{} HTTP/1.1\r\nHost: pr-gen.test.expressplay.com\r\n\r\n", query(&playready_params(AUTH))).into_bytes(),
        {
            let body = query(&widevine_params(AUTH));
            format!("POST /hms/wv/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
        },
        b"POST /ias/v2/content_token?content_id=content7&type=device HTTP/1.1\r\nHost: x\r\nauthorization: Bearer emulator-bearer-token\r\nnv-tenant-id: nagra\r\nContent-Length: 0\r\n\r\n".to_vec(),
        b"GET /api/v1/tokens/authz?requestor=sampleRequestorId&deviceId=d&resource=sampleResourceId&format=xml HTTP/1.1\r\nHost: x\r\nX-Device-Info: e30=\r\nX-Drmtoken-Fault: truncate\r\n\r\n".to_vec(),
    ];
    // 4 threads of 500 requests each: 2000 mutated requests.
    let threads: Vec<_> = (0..4u64)
        .map(|t| {
            let seeds = seeds.clone();
            std::thread::spawn(move || {
                let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (t + 1));
                let (mut hung, mut answered, mut ok) = (0, 0, 0);
                for i in 0..500 {
                    let raw = mutate(&mut rng, &seeds[i % seeds.len()]);
                    match poke(addr, &raw).as_deref().map(parse_response) {
                        None => hung += 1,
                        Some(Some((r, _))) => {
                            answered += 1;
                            ok += usize::from(r.status == 200);
                        }
                        Some(None) => {}
                    }
                }
                (hung, answered, ok)
            })
        })
        .collect();
    let (mut hung, mut answered, mut ok) = (0, 0, 0);
    for t in threads {
        let (h, a, o) = t.join().unwrap();
        (hung, answered, ok) = (hung + h, answered + a, ok + o);
    }
    assert_eq!(hung, 0, "requests neither answered nor closed within 5 s");
    // The mutations reach the handlers: some still succeed, many are refused.
    assert!(
        answered > 1000 && ok >= 10 && ok < answered,
        "{answered} answered, {ok} 200"
    );
    still_serving(addr);
}

#[test]
fn slow_and_silent_clients_are_disconnected() {
    let toml = format!(
        "header_read_timeout_ms = 300\n{}",
        drmtoken_emulator::DEFAULT_CONFIG.replace("header_read_timeout_ms = 10000", "")
    );
    let server = start_with(drmtoken_emulator::Config::from_toml(&toml).unwrap());
    let addr = server.addr();
    let started = std::time::Instant::now();
    let clients: Vec<TcpStream> = (0..20)
        .map(|i| {
            let mut s = TcpStream::connect(addr).unwrap();
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            if i % 2 == 0 {
                // Headers that never end.
                s.write_all(b"GET /hms/pr/token HTTP/1.1\r\nHost: x\r\n").unwrap();
            }
            s
        })
        .collect();
    for mut s in clients {
        let mut buf = Vec::new();
        // Closed by the server (possibly after a 408), not by our 5 s read timeout.
        let r = s.read_to_end(&mut buf);
        assert!(
            !matches!(&r, Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut)),
            "not disconnected: {r:?}"
        );
    }
    assert!(started.elapsed() < Duration::from_secs(5));
    still_serving(addr);
}
