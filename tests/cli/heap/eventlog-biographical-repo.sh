# In-repo twin of eventlog-biographical: the heap samples of a -hb run's
# eventlog (GHC 9.0.2) give the biographical bands.
heap2svg -q --bands=0 --format=json "$TEST_DATA/heap/leak-hb.eventlog" |
	jq -c '[.breakdown, (.times | length), [.bands[].name]]'
