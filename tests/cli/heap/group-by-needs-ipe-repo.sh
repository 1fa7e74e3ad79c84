# In-repo twin of group-by-needs-ipe: --group-by without --ipe is refused.
cp "$TEST_DATA/heap/leak-hc.hp" hc.hp
heap2svg -q --group-by=module hc.hp -o out.svg
