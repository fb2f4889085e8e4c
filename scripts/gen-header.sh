#!/usr/bin/env bash
# Regenerates include/drmtoken.h from ffi/src/c_api with cbindgen (installed and cached by
# tools/install/c.sh). `--check` fails when the committed header differs from a fresh one.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
eval "$(bash "$root/tools/install/c.sh")"
out="$root/include/drmtoken.h"
target="$out"
if [ "${1:-}" = "--check" ]; then
    target=$(mktemp)
    trap 'rm -f "$target"' EXIT
fi
"$CBINDGEN" --quiet --config "$root/ffi/cbindgen.toml" --crate drmtoken-ffi --output "$target" "$root/ffi"
if [ "${1:-}" = "--check" ]; then
    if ! diff -u "$out" "$target"; then
        echo "include/drmtoken.h is out of date: run scripts/gen-header.sh and commit it" >&2
        exit 1
    fi
fi
