#!/usr/bin/env python3
"""End-to-end tests of the ttdn browser in a real terminal (tmux), driving the
release binary as a user would: keys, resizes, signals, hostile text, locales.
Usage: run_terminal_tests.py path/to/ttdn   — prints 'N passed, N failed'."""
import os, re, shutil, signal, subprocess, sys, tempfile, time, traceback

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/ttdn")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEEDS = os.path.join(ROOT, "seeds")
SOCK = f"ttdn-test-{os.getpid()}"
TMP = tempfile.mkdtemp(prefix="ttdn-term-")
ENV = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color",
           XDG_CACHE_HOME=os.path.join(TMP, "cache"), XDG_STATE_HOME=os.path.join(TMP, "state"))
ENV.pop("TTDN_CORPUS", None)


def tmux(*args, check=True):
    r = subprocess.run(["tmux", "-L", SOCK, "-f", "/dev/null", *args], capture_output=True, text=True, env=ENV)
    if check and r.returncode != 0:
        raise AssertionError(f"tmux {' '.join(args)}: {r.stderr.strip()}")
    return r.stdout


class Session:
    def __init__(self, cmd, w=100, h=30, name="t"):
        self.name = name
        tmux("kill-session", "-t", name, check=False)
        tmux("new-session", "-d", "-x", str(w), "-y", str(h), "-s", name, cmd)
        tmux("set-option", "-t", name, "remain-on-exit", "on")
        tmux("set-option", "-t", name, "set-clipboard", "on")

    def screen(self):
        return tmux("capture-pane", "-p", "-t", self.name)

    def keys(self, *ks, delay=0.15):
        for k in ks:
            tmux("send-keys", "-t", self.name, k)
            time.sleep(delay)

    def text(self, s):
        tmux("send-keys", "-t", self.name, "-l", s)
        time.sleep(0.3)

    def wait(self, needle, timeout=8.0):
        end = time.time() + timeout
        while time.time() < end:
            sc = self.screen()
            if needle in sc:
                return sc
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {needle!r}; screen:\n{self.screen()}")

    def wait_gone(self, needle, timeout=8.0):
        end = time.time() + timeout
        while time.time() < end:
            sc = self.screen()
            if needle not in sc:
                return sc
            time.sleep(0.1)
        raise AssertionError(f"{needle!r} still on screen:\n{self.screen()}")

    def until(self, pred, what, timeout=8.0):
        end = time.time() + timeout
        while time.time() < end:
            sc = self.screen()
            if pred(sc):
                return sc
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; screen:\n{self.screen()}")

    def resize(self, w, h):
        tmux("resize-window", "-t", self.name, "-x", str(w), "-y", str(h))

    def pane_pid(self):
        return int(tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())

    def dead(self):
        return tmux("display-message", "-p", "-t", self.name, "#{pane_dead}").strip() == "1"

    def kill(self):
        tmux("kill-session", "-t", self.name, check=False)


def ttdn_pid(tag):
    r = subprocess.run(["pgrep", "-n", "-f", "--", tag], capture_output=True, text=True)
    assert r.stdout.strip(), f"no ttdn process for {tag}"
    return int(r.stdout.split()[0])


def browser(w=100, h=30, extra=""):
    return Session(f"{BIN} --corpus {SEEDS} {extra}", w, h)


def rows(screen):
    return screen.split("\n")


# ---------------------------------------------------------------- tests

def test_opens_on_seeds_at_100x30():
    s = browser()
    sc = s.wait("5/5 meetings")
    assert "── 2018" in sc and "Lạng Sơn" in sc and "Hưng Yên" in sc, sc
    assert "Date      04/07/2018" in sc, "the detail pane shows the first meeting"
    assert "│" in rows(sc)[3], "wide layout: list and detail side by side"
    s.keys("q")
    s.kill()


def test_filter_search_open_scroll_clear():
    s = browser()
    s.wait("5/5 meetings")
    s.keys("p"); s.text("hung"); s.keys("Enter")
    sc = s.wait("province: Hưng Yên")
    assert "1/5 meetings" in sc and "08/07/2019" in sc, sc
    s.keys("c")
    s.wait("5/5 meetings")
    s.keys("y"); s.text("2020"); s.keys("Enter")
    sc = s.wait("year: 2020")
    assert "1/5" in sc and "tổng kết" in sc, sc
    s.keys("c"); s.wait("5/5 meetings")
    s.keys("/"); s.text("lang son")
    sc = s.wait("3 matches")
    assert "/lang son" in sc, sc
    s.keys("Enter")
    sc = s.wait("search: “lang son”")
    s.keys("j", "Enter")
    sc = s.wait("Thường trực Tỉnh ủy tiếp")
    before = [l for l in rows(sc) if l.rstrip().endswith("%")][-1]
    s.keys("Space")
    time.sleep(0.3)
    after = [l for l in rows(s.screen()) if l.rstrip().endswith("%")][-1]
    assert before.split()[-1] != after.split()[-1], f"Space pages the detail: {before!r} → {after!r}"
    s.keys("n")
    s.wait("hit 1/")
    s.keys("Escape", "c")
    s.wait("5/5 meetings")
    s.keys("?")
    s.wait("Keys")
    s.keys("x")
    s.wait_gone("Keys —")
    s.keys("q")
    s.kill()


def test_resize_keeps_selection_and_relayouts():
    s = browser(100, 30)
    s.wait("5/5 meetings")
    s.keys("j", "j", "j")
    sc = s.wait("Hưng Yên: Triển khai")
    s.resize(60, 20)
    sc = s.until(lambda sc: max(len(l) for l in rows(sc)) <= 60 and "│" not in "".join(rows(sc)[3:8]), "the narrow layout")
    assert all(len(l) <= 60 for l in rows(sc)), sc
    s.keys("Enter")
    sc = s.wait("Date      08/07/2019")
    s.resize(200, 50)
    sc = s.until(lambda sc: len(rows(sc)) >= 50 and "│" in rows(sc)[3], "the wide layout at 200x50")
    assert "Province  Hưng Yên" in sc and "Hưng Yên: Triển khai" in sc, sc
    s.resize(15, 5)
    s.wait("small")
    s.resize(40, 12)
    sc = s.wait("Hưng Yên")
    s.keys("q")
    s.kill()


def test_sizes_80x24_200x50_40x12():
    for w, h in [(80, 24), (200, 50), (40, 12), (20, 6)]:
        s = browser(w, h)
        sc = s.wait("ttdn")
        assert len(rows(sc)) >= h - 1
        assert "meetings" in sc or w < 30, sc
        s.keys("Enter", "Space")
        time.sleep(0.3)
        assert not s.dead(), f"alive at {w}x{h}"
        s.keys("q")
        s.kill()


def resize_storm(s, n=50, keys=("Down", "Up")):
    import random
    rnd = random.Random(7)
    for i in range(n):
        s.resize(rnd.randint(1, 250), rnd.randint(1, 80))
        if i % 5 == 0:
            s.keys(rnd.choice(keys), delay=0.01)
        time.sleep(0.04)


def test_resize_storm_while_searching_and_scrolling():
    s = browser(100, 30)
    s.wait("5/5 meetings")
    s.keys("/"); s.text("dong chi")
    resize_storm(s)
    s.keys("Enter", "Enter")
    resize_storm(s, keys=("j", "k", "Space", "n"))
    s.resize(90, 28)
    time.sleep(0.6)
    sc = s.screen()
    assert not s.dead(), "survived the storm"
    r = rows(sc)
    assert r[0].startswith(" ttdn │ ") and "seeds" in r[0], sc
    assert "search: “dong chi”" in r[0], sc
    assert "Date" in sc or "%" in [l for l in r if l.strip()][-1], "the detail is shown (n moves through the hits, so the metadata may be scrolled away)\n" + sc
    s.keys("q")
    s.kill()


def stty_session(cmd, tag):
    before, after, rc = (os.path.join(TMP, f"{tag}.{x}") for x in ("before", "after", "rc"))
    for f in (before, after, rc):
        if os.path.exists(f):
            os.remove(f)
    # The shell survives Ctrl-C to record what follows. A no-op trap, not an ignored signal:
    # an ignored SIGINT would be inherited by ttdn, a handler is not.
    script = f"trap : INT; stty -a > {before}; {cmd}; echo $? > {rc}; stty -a > {after}; sleep 30"
    s = Session(f"sh -c '{script}'", 100, 30, name=tag)
    return s, before, after, rc


def wait_file(path, timeout=8.0):
    end = time.time() + timeout
    while time.time() < end:
        if os.path.exists(path) and os.path.getsize(path) > 0:
            return open(path).read()
        time.sleep(0.1)
    raise AssertionError(f"{path} never written")


def check_signal(sig, tag):
    s, before, after, rc = stty_session(f"{BIN} --corpus {SEEDS} --province {tag}", tag)
    s.wait("meetings")
    pid = ttdn_pid(f"--province {tag}")
    os.kill(pid, sig)
    code = wait_file(rc).strip()
    a, b = wait_file(before), wait_file(after)
    assert a == b, f"terminal modes changed after {sig}:\n{a}\n---\n{b}"
    time.sleep(0.3)
    sc = s.screen()
    assert "meetings" not in sc, "left the alternate screen:\n" + sc
    s.kill()
    return code


def test_sigterm_restores_terminal():
    assert check_signal(signal.SIGTERM, "lang") == "0"


def test_sighup_restores_terminal():
    check_signal(signal.SIGHUP, "hung")


def test_ctrl_c_restores_terminal():
    s, before, after, rc = stty_session(f"{BIN} --corpus {SEEDS}", "ctrlc")
    s.wait("meetings")
    s.keys("C-c")
    wait_file(rc)
    assert wait_file(before) == wait_file(after)
    s.kill()


def test_crash_restores_terminal():
    s, before, after, rc = stty_session(f"{BIN} --corpus {SEEDS} --crash-after-first-frame 2>/dev/null", "crash")
    code = wait_file(rc).strip()
    assert code != "0", "it did crash"
    assert wait_file(before) == wait_file(after), "a crash restores the terminal modes"
    s.kill()


def test_ctrl_z_and_fg_redraw():
    s = Session("bash --norc --noprofile", 100, 30, name="job")
    time.sleep(0.3)
    s.text(f"{BIN} --corpus {SEEDS}"); s.keys("Enter")
    s.wait("5/5 meetings")
    s.keys("C-z")
    sc = s.wait("Stopped")
    s.text("clear; fg"); s.keys("Enter")
    sc = s.wait("5/5 meetings")
    assert "Date      04/07/2018" in sc, "full redraw on resume\n" + sc
    s.keys("j")
    s.wait("Date      31/10/2018")
    s.keys("q")
    s.text("echo done-$?"); s.keys("Enter")
    s.wait("done-0")
    s.kill()


HOSTILE = ("Hội nghị \x1b[2J\x1b[H CLOBBER \x1b]52;c;ZXZpbA==\x07 \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\"
           " back\x08\x08xx \u009b31m C1 \u202eRLO\u202c \u2067iso\u2069 👨\u200d👩\u200d👧 Lạng Sơn\rCR-HERE")


def test_untrusted_text_never_acts_on_the_terminal():
    d = os.path.join(TMP, "hostile")
    os.makedirs(d, exist_ok=True)
    body = ("Ngày 5/7/2021, Ban Chỉ đạo công tác thông tin đối ngoại tỉnh Lạng Sơn tổ chức hội nghị sơ kết. "
            "\x1b[31mĐỎ\x1b[0m \x1b]0;TITLE-HIJACK\x07 \x1bc reset \u200b")
    with open(os.path.join(d, "evil.txt"), "w", encoding="utf-8") as f:
        f.write(HOSTILE + "\n\n" + body + "\n")
    tmux("kill-server", check=False)
    s = Session(f"{BIN} --corpus {d}", 120, 30)
    sc = s.wait("1/1 meetings")
    r = rows(sc)
    assert r[0].startswith(" ttdn │ 1/1 meetings │ hostile"), "ESC[2J did not clear the header\n" + sc
    line = next(l for l in r if "CLOBBER" in l)
    assert "Hội nghị" in line and "CLOBBER" in line, line
    assert "ZXZpbA" not in sc and "evil.example" not in sc and "TITLE-HIJACK" not in sc, sc
    s.keys("Enter")
    sc = s.wait("ĐỎ")
    buffers = tmux("list-buffers", check=False)
    assert "ZXZpbA" not in buffers and buffers.strip() == "", f"OSC 52 reached the clipboard: {buffers!r}"
    title = tmux("display-message", "-p", "-t", "t", "#{pane_title}")
    assert "HIJACK" not in title, title
    s.keys("q")
    s.kill()


def test_locales():
    for env in ({"LANG": ""}, {"LANG": "C"}, {"LC_ALL": "POSIX"}):
        e = " ".join(f"{k}={v}" for k, v in env.items())
        unset = "unset LANG LC_ALL LC_CTYPE; "
        s = Session(f"sh -c '{unset}{e} {BIN} --corpus {SEEDS}; echo rc=$?; sleep 30'", 100, 30, name="loc")
        sc = s.wait("meetings")
        assert "Lạng Sơn" in sc, f"{e}: switched to a UTF-8 character type\n{sc}"
        s.keys("q")
        s.wait("rc=0")
        s.kill()
        out = subprocess.run(["env", "-u", "LANG", "-u", "LC_ALL", *[f"{k}={v}" for k, v in env.items()], BIN, "list", "--corpus", SEEDS, "--format", "json"],
                             capture_output=True)
        assert out.returncode == 0
        out.stdout.decode("utf-8")  # valid UTF-8 whatever the locale
        assert "Lạng Sơn" in out.stdout.decode("utf-8")


def test_without_a_terminal_prints_the_list():
    out = subprocess.run([BIN, "--corpus", SEEDS], capture_output=True, text=True, env=ENV, stdin=subprocess.DEVNULL)
    assert out.returncode == 0, out.stderr
    assert "DATE" in out.stdout and "Hưng Yên" in out.stdout, out.stdout


def test_missing_folder_is_a_clear_error():
    out = subprocess.run([BIN, "list", "--corpus", "/nonexistent/corpus"], capture_output=True, text=True, env=ENV)
    assert out.returncode != 0
    assert "corpus folder not found: /nonexistent/corpus" in out.stderr, out.stderr


def big_corpus(n=3000):
    """n articles: the seeds copied under distinct names (no generator needed)."""
    d = os.path.join(TMP, f"big{n}")
    if os.path.isdir(d):
        return d
    os.makedirs(d)
    seeds = [open(os.path.join(SEEDS, f), "rb").read() for f in sorted(os.listdir(SEEDS)) if f.endswith(".txt")]
    for i in range(n):
        with open(os.path.join(d, f"a{i:05d}.txt"), "wb") as f:
            f.write(seeds[i % len(seeds)] + f"\n\nBài số {i}.\n".encode())
    return d


def indexed_count(corpus, cache):
    env = dict(ENV, XDG_CACHE_HOME=cache)
    r = subprocess.run([BIN, "list", "--corpus", corpus, "--format", "csv"], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    return len(r.stdout.strip().split("\n")) - 1, r.stderr


def test_signals_during_first_index_build_leave_terminal_and_index_usable():
    # Big enough that the build is still going after its first commit (a second in): 3,000 seed
    # copies were all indexed by then once the build got faster.
    total = 15000
    corpus = big_corpus(total)
    for sig, how in [(signal.SIGTERM, "kill"), (signal.SIGINT, "key"), (signal.SIGHUP, "kill"), (signal.SIGKILL, "kill")]:
        cache = os.path.join(TMP, f"cache-{int(sig)}")
        shutil.rmtree(cache, ignore_errors=True)
        tag = f"build{int(sig)}"
        s, before, after, rc = stty_session(f"env XDG_CACHE_HOME={cache} {BIN} --corpus {corpus} --search {tag}", tag)
        # Signal mid-build: after the first batch is committed, before the last.
        done_at_signal = wait_index_rows(cache, lambda n: n >= 500)
        assert done_at_signal < total, f"{sig}: the build finished before the signal ({done_at_signal}); the resume check needs a bigger corpus"
        if how == "key":
            s.keys("C-c")
        else:
            os.kill(ttdn_pid(f"--corpus {corpus} --search {tag}"), sig)
        wait_file(rc)   # ended (mid-build it dies by the signal; had the build finished, the browser quits cleanly)
        if sig != signal.SIGKILL:   # nothing restores a terminal after SIGKILL (the browser is up during the build); the index must survive it
            assert wait_file(before) == wait_file(after), f"{sig}: terminal modes restored"
        s.kill()
        kept = index_rows(cache)
        assert kept >= 500, f"{sig}: committed batches survive the signal ({kept} rows kept)"
        n, err = indexed_count(corpus, cache)
        assert n == total, f"{sig}: the next start has every article ({n})"
        if "indexing" in err:   # progress is printed only when 2,000 or more files are left
            last = err.strip().split("indexing")[-1]
            todo = int(last.split("/")[1].split()[0])
            assert todo == total - kept, f"{sig}: the next start parses only what was missing ({last}, {kept} kept)"
        else:
            assert total - kept < 2000, f"{sig}: no progress shown, so fewer than 2,000 were left ({kept} kept)"


def test_first_run_opens_at_once_and_indexes_in_the_background():
    """Issue 9: on a first run the browser is on screen at once, says it is indexing, shows
    meetings as they are read, answers keys meanwhile, and ends on the whole corpus; a file
    added later is picked up by Ctrl-R without leaving the browser."""
    import shutil as _sh
    corpus = os.path.join(TMP, "firstrun")
    _sh.rmtree(corpus, ignore_errors=True)
    _sh.copytree(big_corpus(), corpus)
    cache = os.path.join(TMP, "cache-firstrun")
    shutil.rmtree(cache, ignore_errors=True)
    t0 = time.time()
    s = Session(f"env XDG_CACHE_HOME={cache} {BIN} --corpus {corpus}", 120, 30, name="firstrun")
    sc = s.wait("indexing", timeout=5)
    assert time.time() - t0 < 3, "on screen while the index is built"
    assert "ttdn │" in rows(sc)[0], sc
    # Keys work while it indexes: the help opens and closes.
    s.keys("?")
    assert "Keys" in s.wait("Keys"), "keys answered during the build"
    s.keys("q")
    s.wait("3000/3000 meetings", timeout=120)
    end = time.time() + 60
    while "indexing" in rows(s.screen())[0] and time.time() < end:
        time.sleep(0.2)
    sc = s.screen()
    assert "indexing" not in rows(sc)[0] and "3000/3000 meetings" in rows(sc)[0], "the progress goes when the build is done\n" + sc
    # A file added while the browser is open: Ctrl-R finds it.
    with open(os.path.join(SEEDS, sorted(f for f in os.listdir(SEEDS) if f.endswith(".txt"))[0]), "rb") as f:
        data = f.read()
    with open(os.path.join(corpus, "added.txt"), "wb") as f:
        f.write(data + "\n\nBài bổ sung.\n".encode())
    s.keys("C-r")
    s.wait("3001/3001 meetings", timeout=30)
    s.keys("q")
    s.kill()


def index_rows(cache):
    import sqlite3
    dbs = [os.path.join(dp, f) for dp, _, fs in os.walk(cache) for f in fs if f.endswith(".sqlite")]
    if not dbs:
        return 0
    try:
        con = sqlite3.connect(f"file:{dbs[0]}?mode=ro", uri=True, timeout=0.05)
        n = con.execute("SELECT count(*) FROM files").fetchone()[0]
        con.close()
        return n
    except sqlite3.Error:
        return 0


def wait_index_rows(cache, pred, timeout=30.0):
    end = time.time() + timeout
    while time.time() < end:
        n = index_rows(cache)
        if pred(n):
            return n
        time.sleep(0.01)
    raise AssertionError(f"index in {cache} never reached the wanted size ({index_rows(cache)})")


def test_damaged_locked_and_unwritable_index():
    cache = os.path.join(TMP, "cache-damage")
    shutil.rmtree(cache, ignore_errors=True)
    n, _ = indexed_count(SEEDS, cache)
    assert n == 5
    db = [os.path.join(dp, f) for dp, _, fs in os.walk(cache) for f in fs if f.endswith(".sqlite")][0]
    for damage in ("garbage", "truncate"):
        for suffix in ("-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        data = open(db, "rb").read()
        open(db, "wb").write(b"Z" * 70000 if damage == "garbage" else data[: len(data) // 3])
        n, err = indexed_count(SEEDS, cache)
        assert n == 5, f"{damage}: every meeting still listed"
        lines = [l for l in err.splitlines() if l.startswith("ttdn:")]
        assert len(lines) <= 1 and (not lines or "damaged" in lines[0] or "unusable" in lines[0]), f"{damage}: {err!r}"
        n, err = indexed_count(SEEDS, cache)
        assert n == 5 and "damaged" not in err, f"{damage}: recovered on the next start: {err!r}"
    # Locked by another process holding an exclusive transaction.
    import sqlite3
    con = sqlite3.connect(db, timeout=0.1)
    con.execute("PRAGMA journal_mode=DELETE") if False else None
    con.execute("BEGIN EXCLUSIVE")
    t0 = time.time()
    n, err = indexed_count(SEEDS, cache)
    con.rollback(); con.close()
    assert n == 5, "a locked index is bypassed"
    assert time.time() - t0 < 10
    # A cache folder that cannot be written.
    n, err = indexed_count(SEEDS, "/proc/ttdn-readonly-cache")
    assert n == 5
    lines = [l for l in err.splitlines() if l.startswith("ttdn:")]
    assert len(lines) == 1 and "running without it" in lines[0], err


def test_check_reports_awkward_files_and_the_rest_loads():
    d = os.path.join(TMP, "awkward")
    os.makedirs(d, exist_ok=True)
    seed = open(os.path.join(SEEDS, "000_fc2b759d0bdd75d9.txt"), "rb").read()
    open(os.path.join(d, "good.txt"), "wb").write(seed)
    open(os.path.join(d, "empty.txt"), "wb").write(b"")
    open(os.path.join(d, "binary.txt"), "wb").write(bytes(range(256)) * 10)
    open(os.path.join(d, "invalid.txt"), "wb").write(seed[:400] + b"\xff\xfe\xc3\x28" + seed[400:])
    open(os.path.join(d, "oneline.txt"), "wb").write(("Lạng Sơn tổ chức hội nghị tổng kết. " * 130000).encode())
    open(os.path.join(d.encode(), b"bad-\xff-name.txt"), "wb").write(seed)
    os.symlink(d, os.path.join(d, "loop"))
    os.symlink("/nonexistent/x.txt", os.path.join(d, "dangling.txt"))
    r = subprocess.run([BIN, "check", d], capture_output=True, text=True, env=ENV, errors="replace")
    assert r.returncode == 1, "non-zero when a file could not be read"
    out = r.stdout
    for name, status, why in [("empty.txt", "SKIP", "empty file"), ("binary.txt", "SKIP", "binary"),
                              ("dangling.txt", "SKIP", "broken symbolic link"), ("loop", "SKIP", "loop"),
                              ("invalid.txt", "ok", "invalid UTF-8"), ("oneline.txt", "ok", ""), ("good.txt", "ok", "")]:
        line = next((l for l in out.splitlines() if l.endswith(name) or name in l.split("/")[-1]), None)
        assert line and line.startswith(status), f"{name}: {line!r}\n{out}"
        if why:
            assert why in out.split(name, 1)[1].split("\n", 3)[1] + out.split(name, 1)[1], f"{name}: {why}"
    assert "not valid UTF-8" in out, out
    r = subprocess.run([BIN, "list", "--corpus", d, "--no-cache", "--format", "json"], capture_output=True, text=True, env=ENV)
    ids = {m["id"] for m in __import__("json").loads(r.stdout)}
    assert {"good", "invalid", "oneline"} <= ids, ids
    assert any("bad-" in i for i in ids), ids


def reader_views(w, h):
    """Issue 10's keys and views at one size: help, order, People, table, map, export, panes, marks, search."""
    out = os.path.join(TMP, f"export-{w}x{h}.csv")
    if os.path.exists(out):
        os.remove(out)
    s = browser(w, h, extra="")
    s.wait("5/5 meetings")
    s.keys("?"); s.wait("Keys")
    s.keys("q"); s.wait_gone("Keys —")
    assert not s.dead(), "q closes the help without quitting"
    s.keys("?"); s.wait("Keys"); s.keys("G")
    sc = s.wait_gone("Keys —")
    assert "row 5/5" in sc, "a key in the help closes it and acts:\n" + sc
    s.keys("o"); sc = s.wait("newest first")
    assert rows(sc)[2].startswith("── 2020"), sc
    s.keys("o"); s.wait_gone("newest first")
    s.keys("P"); sc = s.wait("People in 5 meetings")
    assert "Hoàng Văn Nghiệm" in sc, sc
    s.keys("Enter"); s.wait("person: Hoàng Văn Nghiệm")
    s.keys("c"); s.wait_gone("person:")
    s.keys("T"); sc = s.wait("Meetings by province and year")
    assert "TOTAL" in sc and "Lạng Sơn" in sc, sc
    s.keys("Down", "Left", "Left", "Left", "Enter")
    sc = s.wait("province: Lạng Sơn")
    assert "year: 2018" in sc and "3/5 meetings" in sc, sc
    s.keys("c"); s.wait("5/5 meetings")
    s.keys("M"); s.wait("map 2025")
    s.keys("M"); s.wait_gone("map 2025")
    s.keys("e"); s.wait("export 5 to: ttdn-seeds.md")
    s.keys("C-u"); s.text(out); s.keys("Enter")
    sc = s.wait("wrote 5 meetings to")
    assert os.path.exists(out) and open(out).read().startswith("id,date"), "the file is written"
    s.keys("r"); s.wait("marked ")   # read or unread: marks persist between runs
    s.keys("R"); s.wait("5 marked read")
    s.keys("/"); s.text("nghiem hoang"); s.keys("Enter")
    sc = s.wait("search: “nghiem hoang”")
    assert "4/5 meetings" in sc, sc
    s.keys("/", "C-u", "Up"); s.wait("/nghiem hoang")
    s.keys("Escape")
    s.keys("Enter")
    s.wait("Date ")
    s.keys("J"); sc = s.wait("row 2/")
    s.keys("K"); s.wait("row 1/")
    if w >= 100:
        s.keys("v"); s.wait("list only")
        s.keys("v"); s.wait("detail only")
        s.keys("v"); s.wait("list and detail")
    s.keys("q")
    s.kill()


def test_reader_views_at_80x24():
    reader_views(80, 24)


def test_reader_views_at_200x50():
    reader_views(200, 50)


def test_small_screen_40x12():
    s = browser(40, 12)
    s.wait("5/5 meetings")
    s.keys("p")
    sc = s.wait("Province")
    assert "Esc can─" not in sc and "Esc" in sc, sc
    s.keys("Escape", "?")
    sc = s.wait("Keys")
    s.keys("Escape", "T")
    s.wait("TOTAL")
    s.keys("q")
    assert not s.dead()
    s.keys("q")
    s.kill()


def test_command_line_errors_and_marks():
    def run(*args):
        return subprocess.run([BIN, *args], capture_output=True, text=True, env=ENV)
    r = run("list", "--corpus", SEEDS, "--province", "lang sn")
    assert r.returncode != 0 and "did you mean Lạng Sơn?" in r.stderr and "Usage: ttdn list" in r.stderr, r.stderr
    r = run("list", "--corpus", SEEDS, "--year", "19")
    assert r.returncode != 0 and "four digits" in r.stderr, r.stderr
    empty = os.path.join(TMP, "empty"); os.makedirs(empty, exist_ok=True)
    r = run("list", "--corpus", empty)
    assert "no articles" in r.stderr, r.stderr
    junk = os.path.join(TMP, "junk"); os.makedirs(junk, exist_ok=True)
    open(os.path.join(junk, "a.txt"), "w").write("hello world\n")
    r = run("stats", "--corpus", junk, "--no-cache")
    assert "Meetings: 0 of 0" in r.stdout and "not meetings" in r.stdout, r.stdout
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith("ttdn "), r.stdout
    r = run("list", "--corpus", SEEDS, "--person", "nghiem hoang", "--format", "json")
    people = __import__("json").loads(r.stdout)
    assert len(people) == 4 and all("read" in m and "starred" in m for m in people), r.stdout[:300]
    r = run("list", "--corpus", SEEDS, "--chair", "hoang van nghiem", "--format", "csv")
    assert r.returncode == 0 and len(r.stdout.strip().split("\n")) >= 2, r.stdout
    r = run("list", "--corpus", SEEDS, "--starred")
    assert r.returncode == 0, r.stderr
    r = run("stats", "--corpus", SEEDS, "--format", "json", "--map", "2025")
    st = __import__("json").loads(r.stdout)
    assert st["meetings"] == 5 and st["map"] == "2025", st
    r = subprocess.run([BIN, "list", "--corpus", SEEDS], capture_output=True, text=True, env=dict(ENV, COLUMNS="80"))
    assert all(len(l) <= 80 for l in r.stdout.splitlines()) and r.stdout.startswith("ID "), r.stdout
    r = run("list", "--corpus", SEEDS)
    assert "000_fc2b759d0bdd75d9  " in r.stdout and "khảo sát về công tác thông tin đối ngoại" in r.stdout, "piped: whole ids and titles"


# ---------------------------------------------------------------- look and configuration (issue 11)

SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def styled_cells(capture):
    """(char, bold, fg, bg, params-seen) for each visible character of a `capture-pane -e` dump."""
    out, bold, fg, bg = [], False, None, None
    for line in capture.split("\n"):
        pos = 0
        for m in list(SGR.finditer(line)) + [None]:
            end = m.start() if m else len(line)
            for ch in line[pos:end]:
                if ch.strip():
                    out.append((ch, bold, fg, bg))
            if not m:
                break
            pos = m.end()
            ps = [int(x) if x else 0 for x in re.split("[;:]", m.group(1))] or [0]
            i = 0
            while i < len(ps):
                p = ps[i]
                if p == 0: bold, fg, bg = False, None, None
                elif p == 1: bold = True
                elif p == 22: bold = False
                elif 30 <= p <= 37: fg = p - 30
                elif 90 <= p <= 97: fg = p - 90 + 8
                elif p == 39: fg = None
                elif 40 <= p <= 47: bg = p - 40
                elif 100 <= p <= 107: bg = p - 100 + 8
                elif p == 49: bg = None
                elif p in (38, 48) and i + 2 < len(ps) and ps[i + 1] == 5:
                    if p == 38: fg = ps[i + 2]
                    else: bg = ps[i + 2]
                    i += 2
                i += 1
    return out


def colour_params(capture):
    """Every SGR parameter that sets a colour (30–37, 38, 40–47, 48, 90–97, 100–107)."""
    found = []
    for m in SGR.finditer(capture):
        for x in re.split("[;:]", m.group(1)):
            if x and (30 <= int(x) <= 38 or 40 <= int(x) <= 48 or 90 <= int(x) <= 97 or 100 <= int(x) <= 107):
                found.append(int(x))
    return found


def look_screens(s):
    """The screens a user sees: timeline+detail, help, a picker, a search."""
    caps = []
    s.wait("5/5 meetings")
    caps.append(tmux("capture-pane", "-e", "-p", "-t", s.name))
    s.keys("?"); s.wait("Keys —")
    caps.append(tmux("capture-pane", "-e", "-p", "-t", s.name))
    s.keys("Escape"); s.wait_gone("Keys —")
    s.keys("p"); s.wait("(any)")
    caps.append(tmux("capture-pane", "-e", "-p", "-t", s.name))
    s.keys("Escape"); s.wait_gone("(any)")
    s.keys("/"); s.text("lang son"); s.wait("3 matches")
    caps.append(tmux("capture-pane", "-e", "-p", "-t", s.name))
    return caps


def test_no_bold_black_text_in_8_16_and_256_colours():
    # 256 and 8 colours (and 16 where the terminfo entry is installed: ncurses-term).
    terms = [t for t in ("xterm-256color", "xterm-16color", "xterm", "linux")
             if subprocess.run(["infocmp", t], capture_output=True).returncode == 0]
    assert "xterm" in terms and "xterm-256color" in terms, terms
    for term in terms:
        s = Session(f"env TERM={term} {BIN} --corpus {SEEDS}", 100, 30, name="look")
        caps = look_screens(s)
        s.keys("Escape", "q")
        s.kill()
        cells = [c for cap in caps for c in styled_cells(cap)]
        bad = [c for c in cells if c[1] and c[2] in (0, 8, 16)]
        assert not bad, f"{term}: bold black text: {''.join(c[0] for c in bad[:60])!r}"
        assert colour_params("".join(caps)), f"{term}: the standard theme draws some colour"
        # The header reads: white on blue, not black on anything.
        header = [c for c in styled_cells(caps[0].split("\n")[0]) if c[0] in "ttdnseeds"]
        assert header and all(c[2] in (7, 15) and c[3] == 4 for c in header), f"{term}: header cells {header[:5]}"
        # Text on the terminal's own background keeps the terminal's own foreground.
        coloured_on_default = {c[0] for c in cells if c[3] is None and c[2] is not None}
        assert not coloured_on_default, f"{term}: coloured text on the default background: {coloured_on_default}"


def test_no_color_draws_without_colour():
    s = Session(f"env NO_COLOR=1 {BIN} --corpus {SEEDS}", 100, 30, name="nocolor")
    caps = look_screens(s)
    s.keys("Escape", "q")
    s.kill()
    allcaps = "".join(caps)
    assert colour_params(allcaps) == [], f"NO_COLOR=1 still sends colours: {sorted(set(colour_params(allcaps)))}"
    params = {x for m in SGR.finditer(allcaps) for x in m.group(1).split(";")}
    assert "7" in params and "1" in params, f"attributes still mark the header, selection and help: {params}"
    # An empty NO_COLOR is no request (no-color.org): colours come back.
    s = Session(f"env NO_COLOR= {BIN} --corpus {SEEDS}", 100, 30, name="nocolor2")
    s.wait("5/5 meetings")
    assert colour_params(tmux("capture-pane", "-e", "-p", "-t", s.name)), "NO_COLOR= (empty) keeps colours"
    s.keys("q")
    s.kill()


def test_config_bind_x_quits_and_a_bad_line_is_named():
    cfg = os.path.join(TMP, "xdg-config")
    os.makedirs(os.path.join(cfg, "ttdn"), exist_ok=True)
    with open(os.path.join(cfg, "ttdn", "config"), "w") as f:
        f.write("# test\nbind x quit\nbind y qiut\nset info on\n")
    err = os.path.join(TMP, "config.err")
    s = Session(f"sh -c 'XDG_CONFIG_HOME={cfg} {BIN} --corpus {SEEDS} 2>{err}; echo rc=$?; sleep 30'", 100, 30, name="cfg")
    sc = s.wait("5/5 meetings")
    assert "line 3: unknown command ‘qiut’" in sc, "the bad line is named on the status line\n" + sc
    assert "File      " in sc, "set info on applied (the line after the bad one)\n" + sc
    s.keys("?")
    s.wait("Keys —")
    s.keys("Space", "Space", "Space")   # quit is near the end of the help, below the fold at 100×30
    sc = s.wait("q x")
    assert any("q x" in l and "quit" in l for l in rows(sc)), "help shows the user's binding\n" + sc
    s.keys("Escape")
    s.wait_gone("Keys —")
    s.keys("i")
    s.wait_gone("File      ")
    s.keys("x")
    s.wait("rc=0")
    s.kill()
    msg = open(err).read()
    assert "config " in msg and "line 3: unknown command ‘qiut’" in msg, msg
    # --config FILE; a missing one is an error that names it.
    alt = os.path.join(TMP, "alt.conf")
    open(alt, "w").write("bind Q quit\n")
    s = Session(f"sh -c '{BIN} --corpus {SEEDS} --config {alt}; echo rc=$?; sleep 30'", 100, 30, name="cfg2")
    s.wait("5/5 meetings")
    s.keys("Q")
    s.wait("rc=0")
    s.kill()
    r = subprocess.run([BIN, "browse", "--corpus", SEEDS, "--config", "/nonexistent/ttdn.conf"], capture_output=True, text=True, env=ENV)
    assert r.returncode != 0 and "config file not found: /nonexistent/ttdn.conf" in r.stderr, r.stderr


def main():
    if not shutil.which("tmux"):
        print("tmux is not installed: run `make test`, which installs it, or apt-get install tmux")
        print("0 passed, 1 failed")
        return 1
    tests = [(k, v) for k, v in globals().items() if k.startswith("test_") and callable(v)]
    only = os.environ.get("TTDN_TERMINAL_TEST")
    passed = failed = 0
    for name, fn in tests:
        if only and only not in name:
            continue
        t0 = time.time()
        try:
            fn()
            passed += 1
            print(f"PASS {name} ({time.time() - t0:.1f}s)", flush=True)
        except Exception:
            failed += 1
            print(f"FAIL {name} ({time.time() - t0:.1f}s)", flush=True)
            traceback.print_exc()
        finally:
            tmux("kill-server", check=False)
    shutil.rmtree(TMP, ignore_errors=True)
    print(f"terminal: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
