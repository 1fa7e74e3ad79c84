need_corpus
# in-repo twin: prof/summarize-sigterm
cp "$CORPUS/prof/local-ghc902-sigterm.prof" . && prof-summarize local-ghc902-sigterm.prof
