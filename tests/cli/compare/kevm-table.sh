# the KEVM table on the generated timing files (see tests/compare-kevm.sh)
sh "$abs_top_srcdir/tests/compare/kevm-gen.sh" .
prof-compare --kevm --fail-on-regression KEVM-timing-base.data KEVM-timing-pr.data
