# --baseline/--current decide by role, not by position: the "PR" file
# named as the baseline makes functional-spec (70.1 -> 81.58 s) slower and
# flip-kick (passed -> timed out) broken in the current run; the columns
# follow the order of the two options (exit 3 both times)
sh "$abs_top_srcdir/tests/compare/kevm-gen.sh" .
prof-compare --kevm --fail-on-regression --baseline KEVM-timing-pr.data --current KEVM-timing-base.data
echo "exit $?"
prof-compare --kevm --fail-on-regression --current KEVM-timing-base.data --baseline KEVM-timing-pr.data
