"""Names the functions of a linked image that call into core's panic machinery (directly): the
code that keeps a panic path. Usage: python3 panic_callers.py <objdump -d -C output>"""
import re
import sys

func = None
callers = {}
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.match(r"^[0-9a-f]+ <(.*)>:$", line)
    if m:
        func = m.group(1)
        continue
    m = re.search(r"\bb(?:l|\.w)?\s+[0-9a-f]+ <(.*?)(?:\+0x[0-9a-f]+)?>", line)
    if m and func:
        target = m.group(1)
        if (target.startswith("core::panicking") or target.startswith("core::slice::index::")
                or target.startswith("core::str::slice_error_fail") or target.startswith("core::option::expect_failed")
                or target.startswith("core::result::unwrap_failed") or "panic_bounds_check" in target
                or target == "drmtoken_has_a_reachable_panic" or target.startswith("core::cell::panic")):
            if not func.startswith("core::panicking") and func != "rust_begin_unwind":
                callers.setdefault(func, set()).add(target)
for f in sorted(callers):
    print(f"  {f}  ->  {', '.join(sorted(callers[f]))}")
