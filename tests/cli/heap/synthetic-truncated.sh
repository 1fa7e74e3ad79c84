need_corpus
# in-repo twin: heap/synthetic-truncated-repo
# last sample without END_SAMPLE: kept, with a warning, exit 0
cp "$CORPUS/heap/synthetic-trunc.hp" .
heap2svg --format=csv synthetic-trunc.hp
