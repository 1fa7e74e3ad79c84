# test_fib.py: a tiny pytest-benchmark suite for profkit's benchmark-result
# fixtures (test-data/make-fixtures.sh runs it with pytest --benchmark-json).


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def test_fib_18(benchmark):
    assert benchmark(fib, 18) == 2584


def test_fib_20(benchmark):
    assert benchmark(fib, 20) == 6765
