//! One run, same machine, same inputs: prints `ns <who>.<what> <ns per op>` for drmtoken, the
//! std-Rust peer and the memcpy floor, and `allocs drmtoken.<what> <allocations per op>` proving
//! drmtoken allocates nothing. `benches/compare.sh` joins these with the Python and OpenSSL
//! peers' lines and prints the ratios.

use std::hint::black_box;
use std::time::{Duration, Instant};

use drmtoken_benches::alloc_count::{allocations, CountingAllocator};
use drmtoken_benches::{inputs, std_peer, subject};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Wall time of one batch; five batches per measurement, the fastest is reported (the least
/// disturbed by other processes on a shared 2-core machine).
const BATCH: Duration = Duration::from_millis(60);
const BATCHES: usize = 5;

/// Nanoseconds per call of `f`, and heap allocations per call.
fn measure(mut f: impl FnMut()) -> (f64, f64) {
    // Calibrate: how many calls fill one batch.
    let mut n: u64 = 1;
    loop {
        let t = Instant::now();
        for _ in 0..n {
            f();
        }
        if t.elapsed() >= BATCH / 4 {
            break;
        }
        n *= 2;
    }
    let n = n * 4;
    let mut best = f64::INFINITY;
    let before = allocations();
    for _ in 0..BATCHES {
        let t = Instant::now();
        for _ in 0..n {
            f();
        }
        best = best.min(t.elapsed().as_nanos() as f64 / n as f64);
    }
    let allocs = (allocations() - before) as f64 / (n * BATCHES as u64) as f64;
    (best, allocs)
}

fn report(name: &str, f: impl FnMut()) {
    // `compare <filter>` measures only the names containing it (for profiling one entry point).
    if std::env::args()
        .nth(1)
        .is_some_and(|only| !only.starts_with("--") && !name.contains(&only))
    {
        return;
    }
    let (ns, allocs) = measure(f);
    println!("ns {name} {ns:.2}");
    if name.starts_with("drmtoken.") {
        println!("allocs {name} {allocs}");
    }
}

fn main() {
    let mut out = [0u8; 4096];
    let mut scratch = [0u8; 4096];

    // PlayReady: build + validate + encode the GET URL.
    let pr = inputs::playready();
    let url_len = subject::playready_url(&pr, &mut out);
    let url = std::str::from_utf8(&out[..url_len])
        .expect("drmtoken wrote UTF-8")
        .to_owned();
    assert!(url_len > 0, "the PlayReady input must be valid");
    if std::env::args().any(|a| a == "--print-playready-url") {
        // The Python peer checks that it produces the same bytes.
        println!("{url}");
        return;
    }
    assert_eq!(
        std_peer::playready_url(std_peer::PLAYREADY_PARAMS).as_deref(),
        Ok(url.as_str())
    );
    report("drmtoken.playready_url", || {
        black_box(subject::playready_url(black_box(&pr), &mut out));
    });
    report("std_rust.playready_url", || {
        black_box(std_peer::playready_url(black_box(std_peer::PLAYREADY_PARAMS)).ok());
    });
    let src = url.as_bytes();
    report("memcpy.playready_url", || {
        let n = black_box(src).len();
        out[..n].copy_from_slice(black_box(src));
        black_box(&out[..n]);
    });
    report("drmtoken.playready_form_body", || {
        black_box(subject::playready_form_body(black_box(&pr), &mut out));
    });

    let fp = inputs::fairplay();
    assert!(subject::fairplay_url(&fp, &mut out) > 0);
    report("drmtoken.fairplay_url", || {
        black_box(subject::fairplay_url(black_box(&fp), &mut out));
    });
    let wv = inputs::widevine();
    assert!(subject::widevine_url(&wv, &mut out) > 0);
    report("drmtoken.widevine_url", || {
        black_box(subject::widevine_url(black_box(&wv), &mut out));
    });

    // check: parse + validate a request URL.
    assert_eq!(subject::check_url(&url, &mut scratch), 0);
    assert_eq!(std_peer::check_playready_url(&url), 0);
    report("drmtoken.check_url", || {
        black_box(subject::check_url(black_box(&url), &mut scratch));
    });
    report("std_rust.check_url", || {
        black_box(std_peer::check_playready_url(black_box(&url)));
    });

    // AES key wrap (RFC 3394 section 4.1 and 4.3 vectors).
    let mut key = [0u8; 16];
    let mut wrapped = [0u8; 24];
    assert_eq!(subject::unwrap(&inputs::KEK_128, &inputs::WRAPPED_128, &mut key), 16);
    assert_eq!(key, inputs::KEY_DATA);
    report("drmtoken.unwrap128", || {
        black_box(subject::unwrap(
            black_box(&inputs::KEK_128),
            black_box(&inputs::WRAPPED_128),
            &mut key,
        ));
    });
    report("drmtoken.unwrap256", || {
        black_box(subject::unwrap(
            black_box(&inputs::KEK_256),
            black_box(&inputs::WRAPPED_256),
            &mut key,
        ));
    });
    report("drmtoken.wrap128", || {
        black_box(subject::wrap(
            black_box(&inputs::KEK_128),
            black_box(&inputs::KEY_DATA),
            &mut wrapped,
        ));
    });
    report("drmtoken.wrap256", || {
        black_box(subject::wrap(
            black_box(&inputs::KEK_256),
            black_box(&inputs::KEY_DATA),
            &mut wrapped,
        ));
    });
}
