#!/usr/bin/env bash
# Installs the C library under a prefix, the way `cargo cinstall` (cargo-c) would, without building
# cargo-c (that costs minutes of CPU; this is the same layout from one cargo call and a copy):
#
#   scripts/install-c.sh --prefix DIR [--libdir lib]
#
#   DIR/include/drmtoken.h                        the committed header (scripts/gen-header.sh)
#   DIR/lib/libdrmtoken.a                         static library
#   DIR/lib/libdrmtoken.so.X.Y.Z                  shared library, soname libdrmtoken.so.<sover>
#   DIR/lib/libdrmtoken.so.<sover> -> .so.X.Y.Z   what programs load (the soname)
#   DIR/lib/libdrmtoken.so -> .so.<sover>         what the linker finds for -ldrmtoken
#   DIR/lib/pkgconfig/drmtoken.pc                 shared: pkg-config --cflags --libs drmtoken
#   DIR/lib/pkgconfig/drmtoken-static.pc          static: pkg-config --cflags --libs drmtoken-static
#   DIR/lib/cmake/drmtoken/drmtoken-config.cmake  find_package(drmtoken): drmtoken::drmtoken (shared)
#   DIR/lib/cmake/drmtoken/drmtoken-config-version.cmake                and drmtoken::static
#   DIR/share/man/man1/drmtoken*.1                the CLI's manual pages (docs/man)
#
# The <sover> follows Cargo's semver as cargo-c does: 0.Y below 1.0 (a minor release may break
# the ABI), X from 1.0 on. The libraries are the std drmtoken-ffi crate's (the C API, with the
# uniffi scaffolding the bindings use), built in the release profile (LTO, one codegen unit):
# `cargo rustc` only rebuilds what changed, so a second run is a copy. The soname is set at link
# time (-Wl,-soname), then checked with readelf. Firmware links ffi/nostd's libdrmtoken.a
# instead (same header, no_std, per target): docs/embedded.md. Requires cargo, a C linker, readelf.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

usage() { echo "usage: scripts/install-c.sh --prefix DIR [--libdir lib]" >&2; exit 2; }
prefix=
libdir=lib
while [ $# -gt 0 ]; do
    case $1 in
        --prefix) [ $# -ge 2 ] || usage; prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        --libdir) [ $# -ge 2 ] || usage; libdir=$2; shift 2 ;;
        --libdir=*) libdir=${1#--libdir=}; shift ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
        *) echo "install-c.sh: unknown argument: $1" >&2; usage ;;
    esac
done
[ -n "$prefix" ] || usage
case $libdir in
    /* | *..*) echo "install-c.sh: --libdir is a path inside the prefix (e.g. lib or lib/x86_64-linux-gnu), got $libdir" >&2; exit 2 ;;
esac
libdir=${libdir%/}
for tool in cargo readelf; do
    command -v "$tool" >/dev/null || { echo "install-c.sh: $tool is not installed" >&2; exit 1; }
done
mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)

version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n 1)
IFS=. read -r major minor _ <<<"$version"
if [ "$major" = 0 ]; then sover="0.$minor"; else sover="$major"; fi
soname="libdrmtoken.so.$sover"
grep -q "^#define DRMTOKEN_VERSION \"$version\"$" "$root/include/drmtoken.h" || {
    echo "install-c.sh: include/drmtoken.h is not the header of $version: run scripts/gen-header.sh" >&2
    exit 1
}

# staticlib + cdylib only: with `lib` in the list rustc silently drops LTO (ffi/Cargo.toml lists
# all three for the tests and uniffi-bindgen); the soname flag reaches only the cdylib's link.
build() {
    echo "install-c.sh: building libdrmtoken $version (release)" >&2
    (cd "$root" && cargo rustc -q --release --locked -p drmtoken-ffi --lib \
        --crate-type staticlib,cdylib -- -C "link-arg=-Wl,-soname,$soname")
}
built="${CARGO_TARGET_DIR:-$root/target}/release"
soname_of() { readelf -d "$built/libdrmtoken.so" 2>/dev/null | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p'; }
build
# Another build of the crate (`cargo build --release -p drmtoken-ffi`, maturin) writes the same
# file names without the soname, and cargo may still hold this build for fresh: relink once.
if [ "$(soname_of)" != "$soname" ]; then
    echo "install-c.sh: target/release/libdrmtoken.so came from another build: relinking" >&2
    (cd "$root" && cargo clean -q --release -p drmtoken-ffi)
    build
fi
for f in libdrmtoken.a libdrmtoken.so; do
    [ -f "$built/$f" ] || { echo "install-c.sh: cargo built no $built/$f" >&2; exit 1; }
done
got=$(soname_of)
[ "$got" = "$soname" ] || { echo "install-c.sh: $built/libdrmtoken.so has soname '$got', not $soname" >&2; exit 1; }

lib="$prefix/$libdir"
install -d "$prefix/include" "$lib/pkgconfig" "$lib/cmake/drmtoken" "$prefix/share/man/man1"
install -m 644 "$root/include/drmtoken.h" "$prefix/include/drmtoken.h"
install -m 644 "$built/libdrmtoken.a" "$lib/libdrmtoken.a"
install -m 755 "$built/libdrmtoken.so" "$lib/libdrmtoken.so.$version"
ln -sfn "libdrmtoken.so.$version" "$lib/$soname"
ln -sfn "$soname" "$lib/libdrmtoken.so"

# pkg-config: libdir through ${prefix}, as cargo-c writes it.
for pc in drmtoken drmtoken-static; do
    sed -e "s|@PREFIX@|$prefix|" -e "s|@LIBDIR@|\${prefix}/$libdir|" -e "s|@VERSION@|$version|" \
        "$root/ffi/$pc.pc.in" >"$lib/pkgconfig/$pc.pc"
done
# CMake: the config finds the prefix from its own directory (<libdir>/cmake/drmtoken).
relative_prefix=$(echo "$libdir/cmake/drmtoken" | sed -e 's|[^/][^/]*|..|g')
sizeof_void_p=$(getconf LONG_BIT)
sizeof_void_p=$((sizeof_void_p / 8))
for f in drmtoken-config drmtoken-config-version; do
    sed -e "s|@RELATIVE_PREFIX@|$relative_prefix|" -e "s|@LIBDIR@|$libdir|g" -e "s|@VERSION@|$version|g" \
        -e "s|@SOVERSION@|$sover|g" -e "s|@SIZEOF_VOID_P@|$sizeof_void_p|g" \
        "$root/ffi/cmake/$f.cmake.in" >"$lib/cmake/drmtoken/$f.cmake"
done
# The man pages of the drmtoken CLI (generated from its clap definition, in drift check).
install -m 644 "$root"/docs/man/*.1 "$prefix/share/man/man1/"

echo "install-c.sh: installed libdrmtoken $version (soname $soname) under $prefix" >&2
