need_corpus
# in-repo twin: heap/synthetic-hi-json-repo
# -hi style names start with a digit (0x...); an empty final sample
cp "$CORPUS/heap/synthetic-hi.hp" .
heap2svg --bands=0 --format=json synthetic-hi.hp
