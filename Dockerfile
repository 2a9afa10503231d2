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
#
# Two stages: the first installs everything and builds the index (the first build needs
# torch and sentence-transformers, which also write the ONNX export of the model into the
# index folder); the image proper keeps the index and drops torch, transformers and
# sentence-transformers. Answering never imports them (questions are embedded with the ONNX
# export), and neither does changing the material: without sentence-transformers a rebuild
# embeds new passages and bank questions with the same ONNX export (index/encoder.py,
# OnnxPassageEncoder; vectors equal to the model's own within cosine 0.9999, tested).
# Measured in a fresh venv on the build machine: 1.8 GB of packages with torch, 0.8 GB
# without, plus an 89 MB index.
# The material lives apart from the code, in /srv/corpus (BOT_CORPUS_DIR), owned by the bot
# user: the press desk's curation, /add, `python -m bot add` and `sync` write there and the
# running bot rebuilds its index (/app/var/index, also the bot user's) from it, so changing
# the material does not need a new image. compose.yaml mounts one named volume there for
# all replicas (initialised from this folder); the index stays per container.

FROM python:3.11-slim AS build
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
ARG TORCH_SPEC=torch==2.13.0
ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    BOT_CORPUS_DIR=/srv/corpus \
    BOT_INDEX_DIR=/app/var/index
WORKDIR /app
COPY . .
# EXTRAS="" installs the bot without the test tools; install.sh checks the CPU build.
# After the uninstall, `index --force` loads the ONNX passage encoder from the index (it
# fails if the export is missing) and `ask` answers without torch.
RUN TORCH_INDEX_URL="$TORCH_INDEX_URL" TORCH_SPEC="$TORCH_SPEC" EXTRAS="" bash scripts/install.sh \
    && mkdir -p /srv/corpus \
    && cp -r corpus/documents corpus/missions corpus/questions corpus/topics /srv/corpus/ \
    && python -m bot index \
    && python -m pip uninstall -y -q torch transformers sentence-transformers sympy scikit-learn \
    && python -m bot index --force \
    && python -m bot ask "What are the priorities of the foreign policy of Belarus?" > /dev/null \
    && rm -rf /app/wheels /root/.cache

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    BOT_CORPUS_DIR=/srv/corpus \
    BOT_INDEX_DIR=/app/var/index \
    BOT_DB_PATH=/data/questions.sqlite3 \
    BOT_WEBHOOK_LISTEN=0.0.0.0 \
    BOT_WEBHOOK_PORT=8443 \
    BOT_LOG_FORMAT=json
COPY --from=build /usr/local /usr/local
COPY --from=build /app /app
COPY --from=build /srv/corpus /srv/corpus
# The bot user writes the material (curation, add, sync) and rebuilds the index beside
# /app/var/index (a sibling folder swapped in), so both belong to it.
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin bot \
    && mkdir -p /data \
    && chown bot:bot /data \
    && chown -R bot:bot /srv/corpus /app/var
WORKDIR /app
USER bot

VOLUME ["/data", "/srv/corpus"]
EXPOSE 8443
# Liveness of the webhook server (the default command); /readyz is for the balancer.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('BOT_WEBHOOK_PORT', '8443'), timeout=2)"]
# A webhook replica when BOT_WEBHOOK_URL is set (compose.yaml), long polling otherwise.
# TELEGRAM_BOT_TOKEN and the other settings come from the environment at run time.
CMD ["python", "-m", "bot", "run"]
