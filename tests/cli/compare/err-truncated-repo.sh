# In-repo twin of err-truncated: a google-benchmark JSON cut at byte 3000:
# one error naming the file and line, exit 1.
head -c 3000 "$TEST_DATA/bench/gbench-baseline.json" >base.json
prof-compare base.json "$TEST_DATA/bench/gbench-current.json"
