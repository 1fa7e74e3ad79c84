# the seed's invocation, PR file first, expressed with named arguments:
# the columns follow the command line (pr, then base), the header names
# each column's build, and --fail-on-regression still gates on the current
# run being slower than the baseline (exit 3: add0 doubled, vat-fold broke)
sh "$abs_top_srcdir/tests/compare/kevm-gen.sh" .
prof-compare --kevm --fail-on-regression --current KEVM-timing-pr.data --baseline KEVM-timing-base.data
