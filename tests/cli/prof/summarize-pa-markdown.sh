cp "$TEST_DATA/prof/ccprof-pa.prof" . && prof-summarize -F markdown -n 5 ccprof-pa.prof
