# Shared set-up for ./scripts/run and ./scripts/test. Sourced, not run.
# Every step checks before it acts, so a second run on a set-up machine is quick.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# System packages: PostgreSQL + PostGIS, GDAL, gettext. Never GDAL from pip.
ensure_system_packages() {
  local wanted=(postgresql-postgis gdal-bin gettext python3-venv binutils libproj-dev "$@")
  local missing=()
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "Installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# ensure_venv installs the runtime packages (requirements.txt); `ensure_venv dev` adds the test
# tools (requirements-dev.txt) on top. Each set is re-installed only when its files' hash changes.
ensure_venv() {
  local files=(requirements.txt) stamp="$VENV/.requirements.sha1"
  if [ "${1:-}" = dev ]; then
    # requirements-dev.txt includes requirements.txt, so a change to either re-installs.
    files=(requirements.txt requirements-dev.txt)
    stamp="$VENV/.requirements-dev.sha1"
  fi
  local want
  want="$(cat "${files[@]}" | sha1sum | cut -d' ' -f1)"
  if [ ! -x "$VENV/bin/python" ]; then
    say "Creating .venv"
    python3 -m venv "$VENV"
  fi
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "Installing Python packages from ${files[-1]}"
    # This machine's pip config names local mirrors that may be absent; that noise hides real errors.
    "$VENV/bin/pip" install -q --upgrade pip 2> >(grep -v "is ignored: it is neither" >&2)
    "$VENV/bin/pip" install -q -r "${files[-1]}" 2> >(grep -v "is ignored: it is neither" >&2)
    echo "$want" > "$stamp"
  fi
}

# Compiled catalogs are built here, not committed.
ensure_messages() {
  [ -d locale ] || return 0
  local newest_po
  newest_po="$(find locale -name '*.po' -newer locale/.compiled 2>/dev/null | head -1 || true)"
  if [ ! -f locale/.compiled ] || [ -n "$newest_po" ]; then
    "$VENV/bin/python" manage.py compilemessages -v 0
    touch locale/.compiled
  fi
}

start_database() {
  # $1: run (durable) or test (fsync off). DATABASE_URL means someone else's database.
  if [ -n "${DATABASE_URL:-}" ]; then
    say "Using DATABASE_URL; no private cluster is started"
    return
  fi
  python3 -m clusters_portal.localdb start "$1"
}

# collectstatic compresses every file (seconds on a small machine); skip it when
# no source of static files changed since the last run.
ensure_static() {
  local manifest=staticfiles/staticfiles.json
  if [ -f "$manifest" ] && [ -z "$(find static clusters/static "$VENV/.requirements.sha1" clusters_portal/storage.py \
        -newer "$manifest" -print -quit 2>/dev/null)" ]; then
    return
  fi
  say "Collecting static files"
  "$VENV/bin/python" manage.py collectstatic --noinput -v 0
}
