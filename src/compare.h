/* compare.h - decide, per benchmark, whether a run regressed: the one
 * decision procedure of prof-compare, prof-history check and anything
 * later (same inputs, same verdicts, same exit status).
 *
 * cmp_run pairs the entries of two bench_sets by (name, metric) - the
 * name carries every parameter of the configuration (bench.h) - and works
 * on the log scale, where a ratio is a difference and lognormal timing
 * noise is normal:
 *   estimate   d = location(log cur) - location(log base); the location is
 *              the median for n <= 4, else the mean of the samples inside
 *              a 5-MAD fence (outliers dropped); ratio = exp(d)
 *   noise      each side's variance of the log samples, shrunk toward the
 *              suite's typical variance with an empirical-Bayes prior
 *              (limma's moderated variances: d0, s0^2 fitted per run
 *              across every benchmark of the suite; a variance beyond
 *              the prior's 99.9 % point is kept as it is); SE^2 = f1 s1^2/n1 + f2 s2^2/n2
 *              (f = variance factor of the median for n <= 4, else 1),
 *              Welch-Satterthwaite degrees of freedom
 *   counts     one value per side with a known tick (.prof cost-centre
 *              time, eventlog cost-centre samples): Poisson counts,
 *              SE^2 = 1/k1 + 1/k2
 *   test       H0: |d| <= ln(1+threshold); one-sided p-values of
 *              (d - ln(1+t))/SE and (-d - ln(1+t))/SE on Student t;
 *              p = 2 min(...), Benjamini-Hochberg q over the suite
 * Verdicts ("worse" is slower for time, lower for throughput):
 *   regression   q <= alpha AND the whole conf interval of the ratio lies
 *                beyond 1+t on the worse side (1/(1+t) for the mirror)
 *   improvement  the mirror image
 *   regression   also: passed in the baseline, fails now (broken)
 *   suspect      neither, but the point estimate passes the threshold
 *   unchanged    otherwise
 * Minimum detectable change (mdc): the change in the worse direction that
 * this benchmark would flag with probability 0.8 at its noise, sample
 * sizes and the suite's current multiple-testing threshold.  A benchmark
 * is undecidable when its mdc exceeds twice the threshold; n_needed says
 * how many repetitions per side would bring it there.
 * With one value per side and no count there are no statistics: the
 * fallback calls a regression when the ratio passes the threshold and,
 * for time metrics, max(t1, t2) >= min_time; the output says so.
 */
#ifndef PK_COMPARE_H
#define PK_COMPARE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bench.h"
#include "diag.h"

enum cmp_verdict {
	CMP_UNCHANGED = 0,
	CMP_REGRESSION,
	CMP_IMPROVEMENT,
	CMP_SUSPECT,   /* point estimate past the threshold, not significant */
	CMP_ADDED,     /* only in the current run */
	CMP_REMOVED,   /* only in the baseline */
	CMP_FAILED,    /* failed or timed out in at least one run (not a
			* pass that broke: that is a regression) */
	CMP_WARNING,   /* a regression by the rule at warn_threshold, not at
			* threshold (the warning tier) */
};

struct cmp_opts {
	double threshold;  /* relative, 0.05 */
	double alpha;      /* FDR level, 0.05 */
	double conf;       /* per-benchmark interval level, 0.999 */
	unsigned bootstrap;/* unused (kept for old command lines) */
	uint64_t seed;     /* unused (kept for old command lines) */
	double min_time;   /* seconds; NAN = 2.0 for KEVM input, else 0 */
	double noise_sigmas; /* unused (kept for old command lines) */
	/* Tiers (0: off).  warn_threshold < threshold: a benchmark that
	 * regressed by the whole rule at warn_threshold but not at threshold
	 * is a warning.  improvement_threshold: the threshold improvements
	 * are decided at (the rule run again at that threshold). */
	double warn_threshold;
	double improvement_threshold;
};
void cmp_opts_default(struct cmp_opts *o);

struct cmp_row {
	const char *name, *metric, *unit;
	enum bench_dir dir;
	const struct bench_entry *base, *cur; /* either may be NULL */
	size_t n1, n2;          /* samples (before the outlier fence) */
	size_t out1, out2;      /* samples dropped by the fence */
	double med1, med2;
	double ratio;          /* exp(d): current / baseline */
	double lo, hi;         /* conf interval of the ratio (NAN if none) */
	double d, se, df;      /* log ratio, its standard error, t df */
	double s1, s2;         /* moderated SD of the log samples */
	double p, q;           /* min-effect p and BH q (NAN if not tested) */
	double mdc;            /* minimum detectable change, relative (0.12
				* = 12 %), in the worse direction; NAN if none */
	size_t n_needed;       /* repetitions per side for mdc <= 2 t; 0 if
				* already so or not applicable */
	double k1, k2;         /* counts: ticks per side (NAN otherwise) */
	bool counts;           /* decided as Poisson counts */
	bool broken;           /* passed in the baseline, fails now */
	bool undecidable;      /* mdc > 2 threshold */
	bool fallback;         /* one value per side: threshold rule */
	bool no_noise;         /* fallback because no sample scatters */
	bool below_min_time;   /* fallback: both under min_time */
	enum cmp_verdict verdict;
	const char *ack;       /* a regression acknowledged as intended (the
				* reason; not owned), or NULL */
};

struct cmp_result {
	struct cmp_row *rows;
	size_t n;
	const char *base_name, *cur_name;
	struct cmp_opts opts;
	double min_time;       /* the effective fallback minimum time */
	size_t n_reg, n_imp, n_sus, n_unch, n_added, n_removed, n_failed;
	size_t n_warn;         /* CMP_WARNING rows */
	size_t n_acked;        /* regressions acknowledged (not in n_reg) */
	size_t n_broken;       /* regressions that are pass -> fail */
	size_t n_matched;      /* benchmarks present in both runs */
	size_t n_tested;       /* pairs with a p-value (FDR family size) */
	size_t n_fallback;
	size_t n_undecidable;  /* mdc > 2 threshold */
	size_t n_undecidable_counts; /* of which counts (need longer runs) */
	size_t max_needed;     /* largest n_needed among those */
	double prior_df[2], prior_sd[2]; /* each run's noise prior (d0, s0 of
					  * the log samples): baseline, current */
	double p_cut;          /* one-sided p a benchmark needed */
	double geomean;        /* of "worse-oriented" ratios; NAN if none */
	bool geomean_mixed;    /* mixed directions: ratios were oriented */
};

/* Compare; base/cur must outlive the result.  Rows keep base's order,
 * then entries only in cur. */
void cmp_run(const struct bench_set *base, const struct bench_set *cur,
	     const struct cmp_opts *opts, struct cmp_result *res);
void cmp_result_free(struct cmp_result *res);
/* Count the verdicts again after rows were replaced (a benchmark decided
 * at its own thresholds: prof-history's budgets). */
void cmp_recount(struct cmp_result *res);
/* Mark row i, a regression or warning, as acknowledged (prof-history
 * ack): shown with the reason, counted in n_acked, and no longer in
 * n_reg/n_warn (so the gate passes it).  reason must outlive res. */
void cmp_acknowledge(struct cmp_result *res, size_t i, const char *reason);

const char *cmp_verdict_name(enum cmp_verdict v);

/* The exit status a gate owes this result (the same in every tool):
 * fail_on_missing and a benchmark only in the baseline: PK_EXIT_INPUT;
 * fail_on_regression and no benchmark in both runs: PK_EXIT_INPUT;
 * fail_on_regression and a regression (a broken pass included):
 * PK_EXIT_REGRESSION; else 0.  msg gets the one-line reason (with a
 * hint for no match), or "" when 0. */
int cmp_gate(const struct cmp_result *res, bool fail_on_regression,
	     bool fail_on_missing, char *msg, size_t n);
/* The same, and with fail_on_warning a result whose worst rows are
 * warnings is CMP_EXIT_WARNING (a regression stays PK_EXIT_REGRESSION). */
#define CMP_EXIT_WARNING 4
int cmp_gate_tiers(const struct cmp_result *res, bool fail_on_regression,
		   bool fail_on_warning, bool fail_on_missing, char *msg,
		   size_t n);

enum cmp_format { CMP_FMT_GFM, CMP_FMT_JSON, CMP_FMT_HTML, CMP_FMT_TEXT,
		  CMP_FMT_OPENMETRICS };
int cmp_format_parse(const char *s, enum cmp_format *f);

/* Writers; return 0, or -1 with err set. */
int cmp_write(FILE *f, enum cmp_format fmt, const struct cmp_result *res,
	      struct pk_err *err);
void cmp_write_gfm(FILE *f, const struct cmp_result *res);
/* GFM for a pull-request comment that always fits: the full table when
 * it fits in max_bytes (0: no limit), else the summary, the changed rows
 * worst first (regressions, warnings, failures, removed, improvements,
 * added, suspect), the unchanged ones folded into a <details> block, each
 * part cut to the budget with a count of what was left out.  A header
 * line (time, commits, testbed, the rule) when any of its fields is set. */
struct cmp_gfm_opts {
	size_t max_bytes;
	const char *base_commit, *cur_commit, *testbed;
	long long when; /* unix seconds; 0: no time */
};
int cmp_write_gfm_fit(FILE *f, const struct cmp_result *res,
		      const struct cmp_gfm_opts *o, struct pk_err *err);
void cmp_write_text(FILE *f, const struct cmp_result *res);
void cmp_write_json(FILE *f, const struct cmp_result *res);
int cmp_write_html(FILE *f, const struct cmp_result *res, struct pk_err *err);
/* compare_openmetrics.c: OpenMetrics text without the final "# EOF", for
 * writers that add families */
void cmp_write_openmetrics_families(FILE *f, const struct cmp_result *res);

/* ---- KEVM-compatible table (--kevm) ------------------------------- */

struct cmp_kevm_opts {
	double min_time;   /* 2.0 s */
	double min_change; /* 0.035 */
	const char *key1, *key2; /* column labels; NULL: from the file names */
	bool cur_first;    /* the first set is the current run, the second
			    * the baseline (the seed's "PR file first") */
	bool roles;        /* name the build of each column in the header */
};

struct cmp_kevm_row {
	const char *test;
	double t1, t2, ratio; /* ratio = t1 / t2, as the KEVM script */
};

struct cmp_kevm_other {
	const char *test;
	const struct bench_entry *e1, *e2; /* NULL when absent */
};

struct cmp_kevm {
	char *key1, *key2;
	const char *role1, *role2; /* "baseline"/"current" or NULL */
	struct cmp_kevm_row *rows; /* shown rows, sorted by ratio */
	size_t n;
	double total1, total2;
	struct cmp_kevm_other *other; /* failed / timed out / one side only */
	size_t n_other;
	size_t n_slower;   /* shown rows where the current run is slower */
	size_t n_broken;   /* passed in baseline, failed/timed out now */
	size_t n_missing;  /* present on one side only */
};

void cmp_kevm_run(const struct bench_set *s1, const struct bench_set *s2,
		  const struct cmp_kevm_opts *o, struct cmp_kevm *k);
void cmp_kevm_free(struct cmp_kevm *k);
/* The table exactly as the KEVM comparison script prints it (Python
 * float formatting), "Identical runs" when no row qualifies, then the
 * tests that failed, timed out or ran on one side only. */
void cmp_kevm_write(FILE *f, const struct cmp_kevm *k);

/* Python's repr() of a float (shortest round-trip). */
void cmp_pyfloat(char *buf, size_t n, double v);

#endif
