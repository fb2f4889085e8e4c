#!/usr/bin/env bash
# Runs every fuzz target: `fuzz/run.sh [seconds per target]` (default 15: the CI smoke), or
# `fuzz/run.sh --long` for the campaign FUZZING.md records (10 million executions per target;
# `fuzz/run.sh --long TARGET...` for some of them). Every target runs its checks on a 16 KiB
# thread (fuzz_targets/small_stack.rs), with inputs up to 64 KiB and a dictionary (fuzz/dicts/). Installs cargo-fuzz when missing (cached under
# /opt/drmtoken-tools) and needs the nightly toolchain. Seeds each target's corpus from the
# seeds' samples and the shared test vectors (fuzz/seeds/), so a short run starts from real input.
# Prints one line per target: `fuzz <target> runs=N corpus=N seconds=N`; exits non-zero on the
# first crash, with libFuzzer's report and the crashing input under fuzz/artifacts/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
# shellcheck source=../tools/install/lib.sh
source "$root/tools/install/lib.sh"
eval "$(bash "$root/tools/install/fuzz.sh")"
rustup run nightly rustc --version >/dev/null 2>&1 || { echo "the nightly toolchain is required" >&2; exit 1; }

if [ "${1:-}" = "--long" ]; then
    limit=(-runs=10000000)
else
    limit=(-max_total_time="${1:-15}")
fi

# Inputs up to 64 KiB (deep nesting and long strings need room), and a dictionary of each
# target's structural tokens (fuzz/dicts/) so mutations build brackets, escapes and field names.
dict_of() {
    case $1 in
        expressplay_response | opentv_response | json_readers) echo json ;;
        adobe_pass_response) echo json xml ;;
        expressplay_parse_url | form_decode | expressplay_encode) echo url ;;
        c_api) echo url json ;;
        *) ;;
    esac
}

cd "$here"
python3 "$here/make_seeds.py"
cargo +nightly fuzz build -O 2>&1 | grep -vE '^\s+(Compiling|Finished)' >&2 || true
targets=$(cargo +nightly fuzz list)
if [ "${1:-}" = "--long" ] && [ $# -gt 1 ]; then
    shift
    targets=$*
fi
for target in $targets; do
    mkdir -p "corpus/$target" "seeds/$target"
    options=(-max_len=65536)
    names=$(dict_of "$target")
    if [ -n "$names" ]; then
        mkdir -p "$here/target/dicts"
        for name in $names; do cat "$here/dicts/$name.dict"; done >"$here/target/dicts/$target.dict"
        options+=(-dict="$here/target/dicts/$target.dict")
    fi
    log=$(mktemp)
    start=$SECONDS
    if ! cargo +nightly fuzz run -O "$target" "corpus/$target" "seeds/$target" -- \
        "${options[@]}" "${limit[@]}" -print_final_stats=1 >"$log" 2>&1; then
        cat "$log" >&2
        echo "fuzz $target CRASHED (see fuzz/artifacts/$target)" >&2
        exit 1
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    echo "fuzz $target runs=$runs corpus=$(find "corpus/$target" -type f | wc -l) seconds=$((SECONDS - start))"
    rm -f "$log"
done
