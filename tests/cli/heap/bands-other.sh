need_corpus
# in-repo twin: heap/bands-other-repo
# 3 bands + OTHER; OTHER holds the rest, so totals still add up
heap2svg -q --bands=3 --format=json "$CORPUS/heap/ghc902-leak-hc.hp" |
	jq -c '.bands[] | [.name, .total, .other, .merged]'
heap2svg -q --bands=0 --format=json "$CORPUS/heap/ghc902-leak-hc.hp" |
	jq '[.bands[].total] | add'
