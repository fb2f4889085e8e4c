#!/usr/bin/env bash
# The firmware proof (issue 18). Installs the cross tools (tools/install/embedded.sh; SKIPPED and
# exit 0 when the machine refuses them), then:
#  1. builds the no_std C library (ffi/nostd: panic = "abort", LTO, opt-level z, its own panic
#     handler) for x86_64, thumbv7em-none-eabihf, armv7 and aarch64 Linux, and checks that it
#     exports exactly the functions of include/drmtoken.h;
#  2. links examples/c statically against it on x86_64 (--gc-sections, stripped) and runs it;
#  3. measures the library's .text on thumbv7em (--gc-sections, the exports kept), per group of
#     exports (every one, each service) and per export, split into C glue and core; and, when a
#     nightly with rust-src is installed, the same for the -Zbuild-std=core option;
#  4. builds the bare-metal C firmware (tests/embedded/cortex-m, arm-none-eabi-gcc + newlib-nano),
#     runs it on a Cortex-M4F in qemu-system-arm (mps2-an386): every result must equal the
#     expected bytes; it prints each export's stack high-water mark;
#  5. links the no-panic proof per export on thumbv7em (tests/embedded/no-panic.sh): fails on a
#     panic path that tests/embedded/no-panic-allowed.txt does not list;
#  6. cross-compiles the C test suite (tests/c/test_drmtoken.c) for armv7 and aarch64 Linux with
#     the no_std library and runs it under qemu-user (tests/embedded/arm-linux.sh).
# The last line is exactly
# `thumb_text_bytes=N thumb_expressplay_text_bytes=N thumb_stack_bytes=N c_link_x86_64_bytes=N`.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/tests/embedded
cd "$root"
eval "$(bash tools/install/embedded.sh)"
if [ -z "${DRMTOKEN_EMBEDDED:-}" ]; then
    echo "SKIPPED: the cross tools could not be installed (see the [install] lines above)" >&2
    exit 0
fi
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT

# ---- 1. the no_std library, for every target -----------------------------------------------
nostd=$root/ffi/nostd
# The library's version is drmtoken_version(): it must be the workspace's.
want_version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
have_version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$nostd/Cargo.toml" | head -n 1)
[ "$want_version" = "$have_version" ] || { echo "ffi/nostd version $have_version != workspace $want_version" >&2; exit 1; }
targets=(x86_64-unknown-linux-gnu thumbv7em-none-eabihf armv7-unknown-linux-gnueabihf aarch64-unknown-linux-gnu)
for t in "${targets[@]}"; do
    echo "== no_std libdrmtoken.a for $t" >&2
    # From ffi/nostd, so its .cargo/config.toml (the aes size cfgs) applies.
    (cd "$nostd" && cargo build -q --release --locked --target "$t")
done
lib_of() { echo "$nostd/target/$1/release/libdrmtoken.a"; }

# The exports are exactly the header's functions (the header is generated from the std crate).
grep -v '^ *//' include/drmtoken.h | grep -oE '\bdrmtoken_[a-z0-9_]+\(' | tr -d '(' | sort -u >"$build/header.syms"
# The symbol table of each target's archive: rustup's llvm-nm (llvm-tools, the LLVM of rustc) when
# installed, else that target's binutils nm (an older LLVM cannot read the bitcode rustc puts in
# compiler_builtins' objects; binutils skips it). Its exit status is not trusted, its output is:
# the list must equal the header's.
nm_of() {
    if [ -x "${LLVM_BIN:-}/llvm-nm" ]; then echo "$LLVM_BIN/llvm-nm"; return; fi
    case $1 in
    thumbv7em-*) echo arm-none-eabi-nm ;;
    armv7-*) echo arm-linux-gnueabihf-nm ;;
    aarch64-*) echo aarch64-linux-gnu-nm ;;
    *) echo nm ;;
    esac
}
for t in "${targets[@]}"; do
    { "$(nm_of "$t")" -g --defined-only "$(lib_of "$t")" 2>/dev/null || true; } | awk '$2 == "T" { print $3 }' |
        grep '^drmtoken_' | sort -u >"$build/lib.syms"
    if ! diff -u "$build/header.syms" "$build/lib.syms" >&2; then
        echo "the no_std library for $t does not export exactly the header's functions" >&2
        exit 1
    fi
done
echo "exports: $(wc -l <"$build/header.syms") functions, the same as include/drmtoken.h, on every target" >&2

# ---- 2. x86_64: examples/c, static against the no_std library ------------------------------
echo "== examples/c on x86_64, linked with --gc-sections and stripped" >&2
gcc -std=c99 -Os -ffunction-sections -fdata-sections -Wall -Wextra -Werror -Iinclude examples/c/playready_url.c \
    "$(lib_of x86_64-unknown-linux-gnu)" -Wl,--gc-sections -s -o "$build/playready_url"
"$build/playready_url" >"$build/example.out"
grep -q '^licence server: https://expressplay-licensing.axprod.net/LicensingService.ashx?ExpressPlayToken=' "$build/example.out"
c_link=$(stat -c %s "$build/playready_url")
printf 'int main(void) { return 0; }\n' >"$build/empty.c"
gcc -Os -Wl,--gc-sections -s "$build/empty.c" -o "$build/empty"
echo "examples/c: $c_link bytes (an empty C program links to $(stat -c %s "$build/empty") bytes the same way)" >&2

# ---- 3. thumbv7em .text of the library -----------------------------------------------------
cm_flags=(-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16)
thumb_lib=$(lib_of thumbv7em-none-eabihf)
# thumb_text LIB LIST: .text of the library alone, linked with every export of LIST kept and the
# rest collected (no C runtime: the library's only undefined symbols are its own). Prints
# "<.text> <C glue> <core>": the glue is the code of ffi/src/c_api after LTO (text_split.py), the
# core is the rest (drmtoken-core, its dependencies, libcore, compiler_builtins).
thumb_text() {
    local req=()
    local s
    while read -r s; do req+=("-Wl,--require-defined=$s"); done <"$2"
    arm-none-eabi-gcc "${cm_flags[@]}" -nostdlib -nostartfiles -Wl,--gc-sections -Wl,-e,0 "${req[@]}" "$1" \
        -o "$build/text.elf"
    local text glue
    text=$(arm-none-eabi-size -A "$build/text.elf" | awk '$1 == ".text" { print $2 }')
    arm-none-eabi-nm -S -C "$build/text.elf" >"$build/text.nm"
    glue=$(python3 "$here/text_split.py" "$build/text.nm")
    echo "$text $glue $((text - glue))"
}
# The groups of exports: every one; each service (ExpressPlay is FairPlay, PlayReady and Widevine,
# with the AES key unwrap of `ek`); each with the library-level exports.
grep -E '^drmtoken_(status|error|version)' "$build/header.syms" >"$build/library.syms"
group_syms() {
    case $1 in
    all) cat "$build/header.syms" ;;
    expressplay) grep -E '^drmtoken_(expressplay|fairplay|playready)_' "$build/header.syms" ;;
    keywrap | opentv | adobe_pass) grep -E "^drmtoken_$1_" "$build/header.syms" ;;
    esac
    [ "$1" = all ] || cat "$build/library.syms"
}
# size_report LIB LABEL: the table docs/embedded.md shows, per group and per export (alone).
size_report() {
    local g e
    echo "thumbv7em .text ($2): group: .text = C glue + core" >&2
    for g in all expressplay keywrap opentv adobe_pass; do
        group_syms "$g" >"$build/group.syms"
        read -r text glue core < <(thumb_text "$1" "$build/group.syms")
        printf '  %-12s %6d = %6d + %6d\n' "$g" "$text" "$glue" "$core" >&2
        eval "text_$g=$text; core_$g=$core"
    done
    echo "thumbv7em .text ($2), each export alone (with nothing else):" >&2
    while read -r e; do
        echo "$e" >"$build/one.syms"
        read -r text glue core < <(thumb_text "$1" "$build/one.syms")
        printf '  %-45s %6d = %6d + %6d\n' "$e" "$text" "$glue" "$core" >&2
    done <"$build/header.syms"
}
size_report "$thumb_lib" "stable, the documented firmware build"
thumb_text_bytes=$text_all
thumb_expressplay_text_bytes=$text_expressplay
thumb_core_bytes=$core_all
thumb_expressplay_core_bytes=$core_expressplay
echo "thumbv7em .text: whole library $thumb_text_bytes bytes (core $thumb_core_bytes), ExpressPlay exports alone" \
    "$thumb_expressplay_text_bytes bytes (core $thumb_expressplay_core_bytes)" >&2

# The same library built with core rebuilt for size (`-Zbuild-std=core`, `panic=immediate-abort`:
# nightly), measured (and run in QEMU below) when a nightly with rust-src is already installed (scripts/miri.sh installs
# one); an option docs/embedded.md describes, not the documented build.
bs_lib=
if rustup run nightly rustc --print sysroot >/dev/null 2>&1 &&
    [ -d "$(rustup run nightly rustc --print sysroot)/lib/rustlib/src/rust/library/core" ]; then
    bs_flags="--cfg aes_compact --cfg aes_force_soft -Zunstable-options -Cpanic=immediate-abort"
    if (cd "$nostd" && RUSTFLAGS="$bs_flags" cargo +nightly build -q --release --locked --target thumbv7em-none-eabihf \
        -Zbuild-std=core --target-dir target/build-std) 2>"$build/build-std.err"; then
        bs_lib=$nostd/target/build-std/thumbv7em-none-eabihf/release/libdrmtoken.a
        size_report "$bs_lib" "-Zbuild-std=core, nightly"
        if (cd "$nostd" && RUSTFLAGS="$bs_flags -Cforce-unwind-tables=no" cargo +nightly build -q --release --locked \
            --target x86_64-unknown-linux-gnu -Zbuild-std=core --target-dir target/build-std) 2>>"$build/build-std.err"; then
            gcc -std=c99 -Os -ffunction-sections -fdata-sections -Iinclude examples/c/playready_url.c \
                "$nostd/target/build-std/x86_64-unknown-linux-gnu/release/libdrmtoken.a" -Wl,--gc-sections -s -o "$build/pr_bs"
            "$build/pr_bs" >/dev/null
            echo "examples/c with the -Zbuild-std library (no unwind tables): $(stat -c %s "$build/pr_bs") bytes" >&2
        fi
    else
        echo "the -Zbuild-std build failed (an option, not the documented build):" >&2
        tail -n 5 "$build/build-std.err" >&2
    fi
else
    echo "no nightly with rust-src: the -Zbuild-std figures are not measured (an option, not the documented build)" >&2
fi

# ---- 4. the Cortex-M firmware under QEMU ---------------------------------------------------
echo "== Cortex-M4F firmware in qemu-system-arm (mps2-an386)" >&2
python3 - tests/vectors/fixtures/opentv_seed.json "$build/opentv_seed.h" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
with open(sys.argv[2], 'w') as f:
    f.write('/* Generated from tests/vectors/fixtures/opentv_seed.json by tests/embedded/check.sh. */\n')
    f.write('static const unsigned char opentv_seed[%d] = {\n' % len(data))
    for i in range(0, len(data), 16):
        f.write('    ' + ', '.join('0x%02x' % b for b in data[i:i + 16]) + ',\n')
    f.write('};\n')
PY
# firmware LIB: builds the firmware with LIB, runs it, fails unless every check passed; the
# output (with each export's stack high-water mark) is in $build/firmware.out.
firmware() {
    arm-none-eabi-gcc "${cm_flags[@]}" -std=c99 -Os -g -Wall -Wextra -Wpedantic -Werror -ffunction-sections -fdata-sections \
        -Iinclude -I"$build" -I"$here/cortex-m" --specs=nano.specs --specs=rdimon.specs -nostartfiles \
        -T "$here/cortex-m/mps2-an386.ld" -Wl,--gc-sections -Wl,--no-warn-rwx-segments \
        "$here/cortex-m/firmware.c" "$here/cortex-m/startup.c" "$1" -o "$build/firmware.elf" 2> >(grep -v 'lib_a-.*GNU-stack\|NOTE: This behaviour is deprecated' >&2)
    arm-none-eabi-size "$build/firmware.elf" >&2
    # Semihosting output goes to a file; QEMU's exit status is the program's (SYS_EXIT).
    local status=0
    rm -f "$build/firmware.out"
    timeout 120 qemu-system-arm -M mps2-an386 -cpu cortex-m4 -display none -monitor none -serial none \
        -chardev file,id=semihost,path="$build/firmware.out" -semihosting-config enable=on,target=native,chardev=semihost \
        -kernel "$build/firmware.elf" || status=$?
    cat "$build/firmware.out" >&2
    if [ "$status" != 0 ] || ! grep -qx 'all checks passed' "$build/firmware.out"; then
        echo "the Cortex-M firmware failed (exit status $status)" >&2
        exit 1
    fi
}
if [ -n "$bs_lib" ]; then
    echo "== the same firmware with the -Zbuild-std option's library" >&2
    firmware "$bs_lib"
fi
echo "== the firmware with the documented (stable) library" >&2
firmware "$thumb_lib"
thumb_stack_bytes=$(sed -n 's/^thumb_stack_bytes=//p' "$build/firmware.out")

# ---- 5 and 6 ------------------------------------------------------------------------------
if [ -f "$here/no-panic.sh" ]; then bash "$here/no-panic.sh"; fi
if [ -f "$here/arm-linux.sh" ]; then bash "$here/arm-linux.sh"; fi

budget() { if [ "$1" -le "$2" ]; then echo "within"; else echo "OVER"; fi; }
echo "budgets (the library a C firmware links; in brackets its core part, without the C glue):" \
    "thumb .text $thumb_text_bytes ($thumb_core_bytes) <= 49152 $(budget "$thumb_text_bytes" 49152)" \
    "($(budget "$thumb_core_bytes" 49152)); expressplay $thumb_expressplay_text_bytes ($thumb_expressplay_core_bytes) <= 32768" \
    "$(budget "$thumb_expressplay_text_bytes" 32768) ($(budget "$thumb_expressplay_core_bytes" 32768)); stack $thumb_stack_bytes <= 4096 $(budget "$thumb_stack_bytes" 4096);" \
    "x86_64 C link $c_link <= 65536 $(budget "$c_link" 65536)" >&2
echo "thumb_text_bytes=$thumb_text_bytes thumb_expressplay_text_bytes=$thumb_expressplay_text_bytes thumb_stack_bytes=$thumb_stack_bytes c_link_x86_64_bytes=$c_link"
