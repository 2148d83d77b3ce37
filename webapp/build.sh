#!/usr/bin/env bash
# Builds the back office into target/classes/META-INF/resources/office (called by Maven in generate-resources).
# Packages come from the npm registry at the versions package-lock.json pins; installed again only when the
# lock file changed since the last install.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v node > /dev/null 2>&1 || ! command -v npm > /dev/null 2>&1; then
  echo "构建工作台需要 Node.js 20.19 或更高版本和 npm（scripts/lib.sh 的 ensure_node 会安装）" >&2
  exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
exec npm run --silent build -- --logLevel warn
