#!/usr/bin/env bash
# check-symbols.sh ARCHIVE BINDING_SOURCE...
# Fails (exit 1, names printed) unless ARCHIVE defines, as global functions, every uniffi scaffolding
# symbol the generated binding sources name (uniffi_drmtoken_fn_*, uniffi_drmtoken_checksum_*,
# ffi_drmtoken_*). Reads Mach-O (iOS, symbols with a leading `_`) and ELF (Android) archives.
# Example: scripts/mobile/check-symbols.sh target/aarch64-apple-ios/release/libdrmtoken.a \
#     bindings/swift/Sources/DrmToken/DrmToken.swift bindings/swift/Sources/drmtokenFFI/drmtokenFFI.h
# lib.sh changes to the repository root: make the arguments absolute first.
args=()
for a in "$@"; do args+=("$(realpath -m -- "$a")"); done
set -- "${args[@]}"
# shellcheck source=scripts/mobile/lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -ge 2 ] || { echo "usage: $0 ARCHIVE BINDING_SOURCE..." >&2; exit 2; }
archive=$1
shift
[ -s "$archive" ] || { say "no archive at $archive"; exit 1; }

expected=$(referenced_symbols "$@")
[ -n "$expected" ] || { say "no uniffi symbols found in $*: did the generated sources move?"; exit 1; }
# Global text (function) symbols defined by any member; Mach-O's `_` prefix is dropped. Native
# symbols only (--no-llvm-bc): an older llvm-nm fails on the bitcode in compiler_builtins' members.
defined=$("$MOBILE_NM" --no-llvm-bc --extern-only --defined-only --portability "$archive" 2>/dev/null |
    awk '$2 == "T" { print $1 }' | sed 's/^_//' | sort -u)
absent=$(comm -23 <(echo "$expected") <(echo "$defined"))

n=$(wc -l <<<"$expected")
if [ -n "$absent" ]; then
    say "$archive lacks $(wc -l <<<"$absent") of the $n symbols the bindings call:"
    while read -r name; do echo "    $name" >&2; done <<<"$absent"
    exit 1
fi
say "$archive defines all $n uniffi symbols named in $*"
