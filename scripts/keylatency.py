#!/usr/bin/env python3
"""Latency of the browser as a user feels it, measured from outside the process.

Runs `ttdn` in a pseudo-terminal of a fixed size, then writes keys one at a time and
times each from the moment the key is written to the moment the terminal has received
the frame drawn in answer (the end of the first burst of output after the key). Keys are
spaced so that none coalesces with the next. Also measures start to first frame (spawn
to the first complete frame with the header) and the process's peak memory (VmHWM).

usage: keylatency.py BIN CORPUS [--size 120x40] [--json]
Environment (XDG_CACHE_HOME, XDG_STATE_HOME…) is passed through, so the caller chooses
which index is used.
"""
import argparse
import json
import os
import pty
import select
import signal
import struct
import sys
import termios
import fcntl
import time

BURST_GAP = 0.004      # bytes closer than this belong to one frame
SETTLE = 0.25          # the screen is settled after this long without output


def read_burst(fd, timeout):
    """Waits up to `timeout` for output; returns (t_first, t_last, data) of the first burst,
    or (None, None, b'') when nothing came."""
    r, _, _ = select.select([fd], [], [], timeout)
    if not r:
        return None, None, b""
    first = time.perf_counter()
    data = os.read(fd, 1 << 20)
    last = time.perf_counter()
    while True:
        r, _, _ = select.select([fd], [], [], BURST_GAP)
        if not r:
            return first, last, data
        try:
            chunk = os.read(fd, 1 << 20)
        except OSError:
            return first, last, data
        if not chunk:
            return first, last, data
        data += chunk
        last = time.perf_counter()


def drain(fd, quiet=SETTLE, limit=10.0):
    """Reads until no output for `quiet` seconds; returns the time of the last byte and the data."""
    end = time.perf_counter() + limit
    last = None
    data = b""
    while time.perf_counter() < end:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            break
        try:
            chunk = os.read(fd, 1 << 20)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
        last = time.perf_counter()
    return last, data


KEYS = {
    "down": b"j", "up": b"k", "space": b" ", "pgdn": b"\x1b[6~", "pgup": b"\x1b[5~", "ctrl-d": b"\x04", "ctrl-u": b"\x15",
    "enter": b"\r", "esc": b"\x1b", "tab": b"\t", "bs": b"\x7f",
}


def script():
    """(group, key bytes) in the order typed: moves, paging, searches typed letter by letter,
    pickers and the People view. Every key changes the screen."""
    s = []
    s += [("move", b"j")] * 40 + [("move", b"k")] * 20
    s += [("page", KEYS["pgdn"])] * 8 + [("page", KEYS["pgup"])] * 4 + [("page", KEYS["ctrl-d"])] * 4 + [("page", KEYS["ctrl-u"])] * 2
    s += [("page", b" ")] * 2   # pages the article
    for q in ["lang son", "tong ket", "hoang van", "Hưng Yên", "uy ban nhan dan"]:
        s.append(("search", b"/"))
        s += [("search", ch.encode()) for ch in q]
        s += [("search", KEYS["bs"])] * 3
        s.append(("search", KEYS["esc"]))
    s += [("search", b"/")] + [("search", ch.encode()) for ch in "giao ban"] + [("search", KEYS["enter"])]
    s += [("move", b"j")] * 10
    s.append(("search", KEYS["esc"]))   # back: drops the search
    for picker in [b"p", b"y", b"t"]:
        s.append(("picker", picker))
        s += [("picker", b"j")] * 5
        if picker == b"p":
            s += [("picker", ch.encode()) for ch in "ha"] + [("picker", KEYS["bs"])] * 2
        s.append(("picker", KEYS["esc"]))
    s.append(("picker", b"T"))
    s += [("picker", b"j")] * 5
    s.append(("picker", KEYS["esc"]))
    s.append(("people", b"P"))   # the view opens at once ("counting…"); the keys below wait for its rows
    s += [("picker", b"j")] * 5 + [("picker", ch.encode()) for ch in "ng"]
    s.append(("picker", KEYS["esc"]))
    s += [("move", b"G"), ("move", b"g")]
    return s


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(round((len(v) - 1) * p)))] if v else float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("corpus")
    ap.add_argument("--size", default="120x40")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--verbose", action="store_true", help="print each key's latency")
    ap.add_argument("--startup-timeout", type=float, default=120)
    ap.add_argument("--during-build", action="store_true",
                    help="a first run: time the first frame, then keys while the index is built (no waiting for it)")
    a = ap.parse_args()
    cols, rows = (int(x) for x in a.size.split("x"))
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    t_spawn = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.execve(a.bin, [a.bin, "--corpus", a.corpus], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    # Start to first frame: the first burst that draws the header (" ttdn │ …").
    first_frame = None
    seen = b""
    end = time.perf_counter() + a.startup_timeout
    while first_frame is None and time.perf_counter() < end:
        t0, t1, data = read_burst(fd, end - time.perf_counter())
        if t0 is None:
            break
        seen += data
        if "meetings".encode() in seen or "Indexing".encode() in seen:
            first_frame = t1 - t_spawn
    if a.during_build:
        keys = [("move", b"j")] * 30 + [("move", b"k")] * 10 + [("search", b"/")] + [("search", c.encode()) for c in "ha noi"] + [("search", KEYS["esc"])]
        time.sleep(0.5)
    else:
        drain(fd, quiet=1.0, limit=600)   # let a background sync finish before timing keys
        keys = script()
    times = {}
    silent = 0
    for group, key in keys:
        os.write(fd, key)
        t0 = time.perf_counter()
        f, l, data = read_burst(fd, 2.0)
        if f is None:
            silent += 1
            if a.verbose:
                print(f"{group:7s} {key!r:12s} no output", file=sys.stderr)
            continue
        if a.verbose:
            print(f"{group:7s} {key!r:12s} {(l - t0) * 1000:7.1f} ms", file=sys.stderr)
        times.setdefault(group, []).append((l - t0) * 1000)
        # Later frames (a search's answer) before the next key; the People view is read like a
        # user reads it: once its rows are there.
        drain(fd, quiet=1.0 if group == "people" else 0.03, limit=120)
        time.sleep(0.01)
    hwm = None
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmHWM:"):
                hwm = int(line.split()[1]) // 1024
    except OSError:
        pass
    os.write(fd, b"q")
    drain(fd, quiet=0.3, limit=5)
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    allv = [v for vs in times.values() for v in vs]
    out = {
        "first_frame_ms": round(first_frame * 1000, 1) if first_frame else None,
        "keys": len(allv), "silent_keys": silent, "peak_rss_mb": hwm,
        "all": {"p50": round(pct(allv, 0.5), 1), "p95": round(pct(allv, 0.95), 1), "max": round(max(allv), 1) if allv else None},
        "groups": {g: {"n": len(v), "p50": round(pct(v, 0.5), 1), "p95": round(pct(v, 0.95), 1), "max": round(max(v), 1)} for g, v in times.items()},
    }
    if a.json:
        print(json.dumps(out))
    else:
        print(f"first frame {out['first_frame_ms']} ms; {out['keys']} keys (silent {silent}): "
              f"p50 {out['all']['p50']} ms, p95 {out['all']['p95']} ms, max {out['all']['max']} ms; peak RSS {hwm} MB")
        for g, v in out["groups"].items():
            print(f"  {g:7s} n={v['n']:3d} p50 {v['p50']} ms  p95 {v['p95']} ms  max {v['max']} ms")


if __name__ == "__main__":
    main()
