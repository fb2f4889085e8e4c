//! criterion benches of every hot drmtoken entry point, and the scaling runs (extensions, URL
//! length). `cargo bench -p drmtoken-benches`; CI runs them once in test mode.
// criterion_group! generates an undocumented `pub fn benches`.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use drmtoken_benches::{inputs, subject};

fn requests(c: &mut Criterion) {
    let mut out = [0u8; 4096];
    let mut g = c.benchmark_group("request");
    let pr = inputs::playready();
    g.bench_function("playready_url", |b| {
        b.iter(|| subject::playready_url(black_box(&pr), &mut out))
    });
    g.bench_function("playready_form_body", |b| {
        b.iter(|| subject::playready_form_body(black_box(&pr), &mut out))
    });
    let fp = inputs::fairplay();
    g.bench_function("fairplay_url", |b| {
        b.iter(|| subject::fairplay_url(black_box(&fp), &mut out))
    });
    let wv = inputs::widevine();
    g.bench_function("widevine_url", |b| {
        b.iter(|| subject::widevine_url(black_box(&wv), &mut out))
    });
    g.finish();
}

fn check(c: &mut Criterion) {
    let mut out = [0u8; 4096];
    let mut scratch = [0u8; 4096];
    let n = subject::playready_url(&inputs::playready(), &mut out);
    let url = std::str::from_utf8(&out[..n]).map(str::to_owned).unwrap_or_default();
    c.bench_function("check/playready_url", |b| {
        b.iter(|| subject::check_url(black_box(&url), &mut scratch))
    });
}

fn keywrap(c: &mut Criterion) {
    let mut key = [0u8; 16];
    let mut wrapped = [0u8; 24];
    let mut g = c.benchmark_group("keywrap");
    g.bench_function("unwrap128", |b| {
        b.iter(|| subject::unwrap(black_box(&inputs::KEK_128), black_box(&inputs::WRAPPED_128), &mut key))
    });
    g.bench_function("unwrap256", |b| {
        b.iter(|| subject::unwrap(black_box(&inputs::KEK_256), black_box(&inputs::WRAPPED_256), &mut key))
    });
    g.bench_function("wrap128", |b| {
        b.iter(|| subject::wrap(black_box(&inputs::KEK_128), black_box(&inputs::KEY_DATA), &mut wrapped))
    });
    g.bench_function("wrap256", |b| {
        b.iter(|| subject::wrap(black_box(&inputs::KEK_256), black_box(&inputs::KEY_DATA), &mut wrapped))
    });
    g.finish();
}

/// Cost against the number of PlayReady extensions (0..=8).
fn scaling_extensions(c: &mut Criterion) {
    let mut out = [0u8; 4096];
    let mut g = c.benchmark_group("scaling/extensions");
    for n in [0usize, 1, 2, 4, 8] {
        let r = inputs::playready_with_extensions(n);
        g.bench_with_input(BenchmarkId::from_parameter(n), &r, |b, r| {
            b.iter(|| subject::playready_url(black_box(r), &mut out))
        });
    }
    g.finish();
}

/// Cost against URL length, grown by a `^name` kid of 1 to 64 characters that needs encoding.
fn scaling_url_length(c: &mut Criterion) {
    const NAME: &str = "^a b+c&d=e,f%g/h?i#j k l m n o p q r s t u v w x y z 0 1 2 3 4 5 6";
    let mut out = [0u8; 4096];
    let mut scratch = [0u8; 4096];
    let mut g = c.benchmark_group("scaling/url_length");
    for chars in [2usize, 16, 32, 65] {
        let kid = NAME.get(..chars).unwrap_or(NAME);
        let r = inputs::playready_with_named_kid(kid);
        let len = subject::playready_url(&r, &mut out);
        g.throughput(Throughput::Bytes(len as u64));
        g.bench_with_input(BenchmarkId::new("build", len), &r, |b, r| {
            b.iter(|| subject::playready_url(black_box(r), &mut out))
        });
        let url = std::str::from_utf8(&out[..len]).map(str::to_owned).unwrap_or_default();
        g.bench_with_input(BenchmarkId::new("check", len), &url, |b, u| {
            b.iter(|| subject::check_url(black_box(u), &mut scratch))
        });
    }
    g.finish();
}

criterion_group!(
    benches,
    requests,
    check,
    keywrap,
    scaling_extensions,
    scaling_url_length
);
criterion_main!(benches);
