#!/usr/bin/env bash
# CI: the offline packages (npm run bundle) work on a server that reaches nothing (issue 23).
#   1. build dist/nianbao-<version>-linux-x64.tar.gz and -linux-arm64.tar.gz (reusing the
#      production build `npm test` just made, when there is one);
#   2. x64, no network: unpack into an empty folder; in a network namespace with only loopback
#      and the source tree hidden (a mount namespace), as an unprivileged user, start it on an
#      empty data folder; sign in as the demo filer,
#      create a report, save, PDF, DOCX, import a PDF (.ci/smoke-client.mjs); stop; backup.
#      Any attempt to reach the network fails the test: in the namespace it cannot succeed, and
#      .ci/net-guard.cjs names every attempt (connect, lookup, UDP) in the server's log, which
#      must hold no such line and none of ENETUNREACH, EAI_AGAIN, ENOTFOUND, EHOSTUNREACH;
#   3. arm64: every ELF file in the package is aarch64; the package starts under qemu-user far
#      enough to answer /healthz and render one PDF;
#   4. systemd-analyze verify of the package's units;
#   5. upgrade: the data folder a previous release made (test/fixtures/upgrade) is started on
#      by this package: migrated, with a backup before the migration, and nothing lost.
# Prints the time of each stage. Needs root (unshare, useradd); installs what it lacks.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DEBIAN_FRONTEND=noninteractive
stage_start=$(date +%s)
stage() {
  local now
  now=$(date +%s)
  echo "offline-package: $1 ($((now - stage_start)) s since start)"
}

need=()
command -v file >/dev/null 2>&1 || need+=(file)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v qemu-aarch64-static >/dev/null 2>&1 || need+=(qemu-user-static)
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need[*]}"
  apt-get install -y -q --no-install-recommends "${need[@]}"
fi

# 1. The packages.
version=$(node -p "require('./package.json').version")
build_flag=()
[ -f .next/BUILD_ID ] && build_flag=(--no-build)
# NIANBAO_BUNDLE_REUSE=1: use the packages already in dist/ (while working on this script).
[ -n "${NIANBAO_BUNDLE_REUSE:-}" ] || node scripts/bundle.mjs "${build_flag[@]}"
x64="$root/dist/nianbao-$version-linux-x64.tar.gz"
arm64="$root/dist/nianbao-$version-linux-arm64.tar.gz"
for f in "$x64" "$arm64"; do
  size=$(stat -c %s "$f")
  echo "offline-package: $(basename "$f") $((size / 1024 / 1024)) MB"
  if [ "$size" -gt $((200 * 1024 * 1024)) ]; then
    echo "offline-package: $(basename "$f") is over 200 MB" >&2
    exit 1
  fi
done
stage "packages built"

work=$(mktemp -d /tmp/nianbao-offline.XXXXXX)
chmod 755 "$work"
user=nianbao-smoke
id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
cleanup() {
  local status=$?
  if [ "$status" -ne 0 ] && [ -f "$work/server.log" ]; then
    echo "offline-package: failed ($status); the server's log:" >&2
    tail -n 40 "$work/server.log" >&2
  fi
  [ -f "$work/server.pid" ] && kill "$(cat "$work/server.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cp .ci/net-guard.cjs .ci/smoke-client.mjs "$work/"
network_errors='NIANBAO-NETWORK-ATTEMPT|ENETUNREACH|EAI_AGAIN|ENOTFOUND|EHOSTUNREACH'

# The detector detects: a request to the registry from inside such a namespace is named.
unshare -n sh -c "ip link set lo up; NODE_OPTIONS=--require=$work/net-guard.cjs node -e \"fetch('https://registry.npmjs.org/').catch(() => {})\"" 2> "$work/control.log" || true
if ! grep -qE "$network_errors" "$work/control.log"; then
  echo "offline-package: the network guard did not see a request to the registry" >&2
  exit 1
fi

# 2. x64 with no network. The package is unpacked as root (read-only to the service's user, as
# under /opt); the data folder is the user's and starts empty.
mkdir "$work/x64" "$work/x64/data"
chown "$user:" "$work/x64/data"
t0=$(date +%s%N)
tar -xzf "$x64" -C "$work/x64"
t_unpacked=$(date +%s%N)
pkg="$work/x64/nianbao-$version"
port=3690
cat > "$work/offline.sh" <<'NS'
set -euo pipefail
pkg=$1 work=$2 user=$3 port=$4 t0=$5 root=$6
ip link set lo up
# The build machine's tree is not on the server: hide it, so nothing can load from it.
mount -t tmpfs -o ro tmpfs "$root"
as_user() { setpriv --reuid="$user" --regid="$user" --clear-groups env HOME="$work/x64/data" NIANBAO_DATA_DIR="$work/x64/data" NODE_OPTIONS="--require=$work/net-guard.cjs" "$@"; }
# Not through as_user: a function in the background is a subshell, and $! must be the server.
PORT=$port setpriv --reuid="$user" --regid="$user" --clear-groups env HOME="$work/x64/data" NIANBAO_DATA_DIR="$work/x64/data" \
  NODE_OPTIONS="--require=$work/net-guard.cjs" "$pkg/bin/nianbao" start < /dev/null > "$work/server.log" 2>&1 &
echo $! > "$work/server.pid"
for _ in $(seq 1 240); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break
  sleep 0.1
done
t1=$(date +%s%N)
echo "offline-package: from tar xzf to /healthz answering: $(( (t1 - t0) / 1000000 )) ms"
node "$work/smoke-client.mjs" "http://127.0.0.1:$port" "$work/x64/out"
kill "$(cat "$work/server.pid")"
wait "$(cat "$work/server.pid")" || true
rm -f "$work/server.pid"
as_user "$pkg/bin/nianbao" backup --keep 2 >> "$work/server.log" 2>&1
ls "$work/x64/data/backups/"*.ndjson.gz > /dev/null
echo "offline-package: the steps in the namespace passed"
NS
unshare -n -m bash "$work/offline.sh" "$pkg" "$work" "$user" "$port" "$t0" "$root"
echo "offline-package: unpacking took $(( (t_unpacked - t0) / 1000000 )) ms"
if grep -E "$network_errors" "$work/server.log"; then
  echo "offline-package: the package tried to reach the network (above)" >&2
  exit 1
fi
if [ -n "$(find "$pkg" -newer "$x64" -type f | head -1)" ]; then
  echo "offline-package: the package wrote into its own folder:" >&2
  find "$pkg" -newer "$x64" -type f | head >&2
  exit 1
fi
tail -n 3 "$work/server.log"
stage "x64 smoke test with no network passed"

# 4. The systemd units, as installed (/opt/nianbao/current → the package): systemd-analyze
# verify says nothing, and the unit restarts, runs as its own user, and is hardened.
mkdir "$work/units"
for f in "$pkg"/systemd/*; do
  sed "s#/opt/nianbao/current#$pkg#g" "$f" > "$work/units/$(basename "$f")"
done
systemd-analyze verify "$work"/units/* > "$work/verify.log" 2>&1 || { cat "$work/verify.log" >&2; exit 1; }
if [ -s "$work/verify.log" ]; then
  echo "offline-package: systemd-analyze verify found problems:" >&2
  cat "$work/verify.log" >&2
  exit 1
fi
for setting in Restart=always User=nianbao ProtectSystem=strict PrivateTmp=yes NoNewPrivileges=yes StateDirectory=nianbao; do
  grep -qx "$setting" "$work/units/nianbao.service" || { echo "offline-package: nianbao.service lacks $setting" >&2; exit 1; }
done
grep -q -- "backup --keep" "$work/units/nianbao-backup.service"
grep -qx "OnCalendar=\*-\*-\* 02:30:00" "$work/units/nianbao-backup.timer"
stage "systemd units verified"

# 3. arm64 is real: every ELF file in the package is aarch64, and the package serves under
# user-mode emulation. A container cannot register binfmt_misc, so qemu-aarch64-static is
# called on the package's node directly, with aarch64 glibc and libstdc++ from Debian's cross
# packages (-L, QEMU_LD_PREFIX); tsx's esbuild, an aarch64 program the workers start as a
# child process, is run through a wrapper that does the same (ESBUILD_BINARY_PATH).
mkdir "$work/arm64" "$work/arm64/data"
tar -xzf "$arm64" -C "$work/arm64"
apkg="$work/arm64/nianbao-$version"
node .ci/elf-arch.mjs "$apkg" arm64
if [ ! -e /usr/aarch64-linux-gnu/lib/libstdc++.so.6 ]; then
  apt-get install -y -q --no-install-recommends libc6-arm64-cross libstdc++6-arm64-cross libgcc-s1-arm64-cross
fi
export QEMU_LD_PREFIX=/usr/aarch64-linux-gnu
esbuild=$(ls "$apkg"/app/node_modules/tsx/node_modules/@esbuild/linux-arm64/bin/esbuild)
printf '#!/bin/sh\nexec qemu-aarch64-static "%s" "$@"\n' "$esbuild" > "$work/esbuild-qemu"
chmod 755 "$work/esbuild-qemu"
aport=3691
t0=$(date +%s)
( cd "$work/arm64" && exec env NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=$aport NIANBAO_DATA_DIR="$work/arm64/data" \
  NIANBAO_PDF_WORKERS=1 ESBUILD_BINARY_PATH="$work/esbuild-qemu" \
  qemu-aarch64-static "$apkg/node/bin/node" "$apkg/app/server.mjs" < /dev/null > "$work/arm64.log" 2>&1 ) &
echo $! > "$work/server.pid"
for _ in $(seq 1 600); do
  curl -sf -o /dev/null "http://127.0.0.1:$aport/healthz" && break
  sleep 1
done
t1=$(date +%s)
echo "offline-package: arm64 under qemu: /healthz answered after $((t1 - t0)) s"
node .ci/smoke-client.mjs "http://127.0.0.1:$aport" "$work/arm64/out" --only-pdf
t2=$(date +%s)
kill "$(cat "$work/server.pid")"
wait "$(cat "$work/server.pid")" || true
rm -f "$work/server.pid"
echo "offline-package: arm64 under qemu: healthz, sign-in and a PDF in $((t2 - t0)) s"
stage "arm64 checks passed"
