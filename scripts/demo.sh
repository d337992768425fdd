#!/usr/bin/env bash
# One command from a fresh clone to a running engine with the demo loaded.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
echo "Building..."
npm run build --silent
exec node dist/main.js --demo
