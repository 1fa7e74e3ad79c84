// bench: a tiny google-benchmark program for profkit's benchmark-result
// fixtures (test-data/make-fixtures.sh).  Built twice: as is ("baseline")
// and with -DSUM_SLOW=2 ("current"), where BM_sum sums its vector twice
// when it has 65536 elements or more: a real regression of BM_sum/65536
// only.  BM_memcpy and BM_sum/1024 do the same work in both builds.
#include <benchmark/benchmark.h>

#include <cstring>
#include <numeric>
#include <vector>

#ifndef SUM_SLOW
#define SUM_SLOW 1
#endif

static void
BM_sum(benchmark::State &state)
{
	std::vector<long> v(static_cast<size_t>(state.range(0)), 1);
	int passes = state.range(0) >= 65536 ? SUM_SLOW : 1;
	for (auto _ : state) {
		for (int p = 0; p < passes; p++) {
			benchmark::DoNotOptimize(v.data());
			long s = std::accumulate(v.begin(), v.end(), 0L);
			benchmark::DoNotOptimize(s);
			benchmark::ClobberMemory();
		}
	}
	state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_sum)->Arg(1024)->Arg(65536);

static void
BM_memcpy(benchmark::State &state)
{
	std::vector<char> src(static_cast<size_t>(state.range(0)), 'x');
	std::vector<char> dst(src.size());
	for (auto _ : state) {
		std::memcpy(dst.data(), src.data(), src.size());
		benchmark::DoNotOptimize(dst.data());
		benchmark::ClobberMemory();
	}
	state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_memcpy)->Arg(4096);

BENCHMARK_MAIN();
