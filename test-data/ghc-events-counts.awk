# test-data/ghc-events-counts.awk - reference counts from `ghc-events show`.
#
#   ghc-events show FILE | awk -v name=FILE -v gev=VERSION -f ghc-events-counts.awk
#
# Used by make-fixtures-matrix.sh (in the Debian root, next to GHC) and by
# tests/ghc-matrix.sh (against a live ghc-events).  Reads the lines after
# "Events:", "TIME: [cap N: ]TEXT", and prints:
#   events N          event lines, block markers ("event block: ...") excluded
#   type ID N         events of type ID (GHC's number), for the kinds of
#                     line below whose text identifies the type
#   cap-samples C N   time-profile samples ("cap no C, prof sample")
#   residency N       sum of the residencies of all heap sample rows
# Only types that occur are printed.
BEGIN { ev = 0 }
/^Events:/ { ev = 1; next }
!ev { next }
{
	if (!match($0, /^ *[0-9]+: /))
		next
	t = substr($0, RLENGTH + 1)
	if (match(t, /^cap [0-9]+: /))
		t = substr(t, RLENGTH + 1)
	if (t ~ /^event block: /) { blocks++; next }
	events++
	id = -1
	if (t ~ /^creating thread /) id = 0
	else if (t ~ /^running thread /) id = 1
	else if (t ~ /^stopping thread /) id = 2
	else if (t ~ /^starting GC$/) id = 9
	else if (t ~ /^finished GC$/) id = 10
	else if (t ~ /^GC idle$/) id = 20
	else if (t ~ /^GC working$/) id = 21
	else if (t ~ /^GC done$/) id = 22
	else if (t ~ /^allocated on heap capset /) id = 49
	else if (t ~ /^size of heap capset /) id = 50
	else if (t ~ /^live data in heap capset /) id = 51
	else if (t ~ /^heap stats for heap capset /) id = 52
	else if (t ~ /^GC stats for heap capset /) id = 53
	else if (t ~ /^all caps stopped for GC$/) id = 54
	else if (t ~ /^start heap profiling /) id = 160
	else if (t ~ /^cost centre [0-9]+ /) id = 161
	else if (t ~ /^start heap prof sample /) id = 162
	else if (t ~ /^end prof sample /) id = 165
	else if (t ~ /^heap prof sample [0-9]+, residency [0-9]+, cost centre stack/) id = 163
	else if (t ~ /^heap prof sample [0-9]+, residency [0-9]+, label /) id = 164
	if (id == 163 || id == 164) {
		r = t; sub(/^heap prof sample [0-9]+, residency /, "", r); sub(/,.*/, "", r)
		res += r
		hasres = 1
	}
	else if (t ~ /^cap no [0-9]+, prof sample /) {
		id = 167
		c = t; sub(/^cap no /, "", c); sub(/,.*/, "", c)
		caps[c]++
	}
	else if (t ~ /^start time profiling/) id = 168
	else if (t ~ /^Info Table: /) id = 169
	if (id >= 0)
		n[id]++
}
END {
	printf "# ghc-events %s show %s: reference counts (ghc-events-counts.awk)\n", gev, name
	printf "events %d\n", events
	for (i = 0; i < 256; i++)
		if (i in n)
			printf "type %d %d\n", i, n[i]
	for (i = 0; i < 1024; i++)
		if ((i "") in caps)
			printf "cap-samples %d %d\n", i, caps[i ""]
	if (hasres)
		printf "residency %.0f\n", res
}
