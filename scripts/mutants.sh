#!/usr/bin/env bash
# Mutation testing of drmtoken-core with cargo-mutants (pinned by tools/install/mutants.sh); see
# TESTING.md.
#
#   scripts/mutants.sh                    every module of core/src
#   scripts/mutants.sh MODULE...          modules by name: `keywrap`, `expressplay/rules`, or a
#                                         directory (`expressplay`: every file under it)
#   scripts/mutants.sh --in-diff [BASE]   only the code changed since BASE (default HEAD~1,
#                                         uncommitted changes included), capped at 10 minutes:
#                                         the step in scripts/test-all.sh
#   scripts/mutants.sh --list [MODULE...] list the mutants, test nothing
#   scripts/mutants.sh --re REGEX MODULE  only the mutants whose name matches REGEX (again: the
#                                         ones a new test should now catch); repeatable
#   scripts/mutants.sh --summary [DIR]    print the table of an earlier run again
#
# The run's settings (test targets, timeouts, exclusions) are in .cargo/mutants.toml. Afterwards
# the script prints one row per module (caught / missed / accepted / timeout / unviable and
# caught / (caught + missed) as `score`, accepted mutants counted as missed, and as `score-eq`
# without them, equivalent mutants left out) and applies mutants-accepted.txt: it exits 1 when a
# missed mutant is not listed there, 0 otherwise (timeouts and unviable mutants never fail it).
#
# Environment: MUTANTS_JOBS (parallel builds, default 1), MUTANTS_CAP (seconds, --in-diff only,
# default 600), MUTANTS_OUT (output directory, default target/mutants/<mode>).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

ACCEPTED=mutants-accepted.txt
JOBS=${MUTANTS_JOBS:-1}

usage() {
    sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

# The module of a mutant, from its name (`core/src/expressplay/rules.rs:120:9: replace ...`):
# `expressplay/rules`.
module_of() {
    sed -E 's#^core/src/##; s#\.rs:[0-9]+:[0-9]+: .*$##'
}

# A mutant's name without its line and column, the form mutants-accepted.txt lists, so an entry
# survives edits elsewhere in the file.
unplaced() {
    sed -E 's#^([^:]+):[0-9]+:[0-9]+: #\1: #'
}

# The entries of mutants-accepted.txt (everything before ` # `; comments and blank lines skipped).
accepted_entries() {
    [ -f "$ACCEPTED" ] || return 0
    grep -vE '^\s*(#|$)' "$ACCEPTED" | sed -E 's/ +# .*$//; s/[[:space:]]+$//'
}

# summary DIR [partial]: the per-module table of the run in DIR; returns 1 if a missed mutant is
# not accepted. With `partial` (an --in-diff or capped run: only some of a module's mutants were
# tested), accepted entries that matched nothing are not reported.
summary() {
    local out=$1 partial=${2:-}
    [ -d "$out" ] || { echo "no cargo-mutants output in $out" >&2; return 2; }
    local f
    for f in caught missed timeout unviable; do touch "$out/$f.txt"; done
    local accepted_list
    accepted_list=$(mktemp)
    accepted_entries >"$accepted_list"
    local unaccepted="" missed_accepted
    missed_accepted=$(mktemp)
    local name
    while IFS= read -r name; do
        [ -n "$name" ] || continue
        if grep -qxF -e "$name" -e "$(unplaced <<<"$name")" "$accepted_list"; then
            echo "$name" >>"$missed_accepted"
        else
            unaccepted+="$name"$'\n'
        fi
    done <"$out/missed.txt"
    local modules
    modules=$(cat "$out"/{caught,missed,timeout,unviable}.txt | module_of | sort -u)
    printf '%-26s %7s %7s %9s %8s %9s %8s %10s\n' module caught missed accepted timeout unviable score 'score-eq'
    local m c mi a t u total_c=0 total_m=0 total_a=0 total_t=0 total_u=0
    for m in $modules; do
        c=$(module_of <"$out/caught.txt" | grep -cxF "$m" || true)
        mi=$(module_of <"$out/missed.txt" | grep -cxF "$m" || true)
        a=$(module_of <"$missed_accepted" | grep -cxF "$m" || true)
        t=$(module_of <"$out/timeout.txt" | grep -cxF "$m" || true)
        u=$(module_of <"$out/unviable.txt" | grep -cxF "$m" || true)
        printf '%-26s %7d %7d %9d %8d %9d %8s %10s\n' "$m" "$c" "$mi" "$a" "$t" "$u" "$(score "$c" "$mi")" \
            "$(score "$c" $((mi - a)))"
        total_c=$((total_c + c)) total_m=$((total_m + mi)) total_a=$((total_a + a))
        total_t=$((total_t + t)) total_u=$((total_u + u))
    done
    printf '%-26s %7d %7d %9d %8d %9d %8s %10s\n' total "$total_c" "$total_m" "$total_a" "$total_t" "$total_u" \
        "$(score "$total_c" "$total_m")" "$(score "$total_c" $((total_m - total_a)))"
    # Entries that no longer match a missed mutant of a module that was tested: killed since, or
    # the code changed. Worth removing.
    local entry stale=0
    while IFS= read -r entry; do
        [ -n "$entry" ] || continue
        m=$(module_of <<<"$entry" | sed -E 's#\.rs: .*$##')
        [ -z "$partial" ] || break
        grep -qxF "$m" <<<"$modules" || continue
        # (grep without -q: an early exit would fail the pipeline under pipefail)
        if ! { cat "$out/missed.txt"; unplaced <"$out/missed.txt"; } | grep -xF -e "$entry" >/dev/null; then
            [ $stale -eq 0 ] && echo "accepted in $ACCEPTED but not missed in this run (remove?):" >&2
            echo "  $entry" >&2
            stale=1
        fi
    done <"$accepted_list"
    rm -f "$accepted_list" "$missed_accepted"
    if [ -n "$unaccepted" ]; then
        echo "MISSED and not in $ACCEPTED (add a test that asserts the rule at this boundary, or accept an equivalent mutant with a reason):" >&2
        printf '%s' "$unaccepted" | sed 's/^/  /' >&2
        return 1
    fi
    return 0
}

# score CAUGHT MISSED: caught / (caught + missed) as a percentage.
score() {
    if [ $(($1 + $2)) -eq 0 ]; then echo -; else awk -v c="$1" -v m="$2" 'BEGIN { printf "%.1f%%", 100 * c / (c + m) }'; fi
}

mode=full
base=HEAD~1
base_given=0
list=0
modules=()
re_args=()
while [ $# -gt 0 ]; do
    case $1 in
        --in-diff)
            mode=in-diff
            if [ $# -gt 1 ] && [[ $2 != -* ]]; then base=$2; base_given=1; shift; fi
            ;;
        --list) list=1 ;;
        --re)
            [ $# -gt 1 ] || usage
            re_args+=(--re "$2")
            shift
            ;;
        --summary)
            summary "${2:-${MUTANTS_OUT:-target/mutants/full}/mutants.out}"
            exit $?
            ;;
        -h | --help) usage ;;
        -*) echo "unknown option $1" >&2; usage ;;
        *) modules+=("$1") ;;
    esac
    shift
done

# Which files to mutate.
file_args=()
if [ $mode = in-diff ]; then
    [ ${#modules[@]} -eq 0 ] || { echo "--in-diff takes no module names" >&2; exit 2; }
    if ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
        [ $base_given -eq 0 ] || { echo "no commit $base" >&2; exit 2; }
        echo "mutants (changed code): SKIPPED: no commit $base to compare with (a shallow or one-commit clone)" >&2
        exit 0
    fi
    diff_file=$(mktemp)
    trap 'rm -f "$diff_file"' EXIT
    # Changes since BASE, committed or not; only core's library code has mutants to test.
    git diff --no-ext-diff --no-color "$base" -- 'core/src/*.rs' >"$diff_file"
    if [ ! -s "$diff_file" ]; then
        echo "mutants (changed code): no change to core/src since $base: nothing to mutate, passed" >&2
        exit 0
    fi
    echo "mutants (changed code): core/src files changed since $base:" >&2
    git diff --name-only "$base" -- 'core/src/*.rs' | sed 's/^/  /' >&2
    file_args+=(--in-diff "$diff_file")
    name=in-diff
else
    for m in "${modules[@]}"; do
        m=${m#core/src/}
        m=${m%.rs}
        m=${m%/}
        if [ -f "core/src/$m.rs" ]; then
            file_args+=(--file "core/src/$m.rs")
        elif [ -d "core/src/$m" ]; then
            file_args+=(--file "core/src/$m/**")
        else
            echo "no module $m in core/src (a file core/src/$m.rs or a directory core/src/$m)" >&2
            exit 2
        fi
    done
    if [ ${#modules[@]} -eq 0 ]; then name=full; else name=$(IFS=+; echo "${modules[*]}" | tr / -); fi
fi

eval "$(bash tools/install/mutants.sh)"

# Builds go to a target directory of their own, kept between runs so dependencies are compiled
# once. Never target/ itself: cargo names the copy's drmtoken-core like the real one (the same
# hash), so a mutated library could be left behind looking up to date to later `cargo test` runs.
# Only with one job: parallel jobs sharing a target directory build their mutants into the same
# artefact and test each other's (measured: a KEK check deleted outright was reported "missed").
# With MUTANTS_JOBS > 1 each job builds in its own copy's target directory, dependencies included.
if [ "$JOBS" -eq 1 ]; then
    export CARGO_TARGET_DIR=$PWD/target/mutants-build
else
    unset CARGO_TARGET_DIR
fi
out_dir=${MUTANTS_OUT:-target/mutants/$name}
mkdir -p "$out_dir"

args=(mutants --package drmtoken-core --jobs "$JOBS" --output "$out_dir" "${file_args[@]}" "${re_args[@]}")
if [ $list -eq 1 ]; then
    nice cargo "${args[@]}" --list
    exit 0
fi

# cargo-mutants reports an interruption (the cap) with an anyhow backtrace: not useful here.
export RUST_LIB_BACKTRACE=0
start=$SECONDS
status=0
if [ $mode = in-diff ]; then
    # The dependencies first, outside the cap: on a fresh clone they take minutes once (they are
    # kept in target/mutants-build), and the cap is for testing mutants, not for compiling serde.
    echo "mutants (changed code): building the core's test dependencies (outside the cap)" >&2
    nice cargo test --quiet --no-run --package drmtoken-core --lib >/dev/null
    echo "mutants (changed code): dependencies ready after $((SECONDS - start))s" >&2
    cap=${MUTANTS_CAP:-600}
    # SIGINT is cargo-mutants' own stop: it ends the mutant under test and writes its results.
    timeout --signal=INT --kill-after=30 "$cap" nice cargo "${args[@]}" || status=$?
    if [ $status -eq 124 ]; then
        echo "mutants (changed code): CAPPED at ${cap}s: the mutants tested are summarised below; run" >&2
        echo "  scripts/mutants.sh <module> for the changed modules to test the rest" >&2
    fi
else
    nice cargo "${args[@]}" || status=$?
fi
echo "cargo-mutants exit status $status after $((SECONDS - start))s (0 all caught, 2 missed, 3 timeouts, 4 baseline failed)" >&2
# 4: the tests fail without any mutation; 1: usage or internal error. Either way nothing below is meaningful.
case $status in
    1 | 4) exit 1 ;;
esac
if [ ! -f "$out_dir/mutants.out/outcomes.json" ]; then
    echo "mutants: no outcomes written (see $out_dir/mutants.out)" >&2
    [ $mode = in-diff ] && [ $status -eq 0 ] && exit 0
    exit 1
fi
if [ $mode = in-diff ] || [ $status -eq 124 ] || [ ${#re_args[@]} -gt 0 ]; then
    summary "$out_dir/mutants.out" partial
else
    summary "$out_dir/mutants.out"
fi
