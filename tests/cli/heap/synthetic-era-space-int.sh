need_corpus
# in-repo twin: heap/synthetic-era-space-int-repo
# era names (leading digits), a name with a space, integer times
for f in era sp intt; do
	cp "$CORPUS/heap/synthetic-$f.hp" .
	heap2svg -q --bands=0 --format=csv synthetic-$f.hp
done
