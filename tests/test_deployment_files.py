"""The Dockerfile, compose.yaml and nginx config agree with each other and with the settings.

No container engine runs on this machine, so these files are checked by
reading them: the compose file parses, its replicas share one database and
port, the proxy's upstream lists exactly those replicas on that port, every
variable handed to the bot is one the settings know, and the image installs
the CPU torch build, runs as a non-root user and checks /healthz.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from config import Settings
from config.settings import PROJECT_ROOT

COMPOSE = PROJECT_ROOT / "compose.yaml"
NGINX = PROJECT_ROOT / "deploy" / "nginx.conf"
DOCKERFILE = PROJECT_ROOT / "Dockerfile"
REPLICAS = ("bot1", "bot2", "bot3")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def _setting_names() -> set[str]:
    names: set[str] = set()
    for field in Settings.model_fields.values():
        alias = field.validation_alias
        names.update(choice for choice in getattr(alias, "choices", ()) if isinstance(choice, str))
    return {name for name in names if name.isupper()}


def test_compose_runs_postgres_three_replicas_and_a_proxy(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert services["db"]["image"].startswith("postgres:")
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    for name in REPLICAS:
        assert services[name]["depends_on"]["db"]["condition"] == "service_healthy"
        assert services[name]["environment"]["BOT_REPLICA_NAME"] == name
    assert services["proxy"]["image"].startswith("nginx")


def test_replicas_share_one_database_port_and_path(compose: dict[str, Any]) -> None:
    environments = [compose["services"][name]["environment"] for name in REPLICAS]
    for key in ("BOT_DATABASE_URL", "BOT_WEBHOOK_PORT", "BOT_WEBHOOK_PATH", "BOT_USER_HASH_SALT"):
        assert len({env[key] for env in environments}) == 1, key
    assert environments[0]["BOT_DATABASE_URL"].startswith("postgresql://bot:")
    assert "@db:5432/bot" in environments[0]["BOT_DATABASE_URL"]


def test_every_variable_given_to_the_bot_is_a_setting(compose: dict[str, Any]) -> None:
    known = _setting_names()
    for name in (*REPLICAS, "set-webhook"):
        unknown = set(compose["services"][name]["environment"]) - known
        assert unknown == set(), f"{name}: {unknown}"


def test_proxy_upstream_is_exactly_the_replicas_on_their_port(compose: dict[str, Any]) -> None:
    config = NGINX.read_text(encoding="utf-8")
    port = compose["services"]["bot1"]["environment"]["BOT_WEBHOOK_PORT"]
    upstream = re.search(r"upstream bot_replicas \{(.*?)\}", config, re.S)
    assert upstream is not None
    servers = re.findall(r"server (\S+?):(\d+)", upstream.group(1))
    assert sorted(servers) == sorted((name, port) for name in REPLICAS)
    path = compose["services"]["bot1"]["environment"]["BOT_WEBHOOK_PATH"]
    assert f"location = /{path} " in config
    assert "proxy_next_upstream off" in config  # Telegram retries; nginx must not replay a POST
    mounted = compose["services"]["proxy"]["volumes"]
    assert "./deploy/nginx.conf:/etc/nginx/nginx.conf:ro" in mounted


def test_set_webhook_is_a_one_off_not_a_replica(compose: dict[str, Any]) -> None:
    service = compose["services"]["set-webhook"]
    assert service["command"] == ["python", "-m", "bot", "set-webhook"]
    assert service["profiles"] == ["setup"]


def test_image_uses_cpu_torch_a_non_root_user_and_checks_health(compose: dict[str, Any]) -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(r"^ARG TORCH_INDEX_URL=\S+/whl/cpu$", text, re.M)
    assert re.search(r"^ARG TORCH_SPEC=torch==2\.13\.0$", text, re.M)
    user = re.findall(r"^USER (\S+)$", text, re.M)
    assert user and user[-1] not in {"root", "0"}
    port = compose["services"]["bot1"]["environment"]["BOT_WEBHOOK_PORT"]
    assert re.search(rf"^EXPOSE {port}$", text, re.M)
    assert "HEALTHCHECK" in text and "/healthz" in text
    assert "python -m bot index" in text  # the index is built into the image
    runtime = text[text.rindex("\nFROM ") :]
    assert "COPY --from=build /app /app" in runtime  # ...and the runtime stage keeps it
    assert re.search(r"^USER bot$", runtime, re.M)
    assert "pip uninstall" in text and "python -m bot ask" in text  # answering checked without torch


def test_docker_context_leaves_out_local_state() -> None:
    ignored = (PROJECT_ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    for entry in (".git", "var", "tests"):
        assert entry in ignored


def test_install_script_checks_for_a_cpu_build() -> None:
    script = (Path(PROJECT_ROOT) / "scripts" / "install.sh").read_text(encoding="utf-8")
    assert "torch.version.cuda is None" in script
    assert "--index-url" in script


def test_replicas_share_one_corpus_volume_and_keep_their_own_index(compose: dict[str, Any]) -> None:
    assert "corpus" in compose["volumes"]
    text = DOCKERFILE.read_text(encoding="utf-8")
    runtime = text[text.rindex("\nFROM ") :]
    for name in REPLICAS:
        service = compose["services"][name]
        corpus_dir = service["environment"]["BOT_CORPUS_DIR"]
        index_dir = service["environment"]["BOT_INDEX_DIR"]
        assert f"corpus:{corpus_dir}" in service["volumes"]  # one named volume: a change reaches all
        mounted = [volume.split(":")[1] for volume in service["volumes"]]
        assert not any(index_dir == target or index_dir.startswith(target + "/") for target in mounted)
        assert not corpus_dir.startswith("/app/")  # not over the code (the corpus package is /app/corpus)
        assert re.search(rf"^\s+BOT_CORPUS_DIR={corpus_dir} ", runtime, re.M)
        assert re.search(rf"^\s+BOT_INDEX_DIR={index_dir} ", runtime, re.M)
    # The image fills the volume's first copy and lets the bot user write it and rebuild its index.
    assert "COPY --from=build /srv/corpus /srv/corpus" in runtime
    assert re.search(r"chown -R bot:bot /srv/corpus /app/var", runtime)
