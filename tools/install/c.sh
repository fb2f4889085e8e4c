#!/usr/bin/env bash
# The C toolchain for tests/c: gcc, make, pkg-config, valgrind and the sanitizer runtimes from
# Debian, and cbindgen (pinned; Debian's 0.24 is too old) cached under $DRMTOKEN_TOOLS.
# Prints the directory holding cbindgen. Idempotent: a second run only checks.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
apt_install gcc libc6-dev make pkg-config valgrind >&2
cargo_install_cached cbindgen 0.29.2
