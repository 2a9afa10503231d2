#!/usr/bin/env bash
# Install everything the bot and its tests need, on a fresh Python 3.11 machine.
# torch comes first and pinned: the CPU build. A bare `torch` requirement would
# pull a multi-GB CUDA build. Re-running is cheap: pip skips what is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
PIP="${PIP:-python3 -m pip}"
$PIP install --quiet --disable-pip-version-check "torch==2.13.0"
$PIP install --quiet --disable-pip-version-check -e ".${EXTRAS-[test]}"
