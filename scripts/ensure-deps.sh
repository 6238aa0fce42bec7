#!/usr/bin/env bash
# Checks what building and testing ttdn needs, installs it where it can
# (root with apt-get), and otherwise says exactly what is missing.
set -u
missing=()
have_header() { [ -f /usr/include/ncursesw/curses.h ] || [ -f /usr/include/ncurses.h ]; }
have_header || missing+=(libncurses-dev)
[ -f /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || missing+=(locales)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

# 'locales' is only a nicety (glibc's C.UTF-8 is built in on Debian 12); never fail on it alone.
if [ ${#missing[@]} -eq 1 ] && [ "${missing[0]}" = locales ]; then exit 0; fi
need=()
for p in "${missing[@]}"; do [ "$p" = locales ] || need+=("$p"); done

if ! command -v swift >/dev/null 2>&1; then
  echo "ttdn: the Swift toolchain (swift 6.x) is not on PATH." >&2
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ttdn: installing ${need[*]} (Debian packages) ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null
  missing=()
  have_header || missing+=(libncurses-dev)
  [ -f /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
  command -v tmux >/dev/null 2>&1 || missing+=(tmux)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  [ ${#missing[@]} -eq 0 ] && exit 0
fi
echo "ttdn: missing ${missing[*]}." >&2
echo "      Install with: sudo apt-get install ${missing[*]}" >&2
echo "      (libncurses-dev, libsqlite3-dev: headers to build; tmux: terminal tests; python3: corpus generator and test driver)" >&2
exit 1
