#!/usr/bin/env bash
# Cross toolchains for the firmware proof (tests/embedded/check.sh): the Rust targets
# thumbv7em-none-eabihf (Cortex-M4F), armv7-unknown-linux-gnueabihf and aarch64-unknown-linux-gnu
# (rustup) and rustup's llvm-tools (llvm-nm, llvm-size); arm-none-eabi-gcc with newlib (nano, rdimon semihosting), qemu-system-arm, the ARM
# Linux cross gccs and qemu-user (Debian). Idempotent: a second run only checks, in well under
# a second. When the machine refuses an install (no rustup, no network, apt refuses), it prints
# SKIPPED and the reason on stderr, exports DRMTOKEN_EMBEDDED empty and exits 0, so the suite
# goes on. Stdout: export lines (also written to $DRMTOKEN_TOOLS/embedded/env.sh).
# Usage: eval "$(bash tools/install/embedded.sh)"
set -euo pipefail
# shellcheck source=tools/install/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TARGETS=(thumbv7em-none-eabihf armv7-unknown-linux-gnueabihf aarch64-unknown-linux-gnu)
PACKAGES=(gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm
    gcc-arm-linux-gnueabihf libc6-dev-armhf-cross gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user)

skip() {
    log "SKIPPED: $*"
    write_env embedded "export DRMTOKEN_EMBEDDED="
    exit 0
}

tool_lock embedded
command -v rustup >/dev/null || skip "no rustup on this machine"
installed=$(rustup target list --installed 2>/dev/null || true)
for t in "${TARGETS[@]}"; do
    if ! grep -qx "$t" <<<"$installed"; then
        log "rustup target add $t"
        rustup target add "$t" >&2 || skip "rustup refused the target $t"
    fi
done
( apt_install "${PACKAGES[@]}" ) || skip "apt refused to install ${PACKAGES[*]}"
for tool in arm-none-eabi-gcc qemu-system-arm arm-linux-gnueabihf-gcc aarch64-linux-gnu-gcc qemu-arm qemu-aarch64; do
    command -v "$tool" >/dev/null || skip "$tool is missing after the install"
done
sysroot=$(rustc --print sysroot)
host=$(rustc -vV | sed -n 's/^host: //p')
# llvm-nm and llvm-size (the export and size checks) come from rustup's llvm-tools component:
# the same LLVM as rustc, so it reads the library's bitcode-free objects and archives exactly.
if [ ! -x "$sysroot/lib/rustlib/$host/bin/llvm-nm" ]; then
    log "rustup component add llvm-tools"
    rustup component add llvm-tools >&2 || skip "rustup refused the llvm-tools component"
fi
[ -x "$sysroot/lib/rustlib/$host/bin/llvm-nm" ] || skip "llvm-nm is missing after the install"
write_env embedded \
    "export DRMTOKEN_EMBEDDED='$(arm-none-eabi-gcc -dumpversion) / $(qemu-system-arm --version | head -n 1 | tr -d "'")'" \
    "export LLVM_BIN=$sysroot/lib/rustlib/$host/bin"
