/* test_verdict.c - the decision procedure of compare.h (cmp_run, the one
 * prof-compare and prof-history check use) on seeded synthetic suites.
 *
 * No timing: every sample is drawn from a seeded generator.  A suite is
 * B benchmarks x n repetitions per run, lognormal noise of a given CV
 * around the true time (its median)
 * (1 % of the samples made 1.5-3x slower when outliers are on), a known
 * shift on the current side.  Each setting runs whole suites through
 * cmp_run until at least 20 000 benchmarks were decided, and asserts:
 *   A/A         flagged (regression or improvement) <= 0.5 %
 *   2 x MDC     a shift of max(2 x threshold, 2 x the reported MDC),
 *               each benchmark's own, flagged >= 95 % in the right
 *               direction
 *   MDC         a shift equal to the reported MDC flagged >= 50 %
 * plus the fixed cases of the issue: 600 x 5 at CV 3 % with one +19 %
 * benchmark per suite, and a 5x speed-up against a baseline with CV 30 %.
 * The measured rates are printed.
 *
 * `test_verdict --write-suite DIR` writes the 600 x 5 suite with one
 * +19 % benchmark (bench_417) as DIR/base.csv and DIR/cur.csv, for the
 * CLI test that runs it through both tools.
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

#define MIN_BENCH 20000

static double
unif(struct stats_rng *r)
{
	return ((double)(stats_rng_next(r) >> 11) + 0.5) * 0x1p-53;
}

static double
gauss(struct stats_rng *r)
{
	return sqrt(-2 * log(unif(r))) * cos(2 * M_PI * unif(r));
}

struct setting {
	const char *name;
	size_t nb, n;       /* benchmarks per suite, repetitions per run */
	double cv1, cv2;    /* CV of the baseline, of the current run; a CV
			     * < 0 draws each benchmark's CV log-uniformly in
			     * [1 %, 30 %] */
	bool outliers;
};

/* One sample of a benchmark whose true time is mu. */
static double
draw(struct stats_rng *r, double mu, double cv, bool outliers)
{
	double s = sqrt(log1p(cv * cv));
	double v = mu * exp(s * gauss(r)); /* median mu */

	if (outliers && unif(r) < 0.01)
		v *= 1.5 + 1.5 * unif(r);
	return v;
}

/* A suite's noise: cvs per benchmark, then base/cur sets with shift[i]
 * applied to the current run (ratio; 1 = none). */
static void
make_suite(const struct setting *st, uint64_t seed, const double *shift,
	   struct bench_set *b, struct bench_set *c)
{
	struct stats_rng r;
	char name[32];

	stats_rng_seed(&r, seed);
	bench_set_init(b);
	bench_set_init(c);
	b->source = strdup("base");
	c->source = strdup("cur");
	for (size_t i = 0; i < st->nb; i++) {
		double mu = 1e-3 * exp(4 * unif(&r));
		double cv1 = st->cv1, cv2 = st->cv2;
		struct bench_entry *eb, *ec;

		if (cv1 < 0) {
			cv1 = 0.01 * exp(log(30.0) * unif(&r));
			cv2 = cv1;
		}
		snprintf(name, sizeof name, "bench_%zu", i);
		eb = bench_set_entry(b, name, "time");
		ec = bench_set_entry(c, name, "time");
		for (size_t k = 0; k < st->n; k++)
			bench_entry_add(eb, draw(&r, mu, cv1, st->outliers));
		for (size_t k = 0; k < st->n; k++)
			bench_entry_add(ec, draw(&r, mu * shift[i], cv2,
						 st->outliers));
	}
}

struct rates {
	size_t n, flagged, right;
};

/* Run nsuites of the setting; shift_of(i, mdc) gives benchmark i's shift
 * from the MDC that the A/A comparison of the same noise reported (or
 * NULL for none).  Counts go to *aa (the A/A run) and *ab. */
enum mode { MODE_AA, MODE_2MDC, MODE_MDC };

static void
run_setting(const struct setting *st, enum mode m, uint64_t seed0,
	    struct rates *out, double *mdc_median)
{
	struct cmp_opts o;
	size_t nsuites = (MIN_BENCH + st->nb - 1) / st->nb;
	double *shift = calloc(st->nb, sizeof *shift);
	double *mdcs = calloc(nsuites * st->nb, sizeof *mdcs);
	size_t nm = 0;

	cmp_opts_default(&o);
	memset(out, 0, sizeof *out);
	for (size_t s = 0; s < nsuites; s++) {
		struct bench_set b, c;
		struct cmp_result res;

		for (size_t i = 0; i < st->nb; i++)
			shift[i] = 1;
		make_suite(st, seed0 + s, shift, &b, &c);
		cmp_run(&b, &c, &o, &res);
		for (size_t i = 0; i < res.n; i++) {
			const struct cmp_row *r = &res.rows[i];

			if (m == MODE_AA) {
				out->n++;
				out->flagged += r->verdict == CMP_REGRESSION ||
						r->verdict == CMP_IMPROVEMENT;
			}
			if (isfinite(r->mdc))
				mdcs[nm++] = r->mdc;
			shift[i] = m == MODE_MDC
					   ? 1 + r->mdc
					   : 1 + fmax(2 * o.threshold,
						      2 * r->mdc);
		}
		cmp_result_free(&res);
		bench_set_free(&b);
		bench_set_free(&c);
		if (m == MODE_AA)
			continue;
		/* the same noise again, now shifted */
		make_suite(st, seed0 + s, shift, &b, &c);
		cmp_run(&b, &c, &o, &res);
		for (size_t i = 0; i < res.n; i++) {
			const struct cmp_row *r = &res.rows[i];

			if (!isfinite(shift[i]))
				continue;
			out->n++;
			out->flagged += r->verdict == CMP_REGRESSION ||
					r->verdict == CMP_IMPROVEMENT;
			out->right += r->verdict == CMP_REGRESSION;
		}
		cmp_result_free(&res);
		bench_set_free(&b);
		bench_set_free(&c);
	}
	if (mdc_median)
		*mdc_median = stats_median(mdcs, nm);
	free(shift);
	free(mdcs);
}

static const struct setting settings[] = {
	{"1 bench, n=3, CV 30%, outliers", 1, 3, 0.30, 0.30, true},
	{"1 bench, n=5, CV 1%", 1, 5, 0.01, 0.01, false},
	{"5 bench, n=3, CV 3%, outliers", 5, 3, 0.03, 0.03, true},
	{"20 bench, n=5, CV 10%, outliers", 20, 5, 0.10, 0.10, true},
	{"100 bench, n=10, CV 1-30% mixed, outliers", 100, 10, -1, -1, true},
	{"600 bench, n=5, CV 3%, outliers", 600, 5, 0.03, 0.03, true},
	{"1000 bench, n=30, CV 30%, outliers", 1000, 30, 0.30, 0.30, true},
	{"50 bench, n=5, CV 30% base, 3% current", 50, 5, 0.30, 0.03, false},
};

static void
test_aa(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof settings / sizeof settings[0]; k++) {
		struct rates aa;
		double med;
		double rate;

		run_setting(&settings[k], MODE_AA, 1000 * (k + 1), &aa, &med);
		rate = (double)aa.flagged / (double)aa.n;
		printf("# A/A    %-44s %6zu benchmarks: %.3f%% flagged "
		       "(median MDC %.1f%%)\n",
		       settings[k].name, aa.n, 100 * rate, 100 * med);
		assert_true(aa.n >= MIN_BENCH);
		assert_true(rate <= 0.005);
	}
}

static void
test_ab_2mdc(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof settings / sizeof settings[0]; k++) {
		struct rates ab;
		double rate, right;

		run_setting(&settings[k], MODE_2MDC, 1000 * (k + 1) + 7, &ab,
			    NULL);
		rate = (double)ab.flagged / (double)ab.n;
		right = (double)ab.right / (double)ab.n;
		printf("# 2xMDC  %-44s %6zu benchmarks: %.2f%% flagged, "
		       "%.2f%% as regressions\n",
		       settings[k].name, ab.n, 100 * rate, 100 * right);
		assert_true(ab.n >= MIN_BENCH);
		assert_true(right >= 0.95);
	}
}

static void
test_mdc_honest(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof settings / sizeof settings[0]; k++) {
		struct rates ab;
		double right;

		run_setting(&settings[k], MODE_MDC, 1000 * (k + 1) + 13, &ab,
			    NULL);
		right = (double)ab.right / (double)ab.n;
		printf("# =MDC   %-44s %6zu benchmarks: %.2f%% flagged as "
		       "regressions\n",
		       settings[k].name, ab.n, 100 * right);
		assert_true(ab.n >= MIN_BENCH);
		assert_true(right >= 0.5);
	}
}

/* 600 x 5 at CV 3 %, one benchmark +19 % per suite: found, and the other
 * 599 stay quiet.  The smallest two-sided Mann-Whitney p at 5 against 5
 * is 2/252 = 0.0079, above the 0.05/600 Benjamini-Hochberg needs for a
 * lone discovery: a U-test rule could never find it (the discrete-p
 * problem); the interval test's p is continuous. */
static void
test_600x5_one_shift(void **state)
{
	static const struct setting st = {"600x5", 600, 5, 0.03, 0.03, true};
	struct cmp_opts o;
	size_t nsuites = 100, found = 0, quiet = 0, n_other = 0;
	double *shift = calloc(st.nb, sizeof *shift);

	(void)state;
	assert_true(stats_mwu_min_p(5, 5) > 0.05 / 600);
	cmp_opts_default(&o);
	for (size_t s = 0; s < nsuites; s++) {
		struct bench_set b, c;
		struct cmp_result res;
		size_t hit = (s * 131) % st.nb;

		for (size_t i = 0; i < st.nb; i++)
			shift[i] = i == hit ? 1.19 : 1;
		make_suite(&st, 77000 + s, shift, &b, &c);
		cmp_run(&b, &c, &o, &res);
		for (size_t i = 0; i < res.n; i++) {
			const struct cmp_row *r = &res.rows[i];

			if (i == hit) {
				found += r->verdict == CMP_REGRESSION;
			} else {
				n_other++;
				quiet += r->verdict != CMP_REGRESSION &&
					 r->verdict != CMP_IMPROVEMENT;
			}
		}
		cmp_result_free(&res);
		bench_set_free(&b);
		bench_set_free(&c);
	}
	printf("# 600x5 CV 3%%, one +19%% per suite: found in %zu/%zu suites; "
	       "%.3f%% of the %zu others flagged\n",
	       found, nsuites, 100.0 * (double)(n_other - quiet) / (double)n_other,
	       n_other);
	assert_true((double)found >= 0.95 * (double)nsuites);
	assert_true((double)(n_other - quiet) <= 0.005 * (double)n_other);
	free(shift);
}

/* One noisy benchmark (CV 30 %) in a quiet suite (CV 3 %): the prior must
 * not shrink its noise away. */
static void
test_one_noisy(void **state)
{
	struct cmp_opts o;
	size_t nsuites = 300, flagged = 0;

	(void)state;
	cmp_opts_default(&o);
	for (size_t s = 0; s < nsuites; s++) {
		struct stats_rng r;
		struct bench_set b, c;
		struct cmp_result res;
		char name[32];

		stats_rng_seed(&r, 31000 + s);
		bench_set_init(&b);
		bench_set_init(&c);
		for (size_t i = 0; i < 200; i++) {
			double cv = i == 0 ? 0.30 : 0.03;
			struct bench_entry *eb, *ec;

			snprintf(name, sizeof name, "bench_%zu", i);
			eb = bench_set_entry(&b, name, "time");
			ec = bench_set_entry(&c, name, "time");
			for (int k = 0; k < 5; k++) {
				bench_entry_add(eb, draw(&r, 1, cv, false));
				bench_entry_add(ec, draw(&r, 1, cv, false));
			}
		}
		cmp_run(&b, &c, &o, &res);
		flagged += res.rows[0].verdict == CMP_REGRESSION ||
			   res.rows[0].verdict == CMP_IMPROVEMENT;
		cmp_result_free(&res);
		bench_set_free(&b);
		bench_set_free(&c);
	}
	printf("# one CV 30%% benchmark among 199 at CV 3%%, A/A: flagged in "
	       "%zu of %zu suites\n", flagged, nsuites);
	assert_true(flagged <= 3);
}

/* Fixed shifts of the issue over >= 20 000 benchmarks each. */
static void
fixed_shift(const struct setting *st, double sh, uint64_t seed,
	    enum cmp_verdict want)
{
	struct cmp_opts o;
	size_t nsuites = (MIN_BENCH + st->nb - 1) / st->nb, n = 0, right = 0;
	double *shift = calloc(st->nb, sizeof *shift);

	cmp_opts_default(&o);
	for (size_t i = 0; i < st->nb; i++)
		shift[i] = sh;
	for (size_t s = 0; s < nsuites; s++) {
		struct bench_set b, c;
		struct cmp_result res;

		make_suite(st, seed + s, shift, &b, &c);
		cmp_run(&b, &c, &o, &res);
		for (size_t i = 0; i < res.n; i++) {
			n++;
			right += res.rows[i].verdict == want;
		}
		cmp_result_free(&res);
		bench_set_free(&b);
		bench_set_free(&c);
	}
	printf("# fixed  %-44s x%.2f %6zu benchmarks: %.2f%% %s\n", st->name,
	       sh, n, 100.0 * (double)right / (double)n, cmp_verdict_name(want));
	assert_true(n >= MIN_BENCH);
	assert_true((double)right >= 0.95 * (double)n);
	free(shift);
}

static void
test_fixed_shifts(void **state)
{
	static const struct setting s600 = {"600 bench, n=5, CV 3%, outliers",
					    600, 5, 0.03, 0.03, true};
	static const struct setting s5x = {"20 bench, n=5, CV 30% base, 3% cur",
					   20, 5, 0.30, 0.03, true};
	static const struct setting s5x1 = {"1 bench, n=10, CV 30%", 1, 10,
					    0.30, 0.30, false};

	(void)state;
	fixed_shift(&s600, 1.19, 5000, CMP_REGRESSION);
	fixed_shift(&s5x, 0.2, 6000, CMP_IMPROVEMENT);
	fixed_shift(&s5x1, 0.2, 7000, CMP_IMPROVEMENT);
}

/* The t distribution the intervals use. */
static void
test_t(void **state)
{
	(void)state;
	/* reference values: R qt()/pt() */
	assert_true(fabs(stats_t_quantile(0.975, 1) - 12.7062047361747) < 1e-6);
	assert_true(fabs(stats_t_quantile(0.975, 4) - 2.77644510519779) < 1e-7);
	assert_true(fabs(stats_t_quantile(0.9995, 10) - 4.58689385870891) < 1e-6);
	assert_true(fabs(stats_t_quantile(0.975, INFINITY) - 1.95996398454005) <
		    1e-8);
	assert_true(fabs(stats_t_sf(2, 5) - 0.0509697394149) < 1e-9);
	assert_true(fabs(stats_t_sf(-1, 3) - 0.804498890522) < 1e-9);
	assert_true(fabs(stats_norm_quantile(0.8) - 0.841621233572914) < 1e-9);
}

/* The empirical-Bayes prior: homogeneous variances give a large d0 and
 * their common scale; variances that scatter 100-fold give a small d0. */
static void
test_prior(void **state)
{
	struct stats_rng r;
	double s2[400], df[400], d0, s02;

	(void)state;
	stats_rng_seed(&r, 99);
	for (size_t i = 0; i < 400; i++) {
		double ss = 0, m = 0, x[5];

		for (int k = 0; k < 5; k++) {
			x[k] = 0.03 * gauss(&r);
			m += x[k] / 5;
		}
		for (int k = 0; k < 5; k++)
			ss += (x[k] - m) * (x[k] - m);
		s2[i] = ss / 4;
		df[i] = 4;
	}
	stats_fit_prior_var(s2, df, 400, &d0, &s02);
	printf("# prior, one noise level: d0 %g, s0 %.4f (true 0.03)\n", d0,
	       sqrt(s02));
	assert_true(d0 > 50);
	assert_true(fabs(sqrt(s02) - 0.03) < 0.003);
	for (size_t i = 0; i < 400; i += 2)
		s2[i] *= 100;
	stats_fit_prior_var(s2, df, 400, &d0, &s02);
	printf("# prior, two noise levels 10x apart: d0 %g\n", d0);
	assert_true(d0 < 5);
	stats_fit_prior_var(s2, df, 2, &d0, &s02);
	assert_true(d0 == 0);
}

static int
write_suite(const char *dir)
{
	static const struct setting st = {"600x5", 600, 5, 0.03, 0.03, true};
	double shift[600];
	struct bench_set b, c;
	char path[4096];
	const struct bench_set *sets[2] = {&b, &c};
	const char *names[2] = {"base.csv", "cur.csv"};

	for (size_t i = 0; i < st.nb; i++)
		shift[i] = i == 417 ? 1.19 : 1;
	make_suite(&st, 424242, shift, &b, &c);
	for (int k = 0; k < 2; k++) {
		FILE *f;

		snprintf(path, sizeof path, "%s/%s", dir, names[k]);
		f = fopen(path, "w");
		if (f == NULL)
			return 1;
		fputs("name,value,unit\n", f);
		for (size_t i = 0; i < sets[k]->n; i++)
			for (size_t j = 0; j < sets[k]->v[i].n; j++)
				fprintf(f, "%s,%.9g,s\n", sets[k]->v[i].name,
					sets[k]->v[i].samples[j]);
		if (fclose(f) != 0)
			return 1;
	}
	bench_set_free(&b);
	bench_set_free(&c);
	return 0;
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_t),
		cmocka_unit_test(test_prior),
		cmocka_unit_test(test_one_noisy),
		cmocka_unit_test(test_600x5_one_shift),
		cmocka_unit_test(test_fixed_shifts),
		cmocka_unit_test(test_aa),
		cmocka_unit_test(test_ab_2mdc),
		cmocka_unit_test(test_mdc_honest),
	};

	/* no message sink installed: the library stays silent */
	if (argc == 3 && strcmp(argv[1], "--write-suite") == 0)
		return write_suite(argv[2]);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
