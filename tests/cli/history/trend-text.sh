# trend: a +30% step at the 21st run, one-run blips ignored
awk 'BEGIN { seed = 7
	for (r = 1; r <= 40; r++) {
		f = sprintf("r%02d.csv", r)
		for (s = 0; s < 5; s++) {
			seed = (seed * 1103515245 + 12345) % 2147483648
			noise = (seed / 2147483648 - 0.5) * 0.04
			v = (r < 21 ? 0.010 : 0.013) * (1 + noise)
			if (r == 8) v *= 4
			printf "step,%.7f,s\n", v >f
			printf "flat,%.7f,s\n", 0.5 * (1 + noise) >f
		}
		close(f)
	} }'
r=1
while [ $r -le 40 ]; do
	f=$(printf 'r%02d.csv' $r)
	prof-history --db h.sqlite -q record --input-format csv "$f" \
		--commit "$(printf 'c%039d' $r)" --branch main --date $((1700000000 + r * 60))
	r=$((r + 1))
done
prof-history --db h.sqlite trend --branch main
prof-history --db h.sqlite trend 'st*' --branch main --format json | grep -A7 '"change_points"'
prof-history --db h.sqlite trend --branch main -o t.svg && head -c 5 t.svg && echo
prof-history --db h.sqlite trend --branch main -o t.html && head -1 t.html
echo "links to the network: $(grep -c -e 'http:' -e 'https:' t.html || true)"
