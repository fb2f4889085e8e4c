#!/usr/bin/env bash
# Swift toolchain for the Swift binding tests. Debian bookworm has no Swift compiler, so this builds a
# minimal Debian trixie chroot at $DRMTOKEN_TOOLS/swift-chroot (debootstrap) and installs trixie's
# `swiftlang` (Swift 6.0.3) in it; run things in it with tools/install/swift-run.sh.
# Cold: ~3 GB written, see README.md for timings. Idempotent: a second run only checks a marker.
# Force a reinstall: SWIFT_REINSTALL=1 (re-runs apt in the chroot) or delete the chroot (see README).
# Stdout: export lines (also written to $DRMTOKEN_TOOLS/swift/env.sh).
# All mounts happen in a private mount namespace (unshare -m) and are also unmounted by a trap, so
# nothing is left mounted on the host whatever way this script ends.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SWIFT_SUITE=trixie
SWIFT_PACKAGE=swiftlang
CHROOT=${SWIFT_CHROOT:-$DRMTOKEN_TOOLS/swift-chroot}
MARKER=$CHROOT/.drmtoken-swift-installed

emit_env() {
    write_env swift "export SWIFT_CHROOT=$CHROOT"
}

# The Debian mirror already configured for the host (deb822 .sources or one-line sources.list);
# DRMTOKEN_DEBIAN_MIRROR overrides it.
debian_mirror() {
    if [ -n "${DRMTOKEN_DEBIAN_MIRROR:-}" ]; then echo "$DRMTOKEN_DEBIAN_MIRROR"; return; fi
    local uri
    uri=$({
        cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 's/^URIs:[[:space:]]*//p' | tr ' ' '\n'
        cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
            sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\).*/\2/p'
    } | grep -E '^https?://.*/debian/?$' | head -n 1 || true)
    echo "${uri:-http://deb.debian.org/debian}"
}

# debootstrap, chroot, unshare and mount need root.
[ "$(id -u)" -eq 0 ] || exec sudo -E bash "${BASH_SOURCE[0]}" "$@"

if [ -z "${DRMTOKEN_IN_NS:-}" ]; then
    tool_lock swift
    # /usr/bin/swift is an absolute symlink (into the chroot), so test the real binary.
    if [ -f "$MARKER" ] && [ -x "$CHROOT/usr/libexec/swift/bin/swift" ] && [ -z "${SWIFT_REINSTALL:-}" ]; then
        emit_env
        exit 0
    fi
    apt_install debootstrap
    # Re-run ourselves in a private mount namespace: mounts die with it even on SIGKILL.
    DRMTOKEN_IN_NS=1 unshare --mount --propagation private bash "${BASH_SOURCE[0]}" "$@"
    emit_env
    exit 0
fi

# --- inside the private mount namespace -------------------------------------------------------------
mounted=()
cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Anything still mounted below the chroot (e.g. left by an old run outside a namespace)?
mounts_below() { awk -v d="$CHROOT/" 'index($5 "/", d) == 1 { print $5 }' /proc/self/mountinfo; }

if [ ! -f "$CHROOT/.drmtoken-debootstrap-done" ]; then
    if [ -e "$CHROOT" ]; then
        log "removing a partial chroot at $CHROOT"
        mounts_below | sort -r | while read -r m; do umount "$m" || umount -l "$m"; done
        [ -z "$(mounts_below)" ] || { log "still mounted below $CHROOT, refusing to delete"; exit 1; }
        rm -rf --one-file-system "$CHROOT"
    fi
    mirror=$(debian_mirror)
    log "debootstrap --variant=minbase $SWIFT_SUITE $CHROOT $mirror"
    mkdir -p "$(dirname "$CHROOT")"
    debootstrap --variant=minbase "$SWIFT_SUITE" "$CHROOT" "$mirror" >&2
    touch "$CHROOT/.drmtoken-debootstrap-done"
fi

mount -t proc proc "$CHROOT/proc"
mounted+=("$CHROOT/proc")
cp -L /etc/resolv.conf "$CHROOT/etc/resolv.conf"
# Same tolerance as the host for a clock that is off (Release files' Valid-Until).
printf 'Acquire::Check-Valid-Until "false";\n' >"$CHROOT/etc/apt/apt.conf.d/99drmtoken"
in_chroot() { chroot "$CHROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"; }
log "apt-get install $SWIFT_PACKAGE in the chroot"
in_chroot apt-get update -qq >&2
in_chroot apt-get install -y -qq "$SWIFT_PACKAGE" >&2
in_chroot apt-get clean
version=$(in_chroot swift --version 2>&1 | head -n 1)
log "$version"
echo "$version" >"$MARKER"
