/* test_stats.c - unit tests of src/stats.c and of the bench readers.
 *
 * Reference values: scipy is not installed on the build machines, so the
 * p-values below were computed once by hand-checkable means and written
 * down here:
 *   - the males/females example of scipy.stats.mannwhitneyu's own
 *     documentation: U = 17, exact p = 0.1111111111111111, asymptotic
 *     p = 0.11134688653314041 (scipy 1.x, use_continuity=True);
 *   - the other exact p-values by brute-force enumeration of every
 *     assignment of ranks (python itertools.combinations), the tie case
 *     by scipy's asymptotic formula (tie term sum(t^3 - t), continuity
 *     correction 0.5).
 */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bench.h"
#include "compare.h"
#include "stats.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
near(double got, double want, double tol)
{
	if (!(fabs(got - want) <= tol)) {
		print_error("got %.17g, want %.17g (tol %g)\n", got, want, tol);
		fail();
	}
}

static void
test_median(void **state)
{
	double odd[] = {5, 1, 3}, even[] = {4, 1, 3, 2}, one[] = {7};

	(void)state;
	near(stats_median(odd, 3), 3, 0);
	near(stats_median(even, 4), 2.5, 0);
	near(stats_median(one, 1), 7, 0);
	assert_true(isnan(stats_median(NULL, 0)));
	/* inputs are not modified */
	near(odd[0], 5, 0);
	near(stats_geomean((double[]){1, 4}, 2), 2, 1e-15);
	assert_true(isnan(stats_geomean((double[]){1, 0}, 2)));
}

/* {1, 2, 3, 4, 100}: median 3, MAD 1, so 1.4826 (scipy's
 * median_abs_deviation(x, scale="normal") gives 1.482602); the outlier
 * does not move it.  Ties past half fall back to the sample SD. */
static void
test_robust_sd(void **state)
{
	double x[] = {1, 2, 3, 4, 100}, tied[] = {5, 5, 5, 8}, two[] = {1, 3};

	(void)state;
	near(stats_robust_sd(x, N(x)), 1.4826, 1e-12);
	near(stats_robust_sd(tied, N(tied)), 1.5, 1e-12);
	near(stats_robust_sd(two, N(two)), 1.4826, 1e-12);
	assert_true(isnan(stats_robust_sd(x, 1)));
	near(x[4], 100, 0);
}

static void
test_mwu_scipy_doc(void **state)
{
	double males[] = {19, 22, 16, 29, 24}, females[] = {20, 11, 17, 12};
	struct stats_mwu r;

	(void)state;
	assert_int_equal(stats_mann_whitney(males, 5, females, 4, &r), 0);
	assert_true(r.exact);
	near(r.u, 17, 0);
	near(r.p, 0.1111111111111111, 1e-12);
	assert_int_equal(stats_mann_whitney_method(males, 5, females, 4,
						   STATS_MWU_ASYMPTOTIC, &r),
			 0);
	near(r.p, 0.11134688653314041, 1e-12);
}

static void
test_mwu_exact(void **state)
{
	double a[] = {1.1, 2.2, 3.3, 4.4}, b[] = {0.5, 2.5, 3.5, 5.5, 6.5};
	double x[] = {1, 2, 3, 4, 5}, y[] = {6, 7, 8, 9, 10};
	struct stats_mwu r;

	(void)state;
	stats_mann_whitney(a, 4, b, 5, &r);
	near(r.u, 7, 0);
	near(r.p, 0.5555555555555556, 1e-12);
	/* complete separation: 2 / C(10, 5) */
	stats_mann_whitney(x, 5, y, 5, &r);
	near(r.u, 0, 0);
	near(r.p, 0.007936507936507936, 1e-15);
	stats_mann_whitney(y, 5, x, 5, &r);
	near(r.u, 25, 0);
	near(r.p, 0.007936507936507936, 1e-15);
	/* identical samples are not different */
	stats_mann_whitney(x, 5, x, 5, &r);
	near(r.p, 1, 0);
}

static void
test_mwu_ties(void **state)
{
	double x[] = {1, 2, 2, 3, 3, 3, 4}, y[] = {2, 3, 4, 4, 5, 5, 6};
	double c[] = {3, 3, 3};
	struct stats_mwu r;

	(void)state;
	stats_mann_whitney(x, 7, y, 7, &r);
	assert_true(r.ties);
	assert_false(r.exact);
	near(r.u, 8.5, 0);
	near(r.p, 0.04305143272894518, 1e-12);
	/* all equal: p = 1, no division by zero */
	stats_mann_whitney(c, 3, c, 3, &r);
	near(r.p, 1, 0);
}

static void
test_min_p(void **state)
{
	(void)state;
	near(stats_mwu_min_p(1, 1), 1, 0);
	near(stats_mwu_min_p(3, 3), 0.1, 1e-15);
	near(stats_mwu_min_p(4, 4), 0.02857142857142857, 1e-15);
	near(stats_mwu_min_p(10, 10), 1.082508822446903e-05, 1e-18);
	/* 3 against 3 can never reach 0.05: "too few samples" */
	assert_true(stats_mwu_min_p(3, 3) > 0.05);
	assert_true(stats_mwu_min_p(4, 4) < 0.05);
}

static void
test_bh(void **state)
{
	/* as R's p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH") */
	double p[] = {0.01, 0.04, 0.03, 0.005}, q[4];
	double p2[] = {0.5, NAN, 0.01}, q2[3];

	(void)state;
	stats_bh_adjust(p, 4, q);
	near(q[0], 0.02, 1e-15);
	near(q[1], 0.04, 1e-15);
	near(q[2], 0.04, 1e-15);
	near(q[3], 0.02, 1e-15);
	stats_bh_adjust(p2, 3, q2);
	near(q2[0], 0.5, 1e-15);
	assert_true(isnan(q2[1]));
	near(q2[2], 0.02, 1e-15);
}

static void
test_bootstrap(void **state)
{
	double base[] = {10, 11, 9, 10.5, 9.5, 10.2, 9.8, 10.1, 10.3, 9.9};
	double cur[10], lo, hi, lo2, hi2;

	(void)state;
	for (size_t i = 0; i < 10; i++)
		cur[i] = base[i] * 1.5;
	assert_int_equal(stats_bootstrap_ratio_ci(base, 10, cur, 10, 0.95,
						  2000, 42, &lo, &hi),
			 0);
	/* a pure scaling: every resample pair is a ratio near 1.5 */
	assert_true(lo <= 1.5 + 1e-9 && hi >= 1.5 - 1e-9);
	assert_true(lo > 1.3 && hi < 1.7);
	/* reproducible: same seed, same interval */
	stats_bootstrap_ratio_ci(base, 10, cur, 10, 0.95, 2000, 42, &lo2, &hi2);
	near(lo2, lo, 0);
	near(hi2, hi, 0);
	/* same sample on both sides: 1 is inside */
	stats_bootstrap_ratio_ci(base, 10, base, 10, 0.95, 2000, 7, &lo, &hi);
	assert_true(lo < 1 && hi > 1);
	assert_int_equal(stats_bootstrap_ratio_ci(base, 0, cur, 10, 0.95, 100,
						  1, &lo, &hi),
			 -1);
}

static void
test_rng(void **state)
{
	struct stats_rng a, b;

	(void)state;
	stats_rng_seed(&a, 1);
	stats_rng_seed(&b, 1);
	for (int i = 0; i < 100; i++)
		assert_true(stats_rng_next(&a) == stats_rng_next(&b));
	for (int i = 0; i < 1000; i++)
		assert_true(stats_rng_below(&a, 7) < 7);
}

/* ---- readers on small buffers --------------------------------------- */

static int
read_str(const char *text, struct bench_set *s, char **msg)
{
	struct pk_err e = {0};
	int rc;

	bench_set_init(s);
	rc = bench_read_buf("t", text, strlen(text), NULL, s, &e);
	if (msg)
		*msg = e.msg ? strdup(e.msg) : NULL;
	pk_err_clear(&e);
	return rc;
}

static void
test_read_kevm(void **state)
{
	struct bench_set s;
	const struct bench_entry *e;

	(void)state;
	assert_int_equal(
		read_str("Kore version 0.1\nGit:\n  revision:\tabc\n  branch:\tx\n"
			 "  last commit:\tnow\n"
			 "0 12.50s 10.00s 1.00s 1000KB timeout 3000 kevm prove "
			 "tests/specs/a/b/c-spec.k X\n"
			 "Command exited with non-zero status 124\n"
			 "124 3000.00s 1.00s 1.00s 1000KB timeout 3000 kevm "
			 "interpret tests/x/y.json\n",
			 &s, NULL),
		0);
	assert_int_equal(s.format, BENCH_FMT_KEVM);
	assert_non_null(s.header);
	assert_int_equal(s.n, 2);
	e = bench_set_find(&s, "a/b/c-spec.k", NULL);
	assert_non_null(e);
	near(e->samples[0], 12.5, 0);
	assert_int_equal(e->status, BENCH_OK);
	e = bench_set_find(&s, "tests/x/y.json", NULL);
	assert_non_null(e);
	assert_int_equal(e->status, BENCH_TIMEOUT);
	bench_set_free(&s);
}

static void
test_read_errors(void **state)
{
	struct bench_set s;
	char *msg = NULL;

	(void)state;
	/* a KEVM file with a broken line names the line */
	assert_int_equal(read_str("0 1.00s 1.00s 0.00s 10KB kevm prove a/b/c\n"
				  "0 1.0s oops\n",
				  &s, &msg),
			 -1);
	assert_non_null(strstr(msg, "t:2:"));
	free(msg);
	bench_set_free(&s);
	/* truncated JSON */
	assert_int_equal(read_str("{\"results\": [{\"command\": \"x\", \"times\": [1,",
				  &s, &msg),
			 -1);
	assert_non_null(strstr(msg, "t:1:"));
	free(msg);
	bench_set_free(&s);
	/* unknown text */
	assert_int_equal(read_str("hello world\n", &s, &msg), -1);
	assert_non_null(strstr(msg, "unrecognised"));
	free(msg);
	bench_set_free(&s);
}

static void
test_read_gbench_nan(void **state)
{
	struct bench_set s;
	const struct bench_entry *e;

	(void)state;
	assert_int_equal(
		read_str("{\"context\": {}, \"benchmarks\": [\n"
			 "{\"name\": \"A\", \"run_type\": \"iteration\", "
			 "\"real_time\": 2, \"cpu_time\": 1, \"time_unit\": \"us\"},\n"
			 "{\"name\": \"A\", \"run_type\": \"iteration\", "
			 "\"real_time\": NaN, \"cpu_time\": 1, \"time_unit\": \"us\"},\n"
			 "{\"name\": \"A\", \"run_type\": \"iteration\", "
			 "\"real_time\": 4, \"cpu_time\": -Infinity, \"time_unit\": \"us\"},\n"
			 "{\"name\": \"A_mean\", \"run_name\": \"A\", "
			 "\"run_type\": \"aggregate\", \"aggregate_name\": \"mean\", "
			 "\"real_time\": 3, \"time_unit\": \"us\"}]}",
			 &s, NULL),
		0);
	assert_int_equal(s.format, BENCH_FMT_GBENCH);
	e = bench_set_find(&s, "A", "real_time");
	assert_non_null(e);
	assert_int_equal(e->n, 2); /* NaN skipped, aggregate not used */
	near(e->samples[0], 2e-6, 1e-18);
	near(e->samples[1], 4e-6, 1e-18);
	bench_set_free(&s);
}

static void
test_read_csv(void **state)
{
	struct bench_set s;
	const struct bench_entry *e;

	(void)state;
	assert_int_equal(read_str("name,value,unit\nparse,12,ms\nparse,14,ms\n"
				  "rate,100,ops/s\n",
				  &s, NULL),
			 0);
	assert_int_equal(s.format, BENCH_FMT_CSV);
	e = bench_set_find(&s, "parse", "time");
	assert_non_null(e);
	assert_int_equal(e->n, 2);
	near(e->samples[1], 0.014, 1e-15);
	e = bench_set_find(&s, "rate", "value");
	assert_non_null(e);
	assert_int_equal(e->dir, BENCH_HIGHER_IS_BETTER);
	bench_set_free(&s);
}

/* The baseline map of a Criterion-based regression system
 * (benches/baselines/main.json): detected, times in ms converted to
 * seconds, a rate and a hit rate in percent higher-is-better (the unit
 * rule), a miss rate in percent lower-is-better, "notes" skipped; BMF's
 * nested {"NAME": {"MEASURE": {"value"}}} is not taken for it. */
static void
test_read_basemap(void **state)
{
	struct bench_set s;
	const struct bench_entry *e;
	char *msg = NULL;

	(void)state;
	assert_int_equal(
		read_str("{\"jit\": {\"value\": 1.5, \"unit\": \"ms\", "
			 "\"date\": \"2025-12-28\"},"
			 " \"gc_throughput\": {\"value\": 850, \"unit\": \"MB/s\"},"
			 " \"tlb_hit_rate\": {\"value\": 95, \"unit\": \"percent\"},"
			 " \"tlb_miss_rate\": {\"value\": 5, \"unit\": \"%\"},"
			 " \"notes\": [\"a\", \"b\"]}",
			 &s, NULL),
		0);
	assert_int_equal(s.format, BENCH_FMT_BASEMAP);
	assert_int_equal(s.n, 4);
	e = bench_set_find(&s, "jit", "time");
	assert_non_null(e);
	assert_string_equal(e->unit, "s");
	assert_true(fabs(e->samples[0] - 0.0015) < 1e-12);
	assert_int_equal(e->dir, BENCH_LOWER_IS_BETTER);
	e = bench_set_find(&s, "gc_throughput", "value");
	assert_non_null(e);
	assert_int_equal(e->dir, BENCH_HIGHER_IS_BETTER);
	e = bench_set_find(&s, "tlb_hit_rate", "value");
	assert_non_null(e);
	assert_int_equal(e->dir, BENCH_HIGHER_IS_BETTER);
	e = bench_set_find(&s, "tlb_miss_rate", "value");
	assert_non_null(e);
	assert_int_equal(e->dir, BENCH_LOWER_IS_BETTER);
	bench_set_free(&s);
	assert_int_equal(read_str("{\"b\": {\"latency\": {\"value\": 1}}}",
				  &s, NULL),
			 0);
	assert_int_equal(s.format, BENCH_FMT_BMF);
	bench_set_free(&s);
	assert_int_equal(read_str("{\"x\": {\"value\": 1, \"unit\": \"ms\"},"
				  " \"y\": {\"unit\": \"ms\"}}",
				  &s, &msg),
			 -1);
	assert_non_null(msg);
	free(msg);
	bench_set_free(&s);
}

static void
test_pyfloat(void **state)
{
	char b[64];

	(void)state;
	cmp_pyfloat(b, sizeof b, 326.85);
	assert_string_equal(b, "326.85");
	cmp_pyfloat(b, sizeof b, 10.0);
	assert_string_equal(b, "10.0");
	cmp_pyfloat(b, sizeof b, 100000.0);
	assert_string_equal(b, "100000.0");
	cmp_pyfloat(b, sizeof b, 1.0 / 3);
	assert_string_equal(b, "0.3333333333333333");
	cmp_pyfloat(b, sizeof b, 1e-05);
	assert_string_equal(b, "1e-05");
	cmp_pyfloat(b, sizeof b, 0.0001);
	assert_string_equal(b, "0.0001");
	cmp_pyfloat(b, sizeof b, 12.0 / 10.0);
	assert_string_equal(b, "1.2");
	cmp_pyfloat(b, sizeof b, 40.0 / 50.0);
	assert_string_equal(b, "0.8");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_median),
		cmocka_unit_test(test_robust_sd),
		cmocka_unit_test(test_mwu_scipy_doc),
		cmocka_unit_test(test_mwu_exact),
		cmocka_unit_test(test_mwu_ties),
		cmocka_unit_test(test_min_p),
		cmocka_unit_test(test_bh),
		cmocka_unit_test(test_bootstrap),
		cmocka_unit_test(test_rng),
		cmocka_unit_test(test_read_kevm),
		cmocka_unit_test(test_read_errors),
		cmocka_unit_test(test_read_gbench_nan),
		cmocka_unit_test(test_read_csv),
		cmocka_unit_test(test_read_basemap),
		cmocka_unit_test(test_pyfloat),
	};

	/* no message sink installed: the library stays silent */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
