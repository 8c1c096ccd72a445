"""Build the offline install kit (`make kit`, issue 10 part 1).

    python scripts/make_kit.py              # dist/dutylog-kit-<version>/ and its .zip
    python scripts/make_kit.py --relock     # re-resolve scripts/kit/lock.txt (needs PyPI)

The kit is a folder (and a zip of it) that installs dutylog on a laptop with no network:

    wheels/        the dutylog wheel and every runtime dependency wheel for Windows x64,
                   macOS (x86_64, arm64) and Linux (manylinux x86_64), for every Python
                   version in PYTHONS: pure-Python wheels once, binary ones (cryptography,
                   cffi) once per platform tag (and per Python version where they are not
                   abi3); each file once, and every file used by at least one target
    install.bat    Windows, double-click: runs install.ps1, or does the same in plain cmd
    install.ps1    Windows PowerShell: venv (or pipx), pip --no-index, `dutylog` on PATH
    install.sh     macOS and Linux: the same
    README.txt     what to do, in Chinese and English
    SHA256SUMS.txt to check a copy carried on a USB stick

Only the standard library and pip are used. Versions come from scripts/kit/lock.txt (pins,
used as pip constraints), so two builds from one commit carry the same wheels. One version
of each package serves every target: --relock takes, for a package whose newest version
lacks a wheel for some target, the newest version every target has (and says so in the
lock). The downloaded wheels are cached under build/kit-cache/<key>/, the key being a hash
of the lock, the dependencies in pyproject.toml and the targets: a second build needs no
network at all
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
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
KIT_SRC = ROOT / "scripts" / "kit"
LOCK = KIT_SRC / "lock.txt"
CACHE = ROOT / "build" / "kit-cache"
# Pure-Python dependencies PyPI publishes as source only: built into a (py3-none-any) wheel
# once, from the pinned source, and offered to every target's download through --find-links.
SOURCE_ONLY = ("lunar-python",)
SOURCE_WHEELS = ROOT / "build" / "kit-source-wheels"

# Every Python version the kit serves: the floor of requires-python up to the newest
# release. A laptop with any of these (and any platform below) installs from the kit.
PYTHONS = ["3.11", "3.12", "3.13", "3.14"]


def manylinux(glibc_minor: int, arch: str) -> list[str]:
    """Every manylinux tag a glibc 2.<glibc_minor> system accepts, newest first (PEP 600).

    pip widens a macOS --platform tag to the older versions and universal2 by itself, but not
    a manylinux_2_X one (pip 23.2, the one here, takes it literally): given only manylinux_2_28, it finds no
    cffi wheel at all (cffi ships manylinux_2_17 = manylinux2014) and cryptography cannot
    resolve. pip puts the first tag first, so a wheel built for the newer glibc wins.
    """
    tags = [f"manylinux_2_{minor}_{arch}" for minor in range(glibc_minor, 4, -1)]
    legacy = {17: "manylinux2014", 12: "manylinux2010", 5: "manylinux1"}
    for minor, name in legacy.items():
        if minor <= glibc_minor:
            tags.insert(tags.index(f"manylinux_2_{minor}_{arch}") + 1, f"{name}_{arch}")
    return tags


# pip's --platform tags, best first. A macOS tag also accepts older macOS versions and
# universal2 (pip widens it); manylinux tags are spelled out (see manylinux()).
# macOS x86_64 starts at 10.13, the floor of the python.org installers for 3.12–3.14;
# Linux at glibc 2.28 (RHEL 8, Debian 10, Ubuntu 20.04 and newer).
PLATFORMS = {
    "windows-x64": ["win_amd64"],
    "macos-x86_64": ["macosx_10_13_x86_64"],
    "macos-arm64": ["macosx_11_0_arm64"],
    "linux-x86_64": manylinux(28, "x86_64"),
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


def source_wheels() -> list[str]:
    """`--find-links` to the wheels built from SOURCE_ONLY (built on first need)."""
    pins = read_lock() if LOCK.exists() else {}
    specs = [f"{name}=={pins[name]}" if name in pins else name for name in SOURCE_ONLY]
    have = {wheel_pin(w) for w in SOURCE_WHEELS.glob("*.whl")}
    wanted = [spec for spec in specs if "==" not in spec or tuple(spec.split("==")) not in
              {(normalize(n), v) for n, v in have}]
    if wanted:
        SOURCE_WHEELS.mkdir(parents=True, exist_ok=True)
        log(f"building wheels from source: {', '.join(wanted)}")
        pip_online("wheel", "-q", "--no-deps", "-w", str(SOURCE_WHEELS), *wanted)
    return ["--find-links", str(SOURCE_WHEELS)]


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

def resolve(py: str | None, tags: list[str] | None, requirements: list[str],
            constraints: Path | None = None, find_links: Path | None = None,
            env: dict | None = None) -> list[dict]:
    """What pip would install for one target (or this host, py=None): a dry run with a
    report, which reads the wheels' metadata only (no wheel is downloaded from PyPI).
    With find_links, from that folder alone (--no-index). One dict per wheel: name,
    version, file, url."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp, "report.json")
        args = ["install", "-q", "--dry-run", "--ignore-installed", "--target", str(Path(tmp, "t")),
                "--report", str(report)]
        args += target_args(py, tags) if py else ["--only-binary=:all:"]
        if constraints:
            args += ["-c", str(constraints)]
        if find_links:
            done = pip(*args, "--no-index", "--find-links", str(find_links), *requirements, env=env)
            if done.returncode != 0:
                raise RuntimeError(_last_lines(done.stdout + done.stderr, 10))
        else:
            pip_online(*args, *source_wheels(), *requirements)
        items = json.loads(report.read_text(encoding="utf-8"))["install"]
    return [{"name": normalize(item["metadata"]["name"]), "version": item["metadata"]["version"],
             "url": item["download_info"]["url"],
             "file": unquote(item["download_info"]["url"].split("#")[0].rsplit("/", 1)[-1])} for item in items]


def in_parallel(fn, items, workers: int = 4) -> list:
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fn, items))


def relock(proj: dict) -> None:
    """Resolve, for the runtime, the newest versions that every target can install, and for
    the build backend the newest for this host, and write them as pins.

    Each target is resolved on its own first. Where targets disagree (cryptography stopped
    shipping macOS x86_64 wheels after 48.0.1; cffi 2.1 needs macOS 10.15 on Intel), the
    package is held at the oldest of the versions the targets chose, i.e. the newest one
    every target has, and all targets are resolved again with that cap, until they agree.
    """
    from pip._vendor.packaging.version import Version  # pip is there: the kit is built with it

    held: dict[str, tuple[str, str]] = {}  # name -> (version, why)
    with tempfile.TemporaryDirectory() as tmp:
        caps = Path(tmp, "caps.txt")
        for _round in range(4):
            caps.write_text("".join(f"{name}=={v}\n" for name, (v, _) in held.items()), encoding="utf-8")
            log(f"resolving {len(targets())} targets" + (f" with {', '.join(sorted(held))} held back" if held else ""))
            try:
                chosen = in_parallel(lambda t: (t[0], resolve(t[1], t[2], proj["dependencies"], caps)), targets())
            except RuntimeError as exc:
                raise RuntimeError(f"holding back {sorted(held)} made a target unresolvable:\n{exc}") from None
            versions: dict[str, dict[str, list[str]]] = {}
            for label, wheels in chosen:
                for wheel in wheels:
                    versions.setdefault(wheel["name"], {}).setdefault(wheel["version"], []).append(label)
            split = {name: vs for name, vs in versions.items() if len(vs) > 1}
            if not split:
                break
            for name, vs in split.items():
                ordered = sorted(vs, key=Version)
                newest, oldest = ordered[-1], ordered[0]
                lacking = sorted({label.rsplit("-py", 1)[0] for label in vs[oldest]})
                held[name] = (oldest, f"the newest every target has; {newest} lacks {', '.join(lacking)}")
        else:
            raise RuntimeError(f"the targets do not agree on versions of {sorted(split)}: the lock would need markers")
        runtime = {name: next(iter(vs)) for name, vs in versions.items()}
        backend = {w["name"]: w["version"] for w in resolve(None, None, proj["backend"])}
    lines = ["# Pinned versions for the offline kit: pip constraints for scripts/make_kit.py.",
             "# Regenerate with `python scripts/make_kit.py --relock` (needs PyPI); commit the result.",
             "", "# runtime (one version for every target)"]
    for name in sorted(runtime):
        why = f"  # held back: {held[name][1]}" if name in held and held[name][0] == runtime[name] else ""
        lines.append(f"{name}=={runtime[name]}{why}")
    lines += ["", "# build backend (hatchling), for building offline"]
    for name in sorted(backend):
        if runtime.get(name) == backend[name]:
            continue
        if name in runtime:
            raise RuntimeError(f"{name}: the backend wants {backend[name]}, the runtime {runtime[name]}")
        lines.append(f"{name}=={backend[name]}")
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
    runtime.mkdir(parents=True)
    constraint = ["-c", str(LOCK)]
    started = time.monotonic()

    def one(target, seed: Path | None = None):
        # A folder per target, so targets download four at a time. Each starts with the
        # files the first target fetched (pip takes a file already in the folder instead of
        # downloading it), so a pure-Python wheel crosses the network once. The union goes
        # into runtime/, each file once.
        label, py, tags = target
        into = folder / "targets" / label
        into.mkdir(parents=True)
        for wheel in seed.iterdir() if seed else ():
            os.link(wheel, into / wheel.name)
        pip_online("download", "-q", "-d", str(into), *constraint, *target_args(py, tags), *links,
                   *proj["dependencies"])
        return into

    links = source_wheels()
    log(f"downloading for {len(targets())} targets")
    first, *rest = targets()
    seed = one(first)
    for into in [seed, *in_parallel(lambda t: one(t, seed), rest)]:
        for wheel in into.iterdir():
            there = runtime / wheel.name
            if not there.exists():
                wheel.replace(there)
            elif there.read_bytes() != wheel.read_bytes():
                raise RuntimeError(f"{wheel.name}: two different files under one name")
    shutil.rmtree(folder / "targets")
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


def verify(wheels: Path) -> dict[str, list[str]]:
    """Every target resolves dutylog from the kit alone (pip --dry-run, no index, no pip
    configuration), and every wheel in the kit is one that some target installs. Returns
    the wheel files each target would install."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull

    def one(target):
        label, py, tags = target
        try:
            return label, [w["file"] for w in resolve(py, tags, ["dutylog"], find_links=wheels, env=env)]
        except RuntimeError as exc:
            raise RuntimeError(f"the kit does not install on {label}:\n{exc}") from None

    chosen = dict(in_parallel(one, targets()))
    unused = {w.name for w in wheels.glob("*.whl")} - {f for files in chosen.values() for f in files}
    if unused:
        raise RuntimeError(f"no target installs {sorted(unused)}: dead weight in the kit")
    log(f"checked: installs with no index on {len(targets())} targets "
        f"({', '.join(PLATFORMS)}; Python {PYTHONS[0]}–{PYTHONS[-1]}), every wheel used")
    return chosen


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
        verify(wheels)
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
