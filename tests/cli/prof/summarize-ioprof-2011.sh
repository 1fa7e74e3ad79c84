# In-repo twin of corpus-summarize-ioprof: a GHC 7 profile (no SRC column,
# "(0 ticks @ 20 ms)" without a processor count, every %time 0.0).
# GHC 9.0.2 writes neither; the file is tests/fuzz/corpus/prof/
# ioprof-2011-nosrc.prof, GHC's own testsuite sample (ioprof.prof.sample),
# kept in the repository.
cp "$abs_top_srcdir/tests/fuzz/corpus/prof/ioprof-2011-nosrc.prof" . &&
	prof-summarize --tree --threshold 0 ioprof-2011-nosrc.prof
