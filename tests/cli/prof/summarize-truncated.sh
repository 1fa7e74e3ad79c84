head -n 50 "$TEST_DATA/prof/ccprof-P.prof" >cut.prof && prof-summarize -n 3 cut.prof
