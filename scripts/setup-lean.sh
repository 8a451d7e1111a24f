#!/usr/bin/env bash
# Installs what the Lean side of Stepwise needs, in lean-project/: elan, the pinned toolchain,
# Mathlib's build cache, the project build and the REPL binary. Prints one clear reason and
# exits non-zero as soon as something cannot be done (no network, no curl, a failed build).
# Usage: scripts/setup-lean.sh [VERSION]   (default v4.24.0; Lean, Mathlib and REPL share it)
set -uo pipefail

VERSION="${1:-v4.24.0}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PROJECT="$ROOT/lean-project"
export PATH="$HOME/.elan/bin:$PATH"

fail() { echo "make lean: $*" >&2; exit 3; }
step() { echo "make lean: $*"; }

[[ "$VERSION" =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-rc[0-9]+)?$ ]] || fail "LEAN_VERSION must look like v4.24.0, got '$VERSION'"
[ -d "$PROJECT" ] || fail "no lean-project/ directory in $ROOT"
command -v git >/dev/null 2>&1 || fail "git is not installed (Lake fetches Mathlib and the REPL with git)"
command -v curl >/dev/null 2>&1 || fail "curl is not installed (needed to download elan and Mathlib's cache)"

# Every later step downloads; find out now, in seconds, instead of after a long timeout.
if ! curl -sS -o /dev/null --connect-timeout 4 --max-time 8 https://github.com 2>/dev/null; then
  fail "cannot reach https://github.com (no network or a proxy in the way): Lean $VERSION, Mathlib and the REPL cannot be downloaded on this machine. The Java part of Stepwise works without them; tests use recorded REPL output and the simulated REPL."
fi

# 1. elan: Debian's package where we may install packages, else the official installer.
if ! command -v elan >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && apt-cache show elan >/dev/null 2>&1; then
    step "installing elan from the Debian package"
    apt-get install -y elan >/dev/null || fail "apt-get install elan failed"
  else
    step "installing elan with the official installer (into ~/.elan)"
    curl -sSfL --max-time 120 https://raw.githubusercontent.com/leanprover/elan/master/elan-init.sh \
      | sh -s -- -y --default-toolchain none >/dev/null || fail "the elan installer failed"
  fi
fi
command -v elan >/dev/null 2>&1 || fail "elan is still not on PATH after installing it"

# 2. Pin one version everywhere: lean-toolchain and both requires of lakefile.toml.
echo "leanprover/lean4:$VERSION" > "$PROJECT/lean-toolchain"
sed -i -E "s/^rev = \"[^\"]*\"/rev = \"$VERSION\"/" "$PROJECT/lakefile.toml"
case "$VERSION" in
  v4.[0-9].*) echo "make lean: note: REPL tags before v4.10.0 do not flush after each response; Stepwise needs the flush fix (lean-repl.md, 'Process and framing') or it can block on the pipe." >&2 ;;
esac

cd "$PROJECT" || fail "cannot enter $PROJECT"
step "installing the toolchain leanprover/lean4:$VERSION"
elan toolchain install "leanprover/lean4:$VERSION" || fail "elan could not install leanprover/lean4:$VERSION"
step "resolving Mathlib and the REPL at $VERSION (lake update)"
lake update || fail "lake update failed (is $VERSION a tag of both Mathlib and the REPL? see lean-repl.md, Versions)"
step "downloading Mathlib's build cache (lake exe cache get)"
lake exe cache get || fail "lake exe cache get failed"
step "building the project (lake build)"
lake build || fail "lake build failed"
step "building the REPL (lake build REPL)"
lake build REPL || fail "lake build REPL failed"
[ -x "$PROJECT/.lake/packages/REPL/.lake/build/bin/repl" ] || fail "the REPL binary is missing after lake build REPL"
step "done: Lean $VERSION with Mathlib and the REPL in $PROJECT; check with 'bin/stepwise lean doctor'"
