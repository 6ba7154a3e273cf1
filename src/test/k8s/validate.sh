#!/usr/bin/env bash
# Offline validation of k8s/ (no cluster needed); .ci/run calls this.
#   bash src/test/k8s/validate.sh
# Installs the pinned validator dependencies (package-lock.json) from the npm registry, validates
# k8s/ and then runs the validator's self-test, which breaks copies of k8s/ on purpose and
# expects each to fail. Exits non-zero on any problem.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"

npm ci --prefix "$here" --no-audit --no-fund --loglevel=error
node "$here/validate.js" "$repo/k8s"
node --test "$here/validate.test.js"
