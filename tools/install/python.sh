#!/usr/bin/env bash
# Python for the Python binding tests. uniffi's Python bindings are pure ctypes, and the tests use only
# the standard library (unittest), so Debian's python3 is all that is needed: no venv, no pip, no PyPI.
# Idempotent (apt_install skips what is installed). PYTHON overrides the interpreter (>= 3.8).
# Stdout: export lines (also written to $DRMTOKEN_TOOLS/python/env.sh). Usage: eval "$(bash tools/install/python.sh)"
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ -z "${PYTHON:-}" ]; then
    apt_install python3
    PYTHON=/usr/bin/python3
fi
"$PYTHON" -c 'import ctypes, sys, unittest; assert sys.version_info >= (3, 8), sys.version' >&2

write_env python "export PYTHON=$PYTHON"
