#!/usr/bin/env bash
# Every mobile target docs/mobile.md ships: aarch64-apple-ios, aarch64-apple-ios-sim (iOS, see
# build-ios.sh) and aarch64-linux-android, armv7-linux-androideabi (Android, see build-android.sh),
# each archive checked against the bindings and measured (target/mobile/sizes.tsv). A target this
# machine refuses prints `SKIPPED: <reason>`; the others still build. Then, on a Mac or with the NDK:
# scripts/mobile/mac-or-ndk-only.sh ios|android.
# shellcheck source=scripts/mobile/lib.sh
. "$(dirname "$0")/lib.sh"

start=$SECONDS
targets=(aarch64-apple-ios aarch64-apple-ios-sim aarch64-linux-android armv7-linux-androideabi)
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
bash scripts/mobile/build-ios.sh aarch64-apple-ios aarch64-apple-ios-sim
bash scripts/mobile/build-android.sh aarch64-linux-android armv7-linux-androideabi
say "sizes in bytes (target, archive, gc-linked library, its code, symbols kept):"
cat "$STAGE"/ios/targets.txt "$STAGE"/android/targets.txt 2>/dev/null | while read -r t; do
    grep "^$t	" "$SIZES" | sed 's/^/    /' >&2
done
say "all mobile static libraries built and checked in $((SECONDS - start)) s"
