#!/usr/bin/env bash
# ops/release/assemble.sh <out-dir>: the release as it ships — `npm run build`, then <out-dir>
# with package.json, package-lock.json, dist/ and migrations/ and the production dependencies
# only (`npm ci --omit=dev`), so `cd <out-dir> && node dist/main.js` runs with nothing else
# installed. The Dockerfile's build stage runs this very script; so does CI, outside a container.
set -euo pipefail
out="${1:?usage: ops/release/assemble.sh <out-dir>}"
cd "$(dirname "$0")/../.."
npm run build
rm -rf "$out"
mkdir -p "$out"
cp -R package.json package-lock.json dist migrations "$out"/
cd "$out"
npm ci --omit=dev --no-audit --no-fund
echo "release assembled in $out ($(du -sh . | cut -f1))" >&2
