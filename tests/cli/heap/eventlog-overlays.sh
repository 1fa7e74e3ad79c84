need_corpus
# in-repo twin: heap/eventlog-overlays-repo
# heap size and live data from the RTS, drawn over the stack
heap2svg -q --format=json "$CORPUS/heap/ghc-events-stop.hT.eventlog" |
	jq -c '[.overlays[] | [.name, (.times | length)]]'
