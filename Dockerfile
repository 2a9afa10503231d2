# The bot as an image an operator can run: CPU-only torch, a non-root user, the index built
# at build time, the webhook port exposed and a HEALTHCHECK on /healthz.
#
#   docker build -t mfa-answer-bot .
#   docker run --rm mfa-answer-bot python -m bot ask "What are Belarus's foreign-policy priorities?"
#
# torch: pip's default index serves the CUDA build of torch 2.13.0 for Linux (2.7 GB of GPU
# libraries), so that one step uses the CPU wheel index by default. To build without it, put
# a CPU wheel in ./wheels/ and pass --build-arg TORCH_SPEC=/app/wheels/<file>.whl, or point
# TORCH_INDEX_URL at a mirror of the CPU index. The build fails if torch is not a CPU build.
FROM python:3.11-slim

ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
ARG TORCH_SPEC=torch==2.13.0

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    BOT_INDEX_DIR=/app/var/index \
    BOT_DB_PATH=/data/questions.sqlite3 \
    BOT_WEBHOOK_LISTEN=0.0.0.0 \
    BOT_WEBHOOK_PORT=8443 \
    BOT_LOG_FORMAT=json

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin bot
WORKDIR /app
COPY . .
# EXTRAS="" installs the bot without the test tools; install.sh checks the CPU build.
RUN TORCH_INDEX_URL="$TORCH_INDEX_URL" TORCH_SPEC="$TORCH_SPEC" EXTRAS="" bash scripts/install.sh \
    && rm -rf /app/wheels /root/.cache \
    && mkdir -p /app/var /data \
    && chown -R bot:bot /app/var /data

USER bot
# The index is part of the image: replicas start in seconds and never build it.
RUN python -m bot index

VOLUME ["/data"]
EXPOSE 8443
# Liveness of the webhook server (the default command); /readyz is for the balancer.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('BOT_WEBHOOK_PORT', '8443'), timeout=2)"]
# A webhook replica when BOT_WEBHOOK_URL is set (compose.yaml), long polling otherwise.
# TELEGRAM_BOT_TOKEN and the other settings come from the environment at run time.
CMD ["python", "-m", "bot", "run"]
