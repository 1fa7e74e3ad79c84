need_corpus
# in-repo twin: prof/summarize-P-tree
cp "$CORPUS/prof/local-ghc902-P.prof" . && prof-summarize --tree local-ghc902-P.prof
