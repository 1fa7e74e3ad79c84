need_corpus
cp "$CORPUS/prof/local-ghc902-sigterm.prof" . && prof-summarize local-ghc902-sigterm.prof
