#!/usr/bin/env bash
# Installs the Debian packages that regoc builds against, skipping those already present.
# Runs as root (or through sudo) and needs only Debian's package archive.
set -euo pipefail

packages=(
  g++ cmake make pkg-config
  antlr4 libantlr4-runtime-dev
  llvm-19-dev
  nlohmann-json3-dev libfmt-dev libre2-dev libssl-dev libsimdjson-dev libyaml-cpp-dev
  libgmp-dev libcurl4-openssl-dev
  tzdata
  libgtest-dev libbenchmark-dev
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "installing: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
