#!/usr/bin/env bash
# The binding consumer checks of issue 21, each from outside the repository against what a user
# installs: python (the maturin wheel in a fresh venv), jvm (the jar: Kotlin tests + a Java
# program), swift (a SwiftPM package depending on DrmToken). Each installs its tools when missing
# (cached under $DRMTOKEN_TOOLS) and is idempotent.
#   tests/consumers/mobile.sh               all three
#   tests/consumers/mobile.sh python jvm    only these
# Runs every requested check even after a failure; exits 1 if any failed. Prints each one's figures.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
checks=("$@")
[[ ${#checks[@]} -gt 0 ]] || checks=(python jvm swift)
failed=()
for c in "${checks[@]}"; do
    [[ -f $here/$c/run.sh ]] || { echo "no consumer check '$c' (have: python jvm swift)" >&2; exit 2; }
    start=$SECONDS
    if bash "$here/$c/run.sh"; then
        echo "consumer $c: ok, $((SECONDS - start))s" >&2
    else
        echo "consumer $c: FAILED after $((SECONDS - start))s" >&2
        failed+=("$c")
    fi
done
[[ ${#failed[@]} == 0 ]] || { echo "consumer checks failed: ${failed[*]}" >&2; exit 1; }
