#!/usr/bin/env bash
# make install / make uninstall into an empty temporary PREFIX: every file is
# where it belongs, the installed ttdn runs (and finds its built-in corpus),
# the manual page reads with `man -l`, the completions load; uninstall leaves
# no file behind. Prints "install: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
P=$(mktemp -d /tmp/ttdn-prefix.XXXXXX)
trap 'rm -rf "$P"' EXIT
pass=0; fail=0
ok()   { pass=$((pass + 1)); echo "PASS $1"; }
bad()  { fail=$((fail + 1)); echo "FAIL $1"; }
check() { local what=$1; shift; if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi; }

make --no-print-directory -s install PREFIX="$P" >/tmp/ttdn-install.log 2>&1 || { cat /tmp/ttdn-install.log; bad "make install"; }
check "binary"                 test -x "$P/bin/ttdn"
check "man page"               test -s "$P/share/man/man1/ttdn.1"
check "bash completion"        test -s "$P/share/bash-completion/completions/ttdn"
check "zsh completion"         grep -q '^#compdef ttdn' "$P/share/zsh/site-functions/_ttdn"
check "fish completion"        grep -q "^complete -c 'ttdn'" "$P/share/fish/vendor_completions.d/ttdn.fish"
# The installed binary, run from elsewhere, opens its own copy of the seeds.
out=$(cd / && env -u TTDN_CORPUS XDG_CACHE_HOME="$P/cache" "$P/bin/ttdn" list --format csv 2>&1)
check "installed ttdn lists the built-in corpus" test "$(printf '%s\n' "$out" | wc -l)" -eq 6
# man -l renders it, with the sections built from the command definitions and the key table.
# (without man-db, nroff renders the same roff; without either, only the source is checked)
if command -v man >/dev/null; then render() { MANWIDTH=80 man "$@" -l "$P/share/man/man1/ttdn.1"; }
elif command -v nroff >/dev/null; then render() { nroff -man -Tutf8 "$P/share/man/man1/ttdn.1"; }
else render() { sed -n 's/^\.SH //p' "$P/share/man/man1/ttdn.1"; grep -v '^\.' "$P/share/man/man1/ttdn.1"; }; echo "note: neither man nor nroff is installed; checking the roff source only"
fi
page=$(render 2>/dev/null)
for section in NAME SYNOPSIS COMMANDS KEYS CONFIGURATION ENVIRONMENT; do
  check "man page has $section" grep -q "^$section" <<<"$page"
done
check "man page lists each key command (info)" grep -q 'command info' <<<"$page"
check "man page lists the list subcommand's options" grep -q -- '--format' <<<"$page"
command -v man >/dev/null && check "man -l shows no roff warnings" test -z "$(render --warnings 2>&1 >/dev/null)"
# The bash completion loads and completes subcommands.
comp=$(bash -c "source '$P/share/bash-completion/completions/ttdn' && COMP_WORDS=(ttdn li) COMP_CWORD=1 && COMP_LINE='ttdn li' && COMP_POINT=7 && _ttdn 2>/dev/null; printf '%s\n' \"\${COMPREPLY[@]}\"")
check "bash completion completes 'ttdn li' to list" grep -qx list <<<"$comp"

make --no-print-directory -s uninstall PREFIX="$P" >/dev/null 2>&1 || bad "make uninstall"
left=$(find "$P" -type f ! -path "$P/cache/*")
check "uninstall removes every installed file" test -z "$left"
[ -z "$left" ] || echo "$left"
echo "install: $pass passed, $fail failed"
[ "$fail" = 0 ]
