#!/bin/sh
# dutylog @VERSION@ 离线安装（macOS、Linux）— offline installer for macOS and Linux.
#
#   sh install.sh
#
# What it does, and nothing else:
#   1. finds Python >= @PY_MIN@ ($PYTHON if set, else python3.14 … python3.11, python3);
#   2. with pipx on PATH: `pipx install` of the kit's dutylog wheel, pip told to use only
#      ./wheels (PIP_NO_INDEX, PIP_FIND_LINKS); if that fails, or DUTYLOG_NO_PIPX=1, step 3;
#   3. otherwise creates (or reuses) a virtual environment at $DUTYLOG_VENV (default
#      ~/.local/share/dutylog-venv), runs `pip install --no-index --find-links ./wheels dutylog`
#      there and links ~/.local/bin/dutylog ($DUTYLOG_BIN) to it;
#   4. says whether that folder is on your PATH and, if not, the one line to add. It does not
#      edit your shell files. It never uses the network. Your data folder is not touched.
set -eu

KIT=$(cd "$(dirname "$0")" && pwd)
WHEELS="$KIT/wheels"
VENV="${DUTYLOG_VENV:-$HOME/.local/share/dutylog-venv}"
BIN_DIR="${DUTYLOG_BIN:-$HOME/.local/bin}"
VERSION="@VERSION@"

say() { printf '%s\n' "$*"; }
fail() { printf '安装失败 (install failed): %s\n' "$*" >&2; exit 1; }

[ -f "$WHEELS/dutylog-$VERSION-py3-none-any.whl" ] || fail "找不到 $WHEELS/dutylog-$VERSION-py3-none-any.whl (the kit is incomplete: copy the whole folder)"

fits() {
    "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (@PY_MIN_TUPLE@) else 1)' >/dev/null 2>&1
}

PY=""
if [ -n "${PYTHON:-}" ]; then
    fits "$PYTHON" || fail "PYTHON=$PYTHON is not Python >= @PY_MIN@"
    PY="$PYTHON"
else
    for cand in python3.14 python3.13 python3.12 python3.11 python3 python; do
        if command -v "$cand" >/dev/null 2>&1 && fits "$cand"; then PY="$cand"; break; fi
    done
fi
[ -n "$PY" ] || fail "需要 Python @PY_MIN@ 或更新版本 (Python >= @PY_MIN@ not found; set PYTHON=/path/to/python3)"
say "使用 (using) $("$PY" -c 'import sys; print(sys.executable, sys.version.split()[0])')"

if [ -z "${DUTYLOG_NO_PIPX:-}" ] && command -v pipx >/dev/null 2>&1; then
    say "发现 pipx，用 pipx 安装 (installing with pipx) …"
    if PIP_NO_INDEX=1 PIP_FIND_LINKS="$WHEELS" pipx install --force --python "$PY" \
        "$WHEELS/dutylog-$VERSION-py3-none-any.whl"; then
        say "安装完成 (installed). 如提示 PATH，请运行 (if pipx warned about PATH, run): pipx ensurepath"
        exit 0
    fi
    say "pipx 安装未成功，改用独立虚拟环境 (pipx failed; using a venv instead)"
fi

if [ ! -x "$VENV/bin/python" ]; then
    say "创建虚拟环境 (creating a venv) $VENV"
    "$PY" -m venv "$VENV" || fail "python -m venv failed (on Debian/Ubuntu the package python3-venv is needed)"
fi
say "从安装包安装，不联网 (installing from the kit, no network) …"
"$VENV/bin/python" -m pip install --disable-pip-version-check -q --no-index --find-links "$WHEELS" \
    --upgrade "dutylog==$VERSION" || fail "pip install failed"

mkdir -p "$BIN_DIR"
ln -sf "$VENV/bin/dutylog" "$BIN_DIR/dutylog"
"$BIN_DIR/dutylog" --version >/dev/null || fail "$BIN_DIR/dutylog --version failed"
say "安装完成 (installed): $("$BIN_DIR/dutylog" --version) → $BIN_DIR/dutylog"

case ":$PATH:" in
    *":$BIN_DIR:"*) say "现在可以运行 (now run): dutylog" ;;
    *)
        say "$BIN_DIR 不在 PATH 中。请把下面一行加入 ~/.profile（macOS 为 ~/.zshrc），然后重开终端："
        say "($BIN_DIR is not on your PATH; add this line to ~/.profile, or ~/.zshrc on macOS, and open a new terminal:)"
        say "    export PATH=\"$BIN_DIR:\$PATH\""
        say "在此之前可运行 (meanwhile run): $BIN_DIR/dutylog" ;;
esac
