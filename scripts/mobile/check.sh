#!/usr/bin/env bash
# The test step (scripts/test-all.sh): the uniffi library as a static library for one iOS target
# (aarch64-apple-ios) and one Android target (aarch64-linux-android), each checked to define every
# symbol the generated Swift / Kotlin bindings call, the bindings regenerated from the archives and
# compared with the committed ones, the sizes recorded (target/mobile/sizes.tsv), and the Swift
# package and the AAR module staged and checked under target/mobile/. All targets:
# scripts/mobile/build-all.sh. The one step left for a Mac or the NDK: scripts/mobile/mac-or-ndk-only.sh.
# A target install this machine refuses prints `SKIPPED: <reason>` and the script still exits 0.
# shellcheck source=scripts/mobile/lib.sh
. "$(dirname "$0")/lib.sh"

start=$SECONDS
targets=(aarch64-apple-ios aarch64-linux-android)
available=()
for t in "${targets[@]}"; do
    ensure_target "$t" && available+=("$t")
done
if [ ${#available[@]} -eq 0 ]; then
    echo "SKIPPED: none of ${targets[*]} can be installed on this machine" >&2
    exit 0
fi
# One generator build for both platforms (see uniffi_bindgen in lib.sh).
MOBILE_BINDGEN=$(uniffi_bindgen)
export MOBILE_BINDGEN
bash scripts/mobile/build-ios.sh aarch64-apple-ios
bash scripts/mobile/build-android.sh aarch64-linux-android
say "sizes in bytes (target, archive, gc-linked library, its code, symbols kept):"
cat "$STAGE"/ios/targets.txt "$STAGE"/android/targets.txt 2>/dev/null | while read -r t; do
    grep "^$t	" "$SIZES" | sed 's/^/    /' >&2
done
say "mobile static libraries checked in $((SECONDS - start)) s"
