sed "42s/ 1125250 / 11x5250 /" "$TEST_DATA/prof/ccprof-P.prof" >garbled.prof && prof-summarize -F json -n 1 garbled.prof
