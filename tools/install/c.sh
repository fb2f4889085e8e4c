#!/usr/bin/env bash
# C toolchain for the C ABI tests: gcc, make, pkg-config, valgrind and the sanitizer runtimes from
# Debian; cbindgen (Debian's 0.24 is too old) built once with cargo and cached under
# $DRMTOKEN_TOOLS/cargo/cbindgen-<version>. Idempotent: a second run only checks, in about a second.
# Stdout: export lines (also written to $DRMTOKEN_TOOLS/c/env.sh). Usage: eval "$(bash tools/install/c.sh)"
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CBINDGEN_VERSION=0.29.2

tool_lock c
# libc6-dev is only a Recommends of gcc, and apt_install skips recommends.
apt_install gcc g++ libc6-dev make pkg-config valgrind libclang-rt-14-dev
cbindgen_bin=$(cargo_install_cached cbindgen "$CBINDGEN_VERSION")
"$cbindgen_bin/cbindgen" --version >/dev/null

write_env c \
    "export CBINDGEN=$cbindgen_bin/cbindgen" \
    "export PATH=$cbindgen_bin:\$PATH"
