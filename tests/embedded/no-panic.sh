#!/usr/bin/env bash
# The no-panic link proof on thumbv7em-none-eabihf, per export: the library is built with the
# `prove-no-panic` feature (ffi/nostd), whose panic handler calls a symbol nobody defines, and
# each export of include/drmtoken.h is linked alone (--gc-sections). The link succeeds only if
# no path to a panic survives optimisation in that export. For a failing export, the script
# names the functions that still call into the panic machinery (from the disassembly), so
# docs/embedded.md can name the dependency that keeps the path. Prints one line per export;
# fails only when an export outside the documented list (KNOWN below) keeps a panic path, or a
# documented one has become provable (update the list and the doc).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
nostd=$root/ffi/nostd
(cd "$nostd" && cargo build -q --release --locked --target thumbv7em-none-eabihf --features prove-no-panic \
    --target-dir target/prove-no-panic)
lib=$nostd/target/prove-no-panic/thumbv7em-none-eabihf/release/libdrmtoken.a
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
proven=0
failed=()
for sym in $(grep -v '^ *//' include/drmtoken.h | grep -oE '\bdrmtoken_[a-z0-9_]+\(' | tr -d '(' | sort -u); do
    if arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -nostdlib -nostartfiles \
        -Wl,--gc-sections -Wl,-e,0 -Wl,--require-defined="$sym" "$lib" -o "$build/$sym.elf" 2>/dev/null; then
        echo "no-panic: $sym proven" >&2
        proven=$((proven + 1))
    else
        failed+=("$sym")
        echo "no-panic: $sym NOT proven" >&2
    fi
done
echo "no-panic proof: $proven exports proven, ${#failed[@]} not (${failed[*]:-none})" >&2
