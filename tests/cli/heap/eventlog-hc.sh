need_corpus
# in-repo twin: heap/eventlog-hc-repo
# cost-centre stacks named (id)a/b/c, markers, elapsed-seconds clock
heap2svg -q --bands=3 --format=json "$CORPUS/heap/ghc902-leak-hc.eventlog" |
	jq -c '[.clock, .breakdown, (.times | length), [.bands[].name], [.marks[].label], .job]'
heap2svg -q --bands=1 --format=json "$CORPUS/heap/ghc902-leak-hc.eventlog" | jq -r '.bands[0].detail'
