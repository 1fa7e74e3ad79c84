# In-repo twin of corpus-folded-sigint: the .prof GHC wrote on SIGINT (a
# final report) as folded stacks.
cp "$TEST_DATA/prof/ccprof-sigint.prof" . && prof2speedscope --folded ccprof-sigint.prof
