#!/usr/bin/env bash
# Install everything the bot, its tests and its checks need, on a fresh Python 3.11 machine.
# torch comes first and pinned: the CPU build. A bare `torch` requirement would
# pull a multi-GB CUDA build. Then the project, with requirements.lock as constraints:
# every package gets exactly the version CI ran with (regenerate: python scripts/lock.py).
# Re-running is cheap: pip skips what is installed.
# EXTRAS="" installs the bot alone (the Docker image); the default adds tests, checks and dev tools.
set -euo pipefail
cd "$(dirname "$0")/.."
PIP="${PIP:-python3 -m pip}"
$PIP install --quiet --disable-pip-version-check "torch==2.13.0"
$PIP install --quiet --disable-pip-version-check --constraint requirements.lock -e ".${EXTRAS-[test,dev]}"
