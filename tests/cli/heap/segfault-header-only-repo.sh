# In-repo twin of segfault-header-only: a -hb run killed before it exited
# left only the .hp header (GHC 9.0.2 writes -hb censuses at exit).
cp "$TEST_DATA/heap/leak-hb-killed.hp" seg.hp
heap2svg --format=json seg.hp | jq -c '[.job, .times, .bands]'
