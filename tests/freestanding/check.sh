#!/usr/bin/env bash
# The embedded proof, on the host (no cross std library can be installed here): builds the
# freestanding harness (no libc, no std, own _start, raw syscalls) at opt-level z and 3, runs it
# (every result must equal the expected bytes), measures .text (whole program, harness runtime
# alone, each service feature alone) and the peak stack by painting, and links the no-panic
# variant. Fails on a wrong result or a failed no-panic link; prints the budgets. The last line
# is exactly `text_z_bytes=N text_3_bytes=N stack_bytes=N`.
set -euo pipefail
cd "$(dirname "$0")"
target=x86_64-unknown-linux-gnu
bin=drmtoken-freestanding
out=target/$target

text_of() { size -A "$1" | awk '$1 == ".text" { print $2 }'; }

cargo build -q --release
cargo build -q --profile release-o3
echo "== run (opt-level z)" >&2
run_z=$("$out/release/$bin")
echo "$run_z" >&2
echo "== run (opt-level 3)" >&2
"$out/release-o3/$bin" >/dev/null
stack=$(echo "$run_z" | awk -F= '/^stack_bytes=/ { print $2 }')
text_z=$(text_of "$out/release/$bin")
text_3=$(text_of "$out/release-o3/$bin")

# The harness's own runtime (entry, syscalls, mem functions, checks' scaffolding) with no service.
cargo build -q --release --no-default-features
overhead=$(text_of "$out/release/$bin")
echo "harness runtime alone: .text $overhead bytes (included in the totals)" >&2
for feature in expressplay keywrap opentv adobe-pass; do
    cargo build -q --release --no-default-features --features "$feature"
    echo "feature $feature alone: .text $(( $(text_of "$out/release/$bin") - overhead )) bytes" >&2
done

# No-panic proof: the panic handler calls an undefined symbol, so this link fails if any panic
# path survives in the code the variant calls (ExpressPlay request encoding; the entry points
# that still have panic paths, in dependencies, are listed in docs/embedded.md).
if cargo build -q --release --no-default-features --features expressplay,prove-no-panic 2>/dev/null; then
    echo "no-panic link: OK (ExpressPlay request encoding)" >&2
    "$out/release/$bin" >/dev/null
else
    echo "no-panic link FAILED: a panic path is reachable from ExpressPlay request encoding" >&2
    exit 1
fi

budget() { if [ "$1" -le "$2" ]; then echo "within"; else echo "OVER"; fi; }
echo "budgets: .text at z $text_z <= 49152: $(budget "$text_z" 49152); stack $stack <= 4096: $(budget "$stack" 4096)" >&2
echo "text_z_bytes=$text_z text_3_bytes=$text_3 stack_bytes=$stack"
