"""Build the offline install kit (`make kit`, issue 10 part 1).

    python scripts/make_kit.py              # dist/dutylog-kit-<version>/ and its .zip
    python scripts/make_kit.py --relock     # re-resolve scripts/kit/lock.txt (needs PyPI)

The kit is a folder (and a zip of it) that installs dutylog on a laptop with no network:

    wheels/        the dutylog wheel and every runtime dependency wheel for Windows x64,
                   macOS (x86_64, arm64, universal2) and Linux (manylinux x86_64), for every
                   Python version in PYTHONS; each file once
    install.bat    Windows, double-click: runs install.ps1, or does the same in plain cmd
    install.ps1    Windows PowerShell: venv (or pipx), pip --no-index, `dutylog` on PATH
    install.sh     macOS and Linux: the same
    README.txt     what to do, in Chinese and English
    SHA256SUMS.txt to check a copy carried on a USB stick

Only the standard library and pip are used. Versions come from scripts/kit/lock.txt (pins,
used as pip constraints), so two builds from one commit carry the same wheels. The
downloaded wheels are cached under build/kit-cache/<key>/, the key being a hash of the lock,
the dependencies in pyproject.toml and the targets: a second build needs no network at all
(the build backend, hatchling, is cached there too, for building the dutylog wheel offline).

Exit codes: 0 built; 1 failed; 3 the network is needed (nothing cached yet) and not there.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KIT_SRC = ROOT / "scripts" / "kit"
LOCK = KIT_SRC / "lock.txt"
CACHE = ROOT / "build" / "kit-cache"

# Every Python version the kit serves: the floor of requires-python up to the newest
# release. A laptop with any of these (and any platform below) installs from the kit.
PYTHONS = ["3.11", "3.12", "3.13", "3.14"]
# pip's --platform tags. pip widens each one to the older tags it implies (manylinux_2_28
# also accepts manylinux2014 and manylinux1 wheels; a macOS tag also accepts universal2).
PLATFORMS = {
    "windows-x64": ["win_amd64"],
    "macos-x86_64": ["macosx_10_13_x86_64"],
    "macos-arm64": ["macosx_11_0_arm64"],
    "linux-x86_64": ["manylinux_2_28_x86_64"],
}
EXIT_NO_NETWORK = 3
NETWORK_SIGNS = (
    "NewConnectionError", "Failed to establish a new connection", "Temporary failure in name resolution",
    "Name or service not known", "Network is unreachable", "No route to host", "ConnectTimeout",
    "ReadTimeout", "timed out", "ProxyError", "Connection refused", "ConnectionError",
)


class NoNetwork(RuntimeError):
    pass


def log(message: str) -> None:
    print(f"make_kit: {message}", file=sys.stderr, flush=True)


def pip(*args: str, python: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    cmd = [python or sys.executable, "-m", "pip", "--disable-pip-version-check", *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


def pip_online(*args: str) -> subprocess.CompletedProcess:
    """A pip call that reaches the index: a network failure raises NoNetwork."""
    done = pip(*args, "--retries", "2", "--timeout", "20")
    if done.returncode != 0:
        text = done.stdout + done.stderr
        signs = [line.strip() for line in text.splitlines() if any(sign in line for sign in NETWORK_SIGNS)]
        if signs:
            raise NoNetwork(signs[-1][-160:])
        raise RuntimeError(f"pip {' '.join(args[:1])} failed:\n{_last_lines(text, 15)}")
    return done


def _last_lines(text: str, n: int = 4) -> str:
    lines = [line for line in text.splitlines() if line.strip() and "is ignored: it is neither" not in line]
    return "\n".join(lines[-n:])


def project() -> dict:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    proj = data["project"]
    floor = re.fullmatch(r">=\s*(\d+\.\d+)", proj["requires-python"].strip())
    if not floor:
        raise RuntimeError(f"requires-python {proj['requires-python']!r}: expected the form >=X.Y")
    if floor.group(1) != PYTHONS[0]:
        raise RuntimeError(f"requires-python is >={floor.group(1)} but the kit starts at {PYTHONS[0]}: "
                           "update PYTHONS in scripts/make_kit.py")
    return {
        "version": proj["version"],
        "dependencies": list(proj["dependencies"]),
        "backend": list(data["build-system"]["requires"]),
        "python_floor": floor.group(1),
    }


def targets() -> list[tuple[str, str, list[str]]]:
    return [(f"{name}-py{py}", py, tags) for name, tags in PLATFORMS.items() for py in PYTHONS]


def target_args(py: str, tags: list[str]) -> list[str]:
    args = ["--only-binary=:all:", "--python-version", py, "--implementation", "cp"]
    for tag in tags:
        args += ["--platform", tag]
    return args


# -- wheel file names ---------------------------------------------------------------------

def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_pin(path: Path) -> tuple[str, str]:
    name, version = path.name.split("-")[:2]
    return normalize(name), version


def read_lock() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[normalize(name)] = version.strip()
    return pins


# -- the lock -----------------------------------------------------------------------------

def relock(proj: dict) -> None:
    """Resolve the newest allowed versions for every target and write them as pins."""
    with tempfile.TemporaryDirectory() as tmp:
        runtime, backend = Path(tmp, "runtime"), Path(tmp, "backend")
        for label, py, tags in targets():
            log(f"resolving {label}")
            pip_online("download", "-q", "-d", str(runtime), *target_args(py, tags), *proj["dependencies"])
        pip_online("download", "-q", "-d", str(backend), "--only-binary=:all:", *proj["backend"])
        sections = {}
        for title, folder in (("runtime", runtime), ("build backend (hatchling), for building offline", backend)):
            pins: dict[str, set[str]] = {}
            for wheel in folder.glob("*.whl"):
                name, version = wheel_pin(wheel)
                pins.setdefault(name, set()).add(version)
            split = {name: vs for name, vs in pins.items() if len(vs) > 1}
            if split:
                raise RuntimeError(f"targets need different versions of {split}: the lock would need markers")
            sections[title] = {name: vs.pop() for name, vs in pins.items()}
    runtime_pins = sections["runtime"]
    lines = ["# Pinned versions for the offline kit: pip constraints for scripts/make_kit.py.",
             "# Regenerate with `python scripts/make_kit.py --relock` (needs PyPI); commit the result.",
             ""]
    for title, pins in sections.items():
        lines.append(f"# {title}")
        for name in sorted(pins):
            if title != "runtime" and runtime_pins.get(name) == pins[name]:
                continue
            if title != "runtime" and name in runtime_pins:
                raise RuntimeError(f"{name}: the backend wants {pins[name]}, the runtime {runtime_pins[name]}")
            lines.append(f"{name}=={pins[name]}")
        lines.append("")
    LOCK.write_text("\n".join(lines), encoding="utf-8")
    log(f"wrote {LOCK.relative_to(ROOT)}")


# -- downloads, cached --------------------------------------------------------------------

def cache_key(proj: dict) -> str:
    blob = json.dumps({
        "lock": LOCK.read_text(encoding="utf-8"),
        "dependencies": proj["dependencies"],
        "backend": proj["backend"],
        "pythons": PYTHONS,
        "platforms": PLATFORMS,
        "host": sys.version_info[:2],
    }, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def fetch(proj: dict) -> Path:
    """The cache folder holding runtime/ and backend/ wheels for the current lock."""
    folder = CACHE / cache_key(proj)
    done = folder / "complete"
    if done.exists():
        log(f"wheels from the cache {folder.relative_to(ROOT)}")
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    runtime, backend = folder / "runtime", folder / "backend"
    constraint = ["-c", str(LOCK)]
    started = time.monotonic()
    for label, py, tags in targets():
        # One folder for all targets: pip reuses a file already there, so each wheel is
        # fetched once and the folder ends up holding the union, without duplicates.
        log(f"downloading for {label}")
        pip_online("download", "-q", "-d", str(runtime), *constraint, *target_args(py, tags), *proj["dependencies"])
    log("downloading the build backend")
    pip_online("download", "-q", "-d", str(backend), *constraint, "--only-binary=:all:", *proj["backend"])
    pins = read_lock()
    for wheel in [*runtime.glob("*"), *backend.glob("*")]:
        name, version = wheel_pin(wheel)
        if pins.get(name) != version:
            raise RuntimeError(f"{wheel.name} is not pinned in {LOCK.name}: the lock is stale, "
                               "run `python scripts/make_kit.py --relock`")
        if not wheel.name.endswith(".whl"):
            raise RuntimeError(f"{wheel.name}: not a wheel")
    # Old keys are of no further use: keep the cache to one set of wheels.
    for other in CACHE.iterdir():
        if other != folder and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)
    done.write_text(time.strftime("%Y-%m-%d %H:%M:%S\n"))
    log(f"downloaded in {time.monotonic() - started:.1f} s")
    return folder


def build_wheel(backend: Path, out: Path) -> Path:
    """The dutylog wheel, built with the cached hatchling: no network."""
    with tempfile.TemporaryDirectory() as tmp:
        done = pip("wheel", "-q", "--no-deps", "--no-index", "--find-links", str(backend), "-w", tmp, str(ROOT))
        if done.returncode != 0:
            raise RuntimeError(f"pip wheel failed:\n{_last_lines(done.stdout + done.stderr, 15)}")
        (wheel,) = Path(tmp).glob("dutylog-*.whl")
        return Path(shutil.copy2(wheel, out / wheel.name))


# -- the kit ------------------------------------------------------------------------------

def copy_script(name: str, dest: Path, values: dict[str, str]) -> None:
    text = (KIT_SRC / name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    left = re.search(r"@[A-Z_]+@", text)
    if left:
        raise RuntimeError(f"{name}: the placeholder {left.group(0)} has no value")
    data = text.replace("\r\n", "\n")
    if name.endswith(".bat"):
        # cmd.exe reads a batch file in the console's code page and finds labels reliably
        # only with CRLF line ends: keep it ASCII and CRLF.
        data.encode("ascii")
        raw = data.replace("\n", "\r\n").encode("ascii")
    elif name.endswith(".ps1"):
        # Windows PowerShell 5.1 reads a BOM-less script in the ANSI code page (GBK on a
        # Chinese Windows), which garbles its Chinese: UTF-8 with a BOM, CRLF.
        raw = b"\xef\xbb\xbf" + data.replace("\n", "\r\n").encode("utf-8")
    elif name.endswith(".txt"):
        # Notepad on Windows 7/8 reads BOM-less files as ANSI; with a BOM every Notepad
        # shows the Chinese.
        raw = b"\xef\xbb\xbf" + data.replace("\n", "\r\n").encode("utf-8")
    else:
        raw = data.encode("utf-8")
    path = dest / name
    path.write_bytes(raw)
    if name.endswith(".sh"):
        path.chmod(0o755)


def verify(wheels: Path, python_floor: str) -> None:
    """Every target resolves dutylog from the kit alone (pip --dry-run, no index)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull

    def one(target):
        label, py, tags = target
        with tempfile.TemporaryDirectory() as tmp:
            done = pip("install", "-q", "--dry-run", "--ignore-installed", "--no-index", "--find-links", str(wheels),
                       "--target", tmp, *target_args(py, tags), "dutylog", env=env)
        return label, done

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        for label, done in pool.map(one, targets()):
            if done.returncode != 0:
                raise RuntimeError(f"the kit does not install on {label}:\n{_last_lines(done.stdout + done.stderr, 10)}")
    log(f"checked: installs with no index on {len(targets())} targets "
        f"({', '.join(PLATFORMS)}; Python {PYTHONS[0]}–{PYTHONS[-1]})")


def write_zip(folder: Path) -> Path:
    archive = folder.parent / f"{folder.name}.zip"  # not with_suffix: the version has dots
    tmp = folder.parent / f"{folder.name}.zip.part"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", (2026, 1, 1, 0, 0, 0))
                info.external_attr = (0o755 if os.access(path, os.X_OK) else 0o644) << 16
                # Wheels are zips already: storing them costs little and unzips faster.
                info.compress_type = zipfile.ZIP_STORED if path.suffix == ".whl" else zipfile.ZIP_DEFLATED
                zf.writestr(info, path.read_bytes())
    tmp.replace(archive)
    return archive


def make_kit(out_dir: Path, make_zip: bool = True, check: bool = True) -> Path:
    proj = project()
    if not LOCK.exists():
        relock(proj)
    cached = fetch(proj)
    kit = out_dir / f"dutylog-kit-{proj['version']}"
    if kit.exists():
        shutil.rmtree(kit)
    wheels = kit / "wheels"
    wheels.mkdir(parents=True)
    for wheel in sorted((cached / "runtime").glob("*.whl")):
        shutil.copy2(wheel, wheels / wheel.name)
    own = build_wheel(cached / "backend", wheels)
    values = {"VERSION": proj["version"], "PY_MIN": proj["python_floor"], "PY_MAX": PYTHONS[-1],
              "PY_MIN_TUPLE": proj["python_floor"].replace(".", ", ")}
    for name in ("install.bat", "install.ps1", "install.sh", "README.txt"):
        copy_script(name, kit, values)
    sums = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(kit).as_posix()}"
            for p in sorted(kit.rglob("*")) if p.is_file()]
    (kit / "SHA256SUMS.txt").write_text("\n".join(sums) + "\n", encoding="utf-8")
    if check:
        verify(wheels, proj["python_floor"])
    size = sum(p.stat().st_size for p in kit.rglob("*") if p.is_file())
    log(f"kit: {kit} ({len(list(wheels.glob('*.whl')))} wheels, {size / 1e6:.1f} MB; {own.name})")
    if make_zip:
        archive = write_zip(kit)
        log(f"zip: {archive} ({archive.stat().st_size / 1e6:.1f} MB)")
    return kit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the kit folder and zip go (default dist/)")
    parser.add_argument("--relock", action="store_true", help="re-resolve scripts/kit/lock.txt from PyPI, then build")
    parser.add_argument("--no-zip", action="store_true", help="the folder only")
    parser.add_argument("--no-check", action="store_true", help="skip the per-target no-index install check")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        if args.relock:
            relock(project())
        kit = make_kit(args.out.resolve(), make_zip=not args.no_zip, check=not args.no_check)
    except NoNetwork as exc:
        log(f"needs the network to download wheels (none cached for this lock yet): {exc}")
        return EXIT_NO_NETWORK
    except RuntimeError as exc:
        log(str(exc))
        return 1
    log(f"done in {time.monotonic() - started:.1f} s")
    print(kit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
