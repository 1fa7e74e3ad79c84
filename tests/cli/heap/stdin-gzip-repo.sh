# In-repo twin of stdin-gzip: a gzipped .hp on standard input (here the
# non-profiled -hT profile, gzipped at test time).
gzip -c "$TEST_DATA/heap/leak-plain-hT.hp" >hT.hp.gz
heap2svg -q --format=csv - <hT.hp.gz | head -3 | cut -c1-60
