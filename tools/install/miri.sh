#!/usr/bin/env bash
# Miri for the ffi crate's pointer tests (scripts/miri.sh): the `miri` and `rust-src` components of
# the nightly toolchain (rustup), then `cargo +nightly miri setup` (Miri's own sysroot, built once
# and cached by Miri under ~/.cache/miri). Idempotent: a second run only checks, in about a second.
# When the machine refuses (no nightly, no network, rustup refuses the component), it prints
# SKIPPED and the reason on stderr, exports DRMTOKEN_MIRI empty and exits 0, so the suite goes on.
# Stdout: export lines (also written to $DRMTOKEN_TOOLS/miri/env.sh). Usage: eval "$(bash tools/install/miri.sh)"
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

skip() {
    log "SKIPPED: $*"
    write_env miri "export DRMTOKEN_MIRI="
    exit 0
}

tool_lock miri
command -v rustup >/dev/null || skip "no rustup on this machine"
rustup toolchain list | grep -q '^nightly' || skip "no nightly toolchain (rustup toolchain install nightly)"
installed=$(rustup +nightly component list --installed 2>/dev/null || true)
if ! grep -q '^miri' <<<"$installed" || ! grep -q '^rust-src' <<<"$installed"; then
    log "rustup +nightly component add miri rust-src"
    rustup +nightly component add miri rust-src >&2 || skip "rustup refused the miri component"
fi
# The sysroot: Miri builds it on first use; doing it here keeps the test timing honest.
cargo +nightly miri setup >&2 || skip "cargo miri setup failed"
write_env miri "export DRMTOKEN_MIRI='$(cargo +nightly miri --version 2>/dev/null | head -n 1 | tr -d "'")'"
