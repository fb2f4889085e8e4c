#!/usr/bin/env bash
# Python consumer check (issue 21): builds the wheel with maturin (packaging/python/build-wheel.sh),
# checks what it carries and its platform tag, installs it with pip into a FRESH venv outside the
# repository, and runs the Python binding tests (a copy of bindings/python/tests, outside the tree)
# against the installed package. Prints the wheel's size and the build/install/test times.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
# shellcheck source=../../../tools/install/lib.sh
source "$root/tools/install/lib.sh"
eval "$(bash "$root/tools/install/python.sh")"
apt_install python3-venv
eval "$(bash "$root/packaging/python/install-maturin.sh")"

t0=$SECONDS
wheel=$(bash "$root/packaging/python/build-wheel.sh")
t_build=$((SECONDS - t0))
# The emulator binary test_emulator drives (the CLI, not the package under test).
cargo build -q --manifest-path "$root/Cargo.toml" -p drmtoken-cli --bin drmtoken

# What the wheel holds: the package, the tree's tested module byte for byte, the native library,
# and a platform tag for this machine (manylinux_2_N_<arch>, or linux_<arch> as the fallback).
so_size=$("$PYTHON" - "$wheel" "$root/bindings/python/drmtoken.py" "$(uname -m)" <<'PY'
import re, sys, zipfile
wheel, module, arch = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    names = set(z.namelist())
    for need in ("drmtoken/__init__.py", "drmtoken/drmtoken.py", "drmtoken/libdrmtoken.so"):
        if need not in names:
            sys.exit(f"{wheel}: no {need} (has {sorted(names)})")
    if z.read("drmtoken/drmtoken.py") != open(module, "rb").read():
        sys.exit(f"{wheel}: drmtoken/drmtoken.py differs from {module} (the tested, committed module)")
    if not z.read("drmtoken/libdrmtoken.so").startswith(b"\x7fELF"):
        sys.exit(f"{wheel}: drmtoken/libdrmtoken.so is not an ELF file")
    meta = [n for n in names if n.endswith(".dist-info/WHEEL")]
    if len(meta) != 1:
        sys.exit(f"{wheel}: expected one .dist-info/WHEEL, found {meta}")
    fields = z.read(meta[0]).decode()
    so_size = z.getinfo("drmtoken/libdrmtoken.so").file_size
tags = re.findall(r"^Tag: (\S+)$", fields, re.M)
platform = rf"(manylinux_2_\d+_{arch}|manylinux\d+_{arch}|linux_{arch})"
if not tags or not all(re.fullmatch(rf"py3-none-{platform}", t) for t in tags):
    sys.exit(f"{wheel}: platform tags {tags} are not py3-none-<linux {arch}>")
if "Root-Is-Purelib: false" not in fields:
    sys.exit(f"{wheel}: Root-Is-Purelib is not false (a wheel with a native library is not pure)")
print(f"wheel tags: {' '.join(tags)}; {len(names)} files", file=sys.stderr)
print(so_size)
PY
)

# A fresh venv and a copy of the tests, both outside the repository; the tree's
# bindings/python/drmtoken.py is never on sys.path (run_installed.py checks where drmtoken comes from).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
t0=$SECONDS
# No pip inside the venv (ensurepip costs ~10 s): the tools venv's pip installs into it (--python).
"$PYTHON" -m venv --without-pip "$work/venv"
PIP_DISABLE_PIP_VERSION_CHECK=1 "$MATURIN_PIP" --python "$work/venv/bin/python" install --quiet --no-index --no-deps "$wheel"
t_install=$((SECONDS - t0))
cp -r "$root/bindings/python/tests" "$work/tests"
cp "$here/run_installed.py" "$work/"
t0=$SECONDS
rc=0
(cd "$work" && DRMTOKEN_VECTORS=$root/tests/vectors DRMTOKEN_BIN=$CARGO_TARGET_DIR/debug/drmtoken \
    PYTHONDONTWRITEBYTECODE=1 "$work/venv/bin/python" -I run_installed.py "$work/tests" test_drmtoken test_emulator) \
    >"$work/log" 2>&1 || rc=$?
t_test=$((SECONDS - t0))
if [[ $rc != 0 ]]; then cat "$work/log" >&2; echo "python consumer: FAILED" >&2; exit 1; fi
head -n 1 "$work/log" >&2
echo "python consumer: $(grep -Eo 'Ran [0-9]+ tests' "$work/log") against the installed wheel" \
    "$(basename "$wheel") ($(stat -c %s "$wheel") B, libdrmtoken.so ${so_size} B unpacked);" \
    "build ${t_build}s, venv + pip install ${t_install}s, tests ${t_test}s" >&2
