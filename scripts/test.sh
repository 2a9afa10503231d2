#!/usr/bin/env bash
# Install, then run the whole test suite (real model, real FAISS, real SQLite,
# python-telegram-bot against a loopback fake Bot API server).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec python3 -m pytest "$@"
