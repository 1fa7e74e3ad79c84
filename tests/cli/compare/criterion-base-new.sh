need_corpus
# one Criterion directory twice: its base/ against its new/
cd "$CORPUS/bench-results"
prof-compare --format text criterion_Fibonacci_Recursive criterion_Fibonacci_Recursive
