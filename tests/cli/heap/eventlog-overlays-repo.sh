# In-repo twin of eventlog-overlays: a heap eventlog written with -l has
# heap-size and live-data events: drawn as overlay lines.
heap2svg -q --format=json "$TEST_DATA/heap/leak-hT.eventlog" |
	jq -c '[.overlays[] | [.name, (.times | length)]]'
