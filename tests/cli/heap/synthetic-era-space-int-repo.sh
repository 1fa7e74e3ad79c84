# In-repo twin of synthetic-era-space-int, derived from the real -hm
# profile: band names that are numbers (as -he era profiles have), a band
# name with a space, and integer sample times (milliseconds).
f="$TEST_DATA/heap/leak-hm.hp"
awk -F'\t' 'BEGIN { OFS = "\t" } NF > 1 { if (!($1 in id)) id[$1] = ++n; $1 = id[$1] } { print }' "$f" >era.hp
sed 's/^Main\t/Main module\t/' "$f" >space.hp
awk '/^(BEGIN|END)_SAMPLE / { $2 = sprintf("%d", $2 * 1000) } { print }' "$f" >intt.hp
for h in era space intt; do
	echo "== $h"
	heap2svg -q --bands=0 --format=csv $h.hp
done
