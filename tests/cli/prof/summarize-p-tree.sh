cp "$TEST_DATA/prof/ccprof-p.prof" . && prof-summarize --tree --depth 6 --threshold 2 -n 5 ccprof-p.prof
