#!/usr/bin/env bash
# Tools the mobile static-library checks (scripts/mobile/) need on a Linux machine, none of them an SDK:
# llvm-nm / llvm-ar / llvm-size that read Mach-O as well as ELF (GNU nm cannot read the iOS archives),
# and rust-lld, which ships with every rustup toolchain and measures gc'd sizes (ld64.lld, ld.lld).
# llvm-* come from rustup's `llvm-tools` component (same LLVM as rustc), else from the PATH (Debian's
# llvm-14 reads the archives only with `--no-llvm-bc`: rustc 1.95's compiler_builtins members carry
# LLVM 22 bitcode), else `rustup component add llvm-tools` (~30 MB), else Debian's `llvm`. Rust targets are not installed here: scripts/mobile/lib.sh adds them per
# target, so a target this machine refuses skips only itself.
# Idempotent: a second run only looks the tools up. Stdout: export lines (also written to
# $DRMTOKEN_TOOLS/mobile/env.sh). Usage: eval "$(bash tools/install/mobile.sh)"
set -euo pipefail
# shellcheck source=tools/install/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

tool_lock mobile

sysroot=$(rustc --print sysroot)
host=$(rustc -vV | sed -n 's/^host: //p')
rust_bin=$sysroot/lib/rustlib/$host/bin

# find_llvm NAME: rustup llvm-tools NAME, else NAME, else the newest NAME-<n> on the PATH; empty if none.
find_llvm() {
    local name=$1 c
    for c in "$rust_bin/$name" "$name" $(compgen -c "$name-" | grep -E "^$name-[0-9]+$" | sort -t- -k3 -rn); do
        if command -v "$c" >/dev/null 2>&1 && "$c" --version >/dev/null 2>&1; then
            command -v "$c"
            return 0
        fi
    done
}

nm=$(find_llvm llvm-nm || true)
if [ -z "$nm" ]; then
    log "rustup component add llvm-tools"
    rustup component add llvm-tools >&2 || apt_install llvm
    nm=$(find_llvm llvm-nm || true)
fi
ar=$(find_llvm llvm-ar || true)
size=$(find_llvm llvm-size || true)
if [ -z "$nm" ] || [ -z "$ar" ] || [ -z "$size" ]; then
    log "no llvm-nm/llvm-ar/llvm-size found"
    exit 1
fi
[ -x "$rust_bin/rust-lld" ] || { log "no rust-lld in $rust_bin"; exit 1; }

write_env mobile \
    "export MOBILE_NM=$nm" \
    "export MOBILE_AR=$ar" \
    "export MOBILE_SIZE=$size" \
    "export RUST_LLD=$rust_bin/rust-lld"
