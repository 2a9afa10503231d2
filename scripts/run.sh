#!/usr/bin/env bash
# Install, then start the bot: the Telegram bot when TELEGRAM_BOT_TOKEN is set
# (in the environment or the settings file), the console chat otherwise.
# Extra arguments go to `python -m bot`, e.g. `scripts/run.sh ask "EU?"`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec python3 -m bot "$@"
