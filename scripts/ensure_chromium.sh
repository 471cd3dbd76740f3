#!/bin/sh
# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
# Installs it with apt-get when missing and we are root; otherwise says how.
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null
else
  echo "Browser tests need /usr/bin/chromium: sudo apt-get install chromium (they are skipped without it)." >&2
fi
exit 0
