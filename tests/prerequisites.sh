#!/bin/sh
# What `make test` needs besides the Python packages (the venv) and the npm packages
# (node_modules, from package-lock.json): npm itself, and Debian's chromium for the browser
# tests (Playwright drives it; no browser is ever downloaded). As root on Debian (CI), each
# is installed with apt-get; otherwise make test stops with one line naming the command.
#   sh tests/prerequisites.sh npm|chromium
set -eu

as_root_with_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "$@" >/dev/null
}

case "${1:-}" in
  npm)
    command -v npm >/dev/null 2>&1 && exit 0
    if as_root_with_apt; then apt_install nodejs npm; exit 0; fi
    echo "make test: npm is missing (citeproc-js and axe-core are npm packages); install it: sudo apt-get install nodejs npm" >&2
    exit 1 ;;
  chromium)
    chromium="${CHROMIUM:-/usr/bin/chromium}"
    [ -x "$chromium" ] && exit 0
    if [ -z "${CHROMIUM:-}" ] && as_root_with_apt; then apt_install chromium fonts-noto-cjk; exit 0; fi
    echo "make test: no Chromium at $chromium for the browser tests; install Debian's: sudo apt-get install chromium fonts-noto-cjk (or set CHROMIUM=/path/to/chromium)" >&2
    exit 1 ;;
  *)
    echo "usage: sh tests/prerequisites.sh npm|chromium" >&2
    exit 2 ;;
esac
