# --stats: per-profile sample counts and total weight on stderr
cp "$TEST_DATA/eventlog/ccprof-p-l-au.eventlog" .
eventlog2speedscope --stats ccprof-p-l-au.eventlog -o out.json
test -s out.json
