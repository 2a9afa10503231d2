#!/usr/bin/env bash
# Install everything the bot, its tests and its checks need, on a fresh Python 3.11 machine.
# torch comes first and pinned: the CPU build. From the public package index a bare
# `pip install torch==2.13.0` is the CUDA build (several GB of GPU libraries the bot never
# uses), so the CPU wheel index is tried first, with a short timeout; where it cannot be
# reached (a mirror-only network), the plain pin is installed from the configured index,
# and either way the result must be a CPU-only build.
# Override with TORCH_INDEX_URL=... (another CPU index) or TORCH_SPEC=/path/to/torch.whl.
# Then the project, with requirements.lock as constraints: every package gets exactly the
# version CI ran with (regenerate: python scripts/lock.py).
# Re-running is cheap: pip skips what is installed.
# EXTRAS="" installs the bot alone (the Docker image); the default adds tests, checks and dev tools.
set -euo pipefail
cd "$(dirname "$0")/.."
PIP="${PIP:-python3 -m pip}"
QUIET="--quiet --disable-pip-version-check"
TORCH_SPEC="${TORCH_SPEC:-torch==2.13.0}"
TORCH_INDEX_URL="${TORCH_INDEX_URL:-https://download.pytorch.org/whl/cpu}"

torch_is_cpu() { python3 -c 'import torch, sys; sys.exit(0 if torch.version.cuda is None else 1)' 2>/dev/null; }

if ! torch_is_cpu; then
    if ! $PIP install $QUIET --timeout 15 --retries 0 --index-url "$TORCH_INDEX_URL" "$TORCH_SPEC" 2>/dev/null; then
        echo "install: the CPU wheel index is out of reach; installing $TORCH_SPEC from the configured index" >&2
        $PIP install $QUIET "$TORCH_SPEC"
    fi
fi
if ! torch_is_cpu; then
    echo "install: the installed torch is a CUDA build; install the CPU build (TORCH_INDEX_URL or TORCH_SPEC)" >&2
    exit 1
fi
$PIP install $QUIET --constraint requirements.lock -e ".${EXTRAS-[test,dev]}"
