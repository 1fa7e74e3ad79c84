# In-repo twin of corpus-sigterm: the 0-byte .prof a SIGTERMed GHC 9.0.2
# run leaves: the message says why.
cp "$TEST_DATA/prof/ccprof-sigterm.prof" . && prof-summarize ccprof-sigterm.prof
