# In-repo twin of corpus-summarize-P: --tree of a -P profile (ticks and
# bytes columns; UTF-8, backslash, empty labels; a path with a space).
cp "$TEST_DATA/prof/ccprof-P.prof" . && prof-summarize --tree ccprof-P.prof
