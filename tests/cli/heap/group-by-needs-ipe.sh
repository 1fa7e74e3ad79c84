need_corpus
# in-repo twin: heap/group-by-needs-ipe-repo
cp "$CORPUS/heap/ghc902-leak-hc.hp" hc.hp
heap2svg -q --group-by=module hc.hp -o out.svg
