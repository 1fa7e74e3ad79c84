# llama-bench -o sql text and the SQLite database filled from it, written
# to the layout of llama-bench's sql_printer (CREATE TABLE IF NOT EXISTS
# test (field TYPE, ...); then one INSERT per test with every value quoted)
# from the in-repo layout CSV: the same benchmarks as the CSV reader finds
awk -F'","' 'NR == 1 { gsub(/"/, ""); n = split($0, f, ",")
		print "CREATE TABLE IF NOT EXISTS test ("
		for (i = 1; i <= n; i++) {
			t = "INTEGER"
			if (f[i] ~ /^(build_commit|cpu_info|gpu_info|model_filename|model_type|tensor_split|test_time)$/) t = "TEXT"
			if (f[i] ~ /_ts$/) t = "REAL"
			printf "  %s %s%s\n", f[i], t, i < n ? "," : ""
		}
		print ");"; print ""; cols = f[1]; for (i = 2; i <= n; i++) cols = cols ", " f[i]; next }
	{ gsub(/^"|"$/, ""); printf "INSERT INTO test (%s) VALUES (", cols
	  for (i = 1; i <= NF; i++) printf "'"'"'%s'"'"'%s", $i, i < NF ? ", " : ""
	  print ");" }' "$TEST_DATA/bench/layout-llama-bench.csv" >llama.sql
head -2 llama.sql
echo "== SQL text against the CSV"
prof-compare --format text llama.sql "$TEST_DATA/bench/layout-llama-bench.csv" | grep -E '^(layout|[0-9]+ regression)' | awk '{print $1, $2, $3, $4, $5, $6}'
echo "== the SQLite database"
sqlite3 llama.db <llama.sql
prof-compare --format text llama.db llama.sql | grep -E '^[0-9]+ regression'
prof-history --db h.sqlite -q record llama.db --commit aaaa1111 --branch main
prof-history --db h.sqlite show aaaa1111 | grep -c 'layout'
echo "== refused SQL (ATTACH), rows without a table, a database without table test"
printf "CREATE TABLE IF NOT EXISTS test (avg_ts REAL);\nATTACH DATABASE 'x.db' AS x;\n" >bad.sql
prof-compare bad.sql llama.sql
printf "INSERT INTO test (avg_ts) VALUES ('1');\n" >bad2.sql
prof-compare bad2.sql llama.sql
echo "x.db created: $(test -e x.db && echo yes || echo no)"
sqlite3 other.db 'CREATE TABLE t (a); INSERT INTO t VALUES (1);'
prof-compare other.db llama.sql
