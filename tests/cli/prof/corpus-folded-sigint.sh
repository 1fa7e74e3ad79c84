need_corpus
# in-repo twin: prof/folded-sigint
cp "$CORPUS/prof/local-ghc902-sigint.prof" . && prof2speedscope --folded local-ghc902-sigint.prof
