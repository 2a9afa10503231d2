# The bot with its index built at image build time.
# Same pinned install path as the README: torch==2.13.0 first, then the project.
# On a registry whose torch 2.13.0 for Linux is the CUDA build, point pip at a CPU-only
# wheel index for that one step (build arg PIP_EXTRA_INDEX_URL) to keep the image small.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    BOT_INDEX_DIR=/app/var/index \
    BOT_DB_PATH=/data/questions.sqlite3

ARG PIP_EXTRA_INDEX_URL=""
ENV PIP_EXTRA_INDEX_URL=${PIP_EXTRA_INDEX_URL}
WORKDIR /app
COPY . .
# EXTRAS="" installs the bot without the test tools.
RUN EXTRAS="" bash scripts/install.sh \
    && python -m bot index \
    && mkdir -p /data

VOLUME ["/data"]
# TELEGRAM_BOT_TOKEN (and the other settings) come from the environment at run time.
CMD ["python", "-m", "bot", "run"]
