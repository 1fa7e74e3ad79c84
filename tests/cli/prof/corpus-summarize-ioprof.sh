need_corpus
# in-repo twin: prof/summarize-ioprof-2011
cp "$CORPUS/prof/ghc-testsuite-ioprof-2011.prof" . && prof-summarize --tree --threshold 0 ghc-testsuite-ioprof-2011.prof
