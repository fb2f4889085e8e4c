#!/usr/bin/env bash
# One run, same machine, same inputs: drmtoken against the peers a user would pick instead, and
# against the memcpy floor. Prints `ratio <name> <value>` lines:
#   peers: value = peer_ns_per_op / drmtoken_ns_per_op   (above 1: drmtoken is faster)
#   floor: value = drmtoken_ns_per_op / floor_ns_per_op (how far from copying the output bytes)
# and fails when a drmtoken measurement allocated. Installs what it needs (gcc, OpenSSL headers,
# Python's cryptography) when missing. Takes about a minute on 2 cores.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../tools/install/lib.sh
source "$root/tools/install/lib.sh"
apt_install gcc libc6-dev libssl-dev pkg-config python3 python3-cryptography

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
log "building the drmtoken and std-Rust side (release)"
# Ask cargo where the binary is: it honours CARGO_TARGET_DIR, --target-dir in a config, etc.
compare=$(cargo build -q --release -p drmtoken-benches --bin compare --message-format=json-render-diagnostics |
    python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable"):
        print(m["executable"])')
[ -x "$compare" ] || { echo "cargo did not report the compare binary" >&2; exit 1; }
gcc -O2 -Wall -Wextra -Werror -o "$work/openssl_keywrap" benches/peers/openssl_keywrap.c \
    $(pkg-config --cflags --libs libcrypto)

"$compare" >"$work/lines"
"$compare" --scaling >"$work/scale"
url=$("$compare" --print-playready-url)
python3 benches/peers/python_peer.py "$url" >>"$work/lines"
"$work/openssl_keywrap" >>"$work/lines"

python3 - "$work/lines" <<'PY'
import sys
ns, allocs = {}, {}
for line in open(sys.argv[1]):
    kind, name, value = line.split()
    (ns if kind == "ns" else allocs)[name] = float(value)
for name, value in sorted(ns.items()):
    print(f"# ns/op {name} {value:.1f}", file=sys.stderr)

def best(*names):
    present = [ns[n] for n in names if n in ns]
    return min(present) if present else None

openssl128 = best("openssl_evp.unwrap128", "openssl_evp_reuse.unwrap128", "openssl_aes.unwrap128")
openssl256 = best("openssl_evp.unwrap256", "openssl_evp_reuse.unwrap256", "openssl_aes.unwrap256")
peers = [  # (ratio name, peer ns, drmtoken ns)
    ("playready_url_vs_python", ns.get("python.playready_url"), ns.get("drmtoken.playready_url")),
    ("playready_url_vs_std_rust", ns.get("std_rust.playready_url"), ns.get("drmtoken.playready_url")),
    ("check_url_vs_python", ns.get("python.check_url"), ns.get("drmtoken.check_url")),
    ("check_url_vs_std_rust", ns.get("std_rust.check_url"), ns.get("drmtoken.check_url")),
    ("unwrap_vs_openssl", openssl128, ns.get("drmtoken.unwrap128")),
    ("unwrap256_vs_openssl", openssl256, ns.get("drmtoken.unwrap256")),
    ("unwrap_vs_python", ns.get("python.unwrap128"), ns.get("drmtoken.unwrap128")),
    ("wrap_vs_python", ns.get("python.wrap128"), ns.get("drmtoken.wrap128")),
]
# Response parsers, as the services' modules provide them.
for what in ["ias_parse", "adobe_json_parse", "adobe_xml_parse", "playready_response_parse"]:
    peers.append((f"{what}_vs_serde_json" if "xml" not in what else f"{what}_vs_quick_xml",
                  ns.get(f"std_rust.{what}"), ns.get(f"drmtoken.{what}")))
    peers.append((f"{what}_vs_python", ns.get(f"python.{what}"), ns.get(f"drmtoken.{what}")))
floors = [("playready_url_over_memcpy", ns.get("drmtoken.playready_url"), ns.get("memcpy.playready_url"))]

failed = False
for name, num, den in peers + floors:
    if num is None or den is None or den == 0:
        print(f"ratio {name} missing")
        failed = True
    else:
        print(f"ratio {name} {num / den:.2f}")
for name, n in sorted(allocs.items()):
    if n != 0:
        print(f"error: {name} allocated {n} times per operation", file=sys.stderr)
        failed = True
sys.exit(1 if failed else 0)
PY
cat "$work/scale"
if [ "${1:-}" = "--chart" ]; then
    python3 benches/chart.py <"$work/scale" >benches/scaling.svg
fi
