# In-repo twin of filters-and-window: --include (twice), --exclude and a
# --from/--to window on the real -hc profile.
f="$TEST_DATA/heap/leak-hc.hp"
echo "== include lazy, include main"
heap2svg -q --include=lazy --include='(299)' --bands=0 --format=json "$f" | jq -r '.bands[].name'
echo "== exclude CAF"
heap2svg -q --exclude=CAF --bands=0 --format=json "$f" | jq -r '.bands[].name'
echo "== from 0.2 to 0.4"
heap2svg -q --from=0.2 --to=400ms --format=json "$f" | jq -c '.times'
