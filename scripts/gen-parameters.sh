#!/usr/bin/env bash
# Regenerates every surface's ExpressPlay parameter code from the one table,
# core/src/expressplay/parameters.rs: the core's request structs, the C request struct and the
# uniffi records (see codegen/). `--check` writes nothing and fails when a committed file differs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cargo run -q --manifest-path "$root/Cargo.toml" -p drmtoken-codegen -- "$@"
