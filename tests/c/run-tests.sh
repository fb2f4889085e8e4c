#!/usr/bin/env bash
# The C surface, for real: the committed header matches a fresh cbindgen run; the test program
# (every shared vector + the API conventions) is built with -Wall -Wextra -Wpedantic -Werror
# and run against libdrmtoken.a under ASan+UBSan, and against libdrmtoken.so under valgrind;
# the example builds through pkg-config. Installs what it needs (tools/install/c.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
eval "$(bash tools/install/c.sh)"
bash scripts/gen-header.sh --check

cargo build -q -p drmtoken-ffi
lib="$root/target/debug"
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
python3 tests/c/gen_vectors.py "$build/vectors.h"

cflags=(-std=c11 -g -O1 -Wall -Wextra -Wpedantic -Werror -I"$root/include" -I"$build")
system_libs=(-lpthread -ldl -lm)

echo "== static library, ASan + UBSan" >&2
gcc "${cflags[@]}" -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
    tests/c/test_drmtoken.c "$lib/libdrmtoken.a" "${system_libs[@]}" -o "$build/test_static"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$build/test_static"

echo "== shared library, valgrind" >&2
gcc "${cflags[@]}" tests/c/test_drmtoken.c -L"$lib" -ldrmtoken "${system_libs[@]}" -o "$build/test_shared"
LD_LIBRARY_PATH="$lib" valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
    "$build/test_shared" >/dev/null

echo "== example through pkg-config" >&2
mkdir -p "$build/pkgconfig"
sed -e "s|@PREFIX@|$root|" -e "s|@LIBDIR@|$lib|" -e "s|@VERSION@|$(cargo pkgid -p drmtoken-ffi | sed 's/.*[#@]//')|" \
    ffi/drmtoken.pc.in >"$build/pkgconfig/drmtoken.pc"
# shellcheck disable=SC2046
gcc "${cflags[@]}" examples/c/playready_url.c $(PKG_CONFIG_PATH="$build/pkgconfig" pkg-config --cflags --libs --static drmtoken) \
    -o "$build/playready_url"
"$build/playready_url" | grep -q '^https://pr-gen.test.expressplay.com/hms/pr/token?customerAuthenticator='
echo "C tests passed" >&2
