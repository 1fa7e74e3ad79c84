# In-repo twin of synthetic-hi-json: -hi style band names (info-table
# addresses) next to an ordinary one, derived from the real -hm profile:
# every band but MAIN becomes 0x4a3b20 + its rank.
awk -F'\t' 'BEGIN { OFS = "\t" } NF > 1 && $1 != "MAIN" { if (!($1 in id)) id[$1] = sprintf("0x%x", 4864800 + 8 * n++); $1 = id[$1] } { print }' \
	"$TEST_DATA/heap/leak-hm.hp" >hi.hp
heap2svg --bands=0 --format=json hi.hp
