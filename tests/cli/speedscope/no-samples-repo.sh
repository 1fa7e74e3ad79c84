# In-repo twin of no-samples: a plain -l eventlog (scheduler, GC; no
# cost-centre samples, no spans): one clear error, exit 1.
cp "$TEST_DATA/eventlog/ccprof-l.eventlog" .
eventlog2speedscope ccprof-l.eventlog -o out.json
