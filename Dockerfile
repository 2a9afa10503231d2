# The bot with its index built at image build time.
# Same pinned install path as the README: torch==2.13.0 first (CPU build), then the project.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    BOT_INDEX_DIR=/app/var/index \
    BOT_DB_PATH=/data/questions.sqlite3

WORKDIR /app
COPY . .
# EXTRAS="" installs the bot without the test tools.
RUN EXTRAS="" bash scripts/install.sh \
    && python -m bot index \
    && mkdir -p /data

VOLUME ["/data"]
# TELEGRAM_BOT_TOKEN (and the other settings) come from the environment at run time.
CMD ["python", "-m", "bot", "run"]
