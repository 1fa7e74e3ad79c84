cp "$TEST_DATA/prof/ccprof-P.prof" . && prof-summarize ccprof-P.prof
