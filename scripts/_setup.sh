# Shared set-up for scripts/demo and scripts/test (sourced, not run): system packages, the virtual
# environment, the Python packages and the front-end packages. Each step is skipped when already done.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"

find_python() {
    for candidate in "${PYTHON:-}" python3.11 python3; do
        if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
            PYTHON="$candidate"
            return
        fi
    done
    echo "Python 3.11 is required (set PYTHON=/path/to/python3.11)." >&2
    exit 1
}

# Installs the given Debian packages when any is missing: with apt-get when root, otherwise it prints the
# exact command to run and stops.
ensure_system_packages() {
    command -v dpkg-query >/dev/null 2>&1 || {
        echo "Not a Debian system: make sure the equivalents of these packages are installed: $*" >&2
        return 0
    }
    local missing=() package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -eq 0 ]; then
        echo "==> Installing system packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y --no-install-recommends "${missing[@]}"
    else
        echo "These system packages are missing: ${missing[*]}" >&2
        echo "Install them as root, then run this command again:" >&2
        echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
        exit 1
    fi
}

# $1: the pip extra to install ("" for the app alone, "test" for the test tools too).
setup() {
    local extra="${1:-}" packages=(libpango-1.0-0 libpangoft2-1.0-0 fontconfig libmagic1)
    find_python
    "$PYTHON" -c 'import ensurepip' 2>/dev/null || packages+=(python3-venv)
    command -v npm >/dev/null 2>&1 || packages+=(npm)
    [ "$extra" = test ] && packages+=(chromium)
    ensure_system_packages "${packages[@]}"

    if [ ! -x "$VENV/bin/python" ]; then
        echo "==> Creating the virtual environment in .venv"
        "$PYTHON" -m venv "$VENV"
    fi
    local target="." stamp
    [ -n "$extra" ] && target=".[$extra]"
    stamp="$target $(cat pyproject.toml | sha256sum)"
    if [ "$(cat "$VENV/.installed" 2>/dev/null)" != "$stamp" ]; then
        echo "==> Installing Python packages"
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
        "$VENV/bin/python" -m pip install --quiet -e "$target"
        echo "$stamp" >"$VENV/.installed"
    fi
    stamp="$(sha256sum <package-lock.json)"
    if [ ! -d node_modules ] || [ "$(cat "$VENV/.assets" 2>/dev/null)" != "$stamp" ]; then
        echo "==> Installing front-end packages (Bootstrap) from the npm registry"
        npm ci --no-audit --no-fund --loglevel=error
        echo "$stamp" >"$VENV/.assets"
    fi
}
