# In-repo twin of sort-keys: every --sort key and --reverse on the real -hy
# profile.
f="$TEST_DATA/heap/leak-hy.hp"
for k in size stddev name growth peak; do
	echo "== $k"
	heap2svg -q --bands=4 --sort=$k --format=json "$f" | jq -r '.bands[].name'
done
echo "== size, reversed"
heap2svg -q --bands=4 --reverse --format=json "$f" | jq -r '.bands[].name'
