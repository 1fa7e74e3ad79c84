need_corpus
cp "$CORPUS/prof/local-ghc902-sigint.prof" . && prof2speedscope --folded local-ghc902-sigint.prof
