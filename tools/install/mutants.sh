#!/usr/bin/env bash
# Mutation testing: cargo-mutants (pinned, built once and cached under
# $DRMTOKEN_TOOLS/cargo/cargo-mutants-<version>). Used by scripts/mutants.sh (TESTING.md).
# Idempotent: a second run only checks. Force a reinstall: rm -rf $DRMTOKEN_TOOLS/cargo/cargo-mutants-<version>.
# Stdout: export lines (also written to $DRMTOKEN_TOOLS/mutants/env.sh). Usage: eval "$(bash tools/install/mutants.sh)"
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# 27.1.0 needs rustc >= 1.88 to build (1.95 here). The version also fixes the output format that
# scripts/mutants.sh reads (mutants.out/outcomes.json) and the config keys in .cargo/mutants.toml.
CARGO_MUTANTS_VERSION=27.1.0

tool_lock mutants
mutants_bin=$(cargo_install_cached cargo-mutants "$CARGO_MUTANTS_VERSION")
PATH=$mutants_bin:$PATH cargo mutants --version >/dev/null

write_env mutants "export PATH=$mutants_bin:\$PATH"
