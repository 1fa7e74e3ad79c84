need_corpus
# in-repo twin: heap/eventlog-biographical-repo
# -hb samples are placed at their own census time
heap2svg -q --bands=0 --format=json "$CORPUS/heap/ghc-events-biographical-samples.eventlog" |
	jq -c '[.breakdown, .times, [.bands[].name]]'
