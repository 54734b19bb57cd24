"""The systemd units of deploy/systemd/ and the app server's options in deploy/granian.env.

Each unit runs a real command of the project with options that command accepts, under
the same hardening; systemd-analyze verifies them with the programs' paths pointed at
this virtualenv.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import REPO_ROOT, skip_or_fail

DEPLOY = REPO_ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
INSTALLED_BIN = "/opt/vestnik/.venv/bin/"
# The units run the database task backend (the tests run the immediate one).
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
HARDENING = {
    "User": "vestnik",
    "Group": "vestnik",
    "NoNewPrivileges": "yes",
    "ProtectSystem": "strict",
    "ReadWritePaths": "/var/lib/vestnik",
    "ProtectHome": "yes",
    "PrivateTmp": "yes",
    "PrivateDevices": "yes",
    "CapabilityBoundingSet": "",
    "RestrictSUIDSGID": "yes",
}


def unit_entries(path: Path) -> dict[str, dict[str, list[str]]]:
    """Sections of a unit file, each key with every value it was given (systemd repeats keys)."""
    sections: dict[str, dict[str, list[str]]] = {}
    section = None
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = sections.setdefault(line.strip("[]"), {})
            continue
        assert section is not None, f"{path.name}: {line!r} before any section"
        key, equals, value = line.partition("=")
        assert equals, f"{path.name}: {line!r} is not KEY=value"
        section.setdefault(key.strip(), []).append(value.strip())
    return sections


def exec_start(path: Path) -> list[str]:
    [command] = unit_entries(path)["Service"]["ExecStart"]
    return shlex.split(command)


def test_the_app_the_task_worker_and_the_tick_each_have_a_unit():
    assert [unit.name for unit in UNITS] == [
        "vestnik-app.service",
        "vestnik-tick.service",
        "vestnik-worker.service",
    ]


@pytest.mark.parametrize("unit", UNITS, ids=lambda unit: unit.name)
def test_each_unit_runs_hardened_as_the_vestnik_user(unit):
    service = unit_entries(unit)["Service"]
    for key, value in HARDENING.items():
        assert service.get(key) == [value], f"{unit.name}: {key}"
    assert service["EnvironmentFile"][0] == "/etc/vestnik/vestnik.env"
    assert service["Restart"][0] in {"always", "on-failure"}
    assert unit_entries(unit)["Install"]["WantedBy"] == ["multi-user.target"]


@pytest.mark.parametrize(
    ("unit", "command"),
    [("vestnik-worker.service", "db_worker"), ("vestnik-tick.service", "tick")],
)
def test_the_worker_and_the_tick_run_vestnik_commands_with_options_they_accept(
    unit, command, settings
):
    settings.TASKS = DATABASE_TASKS
    from django.core.management import get_commands, load_command_class

    program, name, *arguments = exec_start(DEPLOY / "systemd" / unit)
    assert program == INSTALLED_BIN + "vestnik"
    assert name == command
    handler = load_command_class(get_commands()[name], name)
    options = handler.create_parser("vestnik", name).parse_args(arguments)
    assert options.interval > 0


@pytest.mark.parametrize(("unit", "helper"), [("worker", "task worker"), ("tick", "tick")])
def test_the_worker_and_the_tick_run_as_vestnik_serve_runs_them(unit, helper, settings):
    """Same command, same options as on one machine (the tick in its loop, not --once)."""
    settings.TASKS = DATABASE_TASKS
    from django.core.management import get_commands, load_command_class

    from vestnik.core.management.commands.serve import Command

    served = Command()._commands({"host": "127.0.0.1", "port": 8000, "workers": 2})[helper]
    served_name, *served_arguments = served[served.index("vestnik.cli") + 1 :]
    _program, name, *arguments = exec_start(DEPLOY / "systemd" / f"vestnik-{unit}.service")
    assert name == served_name
    parser = load_command_class(get_commands()[name], name).create_parser("vestnik", name)
    assert vars(parser.parse_args(arguments)) == vars(parser.parse_args(served_arguments))


def granian_env() -> dict[str, str]:
    entries = {}
    for line in (DEPLOY / "granian.env").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            entries[key] = value
    return entries


def test_the_app_unit_runs_granian_on_the_wsgi_app_with_the_options_of_granian_env(monkeypatch):
    from granian.cli import cli

    unit = DEPLOY / "systemd" / "vestnik-app.service"
    assert exec_start(unit) == [INSTALLED_BIN + "granian", "vestnik.wsgi:application"]
    assert "/opt/vestnik/deploy/granian.env" in unit_entries(unit)["Service"]["EnvironmentFile"]
    known = {param.envvar or f"GRANIAN_{(param.name or '').upper()}" for param in cli.params}
    entries = granian_env()
    assert set(entries) <= known, set(entries) - known
    for key, value in entries.items():
        monkeypatch.setenv(key, value)
    # granian reads its options from GRANIAN_* variables (its entry point's prefix).
    context = cli.make_context(
        "granian", ["vestnik.wsgi:application"], auto_envvar_prefix="GRANIAN"
    )
    options = context.params
    assert options["interface"].value == "wsgi"
    assert (options["host"], options["port"], options["workers"]) == ("127.0.0.1", 8000, 2)
    assert (options["blocking_threads"], options["backpressure"]) == (1, 2)
    assert options["websockets"] is False and options["http"].value == "1"
    module, _, name = options["app"].partition(":")
    assert callable(getattr(__import__(module, fromlist=[name]), name))


def test_systemd_analyze_verifies_the_units(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        skip_or_fail("systemd-analyze is not installed (apt-get install systemd)")
    venv_bin = str(Path(sys.executable).parent) + "/"
    for unit in UNITS:
        (tmp_path / unit.name).write_text(unit.read_text().replace(INSTALLED_BIN, venv_bin))
    checked = subprocess.run(
        [analyze, "verify", *(str(tmp_path / unit.name) for unit in UNITS)],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    # Unknown keys and sections are only warnings: none may appear.
    assert "Unknown" not in checked.stderr and "ignoring" not in checked.stderr, checked.stderr
