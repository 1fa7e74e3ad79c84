# Bounded memory: --resolution=N keeps N time buckets of two censuses
# each (the smallest and the largest total), plus the first and the last
# census.  From the real 48-census -hT profile with --resolution=4: at
# most 10 censuses, the first and last times kept, the largest total kept,
# band totals the same as from every census; --resolution=full keeps all
# 48.  A bad value is a usage error.
f=$TEST_DATA/heap/leak-plain-hT.hp
heap2svg -q --bands=0 --format=json --resolution=full "$f" >full.json
heap2svg -q --bands=0 --format=json --resolution=4 "$f" >small.json
jq -c '[(.times | length), .times[0], .times[-1], (.sample_totals | max)]' full.json
jq -c '[(.times | length) <= 10, .times[0], .times[-1], (.sample_totals | max)]' small.json
jq -c '[.bands[] | [.name, .total, .peak]] | sort' full.json >a
jq -c '[.bands[] | [.name, .total, .peak]] | sort' small.json >b
cmp a b && echo "same band totals and peaks"
heap2svg --resolution=1 "$f" -o out.svg
echo "exit $?"
