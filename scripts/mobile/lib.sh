# Shared helpers for scripts/mobile/*.sh. Source it, do not run it.
# shellcheck shell=bash
#
# Everything runs on Linux without an SDK: the static libraries need no linker (rustc archives the
# objects itself), llvm-nm reads Mach-O and ELF, and rust-lld measures gc'd sizes. Only
# scripts/mobile/mac-or-ndk-only.sh needs a Mac (xcodebuild) or the Android NDK (a .so link).

set -euo pipefail
# Failures inside $(...) stop the script too (a failed build must not print a path).
shopt -s inherit_errexit
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
# The staging area: built here, never committed (target/ is ignored).
STAGE=$TARGET_DIR/mobile

# shellcheck source=tools/install/lib.sh
. tools/install/lib.sh
mobile_env=$(bash tools/install/mobile.sh)
eval "$mobile_env"

say() { echo "[mobile] $*" >&2; }

# The committed bindings, which `scripts/gen-bindings.sh --check` keeps equal to a fresh generation.
SWIFT_SOURCES=(bindings/swift/Sources/DrmToken/DrmToken.swift bindings/swift/Sources/drmtokenFFI/drmtokenFFI.h)
KOTLIN_SOURCES=(bindings/kotlin/src/main/kotlin/com/drmtoken/drmtoken.kt)

# android_abi TRIPLE: the jniLibs/<abi> directory name.
android_abi() {
    case $1 in
        aarch64-linux-android) echo arm64-v8a ;;
        armv7-linux-androideabi) echo armeabi-v7a ;;
        x86_64-linux-android) echo x86_64 ;;
        i686-linux-android) echo x86 ;;
        *) say "not an Android target: $1"; return 1 ;;
    esac
}

# ensure_target TRIPLE: the Rust standard library for TRIPLE is installed (rustup target add is only
# called when it is missing). A refusal prints `SKIPPED: <reason>` and returns 1.
ensure_target() {
    local t=$1 out
    rustup target list --installed | grep -qx "$t" && return 0
    # Refused earlier in this run (exported to the child scripts): do not download again.
    if [[ " ${MOBILE_REFUSED:-} " == *" $t "* ]]; then
        echo "SKIPPED: $t: refused by rustup (see above)" >&2
        return 1
    fi
    say "rustup target add $t"
    if ! out=$(rustup target add "$t" 2>&1); then
        # rustup prints a backtrace after the cause; keep the error and the cause lines.
        out=$(grep -E '^(error|[[:space:]]+[0-9]+:)' <<<"$out" | grep -vE '^[[:space:]]+[0-9]+: [a-z_]+::' |
            head -n 3 | sed 's/^[[:space:]]*//' | tr '\n' ' ')
        echo "SKIPPED: $t: rustup target add $t failed on this machine: ${out:-no reason given}" >&2
        export MOBILE_REFUSED="${MOBILE_REFUSED:-} $t"
        return 1
    fi
}

# build_staticlib TRIPLE: builds the uniffi library (drmtoken-ffi, std) as a static library for
# TRIPLE in the release profile (the one shipped: LTO, one codegen unit). `--crate-type staticlib`
# overrides the crate's ["lib","staticlib","cdylib"]: the cdylib would need the platform linker, and
# with `lib` next to it rustc would skip LTO. Prints the archive's path.
build_staticlib() {
    local t=$1 start=$SECONDS
    nice -n 10 cargo rustc -q --release -p drmtoken-ffi --lib --crate-type staticlib --target "$t" >&2
    say "$t: built in $((SECONDS - start)) s"
    echo "$TARGET_DIR/$t/release/libdrmtoken.a"
}

# referenced_symbols FILE...: every uniffi scaffolding symbol the generated bindings name:
# uniffi_drmtoken_fn_* (functions, methods, constructors, clone/free), uniffi_drmtoken_checksum_*,
# ffi_drmtoken_* (rustbuffer, rust_future_*, uniffi_contract_version).
referenced_symbols() {
    grep -ohE '\b(uniffi|ffi)_drmtoken_[A-Za-z0-9_]+' "$@" | sort -u
}

# uniffi_bindgen: builds the in-workspace generator the way scripts/gen-bindings.sh does (same two
# commands in the same order, so target/debug/libdrmtoken.so is the plain one afterwards), unless
# $MOBILE_BINDGEN names one built by this run already: the two commands recompile the ffi crate
# every time (its staticlib/cdylib outputs have no per-feature file name, so the two feature sets
# overwrite each other), about 9 s here.
uniffi_bindgen() {
    if [ -z "${MOBILE_BINDGEN:-}" ]; then
        nice -n 10 cargo build -q -p drmtoken-ffi --features cli --bin uniffi-bindgen
        nice -n 10 cargo build -q -p drmtoken-ffi --lib
        MOBILE_BINDGEN=$TARGET_DIR/debug/uniffi-bindgen
    fi
    echo "$MOBILE_BINDGEN"
}

# generate LANG ARCHIVE OUTDIR: library-mode generation from the static library itself (uniffi reads
# the metadata symbols in the archive), then a check that it equals the committed bindings: the
# archive for the device carries the very interface the tested bindings were made from.
generate() {
    local lang=$1 archive=$2 out=$3 bindgen
    bindgen=$(uniffi_bindgen)
    rm -rf "$out"
    "$bindgen" generate --no-format --language "$lang" --out-dir "$out" "$archive" >/dev/null
    local pairs=()
    case $lang in
        swift) pairs=("$out/DrmToken.swift" "${SWIFT_SOURCES[0]}" "$out/drmtokenFFI.h" "${SWIFT_SOURCES[1]}") ;;
        kotlin) pairs=("$out/com/drmtoken/drmtoken.kt" "${KOTLIN_SOURCES[0]}") ;;
    esac
    local i
    for ((i = 0; i < ${#pairs[@]}; i += 2)); do
        if ! cmp -s "${pairs[i]}" "${pairs[i + 1]}"; then
            say "${pairs[i + 1]} differs from the $lang generated from $archive"
            return 1
        fi
    done
}

# Sizes: one line per archive appended to $STAGE/sizes.tsv (see measure).
SIZES=$STAGE/sizes.tsv

# measure TRIPLE ARCHIVE SYMFILE: the archive's size, and the size of what an app really gets from it:
# a shared library linked by rust-lld from the archive alone with only the symbols in SYMFILE as roots
# and exports, unreferenced sections dropped (ld64.lld -dead_strip / ld.lld --gc-sections), platform
# libraries left undefined (libSystem, libc: not part of the archive). Records the linked file size
# and its code section (__text / .text). The linked file is a measuring device, not a deliverable:
# the real .so comes from the NDK (mac-or-ndk-only.sh) and an iOS app dead-strips at its own link.
measure() {
    local t=$1 archive=$2 syms=$3 linked text
    local dir=$STAGE/measure/$t
    mkdir -p "$dir"
    case $t in
        *-apple-*)
            linked=$dir/libdrmtoken.dylib
            sed 's/^/_/' "$syms" >"$dir/exports"
            # shellcheck disable=SC2046 # one -u per symbol: pull the members defining them in
            "$RUST_LLD" -flavor darwin -arch arm64 -platform_version ios 13.0 13.0 -dylib -dead_strip -x \
                -undefined dynamic_lookup -exported_symbols_list "$dir/exports" \
                $(sed 's/^/-u /' "$dir/exports") -o "$linked" "$archive"
            text=$("$MOBILE_SIZE" -m "$linked" | awk '$1 == "Section" && $2 == "__text:" { print $3; exit }')
            ;;
        *)
            linked=$dir/libdrmtoken.so
            { echo '{ global:'; sed 's/$/;/' "$syms"; echo 'local: *; };'; } >"$dir/exports.map"
            local emu
            case $t in
                aarch64-*) emu=aarch64linux ;;
                armv7-*) emu=armelf_linux_eabi ;;
                x86_64-*) emu=elf_x86_64 ;;
                i686-*) emu=elf_i386 ;;
            esac
            # shellcheck disable=SC2046
            "$RUST_LLD" -flavor gnu -m "$emu" -shared --gc-sections --strip-all \
                --version-script "$dir/exports.map" $(sed 's/^/--undefined=/' "$syms") -o "$linked" "$archive"
            text=$("$MOBILE_SIZE" -A "$linked" | awk '$1 == ".text" { print $2; exit }')
            ;;
    esac
    local row
    row=$(printf '%s\t%s\t%s\t%s\t%s' "$t" "$(stat -c %s "$archive")" "$(stat -c %s "$linked")" "$text" "$(wc -l <"$syms")")
    mkdir -p "$STAGE"
    touch "$SIZES"
    { grep -v "^$t	" "$SIZES" || true; echo "$row"; } | sort >"$SIZES.tmp"
    mv -f "$SIZES.tmp" "$SIZES"
    say "$t: archive $(stat -c %s "$archive") B; gc-linked $(stat -c %s "$linked") B, code $text B"
}

# native_libs TRIPLE: what rustc says a static library for TRIPLE must be linked with (the standard
# library's needs; drmtoken-ffi adds none), from a one-line probe crate (about a second).
native_libs() {
    local t=$1 tmp
    tmp=$(mktemp -d)
    echo 'pub fn probe() {}' | rustc --edition 2021 --crate-type staticlib --crate-name probe --target "$t" \
        -o "$tmp/libprobe.a" --print native-static-libs - 2>&1 | sed -n 's/^note: native-static-libs: //p'
    rm -rf "$tmp"
}

# copy_if_changed SRC DST: keeps mtimes (and so the second run) quiet when nothing changed.
copy_if_changed() {
    mkdir -p "$(dirname "$2")"
    cmp -s "$1" "$2" || cp -f "$1" "$2"
}

# require_files DIR PATH...: every PATH exists (and is non-empty) under DIR, else name the missing ones.
require_files() {
    local dir=$1 f missing=()
    shift
    for f in "$@"; do
        [ -s "$dir/$f" ] || missing+=("$f")
    done
    if [ ${#missing[@]} -ne 0 ]; then
        say "missing in $dir: ${missing[*]}"
        return 1
    fi
}

# build_checked TRIPLE SYMFILE BINDING_SOURCE...: build the archive (after ensure_target), check it
# against the bindings, record its sizes. Prints the archive's path. Call it outside `if`/`||` so
# that errexit stops at the first failure.
build_checked() {
    local t=$1 syms=$2 archive
    shift 2
    archive=$(build_staticlib "$t")
    bash scripts/mobile/check-symbols.sh "$archive" "$@"
    mkdir -p "$(dirname "$syms")"
    referenced_symbols "$@" >"$syms"
    measure "$t" "$archive" "$syms"
    echo "$archive"
}
