# In-repo twin of ipe-group-by: an IPE table as TSV (the four entries of
# tests/fuzz/corpus/eventlog/ghc-9.2-events.eventlog, written here in the
# table's layout) labels the bands of a -hi profile derived from the real
# -hm one, and --group-by=module sums them per module; bands without an
# entry are grouped as such.
awk -F'\t' 'BEGIN { OFS = "\t"; split("0x409f78 0x409fd8 0x40a088 0x40a0f8 0x5a0000 0x5a0010 0x5a0020 0x5a0030", a, " ") }
	NF > 1 { if (!($1 in id)) id[$1] = a[++n]; $1 = id[$1] } { print }' \
	"$TEST_DATA/heap/leak-hm.hp" >hi.hp
printf '%s\t%s\t%s\t%s\t%s\t%s\n' \
	info_table_addr table_name closure_type type module src_loc \
	0x409f78 sat_s154_info 21 'Integer -> IO ()' Main Test.hs:5:1-30 \
	0x409fd8 sat_s157_info 21 '[Integer]' Main Test.hs:5:1-30 \
	0x40a088 main_info 21 'IO ()' Main Test.hs:5:1-30 \
	0x40a0f8 main_info 21 'IO ()' Main.Other Test.hs:5:1-4 >ipe.tsv
heap2svg --ipe=ipe.tsv --group-by=module --bands=4 --format=json hi.hp |
	jq -c '.bands[] | [.name, .total]'
heap2svg -q --ipe=ipe.tsv --bands=3 --format=json hi.hp | jq -c '.bands[] | [.name, .label]'
