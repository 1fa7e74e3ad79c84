#!/bin/sh
# tests/history-hostile.sh - prof-history on hostile databases and places:
# an empty or in-memory --db is refused (an unset $DB in CI must not lose
# results silently); a commit id that is a prefix of another is addressed
# exactly; a SQLite file of another application is refused and left
# byte for byte; reading commands work on a read-only mount; a record
# that hits a full disk, or an import of a broken file into a new
# database, leaves no empty database behind.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
has() { grep -q -- "$1" "$T/.err" && echo yes || echo no; }
printf 'bench0,0.001,s\nbench0,0.0012,s\nbench1,0.5,s\n' >"$T/r.csv"
printf 'bench0,0.002,s\nbench0,0.0022,s\nbench1,0.7,s\n' >"$T/r2.csv"
rec() { prof-history -q record --input-format csv "$@"; }

### --db "" and :memory: ###################################################
fails_with 1 '--db "": refused' rec --db "" --commit c1 "$T/r.csv"
is '--db "": says nothing would be kept' yes "$(has 'nothing would be kept')"
fails_with 1 "--db :memory:: refused" rec --db :memory: --commit c1 "$T/r.csv"
ok "no file named :memory: made" test ! -e :memory:

### an exact commit id wins over the ids it is a prefix of ##################
db="$T/h.sqlite"
ok "record abc" rec --db "$db" --commit abc "$T/r.csv"
ok "record abcdef" rec --db "$db" --commit abcdef "$T/r2.csv"
ok "show abc (a prefix of abcdef)" prof-history --db "$db" show abc
is "show abc: the run of abc" yes "$(grep -q 'abc' "$T/.out" && ! grep -q abcdef "$T/.out" && echo yes || echo no)"
fails_with 1 "show ab: still ambiguous" prof-history --db "$db" show ab
ok "check --against commit:abc" prof-history --db "$db" check --input-format csv --against commit:abc "$T/r.csv"
ok "baseline set --commit abc" prof-history --db "$db" baseline set --commit abc

### a failed first import leaves no database; an existing one is kept ####
# a github-action-benchmark data.js whose date is beyond int64 seconds
# (the fuzz campaign's finding, tests/fuzz/corpus/history)
bad=$abs_top_srcdir/tests/fuzz/corpus/history/gab_date_ms_beyond_int64.js
fails_with 1 "import of a broken data.js into a new --db: refused" \
	prof-history --db "$T/new.sqlite" import "$bad"
is "... names the file and the entry" yes "$(has 'gab_date_ms_beyond_int64.js: entries.*date is out of range')"
is "... no database (nor -wal/-shm) left behind" "" "$(cd "$T" && ls -A | grep '^new\.sqlite' || :)"
cp "$db" "$T/kept.sqlite"
fails_with 1 "the same import into an existing history: refused" \
	prof-history --db "$T/kept.sqlite" import "$bad"
ok "... the existing history is kept" prof-history --db "$T/kept.sqlite" show abc

### a SQLite database of another application ###############################
if command -v python3 >/dev/null; then
	python3 -c "import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute('create table notes (t text)')
c.execute(\"insert into notes values ('keep me')\"); c.commit()" "$T/other-app.sqlite"
	cp "$T/other-app.sqlite" "$T/other-app.orig"
	fails_with 1 "another application's database: refused" rec --db "$T/other-app.sqlite" --commit c1 "$T/r.csv"
	is "another application's database: says so" yes "$(has 'another application')"
	ok "another application's database: unchanged" cmp "$T/other-app.sqlite" "$T/other-app.orig"
	ok "another application's database: no -wal made" test ! -e "$T/other-app.sqlite-wal"
else
	skip "another application's database" "no python3"
fi

### read-only mount and full disk (root, in a private mount namespace) #####
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 &&
   unshare -m mount -t tmpfs tmpfs "$T" 2>/dev/null; then
	mkdir "$T/ro" "$T/full"
	cat >"$T/mnt.sh" <<SH
set -u
mount -t tmpfs -o size=1m tmpfs "$T/ro" && cp "$db" "$T/ro/h.sqlite" &&
mount -o remount,ro "$T/ro" || exit 99
for c in list "show abc" "export --format csv" "baseline list" \\
	 "trend -o $T/trend.html" "check --input-format csv --against commit:abc $T/r.csv"; do
	prof-history --db "$T/ro/h.sqlite" \$c >/dev/null 2>"$T/ro-err" || { echo "fail: \$c"; cat "$T/ro-err"; }
done
prof-history -q --db "$T/ro/h.sqlite" record --input-format csv --commit c9 "$T/r.csv" 2>/dev/null && echo "fail: record on a read-only mount succeeded"
mount -t tmpfs -o size=8k tmpfs "$T/full" || exit 99
prof-history -q --db "$T/full/h.sqlite" record --input-format csv --commit c1 "$T/r.csv" 2>/dev/null && echo "fail: record on a full disk succeeded"
ls -A "$T/full"
SH
	is "read-only mount: every reading command works; full disk: no database left" "" \
		"$(unshare -m sh "$T/mnt.sh" 2>&1)"
else
	skip "read-only mount and full disk" "needs root and unshare -m"
fi

done_testing
