# In-repo twin of bands-other: --bands=3 keeps the three biggest bands of
# the real -hc profile and merges the rest into OTHER; with --bands=0 the
# band totals add up to the same.
heap2svg -q --bands=3 --format=json "$TEST_DATA/heap/leak-hc.hp" |
	jq -c '.bands[] | [.name, .total, .other, .merged]'
heap2svg -q --bands=0 --format=json "$TEST_DATA/heap/leak-hc.hp" |
	jq '[.bands[].total] | add'
