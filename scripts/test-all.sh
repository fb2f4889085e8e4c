#!/usr/bin/env bash
# Runs every test of every surface. This is the README's test command and what .ci/run calls.
# Each step installs what it needs when missing (cached under /opt/drmtoken-tools), so a second
# run skips the installs.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

summary=()
step() {
    local name=$1
    shift
    local start=$SECONDS
    echo "==> $name" >&2
    "$@"
    summary+=("$(printf '%-28s %4ds' "$name" $((SECONDS - start)))")
}

no_std_core() {
    # The core must never pull std or alloc in, not even in its unit tests.
    if grep -rnE 'extern crate (std|alloc)' core/src; then
        echo "core/src must not use std or alloc" >&2
        return 1
    fi
}

core_tree_is_clean() {
    # The emulator and the HTTP client are std code for the CLI: nothing of them may reach the core.
    if cargo tree -p drmtoken-core -e normal,build --prefix none | grep -E '^(drmtoken-emulator|tokio|axum|hyper|ureq|rustls) '; then
        echo "drmtoken-core's dependency tree reaches the emulator's stack" >&2
        return 1
    fi
}

# shellcheck source=../tools/install/lib.sh
source tools/install/lib.sh
DRMTOKEN_APT_STAMP=$(mktemp)
export DRMTOKEN_APT_STAMP
trap 'rm -f "$DRMTOKEN_APT_STAMP"' EXIT
# python3 runs the encoding round trip (parse_qs) and the AES-KW differential test (cryptography).
step "python3 and cryptography" apt_install python3 python3-cryptography
step "rustfmt" cargo fmt --all -- --check
step "clippy" cargo clippy --workspace --all-targets -- -D warnings
step "core is no_std" no_std_core
step "core's tree has no emulator" core_tree_is_clean
step "parameter code up to date" bash scripts/gen-parameters.sh --check
step "rust tests" cargo test --workspace
step "man pages up to date" bash scripts/gen-man.sh --check
step "rust packages, MSRV, outside consumer" bash tests/consumers/native.sh rust
step "mutants (changed code)" bash scripts/mutants.sh --in-diff
step "rust doc tests" cargo test --workspace --doc
# The stack bound under hostile input is a property of the code that ships: proven in release,
# where each parser must run on a 16 KiB thread (debug runs of the same tests allow 256 KiB).
step "parsers under hostile input (release, 16 KiB stack)" \
    cargo test --release -p drmtoken-core --test hostile_input --test json_conformance
# The emulator (drmtoken serve): 64 connections, 20 000 requests over loopback, stops by itself
# and fails on any error but the injected ones (release figures: BENCHMARKS.md, "Emulator").
step "emulator load test (bounded)" cargo run -q -p drmtoken-emulator --example load
# criterion in test mode: every bench runs once (compiled and correct); timings live in benches/compare.sh.
step "benches compile and run once" cargo test -q -p drmtoken-benches --benches
step "freestanding no_std link and budgets" bash tests/freestanding/check.sh
step "C ABI (ASan, UBSan, valgrind)" bash tests/c/run-tests.sh
step "C install: pkg-config and CMake consumers" bash tests/consumers/native.sh c
step "emulator end to end (C, libcurl)" bash tests/e2e/c.sh
step "firmware: no_std C library on Cortex-M and ARM Linux" bash tests/embedded/check.sh
step "miri (ffi)" bash scripts/miri.sh
step "uniffi bindings up to date" bash scripts/gen-bindings.sh --check
step "python bindings" bash bindings/python/run-tests.sh
step "kotlin bindings (JVM, JUnit 4)" bash bindings/kotlin/run-tests.sh
step "swift bindings (SwiftPM, XCTest)" bash bindings/swift/run-tests.sh
# What a user installs, consumed from outside the repository (README "Install", docs/mobile.md).
step "python wheel (maturin, fresh venv)" bash tests/consumers/python/run.sh
step "jvm jar (Kotlin tests, Java)" bash tests/consumers/jvm/run.sh
step "swift package consumer" bash tests/consumers/swift/run.sh
step "mobile static libraries (iOS, Android)" bash scripts/mobile/check.sh
# Every fuzz target for a few seconds from the seeded corpora (the long campaign: fuzz/run.sh --long).
step "fuzz smoke" bash fuzz/run.sh 10
main_job() {
    # The README's main job, verbatim from the README (so the two never drift apart).
    local cmd
    cmd=$(awk '/^Run the main job/{f=1} f && /^cargo run/{print; exit}' README.md)
    [ -n "$cmd" ] || { echo "README has no main job command" >&2; return 1; }
    bash -c "$cmd"
}
step "main job" main_job

echo "==> all tests passed" >&2
printf '%s\n' "${summary[@]}" >&2
