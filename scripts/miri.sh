#!/usr/bin/env bash
# The C ABI's pointer code under Miri: the ffi crate's `c_api` unit tests, which call every export
# through raw pointers as C does (size queries, short buffers, NULL arguments, borrowed results
# read back through the returned pointers; ffi/src/c_api/raw_tests.rs). Miri checks every access
# for bounds, alignment, provenance, aliasing (Stacked Borrows) and uninitialised reads.
#
# Why a subset: the uniffi tests exercise no raw pointers of ours (uniffi's scaffolding is not
# called by them) and the vector tables are slow when interpreted; the c_api set finishes in well
# under 3 minutes. Tests that read files from disk are ignored under Miri (isolation).
# Installs Miri when missing (tools/install/miri.sh); SKIPPED (exit 0) when the machine refuses.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(bash tools/install/miri.sh)"
if [ -z "${DRMTOKEN_MIRI:-}" ]; then
    echo "miri (ffi): SKIPPED (see the installer's reason above)" >&2
    exit 0
fi
start=$SECONDS
nice -n 10 cargo +nightly miri test -q -p drmtoken-ffi --lib -- c_api::
echo "miri (ffi): c_api tests passed in $((SECONDS - start)) s" >&2
