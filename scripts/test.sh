#!/usr/bin/env bash
# The test command: installs what the tests need (a JDK, Chromium for the console test), then runs every
# test. The tests start their own PostgreSQL and S3 server; no Docker.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
ensure_java
ensure_node
ensure_chromium
ensure_document_font
ensure_kustomize
exec ./mvnw verify "$@"
