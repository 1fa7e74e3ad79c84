# CSV metric direction per benchmark: a hit rate in % that falls from 90
# to 80 is a regression by the unit rule (a % whose name says hit,
# accuracy, coverage, success or efficiency is higher-is-better); a miss
# rate in % is lower-is-better; --higher-is-better / --lower-is-better
# REGEX override the rule
awk 'BEGIN { for (i = 0; i < 12; i++) { e = (i % 4 - 1.5) * 0.001
	printf "cache_hit_rate,%.4f,%%\n", 90 * (1 + e)
	printf "cache_miss_rate,%.4f,%%\n", 10 * (1 + e)
	printf "parse,%.6f,ms\n", 20 * (1 + e) } }' >base.csv
awk 'BEGIN { for (i = 0; i < 12; i++) { e = (i % 3 - 1) * 0.001
	printf "cache_hit_rate,%.4f,%%\n", 80 * (1 + e)
	printf "cache_miss_rate,%.4f,%%\n", 20 * (1 + e)
	printf "parse,%.6f,ms\n", 20 * (1 + e) } }' >cur.csv
prof-compare --format text base.csv cur.csv | grep -E '^(cache|parse)' | awk '{print $1, $NF}'
prof-compare --format text --fail-on-regression --lower-is-better 'hit_rate$' --higher-is-better miss base.csv cur.csv >a.txt
echo "exit $?"
grep -E '^(cache|parse)' a.txt | awk '{print $1, $NF}'
prof-compare --lower-is-better '(' base.csv cur.csv
