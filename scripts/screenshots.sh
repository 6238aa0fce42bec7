#!/usr/bin/env bash
# Screenshots for the README, from a real xterm (DejaVu Sans Mono) under Xvfb,
# on a dark and a light background. ttdn runs inside tmux in the xterm so the
# script can press keys (tmux send-keys); xterm does the drawing.
#   scripts/screenshots.sh [path/to/ttdn]     (make screenshots)
# Needs: Xvfb (xvfb), xterm, import (imagemagick), xwininfo (x11-utils),
# DejaVu Sans Mono (fonts-dejavu-core), tmux. Installs them with apt-get when
# run as root; otherwise says what is missing. Writes docs/screenshots/*.png.
set -eu
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/release/ttdn}")
OUT=docs/screenshots
COLS=${COLS:-100}
ROWS=${ROWS:-30}
FONT_SIZE=${FONT_SIZE:-10}

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xterm >/dev/null || need+=(xterm)
[ -x /usr/bin/import ] || command -v import >/dev/null || need+=(imagemagick)
command -v xwininfo >/dev/null || need+=(x11-utils)
command -v tmux >/dev/null || need+=(tmux)
fc-list 2>/dev/null | grep -qi 'DejaVu Sans Mono' || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "screenshots: installing ${need[*]} ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "screenshots: missing ${need[*]}. Install with: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
fi
[ -x "$BIN" ] || { echo "screenshots: no binary at $BIN (make build)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/ttdn-shots.XXXXXX)
SOCK="ttdn-shots-$$"
DISPLAY_NUM=$((90 + $$ % 100))
export DISPLAY=":$DISPLAY_NUM"
XVFB_PID=""
XTERM_PID=""
cleanup() {
  tmux -L "$SOCK" kill-server 2>/dev/null || true
  [ -n "$XTERM_PID" ] && kill "$XTERM_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

Xvfb "$DISPLAY" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
for _ in $(seq 50); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done
mkdir -p "$OUT"

# Fresh cache, state and config: nothing marked read, the default theme.
export XDG_CACHE_HOME="$WORK/cache" XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset NO_COLOR TTDN_CORPUS TMUX

t() { tmux -L "$SOCK" "$@"; }

wait_for() {   # wait until the pane shows $1
  for _ in $(seq 80); do t capture-pane -p -t shot 2>/dev/null | grep -qF -- "$1" && return 0; sleep 0.1; done
  echo "screenshots: timed out waiting for '$1'" >&2; t capture-pane -p -t shot >&2 || true; return 1
}

# start BG FG [ENV…]: an xterm with that background, running ttdn in tmux.
start() {
  local bg=$1 fg=$2; shift 2
  t kill-server 2>/dev/null || true
  export XDG_STATE_HOME="$WORK/state-$bg-$#"   # each picture starts with nothing read
  xterm -T ttdn-shot -geometry "${COLS}x${ROWS}+0+0" -fa 'DejaVu Sans Mono' -fs "$FONT_SIZE" \
    -bg "$bg" -fg "$fg" -bw 0 -b 4 -tn xterm-256color +sb -xrm 'XTerm*cursorBlink: false' \
    -e tmux -L "$SOCK" -f /dev/null new-session -s shot \
       "env $* $BIN --corpus $PWD/seeds" &
  XTERM_PID=$!
  for _ in $(seq 80); do t has-session -t shot 2>/dev/null && break; sleep 0.1; done
  t set-option -g status off
  t set-option -g default-terminal tmux-256color
  wait_for "5/5 meetings"
  sleep 0.5
}

stop() { t kill-server 2>/dev/null || true; kill "$XTERM_PID" 2>/dev/null || true; wait "$XTERM_PID" 2>/dev/null || true; XTERM_PID=""; }

keys() { for k in "$@"; do t send-keys -t shot "$k"; sleep 0.2; done; sleep 0.4; }

# shot NAME: the xterm window, reduced to a small PNG.
shot() {
  local id
  id=$(xwininfo -root -tree | awk '/"ttdn-shot"/ {print $1; exit}')
  [ -n "$id" ] || { echo "screenshots: no xterm window" >&2; return 1; }
  import -silent -window "$id" "$WORK/$1.png"
  # 64 colours keep anti-aliased text crisp and each file well under 150 KB.
  convert "$WORK/$1.png" -strip -colors 64 "PNG8:$OUT/$1.png"
  echo "$OUT/$1.png  $(( $(stat -c %s "$OUT/$1.png") / 1024 )) KB"
}

# Dark background.
start black '#e5e5e5'
shot timeline-dark
keys p
t send-keys -t shot -l "l"; sleep 0.4
shot picker-dark
keys Escape j Enter
wait_for "Ngày 31/10/2018"
shot detail-dark
stop

# Light background (xterm's own default: black on white).
start white black
shot timeline-light
keys Enter i
wait_for "fewer details"
shot detail-light
keys '?'
wait_for "Keys —"
shot help-light
stop

# NO_COLOR: attributes only.
start white black NO_COLOR=1
keys / l a n g ' ' s o n
shot nocolor-light
stop
