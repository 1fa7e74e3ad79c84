/* fuzz_bench.c - fuzz target for the benchmark result readers
 * (src/bench_read.c): every format, detected and forced, on the same
 * bytes; and the statistics on whatever samples come out. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "diag.h"
#include "stats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);

	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	/* no message sink installed: the library stays silent */
	for (int f = BENCH_FMT_AUTO; f <= BENCH_FMT_PROFBENCH; f++) {
		struct bench_read_opts o = {.format = (enum bench_format)f};
		struct bench_set s;
		struct pk_err e = {0};

		bench_set_init(&s);
		if (bench_read_buf("fuzz", buf, size, &o, &s, &e) == 0 &&
		    f == BENCH_FMT_AUTO) {
			for (size_t i = 0; i < s.n && i < 4; i++) {
				struct bench_entry *b = &s.v[i];
				struct stats_mwu mw;
				double lo, hi;

				(void)stats_median(b->samples, b->n);
				if (b->n > 0 && b->n < 200) {
					stats_mann_whitney(b->samples, b->n,
							   b->samples, b->n, &mw);
					stats_bootstrap_ratio_ci(b->samples, b->n,
								 b->samples, b->n,
								 0.95, 50, 1, &lo,
								 &hi);
				}
			}
		}
		pk_err_clear(&e);
		bench_set_free(&s);
	}
	free(buf);
	return 0;
}
