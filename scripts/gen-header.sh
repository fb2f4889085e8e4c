#!/usr/bin/env bash
# Regenerates include/drmtoken.h from ffi/src/c_api with cbindgen (installed and cached by
# tools/install/c.sh). `--check` fails when the committed header differs from a fresh one.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
eval "$(bash "$root/tools/install/c.sh")"
out="$root/include/drmtoken.h"
target="$out"
if [ "${1:-}" = "--check" ]; then
    target=$(mktemp)
    trap 'rm -f "$target"' EXIT
fi
"$CBINDGEN" --quiet --config "$root/ffi/cbindgen.toml" --crate drmtoken-ffi --output "$target" "$root/ffi"
# Version macros from the crate's version (cbindgen cannot evaluate env!), after the include guard.
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n 1)
IFS=. read -r major minor patch <<<"$version"
python3 - "$target" "$version" "$major" "$minor" "$patch" <<'PY'
import sys
path, version, major, minor, patch = sys.argv[1:]
text = open(path).read()
macros = (f'#define DRMTOKEN_VERSION "{version}"\n#define DRMTOKEN_VERSION_MAJOR {major}\n'
          f'#define DRMTOKEN_VERSION_MINOR {minor}\n#define DRMTOKEN_VERSION_PATCH {patch}\n\n')
guard = "#define DRMTOKEN_H\n"
text = text.replace(guard, guard + "\n" + macros, 1)
open(path, "w").write(text)
PY
if [ "${1:-}" = "--check" ]; then
    if ! diff -u "$out" "$target"; then
        echo "include/drmtoken.h is out of date: run scripts/gen-header.sh and commit it" >&2
        exit 1
    fi
fi
