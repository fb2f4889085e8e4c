#!/usr/bin/env bash
# Tests the Python bindings (bindings/python/drmtoken.py) against a fresh libdrmtoken.so, with
# the standard library's unittest (python3 only: nothing to install). Prints the test count.
# test_emulator drives `drmtoken serve` (the built target/debug/drmtoken) end to end with urllib.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 1; }

cargo build -q --manifest-path "$root/Cargo.toml" -p drmtoken-ffi --lib
# The emulator for test_emulator (a no-op when the binary is up to date).
cargo build -q --manifest-path "$root/Cargo.toml" -p drmtoken-cli --bin drmtoken
# The generated module loads libdrmtoken.so from its own directory.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/drmtoken.py" "$target/debug/libdrmtoken.so" "$work/"
cd "$here/tests"
rc=0
DRMTOKEN_BIN=$target/debug/drmtoken PYTHONPATH=$work PYTHONDONTWRITEBYTECODE=1 \
    python3 -m unittest -v test_drmtoken test_emulator >"$work/log" 2>&1 || rc=$?
if [[ $rc != 0 ]]; then cat "$work/log" >&2; else tail -n 3 "$work/log"; fi
echo "python bindings: $(grep -Eo 'Ran [0-9]+ tests' "$work/log")" >&2
exit $rc
