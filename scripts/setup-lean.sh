#!/usr/bin/env bash
# Installs one Lake project of Stepwise's Lean side, in lean-projects/<name>/: elan, the pinned
# toolchain, Mathlib's build cache, the project build and the REPL binary. Each Lean/Mathlib pin
# gets its own directory, so setting up v4.9.0-rc1 for the DeepSeek datasets leaves the v4.24.0
# project as it was. Prints one clear reason and exits non-zero as soon as something cannot be
# done (no network, no curl, no such REPL tag, a failed build).
# Usage: scripts/setup-lean.sh [VERSION [MATHLIB]]
#   VERSION  Lean and REPL tag (default v4.24.0)
#   MATHLIB  OWNER/REPO@REV, a Mathlib fork at a commit (e.g. xinhjBrant/mathlib4@2f65ba7, the
#            DeepSeek-Prover stack); default leanprover-community/mathlib4@VERSION
# Where: lean-projects/VERSION/ for Mathlib's own tag, lean-projects/VERSION-OWNER-REV/ for a fork.
# The single lean-project/ of earlier Stepwise is left alone: Stepwise still finds it (README,
# "Lean set-up").
# Upstream facts (docs/evidence/lean-versions.md): the REPL package declares `lean_lib REPL` and
# `lean_exe repl` (leanprover-community/repl lakefile.toml / lakefile.lean, every tag), and Lake
# resolves a name to a target before a package, so the binary is `lake build repl`. REPL tags
# before v4.10.0 lack the per-response flush of commit 4fc1e6d (repl PR #49), which is applied
# here as project-numina/kimina-lean-server's setup.sh does for tags up to v4.9.0.
set -uo pipefail

VERSION="${1:-v4.24.0}"
MATHLIB="${2:-}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="$HOME/.elan/bin:$PATH"

fail() { echo "make lean: $*" >&2; exit 3; }
step() { echo "make lean: $*"; }

[[ "$VERSION" =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-rc[0-9]+)?$ ]] || fail "LEAN_VERSION must look like v4.24.0, got '$VERSION'"
if [ -z "$MATHLIB" ]; then
  MATHLIB_GIT=https://github.com/leanprover-community/mathlib4
  MATHLIB_REV="$VERSION"
  NAME="$VERSION"
else
  [[ "$MATHLIB" =~ ^([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)@([A-Za-z0-9_./-]+)$ ]] \
    || fail "MATHLIB must look like OWNER/REPO@REV (e.g. xinhjBrant/mathlib4@2f65ba7), got '$MATHLIB'"
  MATHLIB_GIT="https://github.com/${BASH_REMATCH[1]}/${BASH_REMATCH[2]}"
  MATHLIB_REV="${BASH_REMATCH[3]}"
  NAME="$VERSION-${BASH_REMATCH[1]}-${MATHLIB_REV//\//-}"
fi
PROJECT="$ROOT/lean-projects/$NAME"
command -v git >/dev/null 2>&1 || fail "git is not installed (Lake fetches Mathlib and the REPL with git)"
command -v curl >/dev/null 2>&1 || fail "curl is not installed (needed to download elan and Mathlib's cache)"

# Every later step downloads; find out now, in seconds, instead of after a long timeout.
if ! curl -sS -o /dev/null --connect-timeout 4 --max-time 8 https://github.com 2>/dev/null; then
  fail "cannot reach https://github.com (no network or a proxy in the way): Lean $VERSION, Mathlib and the REPL cannot be downloaded on this machine. The Java part of Stepwise works without them; tests use recorded REPL output and the simulated REPL."
fi

# The REPL is tagged per Lean version, with gaps (no v4.12.0, v4.13.0, v4.20.0, ...): say so now,
# before the toolchain and Mathlib downloads, rather than when lake update fails.
REPL_GIT=https://github.com/leanprover-community/repl
if ! git ls-remote --exit-code --tags "$REPL_GIT" "refs/tags/$VERSION" >/dev/null 2>&1; then
  fail "the Lean REPL has no tag $VERSION ($REPL_GIT); choose a version it is tagged for, e.g. v4.9.0, v4.10.0, v4.14.0 to v4.19.0, v4.21.0, v4.22.0, v4.24.0 to v4.32.0 (README, 'Lean set-up')"
fi

# REPL tags before v4.10.0 (v4.10.0-rc1 included) print each answer without flushing stdout.
needs_flush_fix() {
  [[ "$1" =~ ^v4\.([0-9]+)\. ]] || return 1
  local minor="${BASH_REMATCH[1]}"
  [ "$minor" -lt 10 ] || [[ "$1" == v4.10.0-rc* ]]
}
FLUSH_COMMIT=4fc1e6d1dda170e8f0a6b698dd5f7e17a9cf52b4

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

# 2. The project: its own directory, pinned in lean-toolchain and the two requires of lakefile.toml
# (Lake reads lakefile.toml at every REPL tag Stepwise supports: docs/evidence/lean-versions.md, 1).
# A directory that exists is re-pinned and rebuilt; no other project is touched.
mkdir -p "$PROJECT" || fail "cannot create $PROJECT"
echo "leanprover/lean4:$VERSION" > "$PROJECT/lean-toolchain"
cat > "$PROJECT/lakefile.toml" <<TOML
# Written by 'make lean LEAN_VERSION=$VERSION${2:+ MATHLIB=$MATHLIB}' (scripts/setup-lean.sh); rewritten by the next one.
# Stepwise reads the Lean version from lean-toolchain and the Mathlib pin from the require below.
name = "StepwiseLean"
defaultTargets = ["StepwiseLean"]

[[require]]
name = "mathlib"
git = "$MATHLIB_GIT"
rev = "$MATHLIB_REV"

[[require]]
name = "REPL"
git = "https://github.com/leanprover-community/repl"
rev = "$VERSION"

[[lean_lib]]
name = "StepwiseLean"
TOML
cat > "$PROJECT/StepwiseLean.lean" <<'LEAN'
-- Built by `make lean` to prove that the pinned Mathlib imports and elaborates here.
import Mathlib

example : (2 : ℝ) + 2 = 4 := by norm_num
LEAN
case "$VERSION" in
  v4.[0-9].*|v4.1[0-8].*|v4.19.0-rc*) echo "make lean: note: the REPL $VERSION reports no proofStatus (it came with v4.19.0); Stepwise checks a step that leaves no goals by elaborating the whole proof." ;;
esac

cd "$PROJECT" || fail "cannot enter $PROJECT"
step "installing the toolchain leanprover/lean4:$VERSION"
elan toolchain install "leanprover/lean4:$VERSION" || fail "elan could not install leanprover/lean4:$VERSION"
step "resolving Mathlib and the REPL at $VERSION (lake update)"
lake update || fail "lake update failed (is $VERSION a tag of both Mathlib and the REPL? see lean-repl.md, Versions)"
REPL_DIR="$PROJECT/.lake/packages/REPL"
if needs_flush_fix "$VERSION"; then
  if grep -q '\.flush' "$REPL_DIR/REPL/Main.lean" 2>/dev/null; then
    step "the REPL's flush fix is already applied"
  else
    step "applying the REPL's flush fix (commit ${FLUSH_COMMIT:0:7}: flush after each response) to $VERSION"
    git -C "$REPL_DIR" cat-file -e "$FLUSH_COMMIT^{commit}" 2>/dev/null \
      || git -C "$REPL_DIR" fetch -q origin "$FLUSH_COMMIT" \
      || fail "cannot fetch the REPL's flush fix (commit $FLUSH_COMMIT)"
    git -C "$REPL_DIR" diff "$FLUSH_COMMIT^" "$FLUSH_COMMIT" -- REPL/Main.lean | git -C "$REPL_DIR" apply \
      || fail "the REPL's flush fix does not apply to $VERSION"
    grep -q '\.flush' "$REPL_DIR/REPL/Main.lean" || fail "the REPL's flush fix left no flush in REPL/Main.lean"
  fi
fi
step "downloading Mathlib's build cache (lake exe cache get)"
if ! lake exe cache get; then
  # Mathlib's cache is keyed by file contents; a fork's commit may have files no official build made.
  [ -n "$MATHLIB" ] || fail "lake exe cache get failed"
  step "warning: no complete cache for $MATHLIB; lake build compiles the rest of Mathlib (can take hours)"
fi
step "building the project (lake build)"
lake build || fail "lake build failed"
# `repl` (lower case) is the package's executable; `REPL` would name its library and build no binary.
step "building the REPL binary (lake build repl)"
lake build repl || fail "lake build repl failed"
[ -x "$REPL_DIR/.lake/build/bin/repl" ] || fail "the REPL binary is missing after lake build repl"
step "done: Lean $VERSION with Mathlib ${MATHLIB:-$VERSION} and the REPL in $PROJECT; check with 'bin/stepwise lean doctor'"
