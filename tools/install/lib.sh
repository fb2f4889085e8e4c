# Shared helpers for the idempotent tool installers in tools/install/. Source it, do not run it.
# Everything installed outside Debian packages is cached under $DRMTOKEN_TOOLS
# (default /opt/drmtoken-tools), so a second run finds it and skips the work.
# shellcheck shell=bash

DRMTOKEN_TOOLS=${DRMTOKEN_TOOLS:-/opt/drmtoken-tools}
export DRMTOKEN_TOOLS

log() { echo "[install] $*" >&2; }

# Run as root, through sudo when we are not root already.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# apt_install PKG...: install the Debian packages that are missing, waiting (up to 15 min) for
# another apt or dpkg run to release its lock rather than failing. `apt-get update` runs at most
# once per test run (the marker is exported to the child scripts), and only when something is missing.
apt_install() {
    local missing=()
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    # At most one `apt-get update` per test run: scripts/test-all.sh exports DRMTOKEN_APT_STAMP,
    # a file every installer it starts (each a separate process) can see and mark.
    if [ -z "${DRMTOKEN_APT_UPDATED:-}" ] && ! { [ -n "${DRMTOKEN_APT_STAMP:-}" ] && [ -s "$DRMTOKEN_APT_STAMP" ]; }; then
        log "apt-get update"
        as_root apt-get -o DPkg::Lock::Timeout=900 update -qq >&2
        export DRMTOKEN_APT_UPDATED=1
        if [ -n "${DRMTOKEN_APT_STAMP:-}" ]; then echo updated >"$DRMTOKEN_APT_STAMP"; fi
    fi
    log "apt-get install ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# cargo_install_cached NAME VERSION [cargo install args...]: install a cargo tool into
# $DRMTOKEN_TOOLS/cargo/<name>-<version>/bin unless it is already there; prints the bin dir.
cargo_install_cached() {
    local name=$1 version=$2
    shift 2
    local root="$DRMTOKEN_TOOLS/cargo/$name-$version"
    if [ ! -x "$root/bin/$name" ]; then
        log "cargo install $name $version (cached in $root)"
        mkdir -p "$DRMTOKEN_TOOLS/cargo"
        cargo install --locked --quiet --root "$root" "$name" --version "$version" "$@" >&2
    fi
    echo "$root/bin"
}

# tool_lock NAME: serialise installers of the same tool (several test scripts may run the same
# installer at once). Holds an exclusive flock on fd 9 until the calling script exits.
tool_lock() {
    mkdir -p "$DRMTOKEN_TOOLS"
    exec 9>"$DRMTOKEN_TOOLS/.lock-$1"
    flock 9
}

# write_env NAME LINE...: write the export lines to $DRMTOKEN_TOOLS/NAME/env.sh (atomically) and
# print them on stdout, so callers can either `. $DRMTOKEN_TOOLS/NAME/env.sh` or
# `eval "$(bash tools/install/NAME.sh)"`. Installers log to stderr only, so stdout stays evaluable.
write_env() {
    local name=$1
    shift
    local dir="$DRMTOKEN_TOOLS/$name"
    mkdir -p "$dir"
    printf '%s\n' "$@" >"$dir/env.sh.tmp.$$"
    mv -f "$dir/env.sh.tmp.$$" "$dir/env.sh"
    cat "$dir/env.sh"
}
