cp "$TEST_DATA/prof/ccprof-pj.prof" . && prof2speedscope --folded -w alloc ccprof-pj.prof
