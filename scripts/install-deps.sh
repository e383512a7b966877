#!/usr/bin/env bash
# Installs what ftpy needs to build and test on Debian 12 (as root). Idempotent: when every package is
# already there it only says so. The list is the project's one record of its system dependencies.
set -euo pipefail

packages=(
  # toolchain: GCC and Clang both build ftpy warning-free; Clang's runtime for the sanitizers
  gcc clang libclang-rt-14-dev cmake ninja-build pkg-config make
  # the libraries ftpy is built on (ARCHITECTURE.md): all memory, QSBR, atomics/lock-free structures,
  # CPU topology, ctypes, big integers
  libmimalloc-dev liburcu-dev libck-dev libhwloc-dev libffi-dev libgmp-dev
  # generators, lint and golden-test scripts; unpacking the reference interpreter
  python3 patchelf dpkg ca-certificates
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
if ((EUID != 0)); then
  echo "install-deps: missing ${missing[*]}; run as root (or: sudo $0)" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
