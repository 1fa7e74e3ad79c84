need_corpus
# in-repo twin: heap/existing-output-repo
cp "$CORPUS/heap/synthetic-q.hp" q.hp
echo keep >out.svg
heap2svg -q q.hp -o out.svg
cat out.svg
