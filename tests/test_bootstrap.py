"""scripts/bootstrap: a .venv copied from another checkout is replaced, not used.

A copied venv still runs the other checkout's interpreter and packages (its scripts have
absolute shebangs), so tests and the demo would silently run someone else's code."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def project_copy(tmp_path: Path, venv_owner: str) -> Path:
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "bootstrap", project / "scripts" / "bootstrap")
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    venv = project / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "pip").write_text(f"#!{venv_owner}/bin/python3.14\n")
    key = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + b"dev\n").hexdigest()[:16]
    (venv / f".installed-{key}").touch()
    return project


def run_bootstrap(project: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    # No python3.14 on PATH: a bootstrap that must build a venv stops with a clear message.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for tool in ("bash", "cat", "sed", "sha256sum", "cut", "rm", "dirname"):
        if found := shutil.which(tool):
            (bin_dir / tool).symlink_to(found)
    return subprocess.run(
        ["bash", str(project / "scripts" / "bootstrap")],
        env={"PATH": str(bin_dir), "HOME": os.environ.get("HOME", "/root")},
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_venv_of_another_checkout_is_replaced(tmp_path: Path) -> None:
    project = project_copy(tmp_path, "/elsewhere/checkout/.venv")
    result = run_bootstrap(project, tmp_path)
    assert "belongs to /elsewhere/checkout/.venv" in result.stderr
    assert not (project / ".venv" / "bin" / "pip").exists()
    assert "python3.14 is not on PATH" in result.stderr
    assert result.returncode != 0


def test_its_own_venv_is_kept(tmp_path: Path) -> None:
    project = project_copy(tmp_path, str(tmp_path / "project" / ".venv"))
    result = run_bootstrap(project, tmp_path)
    assert result.returncode == 0, result.stderr
    assert (project / ".venv" / "bin" / "pip").exists()
    assert (project / ".venv" / ".project-root").read_text().strip() == str(project / ".venv")
