need_corpus
# in-repo twin: heap/filters-and-window-repo
f="$CORPUS/heap/ghc902-leak-hc.hp"
echo "== include lazy, include main"
heap2svg -q --include=lazy --include='(299)' --bands=0 --format=json "$f" | jq -r '.bands[].name'
echo "== exclude CAF"
heap2svg -q --exclude=CAF --bands=0 --format=json "$f" | jq -r '.bands[].name'
echo "== from 0.5 to 0.7"
heap2svg -q --from=0.5 --to=700ms --format=json "$f" | jq -c '.times'
