#!/usr/bin/env bash
# The Rust toolchains of the packaging checks (tests/consumers/native.sh rust): the toolchain of
# the declared `rust-version` (read from the workspace Cargo.toml, installed by rustup with the
# minimal profile, kept in rustup's toolchain dir) and the thumbv7em-none-eabihf target of the
# default toolchain (for the outside consumer crate). Idempotent: a second run only checks, in
# well under a second, without asking the network. When the machine refuses (no rustup, no
# network), it prints SKIPPED and the reason on stderr, exports DRMTOKEN_MSRV empty and exits 0.
# Stdout: export lines (also written to $DRMTOKEN_TOOLS/msrv/env.sh).
# Usage: eval "$(bash tools/install/msrv.sh)"
set -euo pipefail
# shellcheck source=tools/install/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

skip() {
    log "SKIPPED: $*"
    write_env msrv "export DRMTOKEN_MSRV="
    exit 0
}

msrv=$(sed -n '/^\[workspace.package\]/,/^\[/s/^rust-version = "\(.*\)"/\1/p' "$root/Cargo.toml")
[ -n "$msrv" ] || { echo "msrv.sh: no rust-version in [workspace.package] of $root/Cargo.toml" >&2; exit 1; }

tool_lock msrv
command -v rustup >/dev/null || skip "no rustup on this machine"
if ! rustup run "$msrv" rustc --version >/dev/null 2>&1; then
    log "rustup toolchain install $msrv --profile minimal"
    rustup toolchain install "$msrv" --profile minimal >&2 || skip "rustup refused the toolchain $msrv"
fi
if ! rustup target list --installed 2>/dev/null | grep -qx thumbv7em-none-eabihf; then
    log "rustup target add thumbv7em-none-eabihf"
    rustup target add thumbv7em-none-eabihf >&2 || skip "rustup refused the target thumbv7em-none-eabihf"
fi
write_env msrv "export DRMTOKEN_MSRV=$msrv"
