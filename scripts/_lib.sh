# shellcheck shell=bash
# Shared by scripts/run and scripts/test (sourced, not run): Debian packages, the .venv, output.
# Why one file: both scripts must agree on the Python, the venv and the install stamp.

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.timeman-install"
MIN_PYTHON="3.11"

# What PySide6's xcb platform plugin and Qt's libraries load from the system (from `ldd` on
# libqxcb.so, libQt6Gui/Widgets/DBus/XcbQpa; the gtk3 theme plugin is optional and left out).
QT_PACKAGES=(
    libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
    libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1
    libxcb-xfixes0 libxcb-xkb1 libx11-xcb1 libxkbcommon0 libxkbcommon-x11-0
    libegl1 libgl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3
    libxss1  # idle time on X11 (tray_app/ui/away/idle/x11.py, MIT-SCREEN-SAVER)
)
# python3-venv: Debian's python3 has no ensurepip (so no `python3 -m venv`) without it.
PYTHON_PACKAGES=(python3 python3-venv)

if [[ -t 1 ]]; then BOLD=$'\e[1m' RED=$'\e[31m' RESET=$'\e[0m'; else BOLD="" RED="" RESET=""; fi

say() { printf '%s==> %s%s\n' "$BOLD" "$*" "$RESET"; }
fail() { printf '%serror:%s %s\n' "$RED" "$RESET" "$*" >&2; }

# ensure_packages PKG... : install missing Debian packages as root, else print the line and exit 2.
ensure_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        say "not a Debian system: make sure the equivalents of these are installed: $*"
        return 0
    fi
    local package status missing=()
    for package in "$@"; do
        status="$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null || true)"
        [[ "$status" == ii* ]] || missing+=("$package")
    done
    ((${#missing[@]} == 0)) && return 0
    if [[ $(id -u) -ne 0 ]]; then
        fail "missing Debian packages: ${missing[*]}"
        printf 'Install them with:\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends %s\n' \
            "${missing[*]}" >&2
        exit 2
    fi
    say "installing Debian packages: ${missing[*]}"
    local log
    log="$(mktemp)"
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } \
        >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        rm -f "$log"
        fail "apt-get failed (last lines above)"
        exit 1
    fi
    rm -f "$log"
}

# python_ok PYTHON : true if it is MIN_PYTHON or newer and can create a venv.
python_ok() {
    "$1" -c "import sys, venv, ensurepip; sys.exit(sys.version_info < (${MIN_PYTHON/./, }))" \
        >/dev/null 2>&1
}

find_python() {
    local candidate
    for candidate in ${PYTHON:-} python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 && python_ok "$candidate"; then
            command -v "$candidate"
            return 0
        fi
    done
    fail "no Python $MIN_PYTHON+ with venv support found (set PYTHON=/path/to/python3.11)"
    exit 2
}

# ensure_venv [EXTRAS] : .venv with `pip install -e .[EXTRAS]` (EXTRAS: "test,package" for
# scripts/test), redone only when pyproject.toml changed (or a bigger extra is wanted).
# The stamp is "<sha256 of pyproject.toml> <extras>".
ensure_venv() {
    local extra="${1:-}" wanted have=""
    wanted="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
    if [[ -x "$VENV/bin/python" ]] && ! python_ok "$VENV/bin/python"; then
        say "recreating .venv (its Python is missing or too old)"
        rm -rf "$VENV"
    fi
    if [[ ! -x "$VENV/bin/python" ]]; then
        local python
        python="$(find_python)"
        say "creating .venv with $("$python" --version 2>&1)"
        "$python" -m venv "$VENV"
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
    fi
    [[ -f "$STAMP" ]] && have="$(cat "$STAMP")"
    # Any install with extras (test, package) also serves a plain run; a plain install does not
    # serve the tests.
    if [[ "$have" == "$wanted $extra" || ("$extra" == "" && "$have" == "$wanted "?*) ]]; then
        return 0
    fi
    local target="."
    [[ -n "$extra" ]] && target=".[$extra]"
    say "installing timeman-tray${extra:+ with [$extra]} into .venv (pip install -e '$target')"
    local log
    log="$(mktemp)"
    # pip's and setuptools' chatter goes to a log shown only on failure.
    if ! (cd "$ROOT" && "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
        -e "$target") >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        rm -f "$log"
        fail "pip install failed (last lines above)"
        exit 1
    fi
    rm -f "$log"
    printf '%s %s\n' "$wanted" "$extra" >"$STAMP"
}
