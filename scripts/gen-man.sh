#!/usr/bin/env bash
# Regenerates the manual pages in docs/man (drmtoken.1 and one page per subcommand) from the CLI's
# clap definition, through the hidden `drmtoken man DIR` (clap_mangen). `--check` fails when the
# committed pages differ from fresh ones (a new flag or help text without a regenerated page).
# scripts/install-c.sh installs the pages under share/man/man1.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out="$root/docs/man"
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
cargo run -q -p drmtoken-cli -- man "$fresh"
ls "$fresh"/*.1 >/dev/null 2>&1 || { echo "drmtoken man wrote no page into $fresh" >&2; exit 1; }
if [ "${1:-}" = "--check" ]; then
    if ! diff -ru "$out" "$fresh"; then
        echo "docs/man is out of date: run scripts/gen-man.sh and commit it" >&2
        exit 1
    fi
    exit 0
fi
mkdir -p "$out"
rm -f "$out"/*.1
cp "$fresh"/*.1 "$out"/
echo "wrote $(ls "$out"/*.1 | wc -l) pages into docs/man" >&2
