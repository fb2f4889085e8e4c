"""The C glue's share of a linked image's code: the bytes of the functions of ffi/src/c_api (the
exports `drmtoken_*` and everything in `drmtoken::c_api`), after LTO. Everything else is the core
with its dependencies, libcore and compiler_builtins. Code inlined across the line counts where it
landed. Usage: python3 text_split.py <nm -S -C output>; prints the glue's bytes."""
import re
import sys

GLUE = re.compile(r"^drmtoken_[a-z0-9_]+$|(^|[<&(\s])drmtoken::c_api::")
glue = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    parts = line.rstrip("\n").split(" ", 3)
    if len(parts) == 4 and parts[2] in ("t", "T", "w", "W") and GLUE.search(parts[3]):
        glue += int(parts[1], 16)
print(glue)
