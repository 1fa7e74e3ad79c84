need_corpus
# in-repo twin: compare/criterion-base-new-repo
# one Criterion directory twice: its base/ against its new/
cd "$CORPUS/bench-results"
prof-compare --format text criterion_Fibonacci_Recursive criterion_Fibonacci_Recursive
