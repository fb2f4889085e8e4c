#!/usr/bin/env bash
# The C API against `drmtoken serve`, end to end, with libcurl, for all five services:
# examples/c/fetch_token.c (built with -Wall -Wextra -Wpedantic -Werror against
# target/debug/libdrmtoken.a) builds each service's request, fetches it from the emulator, parses
# the answer with libdrmtoken and acts on it (skd:// URI, licence URLs, content rights, the
# authorization). For each service: the token, its documented refusals with their status and
# code or kind, and the injected faults (status=503, content-type, drop, latency past the
# client's timeout, latency within it, trickle, truncate and malformed), each with the example's
# exit status (0 an answer, 1 a refusal or an unreadable answer, 3 no complete answer) and output.
# Installs libcurl4-openssl-dev.
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
gcc -std=c99 -g -O1 -Wall -Wextra -Wpedantic -Werror -I"$root/include" examples/c/fetch_token.c \
    "$lib/libdrmtoken.a" $(pkg-config --libs libcurl) -lpthread -ldl -lm -o "$build/fetch_token"

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
# run SERVICE [NAME=VALUE...]: the example's stdout+stderr in $build/out, its exit status in $got
# (10 s curl timeout unless timeout_ms= says otherwise, 30 s hard limit).
run() {
    got=0
    timeout 30 "$build/fetch_token" "$1" "$base" "${@:2}" >"$build/out" 2>&1 || got=$?
}
# expect NAME STATUS PATTERN SERVICE [NAME=VALUE...]: the exit status must be STATUS and a line
# of the output must match PATTERN (grep -E).
expect() {
    local name=$1 want=$2 pattern=$3
    shift 3
    run "$@"
    if [[ $got == "$want" ]] && grep -qE -- "$pattern" "$build/out"; then
        pass=$((pass + 1))
        echo "ok   $name" >&2
    else
        fail=$((fail + 1))
        echo "FAIL $name: exit $got (want $want), output:" >&2
        sed 's/^/    /' "$build/out" >&2
    fi
}
# same NAME LINE-PATTERN SERVICE [NAME=VALUE...]: as `expect NAME 0`, and the lines matching
# LINE-PATTERN are those of the same request sent plainly (by GET, without fault=, method= or
# timeout_ms=): what a body sent slowly, or a POST, must give byte for byte.
same() {
    local name=$1 lines=$2
    shift 2
    local service=$1 settings=() s
    for s in "${@:2}"; do [[ $s == fault=* || $s == method=* || $s == timeout_ms=* ]] || settings+=("$s"); done
    run "$service" ${settings[@]+"${settings[@]}"}
    grep -E -- "$lines" "$build/out" >"$build/plain" || true
    expect "$name" 0 "$lines" "$@"
    if [[ $got == 0 ]] && ! grep -E -- "$lines" "$build/out" | cmp -s - "$build/plain"; then
        pass=$((pass - 1))
        fail=$((fail + 1))
        echo "FAIL $name: not the answer without the fault:" >&2
        diff <(grep -E -- "$lines" "$build/out") "$build/plain" | sed 's/^/    /' >&2 || true
    fi
}

auth="201722,1ad8eed133edf43cbcc185f0236828ae"
playready_only="201722,playreadyonly00000000000000000"
production="201722,0123456789abcdef0123456789abcdef"
unknown="201722,0000000000000000000000000000dead"
token='[A-Za-z0-9_=-]+'

# Successes: each answer parsed, and what a player does next built from it.
fairplay_ok="^skd uri: skd://fp\.test\.expressplay\.com:80/hms/fp/rights/\?ExpressPlayToken=$token$"
playready_ok="^licence server: https://expressplay-licensing\.axprod\.net/LicensingService\.ashx\?ExpressPlayToken=[A-Za-z0-9_=-]{150}$"
widevine_ok="^licence server: https://wv\.test\.expressplay\.com/hms/wv/rights/\?ExpressPlayToken=$token$"
opentv_ok='^content right: content7 from [0-9T:.-]+Z to [0-9T:.-]+Z, 86400 s, max sessions 5$'
adobe_ok='^authorized: mvpd sampleMvpdId, resource sampleResourceId, requestor sampleRequestorId, proxyMvpd sampleProxyMvpdId, expires [0-9]{13}$'
expect "fairplay: token and skd:// key URI" 0 "$fairplay_ok" fairplay
expect "playready: token and licence URL" 0 "$playready_ok" playready
expect "widevine: token and licence server" 0 "$widevine_ok" widevine
expect "widevine: licence server without the query" 0 '^licence server without query: https://wv\.test\.expressplay\.com/hms/wv/rights/$' widevine
expect "opentv: content rights" 0 "$opentv_ok" opentv
expect "opentv: token type and lifetime" 0 '^token_type: Bearer, expires_in: 3887999$' opentv
expect "adobe pass (JSON): authorization" 0 "$adobe_ok" adobe format=json
expect "adobe pass (XML): authorization" 0 "$adobe_ok" adobe format=xml
# POST (form body) and GET of the same request: the same token.
same "playready: POST gives GET's token" '^(token|licence server):' playready method=post
same "fairplay: POST gives GET's token" '^(token|skd uri):' fairplay method=post

# Refusals: the documented status, with the service's code or the status's kind.
expect "fairplay: disabled service (401, -6009)" 1 '^refused: HTTP 401, EXPRESS_PLAY, code -6009: ' fairplay auth="$playready_only"
expect "playready: unknown authenticator (401, -2018)" 1 '^refused: HTTP 401, EXPRESS_PLAY, code -2018: ' playready auth="$unknown"
expect "playready: -2018 with errorFormat=json" 1 '^refused: HTTP 401, EXPRESS_PLAY, code -2018: ' playready auth="$unknown" error_format=json
expect "widevine: disabled service (401, -7011)" 1 '^refused: HTTP 401, EXPRESS_PLAY, code -7011: ' widevine auth="$playready_only"
expect "widevine: production authenticator on test (401, -2018)" 1 '^refused: HTTP 401, EXPRESS_PLAY, code -2018: ' widevine auth="$production" error_format=json
expect "opentv: unknown bearer token (401)" 1 '^refused: HTTP 401, UNAUTHORIZED, code 0: ' opentv bearer=wrong-token
expect "opentv: another tenant (403)" 1 '^refused: HTTP 403, FORBIDDEN, code 0: ' opentv tenant=other
expect "opentv: content not entitled (403)" 1 '^refused: HTTP 403, FORBIDDEN, code 0: ' opentv content=content-premium
expect "opentv: no such content (404)" 1 '^refused: HTTP 404, CONTENT_NOT_FOUND, code 0: ' opentv content=nosuchcontent
for format in json xml; do
    expect "adobe pass ($format): not authenticated (412)" 1 '^refused: HTTP 412, NOT_AUTHENTICATED, code 0: User not authenticated$' adobe format=$format device=unauthenticatedDevice
    expect "adobe pass ($format): not authorized (404)" 1 '^refused: HTTP 404, NOT_AUTHORIZED, code 0: ' adobe format=$format resource=unknownResourceId
    expect "adobe pass ($format): authorization expired (410)" 1 '^refused: HTTP 410, AUTHORIZATION_EXPIRED, code 0: ' adobe format=$format resource=expiredResourceId
done

# Faults, on every service.
declare -A ok=([fairplay]=$fairplay_ok [playready]=$playready_ok [widevine]=$widevine_ok [opentv]=$opentv_ok [adobe]=$adobe_ok)
for target in fairplay playready widevine opentv "adobe format=json" "adobe format=xml"; do
    # shellcheck disable=SC2206
    args=($target)
    svc=${args[0]}
    expect "$target: status=503" 1 '^refused: HTTP 503, ' "${args[@]}" fault=status=503
    other=text/plain
    [[ $svc == fairplay || $svc == widevine ]] && other=application/json
    expect "$target: content-type=$other" 1 'content type' "${args[@]}" fault=content-type=$other
    expect "$target: drop" 3 '^transport: ' "${args[@]}" fault=drop
    expect "$target: latency past the timeout" 3 '^transport: Timeout' "${args[@]}" fault=latency=2s timeout_ms=300
    expect "$target: latency within the timeout" 0 "${ok[$svc]}" "${args[@]}" fault=latency=200ms timeout_ms=5000
    case $svc in
    fairplay | playready | widevine)
        # The whole token, not a shorter one that still parses.
        same "$target: trickle" '^(token|licence server|skd uri)' "${args[@]}" fault=trickle=10ms/32
        ;;
    *)
        expect "$target: trickle" 0 "${ok[$svc]}" "${args[@]}" fault=trickle=10ms/256
        ;;
    esac
    unreadable=JSON
    [[ $target == *xml ]] && unreadable=XML
    case $svc in
    fairplay | widevine) expect "$target: malformed" 1 . "${args[@]}" fault=malformed ;;
    *)
        expect "$target: truncate" 1 "$unreadable" "${args[@]}" fault=truncate
        expect "$target: malformed" 1 "$unreadable" "${args[@]}" fault=malformed
        ;;
    esac
done

echo "C end to end (libcurl, 5 services): $pass passed, $fail failed" >&2
[[ $fail == 0 ]]
