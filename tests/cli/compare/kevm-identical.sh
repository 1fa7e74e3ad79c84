# nothing qualifies: "Identical runs"
sh "$abs_top_srcdir/tests/compare/kevm-gen.sh" .
prof-compare --kevm --min-change 50 KEVM-timing-base.data KEVM-timing-pr.data
