#!/usr/bin/env bash
# The C API against `drmtoken serve`, end to end, with libcurl: examples/c/fetch_playready.c
# (built with -Wall -Wextra -Wpedantic -Werror against target/debug/libdrmtoken.a) builds a
# PlayReady token request URL, fetches it from the emulator, parses the answer and builds the
# licence URL; then a refusal (unknown authenticator: 401, -2018) and injected faults (503,
# truncate, malformed, content-type, drop), each with the example's exit status (0 a token,
# 1 a refusal or an unreadable answer, 3 no complete answer). Installs libcurl4-openssl-dev.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
# shellcheck source=../../tools/install/lib.sh
source tools/install/lib.sh
apt_install libcurl4-openssl-dev pkg-config gcc

cargo build -q -p drmtoken-ffi --lib
cargo build -q -p drmtoken-cli --bin drmtoken
lib="$root/target/debug"
build=$(mktemp -d)
server=
cleanup() {
    if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$build"
}
trap cleanup EXIT

# shellcheck disable=SC2046
gcc -std=c99 -g -O1 -Wall -Wextra -Wpedantic -Werror -I"$root/include" examples/c/fetch_playready.c \
    "$lib/libdrmtoken.a" $(pkg-config --libs libcurl) -lpthread -ldl -lm -o "$build/fetch_playready"

"$lib/drmtoken" serve --addr 127.0.0.1:0 --quiet >"$build/serve.out" 2>/dev/null &
server=$!
base=
for _ in $(seq 100); do
    base=$(sed -n '1s/^drmtoken serve: listening on //p' "$build/serve.out")
    [[ -n $base ]] && break
    sleep 0.1
done
[[ -n $base ]] || { echo "drmtoken serve did not start" >&2; exit 1; }

pass=0
fail=0
# expect NAME STATUS PATTERN [ARGS...]: runs the example (10 s curl timeout, 30 s hard limit);
# its exit status must be STATUS and its stdout+stderr must match PATTERN (grep -E).
expect() {
    local name=$1 want=$2 pattern=$3 got=0
    shift 3
    timeout 30 "$build/fetch_playready" "$base" "$@" >"$build/out" 2>&1 || got=$?
    if [[ $got == "$want" ]] && grep -qE "$pattern" "$build/out"; then
        pass=$((pass + 1))
        echo "ok   $name" >&2
    else
        fail=$((fail + 1))
        echo "FAIL $name: exit $got (want $want), output:" >&2
        sed 's/^/    /' "$build/out" >&2
    fi
}

auth="201722,1ad8eed133edf43cbcc185f0236828ae"
expect "token and licence URL" 0 \
    '^licence server: https://expressplay-licensing\.axprod\.net/LicensingService\.ashx\?ExpressPlayToken=[A-Za-z0-9_=-]{150}$'
expect "unknown authenticator refused" 1 '^refused: HTTP 401, code -2018' "201722,0000000000000000000000000000dead"
expect "fault status=503" 1 '^refused: HTTP 503' "$auth" "status=503"
expect "fault truncate" 1 'JSON' "$auth" "truncate"
expect "fault malformed" 1 'JSON' "$auth" "malformed"
expect "fault content-type" 1 'content type' "$auth" "content-type=text/plain"
expect "fault drop" 3 '^transport: ' "$auth" "drop"

echo "C end to end (libcurl): $pass passed, $fail failed" >&2
[[ $fail == 0 ]]
