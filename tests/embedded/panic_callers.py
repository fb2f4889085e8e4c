"""Names the functions of a linked image that call into core's panic machinery (directly): the
code that keeps a panic path, and where each comes from.
Usage: python3 panic_callers.py <objdump -d -C output> [<allowed list> <export>]
With an allowed list (tests/embedded/no-panic-allowed.txt: `export-or-* function-prefix origin`
per line), each function is matched against the lines for that export; exit status 1 if one is
not listed (a panic path of our own, or a new one)."""
import re
import sys

PANIC_PREFIXES = ("core::panicking", "core::slice::index::", "core::str::slice_error_fail", "core::option::expect_failed",
                  "core::result::unwrap_failed", "core::cell::panic", "core::option::unwrap_failed",
                  "core::slice::copy_from_slice_impl::len_mismatch_fail")
# libcore's own panicking helpers: they are the path, not its origin.
HELPERS = PANIC_PREFIXES + ("rust_begin_unwind", "core::slice::copy_from_slice_impl")

func = None
callers = {}
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.match(r"^[0-9a-f]+ <(.*)>:$", line)
    if m:
        func = m.group(1)
        continue
    m = re.search(r"\b(?:b(?:l|\.w)?|call\w*|jmp\w*)\s+[0-9a-f]+ <(.*?)(?:\+0x[0-9a-f]+)?>", line)
    if m and func:
        target = m.group(1)
        if target.startswith(PANIC_PREFIXES + ("core::slice::copy_from_slice_impl",)) or "panic_bounds_check" in target \
                or target == "drmtoken_has_a_reachable_panic":
            if not func.startswith(HELPERS):
                callers.setdefault(func, set()).add(target)

allowed = []
if len(sys.argv) > 3:
    for raw in open(sys.argv[2], encoding="utf-8"):
        raw = raw.strip()
        if raw and not raw.startswith("#"):
            export, prefix, origin = raw.split(None, 2)
            if export in ("*", sys.argv[3]):
                allowed.append((prefix, origin))
unlisted = 0
for f in sorted(callers):
    origin = next((o for p, o in allowed if f.startswith(p)), None)
    if origin is None and len(sys.argv) > 3:
        origin = "NOT LISTED: a panic path of our own, or a new one"
        unlisted += 1
    suffix = f"  [{origin}]" if origin else ""
    print(f"  {f}  ->  {', '.join(sorted(callers[f]))}{suffix}")
sys.exit(1 if unlisted else 0)
