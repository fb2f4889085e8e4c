#!/usr/bin/env bash
# Regenerates the committed uniffi bindings from the built libdrmtoken (library mode):
#   bindings/kotlin/src/main/kotlin/com/drmtoken/drmtoken.kt   (package com.drmtoken)
#   bindings/swift/Sources/DrmToken/DrmToken.swift              (module DrmToken)
#   bindings/swift/Sources/drmtokenFFI/{drmtokenFFI.h,module.modulemap}
#   bindings/python/drmtoken.py                                 (module drmtoken)
# with the in-workspace uniffi-bindgen (same =0.32.2 as the runtime) and ffi/uniffi.toml.
#
#   scripts/gen-bindings.sh           regenerate in place
#   scripts/gen-bindings.sh --check   regenerate into a temporary directory and fail on any drift
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}

# The generator first: building it enables ffi's `cli` feature, which recopies the .so; the plain
# library build after it puts back the one the tests load (both stay cached in target/).
cargo build -q -p drmtoken-ffi --features cli --bin uniffi-bindgen
cargo build -q -p drmtoken-ffi --lib
lib=$target/debug/libdrmtoken.so
bindgen=$target/debug/uniffi-bindgen

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/bindings
for lang in kotlin swift python; do
    # --no-format: the output must not depend on which formatters a machine happens to have.
    "$bindgen" generate --no-format --language "$lang" --out-dir "$tmp/$lang" "$lib" >/dev/null
done
mkdir -p "$out/kotlin/src/main/kotlin/com/drmtoken" "$out/swift/Sources/DrmToken" \
    "$out/swift/Sources/drmtokenFFI" "$out/python"
cp "$tmp/kotlin/com/drmtoken/drmtoken.kt" "$out/kotlin/src/main/kotlin/com/drmtoken/"
cp "$tmp/swift/DrmToken.swift" "$out/swift/Sources/DrmToken/"
cp "$tmp/swift/drmtokenFFI.h" "$out/swift/Sources/drmtokenFFI/"
# SwiftPM and `swiftc -I` both look for module.modulemap; uniffi's map has no link line.
sed 's/^}$/    link "drmtoken"\n}/' "$tmp/swift/drmtokenFFI.modulemap" >"$out/swift/Sources/drmtokenFFI/module.modulemap"
cp "$tmp/python/drmtoken.py" "$out/python/"

files=(kotlin/src/main/kotlin/com/drmtoken/drmtoken.kt swift/Sources/DrmToken/DrmToken.swift
    swift/Sources/drmtokenFFI/drmtokenFFI.h swift/Sources/drmtokenFFI/module.modulemap python/drmtoken.py)
if [[ ${1:-} == --check ]]; then
    status=0
    for f in "${files[@]}"; do
        if ! diff -q "$out/$f" "bindings/$f" >/dev/null 2>&1; then
            echo "bindings/$f differs from a fresh generation: run scripts/gen-bindings.sh" >&2
            status=1
        fi
    done
    [[ $status == 0 ]] && echo "uniffi bindings up to date (${#files[@]} files)" >&2
    exit $status
fi
for f in "${files[@]}"; do
    mkdir -p "$(dirname "bindings/$f")"
    cp "$out/$f" "bindings/$f"
done
echo "regenerated ${#files[@]} files under bindings/" >&2
