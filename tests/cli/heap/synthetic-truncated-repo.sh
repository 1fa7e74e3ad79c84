# In-repo twin of synthetic-truncated: a real killed -hc profile without
# its last END_SAMPLE line (a kill during the write of a census).
sed '$d' "$TEST_DATA/heap/leak-hc-killed.hp" >cut.hp
heap2svg --bands=0 --format=csv cut.hp
