cp "$TEST_DATA/prof/ccprof-P.prof" . && prof2speedscope --folded ccprof-P.prof
