need_corpus
cp "$CORPUS/prof/local-ghc902-P.prof" . && prof-summarize --tree local-ghc902-P.prof
