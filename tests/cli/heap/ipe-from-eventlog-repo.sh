# In-repo twin of ipe-from-eventlog: --ipe reads the info-table (IPE) events
# of an eventlog.  GHC 9.0.2 writes none (IPE arrived in 9.2), so the log is
# tests/fuzz/corpus/eventlog/ghc-9.2-events.eventlog (haskell/ghc-events
# test/, BSD-3-Clause, kept in the repository); the -hi profile is derived
# from the real -hm one: four bands renamed to that log's info-table
# addresses, the other four to addresses it does not know.
awk -F'\t' 'BEGIN { OFS = "\t"; split("0x409f78 0x409fd8 0x40a088 0x40a0f8 0x5a0000 0x5a0010 0x5a0020 0x5a0030", a, " ") }
	NF > 1 { if (!($1 in id)) id[$1] = a[++n]; $1 = id[$1] } { print }' \
	"$TEST_DATA/heap/leak-hm.hp" >hi.hp
heap2svg --ipe="$abs_top_srcdir/tests/fuzz/corpus/eventlog/ghc-9.2-events.eventlog" \
	--bands=0 --format=json hi.hp 2>err | jq -c '.bands[] | [.name, .label]'
sed 's/.*hi.hp: //' err
