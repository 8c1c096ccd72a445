"""The offline install kit (issue 10, part 1): built once per session by scripts/make_kit.py,
then installed the way a user would — unzipped, `install.sh`, pip with no index and no pip
configuration — into a fresh venv made by the lowest Python that requires-python allows (and
by the newest one here), and run: `dutylog --version`, `subject add`, `status --json`, and a
file sealed and opened again with the kit's binary cryptography (and cffi) wheels.

Deselect with `-m "not kit"`. The first build downloads wheels (PyPI) into build/kit-cache/;
later builds reuse them and need no network. With no network and no cache: skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

pytestmark = [pytest.mark.kit, pytest.mark.xdist_group("kit")]  # one worker builds it

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import make_kit  # noqa: E402

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
VERSION = PROJECT["version"]
FLOOR = PROJECT["requires-python"].removeprefix(">=").strip()


def interpreter(minor: str) -> Path | None:
    """A CPython `minor` (e.g. "3.11") on PATH or under pyenv, or None."""
    found = [shutil.which(f"python{minor}")]
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    if pyenv.is_dir():
        found += [str(p / "bin" / f"python{minor}") for p in sorted(pyenv.glob(f"{minor}.*"), reverse=True)]
    for candidate in found:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            done = subprocess.run([candidate, "-c", "import sys, venv; print('%d.%d' % sys.version_info[:2])"],
                                  capture_output=True, text=True)
            if done.returncode == 0 and done.stdout.strip() == minor:
                return Path(candidate)
    return None


def clean_env(**extra: str) -> dict[str, str]:
    """No pip configuration and no way out: what an offline laptop has."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV", "DUTYLOG_", "PYENV"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PATH="/usr/bin:/bin",
               # Any attempt to reach an index goes to a closed port on this machine.
               HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9",
               http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9")
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The kit folder and zip, built once per test session."""
    out = tmp_path_factory.mktemp("kit-dist")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_kit.py"), "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    if done.returncode == make_kit.EXIT_NO_NETWORK:
        reason = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "no network"
        pytest.skip(f"the kit's wheels are not cached yet and PyPI is not reachable: {reason}")
    assert done.returncode == 0, done.stderr
    kit = out / f"dutylog-kit-{VERSION}"
    return kit, out / f"{kit.name}.zip"


@pytest.fixture(scope="session")
def unzipped(built, tmp_path_factory):
    """The kit as a user gets it: the zip carried over and unpacked somewhere else."""
    _, archive = built
    where = tmp_path_factory.mktemp("usb stick 优盘")  # a space and Chinese in the path
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(where)
    kit = where / f"dutylog-kit-{VERSION}"
    (kit / "install.sh").chmod(0o755)
    return kit


def wheel_tags(wheel: Path) -> tuple[str, str, str, str]:
    """(package, python tag, abi tag, platform tag) of a wheel file name (PEP 427)."""
    parts = wheel.name.removesuffix(".whl").split("-")
    assert len(parts) in (5, 6), wheel.name  # with or without a build tag
    return make_kit.normalize(parts[0]), *parts[-3:]


def test_kit_holds_each_package_once_per_tag_and_only_pinned_ones(built):
    kit, archive = built
    wheels = sorted((kit / "wheels").iterdir())
    assert all(w.suffix == ".whl" for w in wheels)
    tagged = [wheel_tags(w) for w in wheels]
    assert len(tagged) == len(set(tagged)), "a package is in the kit twice for one platform and Python"
    names = [make_kit.wheel_pin(w)[0] for w in wheels]
    versions = {}
    for wheel in wheels:
        name, version = make_kit.wheel_pin(wheel)
        versions.setdefault(name, set()).add(version)
    assert all(len(vs) == 1 for vs in versions.values()), f"two versions of one package: {versions}"
    pins = make_kit.read_lock()
    for wheel in wheels:
        name, version = make_kit.wheel_pin(wheel)
        if name != "dutylog":
            assert pins[name] == version, wheel.name
    assert f"dutylog-{VERSION}-py3-none-any.whl" in [w.name for w in wheels]
    # Installing the dutylog wheel needs no build backend: the kit carries none.
    assert not {"hatchling", "pathspec", "trove-classifiers"} & set(names)
    # Binary wheels (lxml per platform and Python, under python-docx; cryptography abi3 per
    # platform; cffi per platform and Python) make up most of it: 116 MB with lxml.
    size = sum(p.stat().st_size for p in kit.rglob("*") if p.is_file())
    assert size < 150e6, f"the kit grew to {size / 1e6:.1f} MB"
    with zipfile.ZipFile(archive) as zf:
        listed = sorted(zf.namelist())
    assert listed == sorted(f"{kit.name}/{p.relative_to(kit).as_posix()}" for p in kit.rglob("*") if p.is_file())


def test_every_target_resolves_from_the_kit_with_its_own_binary_wheels(built):
    """Each of the 16 targets installs from the kit alone (pip --dry-run --no-index, for that
    platform and Python), gets a cryptography and a cffi wheel built for it, and every wheel
    in the kit is used by some target."""
    kit, _ = built
    chosen = make_kit.verify(kit / "wheels")
    assert sorted(chosen) == sorted(label for label, _, _ in make_kit.targets())
    def built_for(system: str, plat: str) -> bool:
        prefix, arches = {"windows-x64": ("win_", {"amd64"}), "macos-x86_64": ("macosx_", {"x86_64", "universal2"}),
                          "macos-arm64": ("macosx_", {"arm64", "universal2"}),
                          "linux-x86_64": ("manylinux", {"x86_64"})}[system]
        return all(p.startswith(prefix) and p.endswith(tuple(f"_{a}" for a in arches)) for p in plat.split("."))

    for label, files in chosen.items():
        system, py = label.rsplit("-py", 1)
        tags = {wheel_tags(Path(f))[0]: wheel_tags(Path(f)) for f in files}
        assert {"dutylog", "cryptography", "cffi", "pycparser"} <= set(tags), label
        _, crypto_py, crypto_abi, crypto_plat = tags["cryptography"]
        assert crypto_abi == "abi3" and crypto_py.startswith("cp3"), label
        assert int(crypto_py[3:]) <= int(py.split(".")[1]), f"{label}: {crypto_py} is for a newer Python"
        _, cffi_py, cffi_abi, cffi_plat = tags["cffi"]
        assert cffi_py == cffi_abi == "cp" + py.replace(".", ""), label
        for plat in (crypto_plat, cffi_plat):
            assert built_for(system, plat), (label, plat)
    assert {f for files in chosen.values() for f in files} == {w.name for w in (kit / "wheels").iterdir()}


def test_checksums_match(built):
    kit, _ = built
    for line in (kit / "SHA256SUMS.txt").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((kit / name).read_bytes()).hexdigest() == digest, name


def test_windows_scripts_are_readable_by_cmd_and_windows_powershell(built):
    kit, _ = built
    bat = (kit / "install.bat").read_bytes()
    bat.decode("ascii")  # cmd.exe reads a .bat in the console code page: ASCII only
    assert bat.count(b"\r\n") == bat.count(b"\n"), "install.bat needs CRLF line ends for cmd's labels"
    ps1 = (kit / "install.ps1").read_bytes()
    assert ps1.startswith(b"\xef\xbb\xbf"), "Windows PowerShell 5.1 reads a BOM-less script as GBK"
    assert "离线安装" in ps1.decode("utf-8-sig")
    assert (kit / "README.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    for name in ("install.bat", "install.ps1", "install.sh", "README.txt"):
        text = (kit / name).read_text(encoding="utf-8-sig")
        assert not re.search(r"@[A-Z_]+@", text), f"{name}: a placeholder was left"
        assert f"{FLOOR}" in text and VERSION in text


def run(cmd, env, **kw):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env, timeout=300, **kw)


def newest_here() -> str | None:
    for minor in reversed(make_kit.PYTHONS):
        if minor != FLOOR and interpreter(minor):
            return minor
    return None


@pytest.mark.parametrize("which", ["floor", "newest"])
def test_installs_offline_from_the_kit_and_runs(which, unzipped, tmp_path):
    if which == "floor":
        minor = FLOOR
    else:
        minor = newest_here()
        if minor is None:
            pytest.skip(f"no Python newer than {FLOOR} among {make_kit.PYTHONS} is installed here")
    python = interpreter(minor)
    if python is None:
        pytest.skip(f"Python {minor} (requires-python floor {FLOOR}) is not installed here "
                    "(looked on PATH and under ~/.pyenv/versions)")
    home = tmp_path / "home"
    home.mkdir()
    env = clean_env(HOME=str(home), PYTHON=str(python), DUTYLOG_NO_PIPX="1")
    done = run(["sh", unzipped / "install.sh"], env)
    assert done.returncode == 0, done.stdout + done.stderr
    dutylog = home / ".local" / "bin" / "dutylog"
    assert dutylog.is_symlink()
    venv_python = home / ".local" / "share" / "dutylog-venv" / "bin" / "python"
    assert run([venv_python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], env).stdout.strip() == minor
    # The binary wheels for this machine load: cryptography's Rust extension, cffi's C one,
    # and dutylog's own sealing (scrypt + ChaCha20-Poly1305) round-trips a file.
    plain, sealed, back = tmp_path / "plain.txt", tmp_path / "sealed.bin", tmp_path / "back.txt"
    plain.write_text("值班 duty log\n" * 1000, encoding="utf-8")
    code = ("import sys, cryptography, cffi, _cffi_backend; from dutylog import sealing; "
            "sealing.seal_file(sys.argv[1], sys.argv[2], 'correct horse battery'); "
            "sealing.open_file(sys.argv[2], sys.argv[3], 'correct horse battery'); "
            "print(cryptography.__version__, cffi.__version__, sealing.is_sealed(sys.argv[2]))")
    crypto = run([venv_python, "-c", code, plain, sealed, back], env)
    assert crypto.returncode == 0, crypto.stderr
    pins = make_kit.read_lock()
    assert crypto.stdout.split() == [pins["cryptography"], pins["cffi"], "True"]
    assert back.read_bytes() == plain.read_bytes() != sealed.read_bytes()

    data = tmp_path / "数据"
    env = clean_env(HOME=str(home), DUTYLOG_HOME=str(data), DUTYLOG_TODAY="2025-06-18")
    version = run([dutylog, "--version"], env)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"dutylog {VERSION}"
    added = run([dutylog, "subject", "add", "王明", "--role", "leader", "--since", "2025-01-01"], env)
    assert added.returncode == 0, added.stderr
    status = run([dutylog, "status", "--subject", "王明", "--json"], env)
    assert status.returncode == 0, status.stderr
    result = json.loads(status.stdout)
    assert result["subject"] == "王明" and result["as_of"] == "2025-06-18"
    assert result["rules"] and {"id", "status", "target"} <= set(result["rules"][0])
    assert (data / "dutylog.db").is_file()

    # Installing again (an upgrade from a newer kit, or a repair) reuses the venv.
    again = run(["sh", unzipped / "install.sh"], clean_env(HOME=str(home), PYTHON=str(python), DUTYLOG_NO_PIPX="1"))
    assert again.returncode == 0, again.stdout + again.stderr
    assert "creating a venv" not in again.stdout


def test_a_python_below_the_floor_is_refused_in_one_clear_line(unzipped, tmp_path):
    major, minor = map(int, FLOOR.split("."))
    below = interpreter(f"{major}.{minor - 1}")
    if below is None:
        pytest.skip(f"no Python {major}.{minor - 1} here to try")
    env = clean_env(HOME=str(tmp_path), PYTHON=str(below), DUTYLOG_NO_PIPX="1")
    done = run(["sh", unzipped / "install.sh"], env)
    assert done.returncode == 1
    assert f"is not Python >= {FLOOR}" in done.stderr
    assert not (tmp_path / ".local").exists()


def test_the_floor_is_what_the_code_needs():
    """requires-python is set by the code: tomllib and enum.StrEnum are new in 3.11. Every
    dependency allows 3.11 (the kit's per-target check resolves them for it)."""
    assert FLOOR == make_kit.PYTHONS[0] == "3.11"
    src = ROOT / "src" / "dutylog"
    assert "import tomllib" in (src / "policy" / "loader.py").read_text(encoding="utf-8")
    assert "from enum import StrEnum" in (src / "domain" / "results.py").read_text(encoding="utf-8")
