#!/usr/bin/env bash
# maturin (pinned) for building the Python wheel (packaging/python/build-wheel.sh): installed from
# PyPI with pip into its own venv, cached at $DRMTOKEN_TOOLS/maturin-<version>, so a second run only
# checks. The venv is made with Debian's python3 (+ python3-venv); nothing goes into the system Python.
# Force a reinstall: rm -rf $DRMTOKEN_TOOLS/maturin-<version>.
# Stdout: export lines (also written to $DRMTOKEN_TOOLS/maturin/env.sh). Usage: eval "$(bash packaging/python/install-maturin.sh)"
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=../../tools/install/lib.sh
. "$root/tools/install/lib.sh"

MATURIN_VERSION=1.16.0
MATURIN_HOME=$DRMTOKEN_TOOLS/maturin-$MATURIN_VERSION

tool_lock maturin
if ! "$MATURIN_HOME/bin/maturin" --version 2>/dev/null | grep -qx "maturin $MATURIN_VERSION"; then
    apt_install python3 python3-venv
    log "pip install maturin==$MATURIN_VERSION into $MATURIN_HOME"
    # Under the lock; a half-made venv fails the version check above and is made again.
    rm -rf "$MATURIN_HOME"
    mkdir -p "$DRMTOKEN_TOOLS"
    /usr/bin/python3 -m venv "$MATURIN_HOME"
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$MATURIN_HOME/bin/pip" install --quiet "maturin==$MATURIN_VERSION" >&2
    "$MATURIN_HOME/bin/maturin" --version | grep -qx "maturin $MATURIN_VERSION" ||
        { log "maturin $MATURIN_VERSION did not install in $MATURIN_HOME"; exit 1; }
fi

write_env maturin \
    "export MATURIN=$MATURIN_HOME/bin/maturin" \
    "export MATURIN_PIP=$MATURIN_HOME/bin/pip" \
    "export MATURIN_VERSION=$MATURIN_VERSION"
