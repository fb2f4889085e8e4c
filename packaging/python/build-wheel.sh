#!/usr/bin/env bash
# Builds the drmtoken wheel with maturin's uniffi mode (pyproject.toml here) into $target/wheels and
# prints its path on stdout. Release profile (fat LTO, one codegen unit); the cargo target dir is the
# workspace's, so the dependencies built by other release steps are reused.
# maturin: install-maturin.sh (pinned, cached under $DRMTOKEN_TOOLS).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
eval "$(bash "$here/install-maturin.sh")"

version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n 1)
[[ -n $version ]] || { echo "no workspace version in $root/Cargo.toml" >&2; exit 1; }
out=$CARGO_TARGET_DIR/wheels
mkdir -p "$out"
# Only this build's wheel in $out afterwards: the consumer test installs exactly what was just built.
rm -f "$out"/drmtoken-"$version"-*.whl
log=$out/build.log
if ! (cd "$here" && "$MATURIN" build --release --out "$out") >"$log" 2>&1; then
    cat "$log" >&2
    echo "maturin build failed (log: $log)" >&2
    exit 1
fi
shopt -s nullglob
wheels=("$out"/drmtoken-"$version"-*.whl)
[[ ${#wheels[@]} == 1 ]] || { echo "expected one drmtoken-$version wheel in $out, found ${#wheels[@]}" >&2; exit 1; }
echo "${wheels[0]}"
