"""Stores for tests: a SQLite file, or a fresh database on a real PostgreSQL server.

The PostgreSQL server is Debian's (``postgresql`` in scripts/apt-packages.txt),
started once per test run in a temporary folder on a Unix socket only, with
fsync off, and stopped at exit.  As root it runs as the ``postgres`` user.
"""

from __future__ import annotations

import atexit
import functools
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from accessreader.service.store import Store, open_store

KINDS = ("sqlite", "postgresql")

#: Argon2id at its lowest cost, so tests that only need accounts stay fast.
LIGHT_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def open_test_store(kind: str, data_dir: Path, *, migrate: bool = True) -> Store:
    """A store of ``kind`` with its files in ``data_dir``; skips when PostgreSQL is not installed."""
    if kind == "sqlite":
        return open_store(data_dir=data_dir, migrate=migrate)
    return open_store(_server().create_database(), data_dir, migrate=migrate)


class _PostgresServer:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="accessreader-pg-"))
        self.names = itertools.count(1)
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
        data = str(self.root / "data")
        self._run("initdb", "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8")
        options = (
            f"-k {self.root} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run("pg_ctl", "-D", data, "-o", options, "-l", str(self.root / "log"), "-w", "start")
        atexit.register(self.stop)

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bindir / program), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True)

    def create_database(self) -> str:
        import psycopg

        name = f"test{next(self.names)}"
        with psycopg.connect(host=str(self.root), user="postgres", dbname="postgres", autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return f"postgresql+psycopg://postgres@/{name}?host={self.root}"

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


@functools.cache
def _server() -> _PostgresServer:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not candidates:
        pytest.skip("PostgreSQL is not installed (Debian package postgresql)")
    return _PostgresServer(Path(candidates[-1]).parent)
