/* stats.h - the statistics prof-compare and prof-history decide with.
 *
 * All functions take plain arrays and never modify their inputs (they
 * copy when they need to sort).  Random numbers come from a seeded
 * splitmix64/xoshiro256** generator, so every result is reproducible:
 * the same inputs and seed give the same interval on every machine.
 */
#ifndef PK_STATS_H
#define PK_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Median (mean of the two middle values for even n); NAN for n == 0. */
double stats_median(const double *x, size_t n);
/* Same, on an already sorted array. */
double stats_median_sorted(const double *x, size_t n);
void stats_sort(double *x, size_t n);
double stats_mean(const double *x, size_t n);
/* Robust standard deviation: 1.4826 * median absolute deviation (equal
 * to the standard deviation for normal data, unmoved by outliers).  When
 * more than half the values are equal the MAD is 0 and the ordinary
 * sample standard deviation is returned instead.  NAN for n < 2. */
double stats_robust_sd(const double *x, size_t n);
/* Geometric mean of positive values; NAN if any is <= 0 or n == 0. */
double stats_geomean(const double *x, size_t n);

/* Reproducible generator. */
struct stats_rng {
	uint64_t s[4];
};
void stats_rng_seed(struct stats_rng *r, uint64_t seed);
uint64_t stats_rng_next(struct stats_rng *r);
/* Uniform integer in [0, n), without modulo bias. */
uint64_t stats_rng_below(struct stats_rng *r, uint64_t n);

/* Percentile bootstrap confidence interval of
 * median(cur) / median(base): `iters` resamples of each side (with
 * replacement), level `conf` (e.g. 0.95).  Returns 0 and sets *lo, *hi;
 * -1 if a side is empty or a resampled baseline median is 0. */
int stats_bootstrap_ratio_ci(const double *base, size_t nb, const double *cur,
			     size_t nc, double conf, unsigned iters,
			     uint64_t seed, double *lo, double *hi);

/* Two-sided Mann-Whitney U test of x against y. */
struct stats_mwu {
	double u;      /* U statistic of x: #(x > y) + #(x == y)/2 */
	double z;      /* normal score (0 when exact) */
	double p;      /* two-sided p-value */
	bool exact;    /* exact distribution (no ties, small samples) */
	bool ties;
};
/* Exact when there are no ties and nx, ny are small (nx + ny <= 50);
 * otherwise the normal approximation with tie correction and continuity
 * correction (as scipy.stats.mannwhitneyu, method "asymptotic").
 * Returns 0, or -1 if a sample is empty. */
int stats_mann_whitney(const double *x, size_t nx, const double *y,
		       size_t ny, struct stats_mwu *out);
enum stats_mwu_method { STATS_MWU_AUTO, STATS_MWU_EXACT, STATS_MWU_ASYMPTOTIC };
/* The same with the method forced (EXACT ignores ties). */
int stats_mann_whitney_method(const double *x, size_t nx, const double *y,
			      size_t ny, enum stats_mwu_method m,
			      struct stats_mwu *out);
/* The smallest two-sided p-value the test can reach with these sample
 * sizes: 2 / C(nx+ny, nx) (capped at 1).  If it exceeds alpha, no
 * outcome could be significant: say "too few samples" instead. */
double stats_mwu_min_p(size_t nx, size_t ny);
/* Exact two-sided p for U (no ties); for tests and small samples. */
double stats_mwu_exact_p(double u, size_t nx, size_t ny);

/* Benjamini-Hochberg adjusted p-values (q-values), same order as p.
 * NAN entries are ignored (and stay NAN); m counts the others. */
void stats_bh_adjust(const double *p, size_t n, double *q);

/* Standard normal upper tail, P(Z > z). */
double stats_norm_sf(double z);
/* Standard normal quantile (Acklam's approximation, refined). */
double stats_norm_quantile(double p);
/* Student t upper tail P(T > t) with df degrees of freedom (df may be
 * fractional; infinite df is the normal), and its quantile. */
double stats_t_sf(double t, double df);
double stats_t_quantile(double p, double df);

/* Empirical-Bayes prior of a family of variances (limma's fitFDist):
 * s2[i] with df[i] degrees of freedom are taken as s0^2 chi^2_{d}/d with
 * s0^2 itself scaled-inverse-chi^2 with d0 degrees of freedom.  Sets *d0
 * (0 when fewer than 3 usable variances, INFINITY when they scatter no
 * more than chance) and *s02 (NAN with d0 == 0).  A variance is then
 * shrunk as (d0 s0^2 + d s^2) / (d0 + d). */
void stats_fit_prior_var(const double *s2, const double *df, size_t n,
			 double *d0, double *s02);

#endif
