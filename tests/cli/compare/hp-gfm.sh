# two real .hp files (GHC 9.0.2, -hc and -hy of the same program)
cd "$TEST_DATA/heap"
prof-compare leak-hc.hp leak-hy.hp
