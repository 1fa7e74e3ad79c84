# In-repo twin of eventlog-hc: the -hc run's eventlog (GHC 9.0.2): wall
# clock, cost-centre stacks named from the eventlog's definitions.
heap2svg -q --bands=3 --format=json "$TEST_DATA/heap/leak-hc.eventlog" |
	jq -c '[.clock, .breakdown, (.times | length), [.bands[].name], [.marks[].label], .job]'
heap2svg -q --bands=1 --format=json "$TEST_DATA/heap/leak-hc.eventlog" | jq -r '.bands[0].detail'
