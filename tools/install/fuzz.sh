#!/usr/bin/env bash
# Fuzzing toolchain: cargo-fuzz (pinned, built once and cached under $DRMTOKEN_TOOLS/cargo/cargo-fuzz-<version>)
# and a nightly Rust toolchain (libFuzzer needs -Zsanitizer; installed with rustup only if missing).
# Idempotent: a second run only checks. Run fuzzers with `cargo +nightly fuzz ...`.
# Force a reinstall: rm -rf $DRMTOKEN_TOOLS/cargo/cargo-fuzz-<version>.
# Stdout: export lines (also written to $DRMTOKEN_TOOLS/fuzz/env.sh). Usage: eval "$(bash tools/install/fuzz.sh)"
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CARGO_FUZZ_VERSION=0.13.1

tool_lock fuzz
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    log "rustup toolchain install nightly"
    rustup toolchain install nightly --profile minimal >&2
fi
fuzz_bin=$(cargo_install_cached cargo-fuzz "$CARGO_FUZZ_VERSION")
PATH=$fuzz_bin:$PATH cargo +nightly fuzz --help >/dev/null

write_env fuzz "export PATH=$fuzz_bin:\$PATH"
