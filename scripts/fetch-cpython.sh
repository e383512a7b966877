#!/usr/bin/env bash
# Fetches CPython 3.14 from Debian's archive into the build tree, without installing it system-wide:
#   $DEST/bin/python3.14                 the reference interpreter (the oracle for golden tests)
#   $DEST/root/usr/lib/python3.14        the pure-Python standard library ftpy runs on
#   $DEST/root/usr/lib/python3.14/test   CPython's regression test suite
# Debian 12 has no python3.14, so the packages come from the 'sid' suite of the machine's own mirror,
# through a private apt state (nothing in /etc/apt changes). The .deb files are unpacked with dpkg -x
# and the binary is pointed at the C library unpacked beside it, so it runs on an older system.
# Usage: scripts/fetch-cpython.sh [DEST]   (default: build/cpython314 under the repository root)
# Idempotent: a working DEST is left as it is.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
DEST=${1:-${FTPY_CPYTHON_DIR:-$top/build/cpython314}}
python=$DEST/bin/python3.14

if [[ -x $python ]] && "$python" -c 'import sys; assert sys.version_info[:2] == (3, 14)' 2>/dev/null; then
  echo "fetch-cpython: $python (present)"
  exit 0
fi

mirror=""
if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
  mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources | head -n 1)
fi
if [[ -z $mirror && -f /etc/apt/sources.list ]]; then
  mirror=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^(https?|ftp|file):/) { print $i; exit } }' /etc/apt/sources.list)
fi
if [[ -z $mirror ]]; then
  echo "fetch-cpython: no Debian mirror configured in /etc/apt" >&2
  exit 1
fi

state=$DEST/apt
mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$DEST/debs" "$DEST/root" "$DEST/bin"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror sid main" > "$state/sources.list"
# Valid-Until is not checked: sid's Release file carries a one-week expiry, and a mirror that serves a
# frozen snapshot (as some build farms do) would otherwise be refused. The signature is still checked.
apt_opts=(-qq -o "Acquire::Check-Valid-Until=false"
  -o "Dir::Etc::sourcelist=$state/sources.list" -o "Dir::Etc::sourceparts=-"
  -o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state/cache" -o "APT::Get::List-Cleanup=0")
apt-get "${apt_opts[@]}" update

# The interpreter, its stdlib and test suite, and the shared libraries the binary and its
# extension modules load (sid's versions, since the binary was linked against them).
debs=(python3.14 python3.14-minimal libpython3.14 libpython3.14-minimal libpython3.14-stdlib
      libpython3.14-testsuite libc6 libgcc-s1 libbz2-1.0 libexpat1 libffi8 liblzma5 libncursesw6
      libreadline8t64 libsqlite3-0 libssl3t64 libtinfo6 libuuid1 libzstd1 zlib1g libmpdec4)
(cd "$DEST/debs" && apt-get "${apt_opts[@]}" download "${debs[@]}" 2>&1 | grep -v 'unsandboxed' || true)
for deb in "$DEST"/debs/*.deb; do
  dpkg -x "$deb" "$DEST/root"
done

libdir=$DEST/root/usr/lib/x86_64-linux-gnu
patchelf --set-interpreter "$libdir/ld-linux-x86-64.so.2" --force-rpath --set-rpath "$libdir" \
  "$DEST/root/usr/bin/python3.14"
ln -sf "$DEST/root/usr/bin/python3.14" "$python"
"$python" -c 'import sys; assert sys.version_info[:2] == (3, 14), sys.version'
echo "fetch-cpython: $python"
