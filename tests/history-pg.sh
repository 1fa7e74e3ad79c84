#!/bin/sh
# tests/history-pg.sh - prof-history on PostgreSQL, against a real server.
#
# Starts a throw-away PostgreSQL (initdb + pg_ctl, Debian's postgresql
# package) in a temporary directory, listening on a Unix socket only, as
# the postgres user when run as root (initdb refuses root), and stops it
# whatever happens.  Skips, saying why, without the server binaries or
# without libpq support in prof-history.  Then:
#  - every golden case of tests/cli/history runs against SQLite and against
#    a fresh PostgreSQL database, and the outputs (stdout, stderr, exit
#    status) must be byte-identical;
#  - 8 parallel recorders x PG_RECORDS records each: exactly that many
#    runs, every sample present;
#  - kill -9 of a recorder mid-transaction leaves no partial run;
#  - copy SQLite -> PostgreSQL -> SQLite: export identical to the
#    original's; the password of a URL never shows in a message.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

PG_RECORDS=${PG_RECORDS:-200}
PGBIN=""
for d in ${PROFKIT_PGBIN:-} /usr/lib/postgresql/*/bin; do
	[ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/createdb" ] &&
		PGBIN=$d
done
if [ -z "$PGBIN" ]; then
	skip "history-pg" "no PostgreSQL server binaries (Debian: postgresql)"
	done_testing
	exit 0
fi
if prof-history --db "postgresql:///x?host=/nonexistent" list 2>&1 |
	grep -q "built without PostgreSQL support"; then
	skip "history-pg" "prof-history built without libpq (libpq-dev)"
	done_testing
	exit 0
fi

# ---- the server: stopped by the EXIT trap whatever happens
chmod 755 "$T"
PGD="$T/pg"
SOCK="$T/s"
mkdir "$PGD" "$SOCK"
as_server() {
	if [ "$(id -u)" = 0 ]; then
		su postgres -s /bin/sh -c "$1"
	else
		sh -c "$1"
	fi
}
[ "$(id -u)" = 0 ] && chown postgres "$PGD" "$SOCK"
pg_stop() {
	[ -f "$PGD/data/postmaster.pid" ] &&
		as_server "'$PGBIN/pg_ctl' -D '$PGD/data' -m immediate -w stop" \
			>/dev/null 2>&1
	return 0
}
trap '_st=$?; pg_stop; if [ -z "${_planned:-}" ]; then
	echo "not ok $((_n + 1)) - $(basename "$0") stopped early (exit $_st)"
	echo "1..$((_n + 1))"
fi; rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

ok "initdb" as_server "'$PGBIN/initdb' -D '$PGD/data' -A trust -U profkit \
	-E UTF8 --locale=C --no-sync"
ok "server starts on a Unix socket" as_server "'$PGBIN/pg_ctl' -D '$PGD/data' \
	-l '$PGD/log' -w -t 60 -o \"-k '$SOCK' -c listen_addresses='' \
	-c fsync=off -c max_connections=40\" start"
[ -f "$PGD/data/postmaster.pid" ] || { sed 's/^/# /' "$PGD/log"; done_testing; exit 1; }

# newdb NAME: a fresh database; prints its URL
newdb() {
	"$PGBIN/createdb" -h "$SOCK" -U profkit "$1" >&2
	echo "postgresql:///$1?host=$SOCK&user=profkit"
}

# ---- the golden CLI cases on both backends
real=$(command -v prof-history)
mkdir "$T/wrap"
cat >"$T/wrap/prof-history" <<'EOF'
#!/bin/sh
# prof-history with the case's h.sqlite on PostgreSQL; the URL in
# messages reads h.sqlite again
n=$#
while [ $n -gt 0 ]; do
	a=$1; shift
	case $a in h.sqlite|sqlite:h.sqlite) a=$PK_URL;; esac
	set -- "$@" "$a"
	n=$((n - 1))
done
case ${PROFKIT_DB:-} in h.sqlite|sqlite:h.sqlite) PROFKIT_DB=$PK_URL;; esac
st=0
"$PK_REAL" "$@" >"$PK_TMP.o" 2>"$PK_TMP.e" || st=$?
sed "s|$PK_URL|h.sqlite|g" "$PK_TMP.o"
sed "s|$PK_URL|h.sqlite|g" "$PK_TMP.e" >&2
exit $st
EOF
chmod +x "$T/wrap/prof-history"
ncases=0
for c in "$abs_top_srcdir"/tests/cli/history/*.sh; do
	name=$(basename "$c" .sh)
	if grep -q '^need_corpus' "$c" && ! have_corpus; then
		continue
	fi
	grep -q 'h\.sqlite' "$c" || continue
	for b in sqlite pg; do
		d="$T/case-$b"
		rm -rf "$d"
		mkdir "$d"
		st=0
		if [ $b = sqlite ]; then
			(cd "$d" && need_corpus() { :; } &&
				TEST_DATA=$TEST_DATA CORPUS=$CORPUS \
				. "$c") >"$T/$b.out" 2>"$T/$b.err" </dev/null || st=$?
		else
			url=$(newdb "case_$(echo "$name" | tr -c 'a-z0-9\n' _)")
			(cd "$d" && need_corpus() { :; } &&
				PATH="$T/wrap:$PATH" && PK_URL=$url &&
				PK_REAL=$real && PK_TMP="$T/w" &&
				export PATH PK_URL PK_REAL PK_TMP &&
				TEST_DATA=$TEST_DATA CORPUS=$CORPUS \
				. "$c") >"$T/$b.out" 2>"$T/$b.err" </dev/null || st=$?
		fi
		echo "exit $st" >>"$T/$b.out"
	done
	if cmp -s "$T/sqlite.out" "$T/pg.out" && cmp -s "$T/sqlite.err" "$T/pg.err"; then
		_result 0 "cli/history/$name: identical on SQLite and PostgreSQL"
	else
		_result 1 "cli/history/$name: identical on SQLite and PostgreSQL"
		diff "$T/sqlite.out" "$T/pg.out" | head -10 | sed 's/^/# /'
		diff "$T/sqlite.err" "$T/pg.err" | head -10 | sed 's/^/# /'
	fi
	ncases=$((ncases + 1))
done
ok "at least 8 golden cases compared" test $ncases -ge 8

# ---- 8 parallel recorders
url=$(newdb par)
prof-history --db "$url" -q migrate
awk -v dir="$T" 'BEGIN {
	for (w = 0; w < 8; w++) {
		out = dir "/w" w ".csv"
		for (b = 0; b < 3; b++)
			for (s = 0; s < 4; s++)
				printf "bench%d,%.6f,s\n", b, 0.001 * (w + 1) + b + s / 1000 >out
		close(out)
	}
}'
pids=""
for w in 0 1 2 3 4 5 6 7; do
	(
		i=0
		while [ $i -lt "$PG_RECORDS" ]; do
			prof-history --db "$url" -q record --input-format csv \
				--branch ci --commit "w$w-$i" "$T/w$w.csv" ||
				echo "w$w-$i failed"
			# every 10th: recorded again, and a run every worker
			# records at about the same time: each stays one run
			if [ $((i % 10)) = 0 ]; then
				prof-history --db "$url" -q record \
					--input-format csv --branch ci \
					--commit "w$w-$i" "$T/w$w.csv" ||
					echo "w$w-$i again failed"
				prof-history --db "$url" -q record \
					--input-format csv --branch ci \
					--commit "shared$i" "$T/w0.csv" ||
					echo "shared$i by w$w failed"
			fi
			i=$((i + 1))
		done
	) >"$T/rec$w.log" 2>&1 &
	pids="$pids $!"
done
start=$(date +%s)
for p in $pids; do wait $p; done
echo "# 8 x $PG_RECORDS records in $(($(date +%s) - start)) s"
is "no recorder failed" "" "$(cat "$T"/rec*.log)"
total=$((8 * PG_RECORDS + (PG_RECORDS + 9) / 10))
prof-history --db "$url" list --format json >"$T/list.json"
is "exactly $total runs (8 x $PG_RECORDS + the shared ones once)" $total "$(grep -c '"run":' "$T/list.json")"
is "every run has its 12 samples" $total "$(grep -c '"samples": 12,' "$T/list.json")"
is "no run twice" $total \
	"$(grep '"commit":' "$T/list.json" | sort -u | wc -l | tr -d ' ')"
prof-history --db "$url" export --format csv >"$T/all.csv"
is "$((total * 12)) samples exported" $((total * 12 + 1)) \
	"$(wc -l <"$T/all.csv" | tr -d ' ')"

# ---- kill -9 mid-record: no partial run
url=$(newdb kill)
prof-history --db "$url" -q record --input-format csv --commit base "$T/w0.csv"
awk 'BEGIN { for (b = 0; b < 50; b++) for (s = 0; s < 2000; s++)
	printf "big%d,%.6f,s\n", b, 1 + b + s / 1e6 }' >"$T/big.csv"
mid=0
tries=0
while [ $tries -lt 5 ] && [ $mid -lt 2 ]; do
	tries=$((tries + 1))
	prof-history --db "$url" -q record --input-format csv \
		--commit "big$tries" "$T/big.csv" 2>/dev/null &
	pid=$!
	# kill it once its transaction is open and writing
	n=0
	while kill -0 $pid 2>/dev/null && [ $n -lt 2000 ]; do
		"$PGBIN/psql" -h "$SOCK" -U profkit -d kill -Atc \
			"SELECT count(*) FROM pg_stat_activity WHERE state = \
			'idle in transaction' OR (state = 'active' AND query LIKE \
			'INSERT INTO samples%')" 2>/dev/null | grep -q '^[1-9]' && break
		n=$((n + 1))
	done
	kill -9 $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
	prof-history --db "$url" list --format json >"$T/k.json"
	if grep -q "\"commit\": \"big$tries\"" "$T/k.json"; then
		is "run big$tries complete" 1 \
			"$(grep -A12 "\"commit\": \"big$tries\"" "$T/k.json" | grep -c '"samples": 100000')"
	else
		mid=$((mid + 1))
	fi
	is "no partial run after kill -9 #$tries" 0 \
		"$(grep '"samples":' "$T/k.json" | grep -v -c -e '"samples": 12,' -e '"samples": 100000' || true)"
done
echo "# $mid of $tries kills landed mid-transaction"
ok "at least one kill landed mid-transaction" test $mid -ge 1
ok "record works after the kills" prof-history --db "$url" -q record \
	--input-format csv --commit after "$T/w1.csv"

# ---- copy SQLite -> PostgreSQL -> SQLite
src="$T/orig.sqlite"
for i in 1 2 3 4 5; do
	printf 'a,%s\na,1.%s\nb,2.%s,ms\n' $i $i $i >"$T/c$i.csv"
	prof-history --db "$src" -q record --input-format csv --commit "c$i" \
		--branch main --date "2024-01-0$i" --label "k=v$i" "$T/c$i.csv"
done
prof-history --db "$src" -q baseline set --branch main
url=$(newdb copy)
ok "copy sqlite -> postgresql" prof-history -q copy --from "$src" --to "$url"
ok "copy postgresql -> sqlite" prof-history -q copy --from "$url" \
	--to "sqlite:$T/back.sqlite"
prof-history --db "$src" export --format json >"$T/e1.json"
prof-history --db "$url" export --format json >"$T/e2.json"
prof-history --db "$T/back.sqlite" export --format json >"$T/e3.json"
ok "export of the PostgreSQL copy is identical" cmp "$T/e1.json" "$T/e2.json"
ok "export of the copy back is identical" cmp "$T/e1.json" "$T/e3.json"
is "baselines copied" "$(prof-history --db "$src" baseline list | cut -f1-3)" \
	"$(prof-history --db "$T/back.sqlite" baseline list | cut -f1-3)"
prof-history copy --from "$src" --to "$url" >"$T/again.out"
is "copying again adds nothing" "copied 0 runs, 1 baselines to $url; 5 runs already present" \
	"$(tr '\n' ' ' <"$T/again.out" | sed 's/ $//')"
ok "migrate is idempotent" prof-history --db "$url" migrate

# ---- a read-only role (the README's grants) runs the reading commands
"$PGBIN/psql" -h "$SOCK" -U profkit -d copy -q -v ON_ERROR_STOP=1 -c \
	"CREATE ROLE profkit_ro LOGIN; GRANT USAGE ON SCHEMA public TO profkit_ro;
	 GRANT SELECT ON ALL TABLES IN SCHEMA public TO profkit_ro;" >/dev/null
ro="postgresql:///copy?host=$SOCK&user=profkit_ro"
ok "read-only role: list" prof-history --db "$ro" list
ok "read-only role: show" prof-history --db "$ro" show c3
ok "read-only role: export" prof-history --db "$ro" export --format csv
ok "read-only role: trend" prof-history --db "$ro" trend --all-branches
ok "read-only role: check" prof-history --db "$ro" check --input-format csv \
	--branch main "$T/c5.csv"
fails_with 1 "read-only role: record is refused" prof-history --db "$ro" \
	record --input-format csv --commit ro "$T/c1.csv"
is "read-only role: the refusal says why" 1 \
	"$(grep -c 'permission denied' "$T/.err")"

# ---- the password never shows
st=0
prof-history --db "postgresql://profkit:s3cr3t@/nosuchdb?host=$SOCK" list \
	>"$T/pw.out" 2>"$T/pw.err" || st=$?
is "a bad database fails with exit 1" 1 "$st"
is "the password is masked" 0 "$(grep -c s3cr3t "$T/pw.err" || true)"
ok "the message names the masked URL" grep -q 'profkit:\*\*\*@' "$T/pw.err"

done_testing
