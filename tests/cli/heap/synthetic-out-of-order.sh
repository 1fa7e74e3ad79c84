need_corpus
# in-repo twin: heap/synthetic-out-of-order-repo
# times going backwards: samples sorted by time, with a warning
cp "$CORPUS/heap/synthetic-ooo.hp" .
heap2svg --format=csv synthetic-ooo.hp
