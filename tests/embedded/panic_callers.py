"""Names the code that keeps a panic path in a linked image, and where each comes from.
Usage: python3 panic_callers.py <objdump -d output> [<allowed list> <export>]
(objdump without -C: the call graph is built on the mangled names, which tell apart the instances
of a generic function that demangle alike; they are demangled with c++filt to be shown.)

A function "keeps a path" when it calls core's panic machinery directly. When that function is a
libcore helper (a slice index, a char searcher, `copy_from_slice`...) or a block the machine
outliner shared between functions (`OUTLINED_FUNCTION_N`), the code that asked for it is its
caller: the report walks up to the first callers that are neither, and names those (the origin).
With an allowed list (tests/embedded/no-panic-allowed.txt: `export-or-* | origin-prefix | where it
comes from` per line), each origin is matched against the lines for that export; exit status 1 if
one is not listed: a panic path of our own, or a new one in a dependency to look at."""
import re
import subprocess
import sys

PANIC = ("core::panicking::", "core::slice::index::slice_index_fail", "core::str::slice_error_fail",
         "core::option::expect_failed", "core::option::unwrap_failed", "core::result::unwrap_failed",
         "core::cell::panic", "core::slice::copy_from_slice_impl::len_mismatch_fail",
         "drmtoken_has_a_reachable_panic")
PANIC_HANDLER = ("rust_begin_unwind", "__rustc::rust_begin_unwind")


def is_panic(name):
    return name.startswith(PANIC) or "panic_bounds_check" in name


def is_helper(name):
    """libcore's generic code and outlined blocks: not an origin, their callers are."""
    bare = name.lstrip("<&")
    return bare.startswith("core::") or name.startswith("OUTLINED_FUNCTION") or bare.startswith("[T]") \
        or bare.startswith("str as core::") or name.startswith(PANIC_HANDLER)


func = None
calls = {}  # caller -> callees
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.match(r"^[0-9a-f]+ <(.*)>:$", line)
    if m:
        func = m.group(1)
        continue
    m = re.search(r"\b(?:b(?:l|x|lx)?(?:\.w|\.n)?|call\w*|jmp\w*)\s+[0-9a-f]+ <(.*?)(?:[+-]0x[0-9a-f]+)?>\s*$", line)
    if m and func:
        calls.setdefault(func, set()).add(m.group(1))
names = sorted(set(calls) | {c for cs in calls.values() for c in cs})
out = subprocess.run(["c++filt"], input="\n".join(names), capture_output=True, text=True, check=True).stdout.split("\n")
# Without the crate hashes (`core[1a2b...]`) and the legacy `::h<hash>` suffix.
clean = [re.sub(r"::h[0-9a-f]{16}$", "", re.sub(r"\[[0-9a-f]+\]", "", re.sub(r"\.llvm\.\d+$", "", d))) for d in out]
shown = dict(zip(names, clean))
callers = {}
for caller, callees in calls.items():
    for callee in callees:
        if callee != caller:
            callers.setdefault(callee, set()).add(caller)

# Functions that call the panic machinery directly (the panic functions themselves excluded).
direct = {f for f, callees in calls.items() if not is_panic(shown[f]) and not shown[f].startswith(PANIC_HANDLER)
          and any(is_panic(shown[c]) for c in callees)}
# Walk up from each helper to the first non-helper callers.
origins = {}
for f in sorted(direct):
    seen, todo, found = set(), [f], set()
    while todo:
        g = todo.pop()
        if g in seen:
            continue
        seen.add(g)
        if not is_helper(shown[g]) or not callers.get(g):
            found.add(g)
        else:
            todo.extend(callers[g])
    for o in found:
        origins.setdefault(o, set()).add(f)

allowed = []
if len(sys.argv) > 3:
    for raw in open(sys.argv[2], encoding="utf-8"):
        raw = raw.strip()
        if raw and not raw.startswith("#"):
            export, prefix, where = (field.strip() for field in raw.split("|", 2))
            if export in ("*", sys.argv[3]):
                allowed.append((prefix, where))
unlisted = 0
for o in sorted(origins, key=lambda m: shown[m]):
    where = next((w for p, w in allowed if shown[o].startswith(p)), None)
    if where is None and len(sys.argv) > 3:
        where = "NOT LISTED: a panic path of our own, or a new one"
        unlisted += 1
    via = sorted({shown[h] for h in origins[o] if h != o})
    via_text = f"  (via {', '.join(via[:3])}{', ...' if len(via) > 3 else ''})" if via else ""
    print(f"  {shown[o]}{via_text}" + (f"  [{where}]" if where else ""))
sys.exit(1 if unlisted else 0)
