/* compare.h - decide, per benchmark, whether a run regressed (prof-compare).
 *
 * cmp_run pairs the entries of two bench_sets by (name, metric) and, for
 * each pair, computes the medians, the ratio current/baseline with a
 * seeded bootstrap interval, and a two-sided Mann-Whitney U test; the
 * p-values of all tested pairs are then corrected with Benjamini-Hochberg.
 *
 * Decision rule (direction-aware; "worse" means slower for time metrics,
 * lower for throughput):
 *   regression   q <= alpha AND the whole interval lies beyond the
 *                threshold on the worse side (lo > 1+t, or for
 *                higher-is-better hi < 1-t) AND the current median lies
 *                at least noise_sigmas robust standard deviations of the
 *                baseline away from the baseline median (a 3-sigma
 *                control limit: a shift the baseline's own scatter could
 *                produce is not called)
 *   improvement  the mirror image
 *   suspect      neither, but the point estimate passes the threshold
 *   unchanged    otherwise
 *   too few      the sample sizes cannot reach alpha at all
 *                (2/C(n1+n2,n1) > alpha): never a regression, "suspect"
 *                when the point estimate passes the threshold
 * With one value on each side there are no statistics: the fallback calls
 * a regression when the ratio passes the threshold and, for time metrics,
 * max(t1, t2) >= min_time; the output says so.
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
	CMP_FAILED,    /* failed or timed out in at least one run */
};

struct cmp_opts {
	double threshold;  /* relative, 0.05 */
	double alpha;      /* FDR level, 0.05 */
	double conf;       /* interval level, 0.95 */
	unsigned bootstrap;/* resamples, 10000 */
	uint64_t seed;     /* bootstrap seed */
	double min_time;   /* seconds; NAN = 2.0 for KEVM input, else 0 */
	double noise_sigmas; /* 3: the change must exceed this many robust
			      * SDs of the baseline; 0 = no noise rule */
};
void cmp_opts_default(struct cmp_opts *o);

struct cmp_row {
	const char *name, *metric, *unit;
	enum bench_dir dir;
	const struct bench_entry *base, *cur; /* either may be NULL */
	size_t n1, n2;
	double med1, med2;
	double ratio;          /* med2 / med1 */
	double lo, hi;         /* bootstrap interval of ratio (NAN if none) */
	double p, q;           /* MWU p and BH q (NAN if not tested) */
	double min_p;          /* smallest attainable p */
	double z;              /* (med2 - med1) / robust SD of the baseline
				* (NAN when it has fewer than 2 values) */
	bool within_noise;     /* significant, but |z| < noise_sigmas */
	bool exact;            /* exact MWU */
	bool too_few;          /* cannot reach alpha */
	bool fallback;         /* one value per side: threshold rule */
	bool below_min_time;   /* fallback: both under min_time */
	enum cmp_verdict verdict;
};

struct cmp_result {
	struct cmp_row *rows;
	size_t n;
	const char *base_name, *cur_name;
	struct cmp_opts opts;
	double min_time;       /* the effective fallback minimum time */
	size_t n_reg, n_imp, n_sus, n_unch, n_added, n_removed, n_failed;
	size_t n_tested;       /* pairs with a p-value (FDR family size) */
	size_t n_fallback, n_too_few;
	double geomean;        /* of "worse-oriented" ratios; NAN if none */
	bool geomean_mixed;    /* mixed directions: ratios were oriented */
};

/* Compare; base/cur must outlive the result.  Rows keep base's order,
 * then entries only in cur. */
void cmp_run(const struct bench_set *base, const struct bench_set *cur,
	     const struct cmp_opts *opts, struct cmp_result *res);
void cmp_result_free(struct cmp_result *res);

const char *cmp_verdict_name(enum cmp_verdict v);

enum cmp_format { CMP_FMT_GFM, CMP_FMT_JSON, CMP_FMT_HTML, CMP_FMT_TEXT };
int cmp_format_parse(const char *s, enum cmp_format *f);

/* Writers; return 0, or -1 with err set. */
int cmp_write(FILE *f, enum cmp_format fmt, const struct cmp_result *res,
	      struct pk_err *err);
void cmp_write_gfm(FILE *f, const struct cmp_result *res);
void cmp_write_text(FILE *f, const struct cmp_result *res);
void cmp_write_json(FILE *f, const struct cmp_result *res);
int cmp_write_html(FILE *f, const struct cmp_result *res, struct pk_err *err);

/* ---- KEVM-compatible table (--kevm) ------------------------------- */

struct cmp_kevm_opts {
	double min_time;   /* 2.0 s */
	double min_change; /* 0.035 */
	const char *key1, *key2; /* column labels; NULL: from the file names */
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

/* The verdict with how it came about: "suspect (too few samples)". */
void cmp_fmt_verdict(char *buf, size_t n, const struct cmp_row *r);
/* The decision rule in words, with the options in force, and notes on
 * rows without statistics (md: bold lead-in). */
void cmp_write_rule(FILE *f, const struct cmp_result *res, bool md);

/* Python's repr() of a float (shortest round-trip). */
void cmp_pyfloat(char *buf, size_t n, double v);

#endif
