#!/bin/sh
# tests/ghc-matrix.sh - every tool on the fixtures of today's GHCs
# (test-data/ghc-VERSION/, made by test-data/make-fixtures-matrix.sh with
# GHC 9.6 and 9.10), against the reference counts `ghc-events show` of the
# same Debian release gave (NAME.eventlog.ghc-events, format in
# test-data/ghc-events-counts.awk):
#   - every eventlog, .prof and .hp reads with exit 0 in every tool that
#     accepts it (prof-summarize, eventlog2speedscope, heap2svg,
#     prof2speedscope; heap2svg --ipe for -hi profiles);
#   - event totals and per-type counts equal ghc-events';
#   - time-profile samples per capability (eventlog2speedscope's weight per
#     capability / tick) equal ghc-events';
#   - heap samples and heap sample rows (prof-summarize) equal ghc-events',
#     and heap2svg's band totals equal the sum of the residencies it shows;
#   - IPE entries decode with their source locations;
#   - with ghc-events installed, its live counts equal the committed ones.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

dirs=$(ls -d "$TEST_DATA"/ghc-*/ 2>/dev/null || true)
if [ -z "$dirs" ]; then
	skip "GHC version matrix" "no test-data/ghc-*/"
	done_testing
	exit $?
fi

# ref KEY FILE: the value(s) of KEY in a .ghc-events file
ref() { awk -v k="$1" '$1 == k { $1 = ""; sub(/^ /, ""); print }' "$2"; }

for d in $dirs; do
	v=$(basename "$d")
	ok "$v: MANIFEST lists every file" sh -c '
		cd "$1" && for f in *; do
			case $f in MANIFEST|*.ghc-events) continue;; esac
			grep -q "^$f | " MANIFEST || { echo "$f not in MANIFEST" >&2; exit 1; }
		done' sh "$d"
	for log in "$d"*.eventlog; do
		n="$v/$(basename "$log")"
		r="$log.ghc-events"
		ok "$n: prof-summarize" prof-summarize "$log"
		if [ ! -f "$r" ]; then
			_result 1 "$n: has a .ghc-events reference"
			continue
		fi
		if grep -q '^type 167 ' "$r"; then
			ok "$n: eventlog2speedscope" eventlog2speedscope "$log" -o "$T/e.json" -f
		else # heap-only logs: refused for what they lack, not misread
			fails_with 1 "$n: eventlog2speedscope: no samples (exit 1)" \
				eventlog2speedscope "$log" -o "$T/e.json" -f
			cp "$T/.err" "$T/why"
			ok "$n: eventlog2speedscope says why" grep -q 'no cost-centre samples' "$T/why"
		fi
		is "$n: events = ghc-events show" "$(ref events "$r")" \
			"$(prof-summarize --events "$log" --total)"
		is "$n: one meaning of capabilities (summary = --events)" \
			"$(prof-summarize --events "$log" | awk '$1 == "capabilities:" { print $2 }')" \
			"$(prof-summarize "$log" | awk '$1 == "capabilities" { print $2 }')"
		prof-summarize --events "$log" >"$T/ev"
		awk '/^event types:/ { t = 1; next } t && $1 ~ /^[0-9]+$/ { print "type " $1 " " $2 }' \
			"$T/ev" >"$T/types"
		grep '^type ' "$r" | while read -r _ id cnt; do
			echo "type $id $cnt"
		done >"$T/want-types"
		# every type ghc-events identified, with profkit's count
		got=$(while read -r _ id _; do grep "^type $id " "$T/types" || echo "type $id 0"; done <"$T/want-types")
		is "$n: per-type counts = ghc-events show ($(wc -l <"$T/want-types") types)" \
			"$(cat "$T/want-types")" "$got"
		if grep -q '^cap-samples ' "$r"; then
			tick=$(prof-summarize "$log" | awk '$1 == "sample" && $2 == "interval" { print $3 * 1000 }')
			got=$(python3 -c '
import json, re, sys
d = json.load(open(sys.argv[1]))
for p in d["profiles"]:
    m = re.search(r"\(cap (\d+)\)$", p["name"])
    if p["type"] == "sampled" and m:
        print("%s %d" % (m.group(1), sum(p["weights"]) // int(sys.argv[2])))
' "$T/e.json" "$tick" | sort -n)
			is "$n: samples per capability = ghc-events show" \
				"$(ref cap-samples "$r")" "$got"
		fi
		if grep -q '^type 162 ' "$r"; then
			rows=$(awk '$1 == "type" && ($2 == 163 || $2 == 164) { s += $3 } END { print s + 0 }' "$r")
			is "$n: heap samples (rows) = ghc-events show" \
				"heap samples $(awk '$1 == "type" && $2 == 162 { print $3 }' "$r") ($rows rows)" \
				"$(prof-summarize "$log" | sed -n 's/^ *heap samples  *//p' | sed 's/^/heap samples /')"
			ok "$n: heap2svg" heap2svg "$log" -o "$T/h.svg" -f
			if command -v jq >/dev/null 2>&1; then
				heap2svg -q --bands 0 --format json "$log" >"$T/el.json"
				is "$n: heap band totals = residencies ghc-events shows" \
					"$(ref residency "$r")" \
					"$(jq '[.bands[].total] | add // 0' "$T/el.json" | awk '{ printf "%.0f\n", $1 }')"
			else
				skip "$n: heap band totals" "jq not installed"
			fi
		fi
	done
	for hp in "$d"*.hp; do
		n="$v/$(basename "$hp")"
		ok "$n: prof-summarize" prof-summarize "$hp"
		ok "$n: heap2svg" heap2svg "$hp" -o "$T/h.svg" -f
		el=${hp%.hp}.eventlog
		case $hp in
		*-hi.hp)
			ok "$n: heap2svg --ipe" heap2svg "$hp" --ipe="$el" -o "$T/hi.html" -f
			# the view: the page's band table [name, label, ..., detail]
			sed -n 's|.*<script type="application/json" id="heap-data">\([^<]*\)</script>.*|\1|p' \
				"$T/hi.html" >"$T/hi.json"
			if command -v jq >/dev/null 2>&1; then
				is "$n: every band has its own name" "0" \
					"$(jq '[.bands[][1]] | length - (unique | length)' "$T/hi.json")"
				is "$n: closure types by name, not number" "0" \
					"$(jq '[.bands[][7] // "" | select(test("closure: [0-9]"))] | length' "$T/hi.json")"
				ok "$n: closure type names" jq -e '[.bands[][7] // "" | select(test("closure: (THUNK|CONSTR|FUN)[A-Z_0-9]* \\([0-9]+\\)"))] | length > 0' "$T/hi.json"
				is "$n: no empty 'source: :'" "0" \
					"$(jq '[.bands[][7] // "" | select(test("source: :|source: $"))] | length' "$T/hi.json")"
				is "$n: bands without IPE grouped in one" "1" \
					"$(jq '([.bands[] | select((.[0] | test("^0x")) and .[0] == .[1])] | length) + ([.bands[][1] | select(test("^no IPE entry \\([0-9]+ info tables\\)$"))] | length)' "$T/hi.json")"
				ok "$n: IPE coverage kept" grep -q 'IPE coverage: [0-9]* of [0-9]* info-table bands' "$T/hi.html"
			else
				skip "$n: the info-table view" "jq not installed"
			fi
			ok "$n: IPE source locations in the chart" grep -q 'Leak\.hs:[0-9]' "$T/hi.html"
			ok "$n: eventlog heap chart names bands by source" sh -c \
				'heap2svg "$1" -o "$2" -f && grep -q "Leak\.hs:[0-9]" "$2"' sh "$el" "$T/hie.html";;
		esac
	done
	for p in "$d"*.prof; do
		n="$v/$(basename "$p")"
		ok "$n: prof-summarize" prof-summarize "$p"
		ok "$n: prof2speedscope" prof2speedscope "$p" -o "$T/p.json" -f
		if command -v jq >/dev/null 2>&1; then
			prof-summarize -F json "$p" >"$T/ps.json"
			is "$n: time weight = cpu_time_s (ticks x interval)" \
				"$(jq '.cpu_time_s * 1e9 | round' "$T/ps.json")" \
				"$(jq '.profiles[0].weights | add // 0' "$T/p.json")"
			if [ "$(jq .processors "$T/ps.json")" = 2 ]; then
				is "$n: -N2: total_time_s = cpu_time_s / processors (header's rounding)" \
					"$(jq -r '.total_time_s | tostring' "$T/ps.json")" \
					"$(jq -r '(.cpu_time_s / 2 * 100 | round) / 100 | tostring' "$T/ps.json")"
			fi
		fi
	done
done

# Markers that fire together (spans: END and pure-value, 30 us apart)
# share one label instead of printing on top of each other.
el="$TEST_DATA/eventlog/spans-N2-p-l.eventlog"
if [ -f "$el" ]; then
	heap2svg -q "$el" -o "$T/m.html" -f 2>/dev/null || true
	is "markers firing together: one label" "START|END, pure-value" \
		"$(sed -n 's/.*<g class="markers">\(.*\)/\1/p' "$T/m.html" | sed 's|</g>.*||' |
			grep -o '<text[^>]*>[^<]*</text>' | sed 's/<[^>]*>//g' | tr '\n' '|' | sed 's/|$//')"
fi

# The IPE entries: every one decodes, with a location where GHC gave one.
for log in "$TEST_DATA"/ghc-*/leak-it-hi.eventlog; do
	n="$(basename "$(dirname "$log")")/$(basename "$log")"
	"$abs_top_builddir/tests/eventlog-dump" "$log" >"$T/dump"
	is "$n: IPE entries decoded = ghc-events show" \
		"$(ref type "$log.ghc-events" | awk '$1 == 169 { print $2 }')" \
		"$(grep -c '^[0-9]*: Info Table: ' "$T/dump" || true)"
	ok "$n: IPE entry with its Leak.hs source span" \
		grep -qE 'Info Table: [0-9a-f]+:[0-9]+:[A-Za-z_0-9]+_info - Leak\.hs:[0-9]+:[0-9]+-[0-9]+ ' "$T/dump"
done

# The same log as a writer that declares IPE sizes right (derived: each
# IPE event's size field lowered by the one byte GHC 9.6/9.10 add) reads
# the same; so does one whose IPE events carry an extra trailing field
# the reader does not know (size and bytes grown by 4).
if command -v python3 >/dev/null 2>&1; then
	for log in "$TEST_DATA"/ghc-*/leak-it-hi.eventlog; do
		n="$(basename "$(dirname "$log")")/$(basename "$log")"
		for how in exact wider; do
			python3 - "$log" "$T/$how.eventlog" "$how" <<'PY'
import struct, sys
src, dst, how = sys.argv[1], sys.argv[2], sys.argv[3]
b = open(src, 'rb').read()
# header: event types (id, size) up to "hete"
i = b.index(b'hetb') + 4
sizes = {}
while b[i:i + 4] == b'etb\0':
    tid, sz, dl = struct.unpack('>HHI', b[i + 4:i + 12])
    j = i + 12 + dl
    xl = struct.unpack('>I', b[j:j + 4])[0]
    sizes[tid] = sz
    i = j + 4 + xl + 4
i = b.index(b'datb', i) + 4
out = bytearray(b[:i])
while i + 2 <= len(b):
    tid = struct.unpack('>H', b[i:i + 2])[0]
    if tid == 0xffff:
        out += b[i:]
        break
    if sizes[tid] != 0xffff:
        n = 10 + sizes[tid]
        out += b[i:i + n]; i += n
        continue
    sz = struct.unpack('>H', b[i + 10:i + 12])[0]
    if tid == 169:  # follow the fields: u64 + six NUL-terminated strings
        j = i + 12 + 8
        for _ in range(6):
            j = b.index(b'\0', j) + 1
        body = b[i + 12:j]
        if how == 'wider':
            body += b'\1\2\3\4'
        out += b[i:i + 10] + struct.pack('>H', len(body)) + body
        i = j
        continue
    out += b[i:i + 12 + sz]; i += 12 + sz
open(dst, 'wb').write(out)
PY
			is "$n, IPE sizes $how: same event counts" \
				"$(prof-summarize --events "$log" | grep -E '^ +[0-9]+ +[0-9]+ ')" \
				"$(prof-summarize --events "$T/$how.eventlog" | grep -E '^ +[0-9]+ +[0-9]+ ')"
			[ "$how" = exact ] || continue
			# cut right after the last IPE event's fields (its size
			# field promises one byte more): all IPE events are read
			python3 -c '
import sys
b = open(sys.argv[1], "rb").read()
i = b.rfind(b"Leak.hs:")
open(sys.argv[2], "wb").write(b[:b.index(b"\0", i) + 1])' "$log" "$T/cut.eventlog"
			is "$n, cut after the last IPE fields: every IPE entry" \
				"$(prof-summarize --events "$log" | awk '$1 == 169 { print $2 }')" \
				"$(prof-summarize --events "$T/cut.eventlog" 2>/dev/null | awk '$1 == 169 { print $2 }')"
			"$abs_top_builddir/tests/eventlog-dump" "$log" | grep 'Info Table' >"$T/a"
			"$abs_top_builddir/tests/eventlog-dump" "$T/$how.eventlog" | grep 'Info Table' >"$T/b"
			ok "$n, IPE sizes $how: same IPE entries" cmp -s "$T/a" "$T/b"
		done
	done
else
	skip "IPE size variants" "no python3"
fi

if command -v ghc-events >/dev/null 2>&1; then
	gev=$(ghc-events --version 2>/dev/null | head -n 1 || echo '?')
	for log in "$TEST_DATA"/ghc-*/*.eventlog; do
		n="$(basename "$(dirname "$log")")/$(basename "$log")"
		if LC_ALL=C.UTF-8 ghc-events show "$log" >"$T/show" 2>/dev/null; then
			awk -v name=x -v gev=x -f "$TEST_DATA/ghc-events-counts.awk" "$T/show" |
				grep -v '^#' >"$T/live"
			is "$n: live ghc-events ($gev) = committed counts" \
				"$(grep -v '^#' "$log.ghc-events")" "$(cat "$T/live")"
		else
			skip "$n: live ghc-events" "$gev cannot read it (older than the GHC)"
		fi
	done
else
	skip "counts against a live ghc-events" "ghc-events not installed"
fi
done_testing
