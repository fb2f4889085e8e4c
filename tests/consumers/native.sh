#!/usr/bin/env bash
# The native packages, used the way a user outside this repository uses them (issue 21):
#
#   rust  `cargo package` of the published crates (core, emulator, cli; each verified by a
#         build of the packaged sources); the core's docs with -D warnings (and as docs.rs builds
#         them, with nightly and --cfg docsrs, when nightly is present); the core built with the
#         declared rust-version's toolchain; tests/consumers/rust copied out of the tree and built
#         against the packaged core with default features off, alone and with each feature, for
#         thumbv7em-none-eabihf, then its tests run on the host.
#   c     scripts/install-c.sh into a fresh prefix outside the tree (twice: the second run is
#         the cached one); the layout, soname and links checked; tests/consumers/c copied out
#         and built four times (pkg-config and CMake, shared and static), each run and checked
#         with ldd for the library it really loads; the man pages installed.
#
# Usage: tests/consumers/native.sh [rust|c|all]   (default all). Idempotent: builds are cached
# in target/ (target/consumers for the consumers), toolchains by tools/install/{msrv,c}.sh.
# Prints figures: package sizes, .a and .so sizes, install times.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
what=${1:-all}
case $what in rust | c | all) ;; *) echo "usage: tests/consumers/native.sh [rust|c|all]" >&2; exit 2 ;; esac
# shellcheck source=../../tools/install/lib.sh
. tools/install/lib.sh

work=$(mktemp -d "${TMPDIR:-/tmp}/drmtoken-consumers.XXXXXX")
trap 'rm -rf "$work"' EXIT
case $work in "$root"/*) echo "the work directory $work is inside the repository" >&2; exit 1 ;; esac
target="${CARGO_TARGET_DIR:-$root/target}"
figures=()
figure() { figures+=("$(printf '%-44s %s' "$1" "$2")"); }
kib() { echo "$(( ($(stat -c %s "$1") + 512) / 1024 )) KiB"; }
say() { echo "== $*" >&2; }
seconds_since() { # START_NS -> "12.3 s"
    local ds=$((($(date +%s%N) - $1) / 100000000))
    echo "$((ds / 10)).$((ds % 10)) s"
}

rust_checks() {
    eval "$(bash tools/install/msrv.sh)"
    local version
    version=$(cargo pkgid -p drmtoken-core | sed 's/.*[#@]//')

    say "cargo package: drmtoken-core, drmtoken-emulator, drmtoken-cli (each verified by a build)"
    # --allow-dirty: what is checked is that the sources package and build, not the VCS state.
    # The output only on failure (the core's tests are left out of its package on purpose, and
    # cargo says so for each).
    local out
    out=$(cargo package --locked --allow-dirty -p drmtoken-core -p drmtoken-emulator -p drmtoken-cli 2>&1) ||
        { echo "$out" >&2; return 1; }
    local c
    for c in drmtoken-core drmtoken-emulator drmtoken-cli; do
        figure "$c-$version.crate" "$(kib "$target/package/$c-$version.crate")"
    done
    # The crates nobody should publish say so.
    local unpublished
    unpublished=$(cargo metadata -q --format-version 1 --no-deps | python3 -c '
import json, sys
print(" ".join(sorted(p["name"] for p in json.load(sys.stdin)["packages"] if p["publish"] == [])))')
    [ "$unpublished" = "drmtoken-benches drmtoken-codegen drmtoken-ffi" ] || {
        echo "publish = false is expected on exactly benches, codegen and ffi; it is on: $unpublished" >&2
        return 1
    }

    say "core docs, -D warnings, all features"
    RUSTDOCFLAGS="-D warnings" cargo doc -q -p drmtoken-core --no-deps --all-features
    if rustup run nightly rustc --version >/dev/null 2>&1; then
        say "core docs as docs.rs builds them (nightly, --cfg docsrs, doc_cfg)"
        RUSTDOCFLAGS="--cfg docsrs -D warnings" cargo +nightly doc -q -p drmtoken-core --no-deps --all-features \
            --target-dir "$target/docsrs"
        grep -q 'Available on crate feature `expressplay` only' \
            "$target/docsrs/doc/drmtoken_core/index.html" || {
            echo "the docs.rs build does not mark feature-gated items (doc_cfg)" >&2
            return 1
        }
    else
        echo "SKIPPED: the docs.rs build (no nightly toolchain)" >&2
    fi

    if [ -n "$DRMTOKEN_MSRV" ]; then
        say "drmtoken-core with Rust $DRMTOKEN_MSRV (the declared rust-version), the lockfile, all features and none"
        cargo "+$DRMTOKEN_MSRV" build -q --locked -p drmtoken-core --all-features --target-dir "$target/msrv"
        cargo "+$DRMTOKEN_MSRV" build -q --locked -p drmtoken-core --no-default-features --target-dir "$target/msrv"
        figure "rust-version (checked by a build)" "$DRMTOKEN_MSRV"
    else
        echo "SKIPPED: the rust-version build and the thumbv7em consumer build (see tools/install/msrv.sh)" >&2
    fi

    say "a consumer crate outside the tree, against the packaged drmtoken-core"
    # The packaged core, unpacked where it stays (a new copy only when the .crate changed, so the
    # consumer's builds stay cached).
    local crate="$target/package/drmtoken-core-$version.crate" pkgdir="$target/consumers/rust/pkg"
    local sum
    sum=$(sha256sum "$crate" | cut -d' ' -f1)
    if [ "$(cat "$pkgdir/.sha256" 2>/dev/null)" != "$sum" ]; then
        rm -rf "$pkgdir"
        mkdir -p "$pkgdir"
        tar -xzf "$crate" -C "$pkgdir"
        echo "$sum" >"$pkgdir/.sha256"
    fi
    local consumer="$work/rust-consumer"
    cp -r tests/consumers/rust "$consumer"
    rm -rf "$consumer/target"
    local patch="patch.crates-io.drmtoken-core.path=\"$pkgdir/drmtoken-core-$version\""
    local features
    for features in "" expressplay keywrap opentv adobe-pass; do
        local args=(--locked --config "$patch" --target-dir "$target/consumers/rust/target" --no-default-features)
        [ -z "$features" ] || args+=(--features "$features")
        if [ -n "$DRMTOKEN_MSRV" ]; then
            (cd "$consumer" && cargo build -q "${args[@]}" --lib --target thumbv7em-none-eabihf)
        fi
        local out passed want=2
        [ -n "$features" ] || want=1 # the form decoding, plus the feature's own test
        out=$(cd "$consumer" && cargo test -q "${args[@]}" 2>&1) || { echo "$out" >&2; return 1; }
        passed=$(sed -n 's/^test result: ok\. \([0-9]*\) passed.*/\1/p' <<<"$out" | awk '{ n += $1 } END { print n + 0 }')
        [ "$passed" = "$want" ] || { echo "$out" >&2; echo "features [${features:-none}]: $passed tests passed, expected $want" >&2; return 1; }
        echo "   ok: features [${features:-none}]: thumbv7em-none-eabihf build, $passed host tests" >&2
    done
}

c_checks() {
    eval "$(bash tools/install/c.sh)"
    apt_install cmake binutils
    local prefix="$work/prefix" start
    say "scripts/install-c.sh --prefix $prefix (first run)"
    start=$(date +%s%N)
    bash scripts/install-c.sh --prefix "$prefix"
    figure "install-c.sh, first run (builds when stale)" "$(seconds_since "$start")"
    start=$(date +%s%N)
    bash scripts/install-c.sh --prefix "$prefix"
    figure "install-c.sh, second run (same prefix)" "$(seconds_since "$start")"

    say "the installed layout"
    local version sover lib="$prefix/lib"
    version=$(cargo pkgid -p drmtoken-ffi | sed 's/.*[#@]//')
    IFS=. read -r major minor _ <<<"$version"
    if [ "$major" = 0 ]; then sover="0.$minor"; else sover="$major"; fi
    local f
    for f in include/drmtoken.h lib/libdrmtoken.a "lib/libdrmtoken.so.$version" lib/pkgconfig/drmtoken.pc \
        lib/pkgconfig/drmtoken-static.pc lib/cmake/drmtoken/drmtoken-config.cmake \
        lib/cmake/drmtoken/drmtoken-config-version.cmake share/man/man1/drmtoken.1; do
        [ -f "$prefix/$f" ] || { echo "missing after the install: $f" >&2; return 1; }
    done
    [ "$(readlink "$lib/libdrmtoken.so")" = "libdrmtoken.so.$sover" ] &&
        [ "$(readlink "$lib/libdrmtoken.so.$sover")" = "libdrmtoken.so.$version" ] || {
        echo "the .so links are wrong: $(ls -l "$lib"/libdrmtoken.so*)" >&2
        return 1
    }
    readelf -d "$lib/libdrmtoken.so.$version" | grep -q "(SONAME).*\[libdrmtoken.so.$sover\]" || {
        echo "libdrmtoken.so.$version has no soname libdrmtoken.so.$sover" >&2
        return 1
    }
    diff -r docs/man "$prefix/share/man/man1" >/dev/null || { echo "the installed man pages are not docs/man" >&2; return 1; }
    figure "libdrmtoken.a" "$(kib "$lib/libdrmtoken.a")"
    figure "libdrmtoken.so.$version (soname libdrmtoken.so.$sover)" "$(kib "$lib/libdrmtoken.so.$version")"
    strip --strip-unneeded -o "$work/stripped.so" "$lib/libdrmtoken.so.$version"
    figure "libdrmtoken.so.$version, stripped" "$(kib "$work/stripped.so")"
    figure "man pages (share/man/man1)" "$(ls "$prefix/share/man/man1" | wc -l)"

    local src="$work/c-consumer" build="$work/c-build"
    cp -r tests/consumers/c "$src"
    mkdir -p "$build"
    local cflags=(-std=c99 -Wall -Wextra -Wpedantic -Werror)
    export PKG_CONFIG_PATH="$lib/pkgconfig"
    [ "$(pkg-config --modversion drmtoken)" = "$version" ] || { echo "pkg-config does not see drmtoken $version" >&2; return 1; }

    # run NAME BINARY shared|static [env...]: runs it, and checks with ldd that it loads the
    # installed .so (shared) or no libdrmtoken at all (static).
    run() {
        local name=$1 bin=$2 kind=$3
        shift 3
        local deps
        deps=$(env "$@" ldd "$bin")
        if [ "$kind" = shared ]; then
            grep -q "libdrmtoken.so.$sover => $lib/libdrmtoken.so.$sover " <<<"$deps" || {
                echo "$name does not load $lib/libdrmtoken.so.$sover:" >&2
                echo "$deps" >&2
                return 1
            }
        elif grep -q libdrmtoken <<<"$deps"; then
            echo "$name is linked statically, yet loads: $(grep libdrmtoken <<<"$deps")" >&2
            return 1
        fi
        env "$@" "$bin" >"$build/$name.out"
        grep -q '^all checks passed$' "$build/$name.out"
        echo "   ok: $name ($kind; $(grep -c '^ok ' "$build/$name.out") checks)" >&2
    }

    say "C consumer through pkg-config"
    # shellcheck disable=SC2046
    cc "${cflags[@]}" "$src/consumer.c" $(pkg-config --cflags --libs drmtoken) -o "$build/pc_shared"
    run pkg-config-shared "$build/pc_shared" shared LD_LIBRARY_PATH="$lib"
    # shellcheck disable=SC2046
    cc "${cflags[@]}" "$src/consumer.c" $(pkg-config --cflags --libs drmtoken-static) -o "$build/pc_static"
    run pkg-config-static "$build/pc_static" static
    strip -o "$work/pc_static.stripped" "$build/pc_static"
    figure "C consumer linked statically, stripped" "$(kib "$work/pc_static.stripped")"

    say "C consumer through CMake find_package(drmtoken)"
    cmake -S "$src" -B "$build/cmake" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >"$build/cmake.log" ||
        { cat "$build/cmake.log" >&2; return 1; }
    grep -q "drmtoken $version from $lib/cmake/drmtoken" "$build/cmake.log" ||
        { echo "CMake did not find the installed drmtoken $version:" >&2; cat "$build/cmake.log" >&2; return 1; }
    cmake --build "$build/cmake" >"$build/cmake-build.log" || { cat "$build/cmake-build.log" >&2; return 1; }
    # CMake writes the imported library's directory into the build tree's RPATH: no LD_LIBRARY_PATH.
    run cmake-shared "$build/cmake/consumer_shared" shared
    run cmake-static "$build/cmake/consumer_static" static
    # A version it is not compatible with is refused (0.x: a minor release may break the ABI).
    printf 'cmake_minimum_required(VERSION 3.16)\nproject(p LANGUAGES C)\nfind_package(drmtoken %s.%s REQUIRED)\n' \
        "$major" "$((minor + 1))" >"$work/CMakeLists.txt"
    if cmake -S "$work" -B "$work/cmake-newer" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null 2>&1; then
        echo "find_package(drmtoken $major.$((minor + 1))) accepted the installed $version" >&2
        return 1
    fi
}

# (`if`, not `||`: a function called on the left of || runs without set -e.)
if [ "$what" != c ]; then rust_checks; fi
if [ "$what" != rust ]; then c_checks; fi
echo "== figures" >&2
printf '%s\n' "${figures[@]}" >&2
echo "native consumers ($what) passed" >&2
