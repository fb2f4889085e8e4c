#!/usr/bin/env bash
# The no-panic link proof on thumbv7em-none-eabihf, per export: the library is built with the
# `prove-no-panic` feature (ffi/nostd), whose panic handler calls a symbol nobody defines, and
# each export of include/drmtoken.h is linked alone (--gc-sections). The link succeeds only if
# no path to a panic survives optimisation in that export. For a failing export, the script
# names the code that keeps each path (panic_callers.py, from the disassembly) and where it comes
# from (tests/embedded/no-panic-allowed.txt: a dependency, with its crate and version, or one of
# our own paths in a file another change owns). Fails when a path is not listed there (a panic path
# of our own, or a new one), or when an export that was proven regresses.
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
unlisted=()
for sym in $(grep -v '^ *//' include/drmtoken.h | grep -oE '\bdrmtoken_[a-z0-9_]+\(' | tr -d '(' | sort -u); do
    if arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -nostdlib -nostartfiles \
        -Wl,--gc-sections -Wl,-e,0 -Wl,--require-defined="$sym" "$lib" -o "$build/$sym.elf" 2>/dev/null; then
        echo "no-panic: $sym proven" >&2
        proven=$((proven + 1))
    else
        failed+=("$sym")
        echo "no-panic: $sym NOT proven; the functions that keep a panic path:" >&2
        arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -nostdlib -nostartfiles \
            -Wl,--gc-sections -Wl,-e,0 -Wl,--require-defined="$sym" -Wl,--unresolved-symbols=ignore-all "$lib" \
            -o "$build/$sym.elf"
        arm-none-eabi-objdump -d --no-show-raw-insn "$build/$sym.elf" >"$build/$sym.s"
        python3 "$root/tests/embedded/panic_callers.py" "$build/$sym.s" "$root/tests/embedded/no-panic-allowed.txt" "$sym" >&2 ||
            unlisted+=("$sym")
    fi
done
echo "no-panic proof: $proven exports proven, ${#failed[@]} not (${failed[*]:-none})" >&2
if [ ${#unlisted[@]} -gt 0 ]; then
    echo "no-panic proof: a panic path that tests/embedded/no-panic-allowed.txt does not list, in ${unlisted[*]}" >&2
    exit 1
fi
# Proven today: must stay so.
for must in drmtoken_version drmtoken_status_describe drmtoken_error_describe drmtoken_expressplay_request_headers \
    drmtoken_expressplay_request_write_url drmtoken_expressplay_request_write_form_body \
    drmtoken_expressplay_request_write_endpoint drmtoken_fairplay_skd_uri_write drmtoken_playready_license_url_write \
    drmtoken_opentv_request_validate drmtoken_opentv_request_write_url drmtoken_opentv_request_headers \
    drmtoken_adobe_pass_request_validate drmtoken_adobe_pass_request_write_url drmtoken_adobe_pass_request_headers; do
    for f in "${failed[@]}"; do
        if [ "$f" = "$must" ]; then
            echo "no-panic proof regressed: $must has a panic path again" >&2
            exit 1
        fi
    done
done
