#!/usr/bin/env bash
# Copy pinned front-end libraries from the npm registry into static/vendor/.
#
# Run by hand when a version changes; the copied files are committed, so setting
# up the portal needs neither npm nor a network. Each tarball is checked against
# the integrity hash the registry published for that version, so a re-run gives
# byte-identical files or fails.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENDOR="$ROOT/static/vendor"

# name version integrity (from `npm view NAME@VERSION dist.integrity`)
PACKAGES=(
  "leaflet 1.9.4 sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=="
  "leaflet.markercluster 1.5.3 sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA=="
  "supercluster 9.1.0 sha512-WMhsJPm8Tf9f5mKxJ1D0mB5tbCMOFi8wTrm/LGnsJHGg8xkeNT/TWDZuFauOGRISnclbYgnxD7g3xJAfQO3FLg=="
  "kdbush 4.1.0 sha512-e9vurzrXJQrFX6ckpHP3bvj5l+9CnYzkxDNnNQ1h2QTqdWsUAJgXiKdGNcOa1EY85dU8KbQ+z/FdQdB7P+9yfQ=="
)

# Only what the browser loads, plus the source maps those files name: Django's
# manifest storage follows sourceMappingURL and fails on a missing map.
files_for() {
  case "$1" in
    leaflet) echo "LICENSE dist/leaflet.js dist/leaflet.js.map dist/leaflet.css dist/images" ;;
    leaflet.markercluster) echo "MIT-LICENCE.txt dist/leaflet.markercluster.js dist/leaflet.markercluster.js.map dist/MarkerCluster.css dist/MarkerCluster.Default.css" ;;
    # The public map's clusterer (issue 17 item 4): its dist build is one classic script with kdbush inside.
    supercluster) echo "LICENSE dist/supercluster.js" ;;
    # Only its licence: its code comes inside supercluster's dist/supercluster.js.
    kdbush) echo "LICENSE" ;;
    *) echo "unknown package $1" >&2; return 1 ;;
  esac
}

command -v npm >/dev/null || { echo "vendor.sh needs npm (apt-get install npm)" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

for entry in "${PACKAGES[@]}"; do
  read -r name version integrity <<<"$entry"
  tarball="$(cd "$WORK" && npm pack --silent "$name@$version")"
  actual="sha512-$(openssl dgst -sha512 -binary "$WORK/$tarball" | base64 -w0)"
  if [[ "$actual" != "$integrity" ]]; then
    echo "$name@$version: integrity mismatch ($actual)" >&2
    exit 1
  fi
  mkdir -p "$WORK/$name"
  tar -xzf "$WORK/$tarball" -C "$WORK/$name"
  dest="$VENDOR/$name-$version"
  rm -rf "$dest"
  mkdir -p "$dest"
  for path in $(files_for "$name"); do
    cp -R "$WORK/$name/package/$path" "$dest/"
  done
  # Some tarballs mark plain files executable; static files never are.
  find "$dest" -type f -exec chmod 644 {} +
  echo "vendored $name@$version into ${dest#"$ROOT"/}"
done
