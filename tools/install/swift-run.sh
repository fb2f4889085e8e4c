#!/usr/bin/env bash
# swift-run.sh [--bind DIR]... [--] CMD [ARGS...]: run CMD inside the Swift chroot (tools/install/swift.sh,
# installed first if needed) with the repository bind-mounted both at /src and at its own host path,
# and /proc mounted. The working directory is kept when it lies in the repository or a --bind dir
# (same path inside), else /src. Extra host dirs (e.g. a CARGO_TARGET_DIR outside the repo) via --bind.
# Environment: a clean one (PATH, HOME, LANG, TERM) plus LD_LIBRARY_PATH and the variables named in
# SWIFT_RUN_PASS_ENV (space separated). Exit status: the command's.
# Mounts live in a private mount namespace (they vanish with it, even on SIGKILL) and a trap unmounts
# them on every exit path anyway: nothing is ever left mounted on the host.
# Example: tools/install/swift-run.sh swift test --package-path bindings/swift
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"

# chroot, unshare and mount need root (sudo drops LD_* variables, so pass LD_LIBRARY_PATH explicitly).
[ "$(id -u)" -eq 0 ] || exec sudo -E env "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}" bash "${BASH_SOURCE[0]}" "$@"

if [ -z "${DRMTOKEN_IN_NS:-}" ]; then
    eval "$(bash "$here/swift.sh")"
    export SWIFT_CHROOT
    DRMTOKEN_IN_NS=1 exec unshare --mount --propagation private bash "${BASH_SOURCE[0]}" "$@"
fi

# --- inside the private mount namespace -------------------------------------------------------------
CHROOT=$SWIFT_CHROOT
repo=${SWIFT_RUN_REPO:-$(cd "$here/../.." && pwd)}
binds=("$repo")
while [ $# -gt 0 ]; do
    case $1 in
        --bind) binds+=("$(cd "$2" && pwd)"); shift 2 ;;
        --) shift; break ;;
        *) break ;;
    esac
done
[ $# -gt 0 ] || { echo "usage: swift-run.sh [--bind DIR]... [--] CMD [ARGS...]" >&2; exit 2; }

mounted=()
child=
cleanup() {
    local i
    [ -z "$child" ] || kill "$child" 2>/dev/null || true
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

bind() { mkdir -p "$CHROOT$2" && mount --bind "$1" "$CHROOT$2" && mounted+=("$CHROOT$2"); }
mount -t proc proc "$CHROOT/proc"
mounted+=("$CHROOT/proc")
bind "$repo" /src
for d in "${binds[@]}"; do bind "$d" "$d"; done

cwd=/src
for d in "${binds[@]}"; do
    case $PWD/ in "$d"/*) cwd=$PWD ;; esac
done

envs=(PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME=/root LANG=C.UTF-8 "TERM=${TERM:-dumb}")
[ -z "${LD_LIBRARY_PATH:-}" ] || envs+=("LD_LIBRARY_PATH=$LD_LIBRARY_PATH")
for v in ${SWIFT_RUN_PASS_ENV:-}; do
    [ -z "${!v+x}" ] || envs+=("$v=${!v}")
done

# Background + wait, so a signal reaches the trap at once (and the trap stops the command).
chroot "$CHROOT" /usr/bin/env -i "${envs[@]}" /bin/sh -c 'cd "$1" && shift && exec "$@"' sh "$cwd" "$@" <&0 &
child=$!
set +e
wait "$child"
rc=$?
child=
exit "$rc"
