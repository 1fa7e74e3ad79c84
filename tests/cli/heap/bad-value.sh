need_corpus
# in-repo twin: heap/bad-value-repo
# a corrupted value in the middle of a real file: error with file:line
sed '12s/\t[0-9]*$/\t12x4/' "$CORPUS/heap/ghc902-leak-hc.hp" >bad.hp
heap2svg bad.hp -o out.svg
