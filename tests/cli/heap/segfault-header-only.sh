need_corpus
# in-repo twin: heap/segfault-header-only-repo
# -hb run that crashed: only the header and the empty first sample
cp "$CORPUS/heap/ghc902-leak-hb-segfault.hp" seg.hp
heap2svg --format=json seg.hp | jq -c '[.job, .times, .bands]'
