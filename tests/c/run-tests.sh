#!/usr/bin/env bash
# The C surface, for real: the committed header matches a fresh cbindgen run; the test program
# (every shared vector + the API conventions) is built with -Wall -Wextra -Wpedantic -Werror
# and run against libdrmtoken.a under ASan+UBSan, and against libdrmtoken.so under valgrind;
# every export is called from 8 threads at once under ThreadSanitizer (test_threads.c; any report
# fails the run); the example builds through pkg-config. Installs what it needs (tools/install/c.sh).
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

cflags=(-std=c99 -g -O1 -Wall -Wextra -Wpedantic -Werror -I"$root/include" -I"$build")
system_libs=(-lpthread -ldl -lm)

echo "== the header alone, C99 and C++" >&2
printf '#include "drmtoken.h"\nint main(void) { return 0; }\n' >"$build/header_only.c"
gcc -std=c99 -Wall -Wextra -Wpedantic -Werror -I"$root/include" -c "$build/header_only.c" -o "$build/header_only.o"
g++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -x c++ -I"$root/include" -c "$build/header_only.c" -o "$build/header_only_cpp.o"
echo "exports: $(grep -c '^pub unsafe extern "C" fn' ffi/src/c_api/*.rs | awk -F: '{ n += $2 } END { print n }')" >&2

echo "== static library, ASan + UBSan" >&2
gcc "${cflags[@]}" -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
    tests/c/test_drmtoken.c "$lib/libdrmtoken.a" "${system_libs[@]}" -o "$build/test_static"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$build/test_static"

echo "== shared library, valgrind" >&2
gcc "${cflags[@]}" tests/c/test_drmtoken.c -L"$lib" -ldrmtoken "${system_libs[@]}" -o "$build/test_shared"
LD_LIBRARY_PATH="$lib" valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
    "$build/test_shared" >/dev/null

echo "== threads: every export from 8 threads at once, ThreadSanitizer (static library)" >&2
# The thread test must name every export of the header (a new export without a thread job fails).
missing=0
for e in $(grep -v '^ *//' include/drmtoken.h | grep -oE '\bdrmtoken_[a-z0-9_]+\(' | tr -d '(' | sort -u); do
    grep -q "\"$e\"" tests/c/test_threads.c || { echo "tests/c/test_threads.c does not call $e" >&2; missing=1; }
done
[ "$missing" = 0 ]
# gcc's TSan instruments the C side (the test's threads, inputs and outputs); the Rust library is
# not instrumented, which is sound here: it shares nothing between calls (no global state), so
# every access it makes is to the caller's memory, which the C side's instrumented accesses cover
# before and after each call. No suppressions: any report fails the run (exit code 66).
gcc "${cflags[@]}" -fsanitize=thread -fno-omit-frame-pointer tests/c/test_threads.c "$lib/libdrmtoken.a" \
    "${system_libs[@]}" -o "$build/test_threads_tsan"
TSAN_OPTIONS="halt_on_error=1 exitcode=66 report_thread_leaks=1" "$build/test_threads_tsan"
gcc "${cflags[@]}" tests/c/test_threads.c -L"$lib" -ldrmtoken "${system_libs[@]}" -o "$build/test_threads_shared"
LD_LIBRARY_PATH="$lib" "$build/test_threads_shared" >/dev/null

echo "== example through pkg-config" >&2
mkdir -p "$build/pkgconfig"
sed -e "s|@PREFIX@|$root|" -e "s|@LIBDIR@|$lib|" -e "s|@VERSION@|$(cargo pkgid -p drmtoken-ffi | sed 's/.*[#@]//')|" \
    ffi/drmtoken-static.pc.in >"$build/pkgconfig/drmtoken-static.pc"
# shellcheck disable=SC2046
gcc "${cflags[@]}" examples/c/playready_url.c $(PKG_CONFIG_PATH="$build/pkgconfig" pkg-config --cflags --libs drmtoken-static) \
    -o "$build/playready_url"
"$build/playready_url" >"$build/example.out"
grep -q '^https://pr-gen.test.expressplay.com/hms/pr/token?customerAuthenticator=' "$build/example.out"
grep -q '^licence server: https://expressplay-licensing.axprod.net/LicensingService.ashx?ExpressPlayToken=AAAAAwAAAAQAAAAX-_Q==$' "$build/example.out"
echo "C tests passed" >&2
