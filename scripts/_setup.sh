# Shared set-up for scripts/demo and scripts/test (sourced, not run): system packages, the virtual
# environment, the Python packages and the front-end packages. Each step is skipped when already done, and
# one virtual environment serves both commands: the demo's packages are a subset of the tests'.
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

# The Debian packages each command needs on a minimal Debian 12:
# - PDFs (WeasyPrint): Pango with its FreeType backend, HarfBuzz's subsetter (fonts embedded as subsets;
#   without it WeasyPrint warns on every PDF and falls back to a deprecated path), fontconfig;
# - uploads: libmagic (content-type sniffing); the front-end packages: npm; HTTPS downloads: ca-certificates;
# - browser tests: Debian's Chromium, and libatomic for the Node.js driver that Playwright ships.
APP_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig libmagic1 ca-certificates)
TEST_PACKAGES=(chromium libatomic1)

# $1: the pip extra to install ("" for the app alone, "test" for the test tools too). The stamp in
# .venv/.installed names the pyproject.toml it was installed from and the extras it holds; a command
# reinstalls only when pyproject.toml changed or it needs an extra that is not there yet.
setup() {
    local extra="${1:-}" packages=("${APP_PACKAGES[@]}")
    find_python
    "$PYTHON" -c 'import ensurepip' 2>/dev/null || packages+=(python3-venv)
    command -v npm >/dev/null 2>&1 || packages+=(npm)
    [ "$extra" = test ] && packages+=("${TEST_PACKAGES[@]}")
    ensure_system_packages "${packages[@]}"

    if [ ! -x "$VENV/bin/python" ]; then
        echo "==> Creating the virtual environment in .venv"
        "$PYTHON" -m venv "$VENV"
    fi
    local hash installed_hash installed_extras="" target="."
    hash="$(sha256sum <pyproject.toml | cut -d' ' -f1)"
    # (The stamp is missing in a new venv; stderr is silenced before the redirection that fails.)
    { read -r installed_hash installed_extras <"$VENV/.installed"; } 2>/dev/null || installed_hash=""
    if [ "$installed_hash" != "$hash" ]; then
        installed_extras=""
    fi
    if [ "$installed_hash" != "$hash" ] || { [ -n "$extra" ] && [[ ",$installed_extras," != *",$extra,"* ]]; }; then
        # Keep the extras already installed (the demo after the tests keeps the test tools).
        local extras
        extras="$(printf '%s\n' ${installed_extras//,/ } $extra | sort -u | paste -sd, -)"
        [ -n "$extras" ] && target=".[$extras]"
        echo "==> Installing Python packages ($target)"
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
        "$VENV/bin/python" -m pip install --quiet -e "$target"
        echo "$hash $extras" >"$VENV/.installed"
    fi
    local stamp
    stamp="$(sha256sum <package-lock.json)"
    if [ ! -d node_modules ] || [ "$(cat "$VENV/.assets" 2>/dev/null)" != "$stamp" ]; then
        echo "==> Installing front-end packages (Bootstrap, icons, the PDF font) from the npm registry"
        npm ci --no-audit --no-fund --loglevel=error
        echo "$stamp" >"$VENV/.assets"
    fi
}
