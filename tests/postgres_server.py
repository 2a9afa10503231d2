"""A real PostgreSQL server on loopback for the tests, and throwaway schemas in it.

``.ci/run`` starts one with ``scripts/start_postgres.sh`` and exports
``BOT_TEST_DATABASE_URL`` and ``BOT_TEST_PGDATA``; without them the session
starts its own the same way (Debian's ``postgresql`` binaries, run as the
``postgres`` user because ``initdb`` refuses root). If neither works the
PostgreSQL tests fail: a storage test that silently ran on SQLite only would
prove nothing about the replicas' back end.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg

START_TIMEOUT_S = 30


def _bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not candidates:
        raise RuntimeError(f"PostgreSQL's {name} is not installed (apt-get install -y postgresql)")
    return candidates[-1]


def _as_postgres(args: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root; CI runs as root.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@dataclass
class PostgresServer:
    """A PostgreSQL cluster in ``data_dir`` listening on 127.0.0.1:``port``."""

    data_dir: Path
    port: int
    user: str = "postgres"

    @property
    def url(self) -> str:
        """The URL of the ``postgres`` database as the ``user`` role (trust authentication on loopback)."""
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/postgres"

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            _as_postgres([_bin("pg_ctl"), "-D", str(self.data_dir), "-w", "-t", str(START_TIMEOUT_S), *args]),
            check=True,
            capture_output=True,
        )

    def initdb(self) -> None:
        """Create the cluster (fsync off: a test server needs no durability across power loss)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.data_dir, "postgres", "postgres")
            shutil.chown(self.data_dir.parent, "postgres", "postgres")
        subprocess.run(
            _as_postgres(
                [_bin("initdb"), "-D", str(self.data_dir), "-A", "trust", "-U", self.user, "-E", "UTF8"]
            ),
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data_dir} -c fsync=off"
        self._ctl("-o", options, "-l", str(self.data_dir / "server.log"), "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``fast`` rolls back open transactions; ``immediate`` is a crash)."""
        self._ctl("-m", mode, "stop")

    def is_running(self) -> bool:
        try:
            with psycopg.connect(self.url, connect_timeout=2):
                return True
        except psycopg.OperationalError:
            return False


def start_scratch_server(port: int) -> PostgresServer:
    """Start a fresh cluster in a temporary folder (removed by ``remove_scratch_server``)."""
    base = Path(tempfile.mkdtemp(prefix="bot-pg-"))
    os.chmod(base, 0o755)
    server = PostgresServer(base / "data", port)
    server.initdb()
    server.start()
    return server


def remove_scratch_server(server: PostgresServer) -> None:
    if server.is_running():
        server.stop("immediate")
    shutil.rmtree(server.data_dir.parent, ignore_errors=True)


def server_from_environment() -> PostgresServer | None:
    """The server ``scripts/start_postgres.sh`` started, if its variables are set."""
    url, data_dir = os.environ.get("BOT_TEST_DATABASE_URL"), os.environ.get("BOT_TEST_PGDATA")
    if not url or not data_dir:
        return None
    port = int(psycopg.conninfo.conninfo_to_dict(url).get("port") or 5432)
    return PostgresServer(Path(data_dir), port)


_SCHEMAS = itertools.count(1)


def new_schema_url(server: PostgresServer) -> tuple[str, str]:
    """Create an empty schema and return (its name, a URL whose search_path is it)."""
    name = f"t{next(_SCHEMAS)}_{uuid.uuid4().hex[:8]}"
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            with psycopg.connect(server.url, autocommit=True, connect_timeout=3) as conn:
                conn.execute(f'CREATE SCHEMA "{name}"')
            break
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    return name, f"{server.url}?options={quote(f'-csearch_path={name}')}"


def drop_schema(server: PostgresServer, name: str) -> None:
    try:
        with psycopg.connect(server.url, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
    except psycopg.OperationalError:
        pass  # the server is down (a restart test): the whole cluster is thrown away anyway
