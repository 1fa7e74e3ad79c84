cp "$TEST_DATA/prof/ccprof-pj.prof" . && prof-summarize -F json -n 3 ccprof-pj.prof
