/* compare.c - per-benchmark decision and the prof-compare reports. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compare_private.h"
#include "fmt.h"
#include "json_write.h"
#include "stats.h"

void
cmp_opts_default(struct cmp_opts *o)
{
	/* every field a caller does not set is off (0): callers declare
	 * their options on the stack */
	memset(o, 0, sizeof *o);
	o->threshold = 0.05;
	o->alpha = 0.05;
	o->conf = 0.999;
	o->bootstrap = 10000;
	o->seed = 20261123;
	o->min_time = NAN;
	o->noise_sigmas = 3;
}

static const char *const verdict_names[] = {
	[CMP_UNCHANGED] = "unchanged", [CMP_REGRESSION] = "regression",
	[CMP_IMPROVEMENT] = "improvement", [CMP_SUSPECT] = "suspect",
	[CMP_ADDED] = "added",         [CMP_REMOVED] = "removed",
	[CMP_FAILED] = "failed",        [CMP_WARNING] = "warning",
};

const char *
cmp_verdict_name(enum cmp_verdict v)
{
	return verdict_names[v];
}

int
cmp_format_parse(const char *s, enum cmp_format *f)
{
	if (strcmp(s, "gfm") == 0 || strcmp(s, "markdown") == 0)
		*f = CMP_FMT_GFM;
	else if (strcmp(s, "json") == 0)
		*f = CMP_FMT_JSON;
	else if (strcmp(s, "html") == 0)
		*f = CMP_FMT_HTML;
	else if (strcmp(s, "text") == 0)
		*f = CMP_FMT_TEXT;
	else if (strcmp(s, "openmetrics") == 0)
		*f = CMP_FMT_OPENMETRICS;
	else
		return -1;
	return 0;
}

/* "worse" direction helpers: is ratio r worse / better than the band? */
static bool
beyond_worse(enum bench_dir d, double r, double t)
{
	return d == BENCH_LOWER_IS_BETTER ? r > 1 + t : r < 1 / (1 + t);
}

static bool
beyond_better(enum bench_dir d, double r, double t)
{
	return d == BENCH_LOWER_IS_BETTER ? r < 1 / (1 + t) : r > 1 + t;
}

/* Variance of the sample median relative to sigma^2/n (normal data),
 * for the small samples whose location is the median. */
static double
median_factor(size_t n)
{
	static const double f[] = {1, 1, 1, 1.3469, 1.1926};

	return n < sizeof f / sizeof f[0] ? f[n] : 1;
}

/* One side on the log scale: location, variance, df, samples kept. */
struct side {
	double loc, var, f; /* location, variance, variance factor */
	size_t n, out;      /* samples kept, dropped by the fence */
};

static int
dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
log_sorted(const struct bench_entry *e, double *v)
{
	for (size_t i = 0; i < e->n; i++)
		v[i] = log(e->samples[i]);
	qsort(v, e->n, sizeof *v, dcmp);
}

/* mad: the pooled MAD scale of both sides, for the fence. */
static void
side_stats(const double *v, size_t n, double mad, struct side *s)
{
	double med = stats_median_sorted(v, n), m = 0, ss = 0;
	size_t k = 0;

	memset(s, 0, sizeof *s);
	if (n == 0)
		return;
	if (n <= 4) {
		for (size_t i = 0; i < n; i++)
			m += v[i];
		m /= (double)n;
		for (size_t i = 0; i < n; i++)
			ss += (v[i] - m) * (v[i] - m);
		s->loc = med;
		s->n = n;
		s->var = n > 1 ? ss / (double)(n - 1) : NAN;
		s->f = median_factor(n);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (!(mad > 0) || fabs(v[i] - med) <= 5 * mad) {
			m += v[i];
			k++;
		}
	m /= (double)k;
	for (size_t i = 0; i < n; i++)
		if (!(mad > 0) || fabs(v[i] - med) <= 5 * mad)
			ss += (v[i] - m) * (v[i] - m);
	s->loc = m;
	s->n = k;
	s->out = n - k;
	s->var = k > 1 ? ss / (double)(k - 1) : NAN;
	s->f = 1;
}

/* 1.4826 x MAD of sorted log samples (0 for n < 2). */
static double
side_mad(const double *v, size_t n)
{
	double *r, med, m;

	if (n < 2)
		return 0;
	r = pk_xcalloc(n, sizeof *r);
	med = stats_median_sorted(v, n);
	for (size_t i = 0; i < n; i++)
		r[i] = fabs(v[i] - med);
	m = 1.4826 * stats_median(r, n);
	free(r);
	return m;
}

static bool
positive(const struct bench_entry *e)
{
	for (size_t i = 0; i < e->n; i++)
		if (!(e->samples[i] > 0))
			return false;
	return true;
}

/* Per-row work state kept between the passes of cmp_run. */
struct work {
	struct side b, c;
	double *vb, *vc;   /* sorted log samples */
	double madb, madc; /* their MAD scales */
	bool stats;
};

static void
row_sides(struct cmp_row *r, struct work *w)
{
	const struct bench_entry *b = r->base, *c = r->cur;

	memset(w, 0, sizeof *w);
	r->k1 = r->k2 = NAN;
	if (b->n == 1 && c->n == 1 && b->tick > 0 && c->tick > 0 &&
	    b->samples[0] >= 0 && c->samples[0] >= 0) {
		r->counts = true;
		r->k1 = round(b->samples[0] / b->tick);
		r->k2 = round(c->samples[0] / c->tick);
		return;
	}
	if (b->n == 1 && c->n == 1) {
		r->fallback = true;
		return;
	}
	if (!positive(b) || !positive(c))
		return;
	w->vb = pk_xcalloc(b->n + 1, sizeof *w->vb);
	w->vc = pk_xcalloc(c->n + 1, sizeof *w->vc);
	log_sorted(b, w->vb);
	log_sorted(c, w->vc);
	w->madb = side_mad(w->vb, b->n);
	w->madc = side_mad(w->vc, c->n);
	w->stats = true;
}

/* The fence scale of a side: its own MAD scale, or the run's typical one
 * when that is larger (a MAD of five values can be tiny by chance). */
static void
row_fence(struct cmp_row *r, struct work *w, const double *run_mad)
{
	side_stats(w->vb, r->base->n, fmax(w->madb, run_mad[0]), &w->b);
	side_stats(w->vc, r->cur->n, fmax(w->madc, run_mad[1]), &w->c);
	r->out1 = w->b.out;
	r->out2 = w->c.out;
	free(w->vb);
	free(w->vc);
	w->vb = w->vc = NULL;
}

/* Shrunk variance of one side; a side with one value borrows the prior,
 * else the other side's. */
static double
moderated(const struct side *s, const struct side *other, double d0,
	  double s02, double *df)
{
	/* d0, s02: this run's prior */
	double ds = s->n > 1 ? (double)(s->n - 1) : 0;

	if (ds == 0) {
		if (d0 > 0) {
			*df = d0;
			return s02;
		}
		*df = other->n > 1 ? (double)(other->n - 1) : 0;
		return other->var;
	}
	if (d0 > 0) {
		/* a variance far above the prior (beyond the 99.9 % point
		 * of s0^2 chi^2_ds/ds, Wilson-Hilferty) is this benchmark's
		 * own noise, not chance: it is not shrunk away */
		double a = 2 / (9 * ds);
		double q = pow(1 - a + 3.09 * sqrt(a), 3);

		if (s->var > q * s02) {
			*df = ds;
			return s->var;
		}
	}
	if (d0 > 0 && isinf(d0)) {
		*df = INFINITY;
		return s02;
	}
	if (d0 > 0) {
		*df = d0 + ds;
		return (d0 * s02 + ds * s->var) / (d0 + ds);
	}
	*df = ds;
	return s->var;
}

static void
row_test(struct cmp_row *r, const struct work *w, const double *d0,
	 const double *s02, double tl)
{
	double pr, pi;

	if (r->counts) {
		double a = r->k1 + 0.5, b = r->k2 + 0.5;

		r->d = log(b / a) + log(r->cur->tick / r->base->tick);
		r->se = sqrt(1 / a + 1 / b);
		r->df = INFINITY;
	} else if (w->stats) {
		double df1, df2, v1, v2, a, b;

		v1 = moderated(&w->b, &w->c, d0[0], s02[0], &df1);
		v2 = moderated(&w->c, &w->b, d0[1], s02[1], &df2);
		if (isnan(v1) || isnan(v2) || df1 <= 0 || df2 <= 0)
			return;
		r->s1 = sqrt(v1);
		r->s2 = sqrt(v2);
		r->d = w->c.loc - w->b.loc;
		a = w->b.f * v1 / (double)w->b.n;
		b = w->c.f * v2 / (double)w->c.n;
		r->se = sqrt(a + b);
		if (a + b > 0)
			r->df = (a + b) * (a + b) /
				((isinf(df1) ? 0 : a * a / df1) +
				 (isinf(df2) ? 0 : b * b / df2));
		else
			r->df = INFINITY;
		if (!(r->df < 1e7))
			r->df = INFINITY;
	} else {
		return;
	}
	r->ratio = exp(r->d);
	if (r->se == 0 && !r->counts) {
		/* no scatter anywhere (identical samples): nothing to test
		 * with, the threshold decides */
		r->fallback = true;
		r->no_noise = true;
		return;
	}
	if (r->se > 0) {
		pr = stats_t_sf((r->d - tl) / r->se, r->df);
		pi = stats_t_sf((-r->d - tl) / r->se, r->df);
	} else {
		pr = r->d > tl ? 0 : 1;
		pi = -r->d > tl ? 0 : 1;
	}
	r->p = fmin(1, 2 * fmin(pr, pi));
}

/* The interval, the verdict and the MDC once the suite's cut is known. */
static void
row_decide(struct cmp_row *r, const struct cmp_opts *o, double p_cut,
	   double tl)
{
	double c = stats_t_quantile(1 - (1 - o->conf) / 2, r->df);
	double cs = stats_t_quantile(1 - p_cut, r->df);
	double w = r->dir == BENCH_LOWER_IS_BETTER ? r->d : -r->d;
	double wl = w - c * r->se, wh = w + c * r->se, z80, lim;

	r->lo = exp(r->d - c * r->se);
	r->hi = exp(r->d + c * r->se);
	if (r->q <= o->alpha && wl > tl)
		r->verdict = CMP_REGRESSION;
	else if (r->q <= o->alpha && wh < -tl)
		r->verdict = CMP_IMPROVEMENT;
	else if (beyond_worse(r->dir, r->ratio, o->threshold) ||
		 beyond_better(r->dir, r->ratio, o->threshold))
		r->verdict = CMP_SUSPECT;
	else
		r->verdict = CMP_UNCHANGED;
	/* the change flagged with probability 0.8 */
	z80 = stats_t_quantile(0.8, r->df);
	r->mdc = expm1(tl + (fmax(cs, c) + z80) * r->se);
	lim = log1p(2 * o->threshold);
	r->undecidable = tl + (fmax(cs, c) + z80) * r->se > lim;
	if (r->undecidable && !r->counts && r->se > 0 && lim > tl) {
		/* SE scales as 1/sqrt(n) with the same n on both sides */
		double sn = r->se * sqrt((double)(r->n1 < r->n2 ? r->n1
								: r->n2));
		double k = (fmax(cs, c) + z80) * sn / (lim - tl);
		double n = ceil(k * k);

		r->n_needed = n > 1e6 ? 1000000 : n < 2 ? 2 : (size_t)n;
	}
}

static void
fallback_decide(struct cmp_row *r, const struct cmp_opts *o, double min_time)
{
	double t = o->threshold;
	bool point_out = beyond_worse(r->dir, r->ratio, t) ||
			 beyond_better(r->dir, r->ratio, t);
	bool is_time = strcmp(r->unit, "s") == 0;

	r->below_min_time = is_time && fmax(r->med1, r->med2) < min_time;
	if (r->below_min_time)
		r->verdict = point_out ? CMP_SUSPECT : CMP_UNCHANGED;
	else if (beyond_worse(r->dir, r->ratio, t))
		r->verdict = CMP_REGRESSION;
	else if (beyond_better(r->dir, r->ratio, t))
		r->verdict = CMP_IMPROVEMENT;
	else
		r->verdict = CMP_UNCHANGED;
}

static void cmp_run1(const struct bench_set *base,
		     const struct bench_set *cur, const struct cmp_opts *opts,
		     struct cmp_result *res);

static void
count_verdicts(struct cmp_result *res)
{
	res->n_reg = res->n_imp = res->n_sus = res->n_unch = 0;
	res->n_added = res->n_removed = res->n_failed = res->n_warn = 0;
	for (size_t i = 0; i < res->n; i++)
		switch (res->rows[i].verdict) {
		case CMP_REGRESSION: res->n_reg++; break;
		case CMP_IMPROVEMENT: res->n_imp++; break;
		case CMP_SUSPECT: res->n_sus++; break;
		case CMP_UNCHANGED: res->n_unch++; break;
		case CMP_ADDED: res->n_added++; break;
		case CMP_REMOVED: res->n_removed++; break;
		case CMP_FAILED: res->n_failed++; break;
		case CMP_WARNING: res->n_warn++; break;
		}
}

/* The tiers: the whole rule again at the warning and at the improvement
 * threshold (each with its own Benjamini-Hochberg family), merged into
 * the verdicts at the main threshold.  Rows pair by index: cmp_run1 is
 * deterministic in its order. */
void
cmp_run(const struct bench_set *base, const struct bench_set *cur,
	const struct cmp_opts *opts, struct cmp_result *res)
{
	struct cmp_opts o = *opts;
	struct cmp_result t;

	cmp_run1(base, cur, opts, res);
	o.warn_threshold = o.improvement_threshold = 0;
	if (opts->warn_threshold > 0 &&
	    opts->warn_threshold < opts->threshold) {
		o.threshold = opts->warn_threshold;
		cmp_run1(base, cur, &o, &t);
		for (size_t i = 0; i < res->n && i < t.n; i++) {
			struct cmp_row *r = &res->rows[i];

			if ((r->verdict == CMP_UNCHANGED ||
			     r->verdict == CMP_SUSPECT) &&
			    t.rows[i].verdict == CMP_REGRESSION)
				r->verdict = CMP_WARNING;
		}
		cmp_result_free(&t);
	}
	if (opts->improvement_threshold > 0 &&
	    opts->improvement_threshold != opts->threshold) {
		o.threshold = opts->improvement_threshold;
		cmp_run1(base, cur, &o, &t);
		for (size_t i = 0; i < res->n && i < t.n; i++) {
			struct cmp_row *r = &res->rows[i];
			enum cmp_verdict v = t.rows[i].verdict;

			if (r->verdict != CMP_UNCHANGED &&
			    r->verdict != CMP_SUSPECT &&
			    r->verdict != CMP_IMPROVEMENT)
				continue;
			if (v == CMP_IMPROVEMENT)
				r->verdict = CMP_IMPROVEMENT;
			else if (r->verdict == CMP_IMPROVEMENT)
				r->verdict = v == CMP_SUSPECT ? CMP_SUSPECT
							      : CMP_UNCHANGED;
		}
		cmp_result_free(&t);
	}
	count_verdicts(res);
}

static void
cmp_run1(const struct bench_set *base, const struct bench_set *cur,
	 const struct cmp_opts *opts, struct cmp_result *res)
{
	size_t cap = base->n + cur->n + 1, k = 0, nv[2] = {0, 0}, nrej = 0;
	double *p, *q, *gm, *vs[2], *vd[2], d0[2], s02[2], run_mad[2];
	double tl = log1p(opts->threshold);
	struct work *w;
	size_t ngm = 0;
	bool has_lower = false, has_higher = false;

	memset(res, 0, sizeof *res);
	res->opts = *opts;
	res->base_name = base->source;
	res->cur_name = cur->source;
	res->min_time = !isnan(opts->min_time) ? opts->min_time
			: (base->format == BENCH_FMT_KEVM ||
			   cur->format == BENCH_FMT_KEVM)
			    ? 2.0
			    : 0.0;
	res->rows = pk_xcalloc(cap, sizeof *res->rows);
	for (size_t i = 0; i < base->n; i++) {
		struct cmp_row *r = &res->rows[k++];
		const struct bench_entry *b = &base->v[i];

		r->name = b->name;
		r->metric = b->metric;
		r->unit = b->unit;
		r->dir = b->dir;
		r->base = b;
		r->cur = bench_set_find(cur, b->name, b->metric);
	}
	for (size_t i = 0; i < cur->n; i++) {
		const struct bench_entry *c = &cur->v[i];

		if (bench_set_find(base, c->name, c->metric) == NULL) {
			struct cmp_row *r = &res->rows[k++];

			r->name = c->name;
			r->metric = c->metric;
			r->unit = c->unit;
			r->dir = c->dir;
			r->cur = c;
		}
	}
	res->n = k;
	p = pk_xcalloc(k + 1, sizeof *p);
	q = pk_xcalloc(k + 1, sizeof *q);
	gm = pk_xcalloc(k + 1, sizeof *gm);
	for (int j = 0; j < 2; j++) {
		vs[j] = pk_xcalloc(k + 1, sizeof *vs[j]);
		vd[j] = pk_xcalloc(k + 1, sizeof *vd[j]);
	}
	w = pk_xcalloc(k + 1, sizeof *w);
	/* pass 1: per-side log statistics; the variances feed the prior */
	for (size_t i = 0; i < k; i++) {
		struct cmp_row *r = &res->rows[i];

		r->lo = r->hi = r->p = r->q = r->ratio = r->mdc = NAN;
		r->d = r->se = r->df = r->s1 = r->s2 = r->k1 = r->k2 = NAN;
		r->med1 = r->base ? stats_median(r->base->samples, r->base->n)
				  : NAN;
		r->med2 = r->cur ? stats_median(r->cur->samples, r->cur->n)
				 : NAN;
		r->n1 = r->base ? r->base->n : 0;
		r->n2 = r->cur ? r->cur->n : 0;
		if (r->base && r->cur && r->med1 != 0)
			r->ratio = r->med2 / r->med1;
		if (r->base == NULL) {
			r->verdict = CMP_ADDED;
		} else if (r->cur == NULL) {
			r->verdict = CMP_REMOVED;
		} else if (r->base->status == BENCH_OK && r->base->n > 0 &&
			   r->cur->status != BENCH_OK) {
			r->verdict = CMP_REGRESSION;
			r->broken = true;
		} else if (r->base->status != BENCH_OK ||
			   r->cur->status != BENCH_OK || r->base->n == 0 ||
			   r->cur->n == 0) {
			r->verdict = CMP_FAILED;
		} else {
			row_sides(r, &w[i]);
			if (w[i].stats) {
				vs[0][nv[0]++] = w[i].madb;
				vs[1][nv[1]++] = w[i].madc;
			}
		}
		if (r->base && r->cur)
			res->n_matched++;
	}
	/* each run's typical MAD scale, then the fenced side statistics,
	 * whose variances feed the run's prior */
	for (int j = 0; j < 2; j++) {
		run_mad[j] = nv[j] ? stats_median(vs[j], nv[j]) : 0;
		nv[j] = 0;
	}
	for (size_t i = 0; i < k; i++) {
		if (!w[i].stats)
			continue;
		row_fence(&res->rows[i], &w[i], run_mad);
		vs[0][nv[0]] = w[i].b.var;
		vd[0][nv[0]++] = (double)w[i].b.n - 1;
		vs[1][nv[1]] = w[i].c.var;
		vd[1][nv[1]++] = (double)w[i].c.n - 1;
	}
	/* one prior per run: a loaded machine is noisier everywhere */
	for (int j = 0; j < 2; j++) {
		stats_fit_prior_var(vs[j], vd[j], nv[j], &d0[j], &s02[j]);
		res->prior_df[j] = d0[j];
		res->prior_sd[j] = d0[j] > 0 ? sqrt(s02[j]) : NAN;
	}
	/* pass 2: the tests, then Benjamini-Hochberg over the suite */
	for (size_t i = 0; i < k; i++) {
		struct cmp_row *r = &res->rows[i];

		if (r->base && r->cur && r->verdict == CMP_UNCHANGED &&
		    !r->fallback)
			row_test(r, &w[i], d0, s02, tl);
		p[i] = r->p;
		if (!isnan(r->p))
			res->n_tested++;
	}
	stats_bh_adjust(p, k, q);
	for (size_t i = 0; i < k; i++) {
		res->rows[i].q = q[i];
		if (q[i] <= opts->alpha)
			nrej++;
	}
	/* the one-sided p a benchmark needs: the interval's and BH's */
	res->p_cut = fmin((1 - opts->conf) / 2,
			  opts->alpha * (double)(nrej ? nrej : 1) /
				  (2.0 * (double)(res->n_tested ? res->n_tested
								: 1)));
	for (size_t i = 0; i < k; i++) {
		struct cmp_row *r = &res->rows[i];

		if (!isnan(r->p))
			row_decide(r, opts, res->p_cut, tl);
		else if (r->fallback)
			fallback_decide(r, opts, res->min_time);
		else if (r->base && r->cur && r->verdict == CMP_UNCHANGED)
			r->verdict = beyond_worse(r->dir, r->ratio,
						  opts->threshold) ||
						     beyond_better(r->dir, r->ratio,
								   opts->threshold)
					     ? CMP_SUSPECT
					     : CMP_UNCHANGED;
		if (r->fallback)
			res->n_fallback++;
		if (r->undecidable) {
			res->n_undecidable++;
			if (r->counts)
				res->n_undecidable_counts++;
			if (r->n_needed > res->max_needed)
				res->max_needed = r->n_needed;
		}
		if (r->broken)
			res->n_broken++;
		if (r->base && r->cur && !r->broken &&
		    r->verdict != CMP_FAILED && r->ratio > 0 &&
		    isfinite(r->ratio)) {
			if (r->dir == BENCH_LOWER_IS_BETTER)
				has_lower = true;
			else
				has_higher = true;
		}
	}
	count_verdicts(res);
	res->geomean_mixed = has_lower && has_higher;
	for (size_t i = 0; i < k; i++) {
		struct cmp_row *r = &res->rows[i];

		if (r->base && r->cur && !r->broken &&
		    r->verdict != CMP_FAILED && r->ratio > 0 &&
		    isfinite(r->ratio))
			gm[ngm++] = res->geomean_mixed &&
					    r->dir == BENCH_HIGHER_IS_BETTER
					    ? 1 / r->ratio
					    : r->ratio;
	}
	res->geomean = ngm ? stats_geomean(gm, ngm) : NAN;
	free(p);
	free(q);
	free(gm);
	for (int j = 0; j < 2; j++) {
		free(vs[j]);
		free(vd[j]);
	}
	free(w);
}

int
cmp_gate(const struct cmp_result *res, bool fail_on_regression,
	 bool fail_on_missing, char *msg, size_t n)
{
	return cmp_gate_tiers(res, fail_on_regression, false, fail_on_missing,
			      msg, n);
}

int
cmp_gate_tiers(const struct cmp_result *res, bool fail_on_regression,
	       bool fail_on_warning, bool fail_on_missing, char *msg,
	       size_t n)
{
	if (fail_on_warning)
		fail_on_regression = true;
	msg[0] = '\0';
	if (fail_on_missing && res->n_removed > 0) {
		snprintf(msg, n,
			 "%zu benchmark%s of the baseline %s missing from the "
			 "current run (--fail-on-missing)",
			 res->n_removed, res->n_removed == 1 ? "" : "s",
			 res->n_removed == 1 ? "is" : "are");
		return PK_EXIT_INPUT;
	}
	if (fail_on_regression && res->n_matched == 0) {
		snprintf(msg, n,
			 "no benchmark is in both runs (%zu only in the "
			 "baseline, %zu only in the current run): nothing was "
			 "compared; check the names (hyperfine: give both runs "
			 "the same -n/--command-name)",
			 res->n_removed, res->n_added);
		return PK_EXIT_INPUT;
	}
	if (fail_on_regression && res->n_reg > 0) {
		snprintf(msg, n, "%zu regression%s", res->n_reg,
			 res->n_reg == 1 ? "" : "s");
		return PK_EXIT_REGRESSION;
	}
	if (fail_on_warning && res->n_warn > 0) {
		snprintf(msg, n, "%zu warning%s (--fail-on warning)",
			 res->n_warn, res->n_warn == 1 ? "" : "s");
		return CMP_EXIT_WARNING;
	}
	return PK_EXIT_OK;
}

void
cmp_acknowledge(struct cmp_result *res, size_t i, const char *reason)
{
	struct cmp_row *r = &res->rows[i];

	if (r->ack != NULL)
		return;
	if (r->verdict == CMP_REGRESSION)
		res->n_reg--;
	else if (r->verdict == CMP_WARNING)
		res->n_warn--;
	else
		return;
	if (r->broken)
		res->n_broken--;
	r->ack = reason;
	res->n_acked++;
}

void
cmp_recount(struct cmp_result *res)
{
	res->n_fallback = res->n_undecidable = res->n_undecidable_counts = 0;
	res->n_broken = 0;
	res->max_needed = 0;
	for (size_t i = 0; i < res->n; i++) {
		const struct cmp_row *r = &res->rows[i];

		res->n_fallback += r->fallback;
		res->n_broken += r->broken;
		if (r->undecidable) {
			res->n_undecidable++;
			res->n_undecidable_counts += r->counts;
			if (r->n_needed > res->max_needed)
				res->max_needed = r->n_needed;
		}
	}
	count_verdicts(res);
}

void
cmp_result_free(struct cmp_result *res)
{
	free(res->rows);
	memset(res, 0, sizeof *res);
}

/* ---- formatting helpers ------------------------------------------- */

static void
fmt_p(char *buf, size_t n, double p)
{
	if (isnan(p))
		snprintf(buf, n, "-");
	else if (p < 0.0001)
		snprintf(buf, n, "<0.0001");
	else
		snprintf(buf, n, "%.2g", p);
}

static void
fmt_ratio(char *buf, size_t n, double r)
{
	if (isnan(r))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.3f", r);
}

static void
fmt_ci(char *buf, size_t n, const struct cmp_row *r)
{
	if (isnan(r->lo))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "[%.3f, %.3f]", r->lo, r->hi);
}

static const char *
status_name(const struct bench_entry *e)
{
	if (e == NULL)
		return "absent";
	switch (e->status) {
	case BENCH_OK: return "ok";
	case BENCH_FAILED: return "failed";
	case BENCH_TIMEOUT: return "timed out";
	}
	return "?";
}

static void
fmt_mdc(char *buf, size_t n, const struct cmp_row *r)
{
	if (isnan(r->mdc))
		snprintf(buf, n, "-");
	else if (r->mdc >= 9.995)
		snprintf(buf, n, "%.0fx", r->mdc + 1);
	else
		snprintf(buf, n, "%.*f%%", r->mdc < 0.1 ? 1 : 0, r->mdc * 100);
}

void
cmp_fmt_verdict(char *buf, size_t n, const struct cmp_row *r)
{
	const char *v = cmp_verdict_name(r->verdict);
	char m[32];

	fmt_mdc(m, sizeof m, r);
	if (r->ack != NULL)
		snprintf(buf, n, "%s (acknowledged: %s)", v, r->ack);
	else if (r->broken && r->cur->exit_code != 0)
		snprintf(buf, n, "regression (passed before, now %s, exit %d)",
			 r->cur->status == BENCH_TIMEOUT ? "timed out"
							 : "fails",
			 r->cur->exit_code);
	else if (r->broken)
		snprintf(buf, n, "regression (passed before, now %s)",
			 r->cur->status == BENCH_TIMEOUT ? "timed out"
							 : "fails");
	else if (r->verdict == CMP_FAILED)
		snprintf(buf, n, "failed (baseline %s, current %s)",
			 status_name(r->base), status_name(r->cur));
	else if (r->fallback && r->no_noise)
		snprintf(buf, n, "%s (no scatter in the samples: threshold only)",
			 v);
	else if (r->fallback && r->below_min_time)
		snprintf(buf, n, "%s (one value per side, below min time)", v);
	else if (r->fallback)
		snprintf(buf, n, "%s (one value per side: threshold only)", v);
	else if (r->verdict == CMP_SUSPECT && r->n_needed > 0)
		snprintf(buf, n, "%s (can detect %s; needs n=%zu)", v, m,
			 r->n_needed);
	else if (r->verdict == CMP_SUSPECT && !isnan(r->mdc))
		snprintf(buf, n, "%s (can detect %s)", v, m);
	else if (r->verdict == CMP_SUSPECT && r->base && r->cur &&
		 isnan(r->p))
		snprintf(buf, n, "%s (no statistics: non-positive values)", v);
	else
		snprintf(buf, n, "%s", v);
}

static const char *
mark(enum cmp_verdict v)
{
	switch (v) {
	case CMP_REGRESSION: return "\xf0\x9f\x94\xb4"; /* red circle */
	case CMP_IMPROVEMENT: return "\xf0\x9f\x9f\xa2"; /* green circle */
	case CMP_SUSPECT: return "\xf0\x9f\x9f\xa1";     /* yellow circle */
	case CMP_WARNING: return "\xf0\x9f\x9f\xa0";     /* orange circle */
	case CMP_FAILED: return "\xe2\x9d\x8c";          /* cross */
	case CMP_ADDED: return "\xe2\x9e\x95";           /* plus */
	case CMP_REMOVED: return "\xe2\x9e\x96";         /* minus */
	default: return "\xe2\x9a\xaa";                  /* white circle */
	}
}

static void
gfm_cell(FILE *f, const char *s)
{
	fputs(" ", f);
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", f);
		else if (*s == '\n')
			fputs(" ", f);
		else
			fputc(*s, f);
	}
	fputs(" |", f);
}

void
cmp_write_rule(FILE *f, const struct cmp_result *res, bool md)
{
	const struct cmp_opts *o = &res->opts;

	fprintf(f,
		"%sDecision rule:%s on the log scale, a benchmark regressed when "
		"the whole %g%% interval of its ratio (current/baseline: "
		"location of the log samples, median for n <= 4, else the mean "
		"inside a 5-MAD outlier fence; Welch standard error from both "
		"runs' noise, each variance shrunk toward the suite's) lies "
		"beyond the %g%% threshold on the worse side, and its test "
		"against that threshold survives Benjamini-Hochberg at q <= %g "
		"over the %zu tested benchmarks; cost-centre ticks (.prof) and "
		"samples (eventlog) are Poisson counts; a benchmark that passed before and fails "
		"now is a regression; improvement is the mirror image; "
		"\"suspect\" means the point estimate passes the threshold but "
		"the rest of the rule does not. \"can detect\" is the minimum "
		"detectable change: the change in the worse direction found "
		"with probability 0.8 at that benchmark's noise and sample "
		"sizes.\n",
		md ? "**" : "", md ? "**" : "", o->conf * 100, o->threshold * 100,
		o->alpha, res->n_tested);
	if ((o->warn_threshold > 0 && o->warn_threshold < o->threshold) ||
	    (o->improvement_threshold > 0 &&
	     o->improvement_threshold != o->threshold)) {
		fprintf(f, "\n%sTiers:%s", md ? "**" : "", md ? "**" : "");
		if (o->warn_threshold > 0 && o->warn_threshold < o->threshold)
			fprintf(f, " a benchmark that regressed by the same rule "
				   "at the %g%% warning threshold, but not at "
				   "%g%%, is a warning;",
				o->warn_threshold * 100, o->threshold * 100);
		fprintf(f, " improvements are decided at %g%%.\n",
			(o->improvement_threshold > 0
				 ? o->improvement_threshold
				 : o->threshold) * 100);
	}
	if (res->n_undecidable > res->n_undecidable_counts) {
		size_t k = res->n_undecidable - res->n_undecidable_counts;

		fprintf(f,
			"\n%zu benchmark%s cannot detect a %g%% change (twice the "
			"threshold) at %s noise; %zu repetitions per side would "
			"let %s.\n",
			k, k == 1 ? "" : "s", o->threshold * 200,
			k == 1 ? "its" : "their", res->max_needed,
			k == 1 ? "it" : "all of them");
	}
	if (res->n_undecidable_counts)
		fprintf(f,
			"\n%zu count%s (ticks, samples) cannot detect a %g%% "
			"change: too few counts; only a longer run would "
			"tell.\n",
			res->n_undecidable_counts,
			res->n_undecidable_counts == 1 ? "" : "s",
			o->threshold * 200);
	if (res->n_fallback)
		fprintf(f,
			"\n%zu benchmark%s had one value per side (or no scatter "
			"at all): no statistics "
			"are possible, so the verdict uses only the %g%% threshold "
			"and, for times, a minimum time of %g s "
			"(max(baseline, current) must reach it).\n",
			res->n_fallback, res->n_fallback == 1 ? "" : "s",
			o->threshold * 100, res->min_time);
}

static void
summary_line(FILE *f, const struct cmp_result *res, bool md)
{
	fprintf(f, "%s%zu regression%s%s, %zu improvement%s, %zu unchanged "
		   "(%zu suspect)",
		md ? "**" : "", res->n_reg, res->n_reg == 1 ? "" : "s",
		md ? "**" : "", res->n_imp, res->n_imp == 1 ? "" : "s",
		res->n_unch + res->n_sus, res->n_sus);
	if (res->opts.warn_threshold > 0)
		fprintf(f, ", %zu warning%s", res->n_warn,
			res->n_warn == 1 ? "" : "s");
	if (res->n_acked)
		fprintf(f, ", %zu acknowledged", res->n_acked);
	if (res->n_broken)
		fprintf(f, " (%zu passed before and fail%s now)", res->n_broken,
			res->n_broken == 1 ? "s" : "");
	if (res->n_failed)
		fprintf(f, ", %zu failed", res->n_failed);
	if (res->n_added)
		fprintf(f, ", %zu added", res->n_added);
	if (res->n_removed)
		fprintf(f, ", %zu removed", res->n_removed);
	fprintf(f, "; geometric mean of the ratios %s",
		res->geomean_mixed ? "(oriented so that > 1 is worse) " : "");
	if (isnan(res->geomean))
		fputs("-", f);
	else
		fprintf(f, "%.3f", res->geomean);
	fputs(".\n", f);
	if (res->n_matched == 0 && res->n > 0)
		fputs("No benchmark is in both runs: nothing was compared "
		      "(hyperfine: give both runs the same -n/--command-name).\n",
		      f);
}

static const char *
display_name(const struct cmp_row *r, char *buf, size_t n)
{
	if (strcmp(r->metric, "time") == 0 ||
	    strcmp(r->metric, "real_time") == 0 ||
	    strcmp(r->metric, "tokens/s") == 0 || strcmp(r->metric, "value") == 0 ||
	    strcmp(r->metric, "bytes") == 0 || strcmp(r->metric, "count") == 0)
		return r->name;
	snprintf(buf, n, "%s (%s)", r->name, r->metric);
	return buf;
}

static void
gfm_row(FILE *f, const struct cmp_row *r)
{
	char b1[64], b2[64], b3[64], b4[64], b5[64], b6[64], vn[128], dn[512];
	char n[64];

	fmt_value(b1, sizeof b1, r->med1, r->unit);
	fmt_value(b2, sizeof b2, r->med2, r->unit);
	fmt_ratio(b3, sizeof b3, r->ratio);
	fmt_ci(b4, sizeof b4, r);
	fmt_mdc(b5, sizeof b5, r);
	fmt_p(b6, sizeof b6, r->q);
	cmp_fmt_verdict(vn, sizeof vn, r);
	snprintf(n, sizeof n, "%zu/%zu", r->n1, r->n2);
	fputs("|", f);
	gfm_cell(f, mark(r->verdict));
	gfm_cell(f, display_name(r, dn, sizeof dn));
	gfm_cell(f, b1);
	gfm_cell(f, b2);
	gfm_cell(f, b3);
	gfm_cell(f, b4);
	gfm_cell(f, b5);
	gfm_cell(f, b6);
	gfm_cell(f, n);
	gfm_cell(f, vn);
	fputs("\n", f);
}

static void
gfm_table_head(FILE *f, const struct cmp_result *res)
{
	fprintf(f, "| | Benchmark | Baseline | Current | Ratio | %g%% CI | MDC "
		   "| q | n | Verdict |\n",
		res->opts.conf * 100);
	fputs("|:-:|:--|--:|--:|--:|:-:|--:|--:|--:|:--|\n", f);
}

static void
gfm_title(FILE *f, const struct cmp_result *res,
	  const struct cmp_gfm_opts *o)
{
	fprintf(f, "### prof-compare: `%s` \xe2\x86\x92 `%s`\n\n",
		res->base_name, res->cur_name);
	if (o != NULL && (o->base_commit || o->cur_commit || o->testbed ||
			  o->when > 0)) {
		char t[64] = "";

		if (o->when > 0) {
			struct tm tm;
			time_t w = (time_t)o->when;

			gmtime_r(&w, &tm);
			strftime(t, sizeof t, "%Y-%m-%d %H:%M UTC", &tm);
		}
		fprintf(f, "<sub>%s%s", t, t[0] ? " \xc2\xb7 " : "");
		fprintf(f, "baseline `%s` \xe2\x86\x92 current `%s`",
			o->base_commit ? o->base_commit : "?",
			o->cur_commit ? o->cur_commit : "?");
		if (o->testbed)
			fprintf(f, " \xc2\xb7 testbed `%s`", o->testbed);
		fprintf(f, " \xc2\xb7 rule: regression when the %g%% interval "
			   "of the ratio lies beyond %g%%, q \xe2\x89\xa4 %g",
			res->opts.conf * 100, res->opts.threshold * 100,
			res->opts.alpha);
		if (res->opts.warn_threshold > 0)
			fprintf(f, "; warning tier %g%%",
				res->opts.warn_threshold * 100);
		fputs("</sub>\n\n", f);
	}
}

static void
gfm_tail(FILE *f, const struct cmp_result *res, bool geomean_row)
{
	char b3[64];

	fmt_ratio(b3, sizeof b3, res->geomean);
	if (geomean_row)
		fprintf(f, "| | **geometric mean%s** | | | **%s** | | | | | "
			   "|\n\n",
			res->geomean_mixed ? " (> 1 worse)" : "", b3);
	summary_line(f, res, true);
	fputs("\n", f);
	cmp_write_rule(f, res, true);
}

static void
gfm_full(FILE *f, const struct cmp_result *res,
	 const struct cmp_gfm_opts *o)
{
	gfm_title(f, res, o);
	gfm_table_head(f, res);
	for (size_t i = 0; i < res->n; i++)
		gfm_row(f, &res->rows[i]);
	gfm_tail(f, res, true);
}

void
cmp_write_gfm(FILE *f, const struct cmp_result *res)
{
	gfm_full(f, res, NULL);
}

/* Rank of a verdict in the compact layout: what a reviewer must see
 * first comes first. */
static int
gfm_rank(enum cmp_verdict v)
{
	switch (v) {
	case CMP_REGRESSION: return 0;
	case CMP_WARNING: return 1;
	case CMP_FAILED: return 2;
	case CMP_REMOVED: return 3;
	case CMP_IMPROVEMENT: return 4;
	case CMP_ADDED: return 5;
	case CMP_SUSPECT: return 6;
	default: return 7;
	}
}

static size_t
row_bytes(const struct cmp_row *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	if (m == NULL)
		return 512;
	gfm_row(m, r);
	fclose(m);
	free(buf);
	return len;
}

int
cmp_write_gfm_fit(FILE *f, const struct cmp_result *res,
		  const struct cmp_gfm_opts *o, struct pk_err *err)
{
	char *buf = NULL, *tail = NULL;
	size_t len = 0, tlen = 0, used, *ord, nch = 0, nun = 0;
	FILE *m = open_memstream(&buf, &len);

	if (m == NULL) {
		pk_err_set(err, "out of memory");
		return -1;
	}
	gfm_full(m, res, o);
	fclose(m);
	if (o->max_bytes == 0 || len <= o->max_bytes) {
		fwrite(buf, 1, len, f);
		free(buf);
		return 0;
	}
	free(buf);
	/* compact: changed rows first (worst first), the unchanged ones
	 * folded, everything cut to the budget with a count */
	m = open_memstream(&tail, &tlen);
	if (m == NULL) {
		pk_err_set(err, "out of memory");
		return -1;
	}
	fputs("\n", m);
	gfm_tail(m, res, false);
	fclose(m);
	m = open_memstream(&buf, &len);
	if (m == NULL) {
		free(tail);
		pk_err_set(err, "out of memory");
		return -1;
	}
	gfm_title(m, res, o);
	summary_line(m, res, true);
	fputs("\n", m);
	fflush(m);
	ord = pk_xcalloc(res->n + 1, sizeof *ord);
	for (int rank = 0; rank < 7; rank++)
		for (size_t i = 0; i < res->n; i++)
			if (gfm_rank(res->rows[i].verdict) == rank)
				ord[nch++] = i;
	for (size_t i = 0; i < res->n; i++)
		if (gfm_rank(res->rows[i].verdict) == 7)
			ord[nch + nun++] = i;
	/* room kept for the tail, the table heads, the <details> wrapper
	 * and the two "not shown" lines */
	used = len + tlen + 2 * 400 + 300;
	if (nch > 0) {
		size_t shown = 0;

		gfm_table_head(m, res);
		for (; shown < nch; shown++) {
			size_t b = row_bytes(&res->rows[ord[shown]]);

			if (used + b > o->max_bytes)
				break;
			gfm_row(m, &res->rows[ord[shown]]);
			used += b;
		}
		if (shown < nch)
			fprintf(m, "\n_\xe2\x80\xa6 and %zu more changed "
				   "benchmark%s not shown (--max-bytes %zu)._\n",
				nch - shown, nch - shown == 1 ? "" : "s",
				o->max_bytes);
		fputs("\n", m);
	}
	if (nun > 0) {
		size_t shown = 0;

		fprintf(m, "<details><summary>%zu unchanged benchmark%s"
			   "</summary>\n\n",
			nun, nun == 1 ? "" : "s");
		gfm_table_head(m, res);
		for (; shown < nun; shown++) {
			size_t b = row_bytes(&res->rows[ord[nch + shown]]);

			if (used + b > o->max_bytes)
				break;
			gfm_row(m, &res->rows[ord[nch + shown]]);
			used += b;
		}
		if (shown < nun)
			fprintf(m, "\n_\xe2\x80\xa6 and %zu more unchanged "
				   "benchmark%s not shown (--max-bytes %zu)._\n",
				nun - shown, nun == 1 ? "" : "s", o->max_bytes);
		fputs("\n</details>\n", m);
	}
	fclose(m);
	fwrite(buf, 1, len, f);
	fwrite(tail, 1, tlen, f);
	free(buf);
	free(tail);
	free(ord);
	return 0;
}

/* Plain text: aligned columns. */
void
cmp_write_text(FILE *f, const struct cmp_result *res)
{
	enum { NC = 9 };
	static const char *const hdr[NC] = {"Benchmark", "Baseline", "Current",
					    "Ratio", "CI", "MDC", "q", "n",
					    "Verdict"};
	char ***cells = pk_xcalloc(res->n + 1, sizeof *cells);
	size_t w[NC] = {0};
	char dn[512];

	for (size_t i = 0; i <= res->n; i++) {
		cells[i] = pk_xcalloc(NC, sizeof **cells);
		if (i == 0) {
			for (int c = 0; c < NC; c++)
				cells[0][c] = pk_xstrdup(hdr[c]);
		} else {
			const struct cmp_row *r = &res->rows[i - 1];
			char b[128];

			cells[i][0] = pk_xstrdup(display_name(r, dn, sizeof dn));
			fmt_value(b, sizeof b, r->med1, r->unit);
			cells[i][1] = pk_xstrdup(b);
			fmt_value(b, sizeof b, r->med2, r->unit);
			cells[i][2] = pk_xstrdup(b);
			fmt_ratio(b, sizeof b, r->ratio);
			cells[i][3] = pk_xstrdup(b);
			fmt_ci(b, sizeof b, r);
			cells[i][4] = pk_xstrdup(b);
			fmt_mdc(b, sizeof b, r);
			cells[i][5] = pk_xstrdup(b);
			fmt_p(b, sizeof b, r->q);
			cells[i][6] = pk_xstrdup(b);
			snprintf(b, sizeof b, "%zu/%zu", r->n1, r->n2);
			cells[i][7] = pk_xstrdup(b);
			cmp_fmt_verdict(b, sizeof b, r);
			cells[i][8] = pk_xstrdup(b);
		}
		for (int c = 0; c < NC; c++) {
			size_t l = 0;

			for (const char *s = cells[i][c]; *s; s++)
				l += ((unsigned char)*s & 0xc0) != 0x80;
			if (l > w[c])
				w[c] = l;
		}
	}
	fprintf(f, "prof-compare: %s -> %s\n\n", res->base_name, res->cur_name);
	for (size_t i = 0; i <= res->n; i++) {
		for (int c = 0; c < NC; c++) {
			size_t l = 0;

			for (const char *s = cells[i][c]; *s; s++)
				l += ((unsigned char)*s & 0xc0) != 0x80;
			if (c >= 1 && c <= 7) /* numbers: right-aligned */
				fprintf(f, "%*s%s", (int)(w[c] - l), "",
					cells[i][c]);
			else
				fprintf(f, "%s%*s", cells[i][c],
					c == NC - 1 ? 0 : (int)(w[c] - l), "");
			if (c < NC - 1)
				fputs("  ", f);
			free(cells[i][c]);
		}
		fputs("\n", f);
		free(cells[i]);
	}
	free(cells);
	fputs("\n", f);
	summary_line(f, res, false);
	fputs("\n", f);
	cmp_write_rule(f, res, false);
}

/* JSON: every number. */
static void
jd(struct jw *w, const char *k, double v)
{
	jw_key(w, k);
	if (isfinite(v))
		jw_double(w, v);
	else
		jw_null(w);
}

static void
json_side(struct jw *w, const char *key, const struct bench_entry *e)
{
	jw_key(w, key);
	if (e == NULL) {
		jw_null(w);
		return;
	}
	jw_object_begin(w);
	jw_kstring(w, "status", status_name(e));
	if (e->status != BENCH_OK)
		jw_kint(w, "exit_code", e->exit_code);
	jw_kuint(w, "n", e->n);
	jd(w, "median", stats_median(e->samples, e->n));
	jw_key(w, "samples");
	jw_array_begin(w);
	for (size_t i = 0; i < e->n; i++)
		jw_double(w, e->samples[i]);
	jw_array_end(w);
	jw_object_end(w);
}

void
cmp_write_json(FILE *f, const struct cmp_result *res)
{
	struct jw w;
	const struct cmp_opts *o = &res->opts;

	jw_init(&w, f, 2);
	jw_object_begin(&w);
	jw_kstring(&w, "tool", "prof-compare");
	jw_kstring(&w, "baseline", res->base_name);
	jw_kstring(&w, "current", res->cur_name);
	jw_key(&w, "options");
	jw_object_begin(&w);
	jd(&w, "threshold", o->threshold);
	jd(&w, "alpha", o->alpha);
	jd(&w, "confidence", o->conf);
	jd(&w, "min_time", res->min_time);
	if (o->warn_threshold > 0)
		jd(&w, "warn_threshold", o->warn_threshold);
	if (o->improvement_threshold > 0)
		jd(&w, "improvement_threshold", o->improvement_threshold);
	jw_object_end(&w);
	jw_key(&w, "noise_model");
	jw_object_begin(&w);
	jd(&w, "prior_df_baseline", res->prior_df[0]);
	jd(&w, "prior_sd_log_baseline", res->prior_sd[0]);
	jd(&w, "prior_df_current", res->prior_df[1]);
	jd(&w, "prior_sd_log_current", res->prior_sd[1]);
	jd(&w, "p_cut", res->p_cut);
	jw_object_end(&w);
	jw_key(&w, "summary");
	jw_object_begin(&w);
	jw_kuint(&w, "regressions", res->n_reg);
	jw_kuint(&w, "improvements", res->n_imp);
	jw_kuint(&w, "unchanged", res->n_unch);
	jw_kuint(&w, "suspect", res->n_sus);
	if (res->opts.warn_threshold > 0)
		jw_kuint(&w, "warnings", res->n_warn);
	if (res->n_acked)
		jw_kuint(&w, "acknowledged", res->n_acked);
	jw_kuint(&w, "failed", res->n_failed);
	jw_kuint(&w, "added", res->n_added);
	jw_kuint(&w, "removed", res->n_removed);
	jw_kuint(&w, "pass_to_fail", res->n_broken);
	jw_kuint(&w, "matched", res->n_matched);
	jw_kuint(&w, "tested", res->n_tested);
	jw_kuint(&w, "undecidable", res->n_undecidable);
	jw_kuint(&w, "repetitions_needed", res->max_needed);
	jw_kuint(&w, "one_value_per_side", res->n_fallback);
	jd(&w, "geomean_ratio", res->geomean);
	jw_kbool(&w, "geomean_oriented", res->geomean_mixed);
	jw_object_end(&w);
	jw_key(&w, "benchmarks");
	jw_array_begin(&w);
	for (size_t i = 0; i < res->n; i++) {
		const struct cmp_row *r = &res->rows[i];

		jw_object_begin(&w);
		jw_kstring(&w, "name", r->name);
		jw_kstring(&w, "metric", r->metric);
		jw_kstring(&w, "unit", r->unit);
		jw_kstring(&w, "direction", r->dir == BENCH_LOWER_IS_BETTER
						    ? "lower_is_better"
						    : "higher_is_better");
		jw_kstring(&w, "verdict", cmp_verdict_name(r->verdict));
		if (r->ack != NULL)
			jw_kstring(&w, "acknowledged", r->ack);
		jd(&w, "ratio", r->ratio);
		jw_key(&w, "ci");
		if (isnan(r->lo)) {
			jw_null(&w);
		} else {
			jw_array_begin(&w);
			jw_double(&w, r->lo);
			jw_double(&w, r->hi);
			jw_array_end(&w);
		}
		jd(&w, "log_ratio", r->d);
		jd(&w, "se", r->se);
		jd(&w, "df", r->df);
		jd(&w, "sd_log_baseline", r->s1);
		jd(&w, "sd_log_current", r->s2);
		jd(&w, "p", r->p);
		jd(&w, "q", r->q);
		jd(&w, "mdc", r->mdc);
		jw_kbool(&w, "undecidable", r->undecidable);
		if (r->n_needed)
			jw_kuint(&w, "repetitions_needed", r->n_needed);
		jw_kbool(&w, "counts", r->counts);
		if (r->counts) {
			jd(&w, "ticks_baseline", r->k1);
			jd(&w, "ticks_current", r->k2);
		}
		jw_kuint(&w, "outliers_baseline", r->out1);
		jw_kuint(&w, "outliers_current", r->out2);
		jw_kbool(&w, "pass_to_fail", r->broken);
		jw_kbool(&w, "one_value_per_side", r->fallback);
		jw_kbool(&w, "below_min_time", r->below_min_time);
		json_side(&w, "baseline_run", r->base);
		json_side(&w, "current_run", r->cur);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	jw_free(&w);
	fputs("\n", f);
}

/* ---- KEVM-compatible table ---------------------------------------- */

void
cmp_pyfloat(char *buf, size_t n, double v)
{
	int prec;

	if (isnan(v)) {
		snprintf(buf, n, "nan");
		return;
	}
	if (isinf(v)) {
		snprintf(buf, n, v > 0 ? "inf" : "-inf");
		return;
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, n, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	/* Python: exponent form only below 1e-4 or from 1e16 */
	{
		int ex = v == 0 ? 0 : (int)floor(log10(fabs(v)));

		if (strchr(buf, 'e') != NULL && ex >= -4 && ex < 16) {
			/* %g chose an exponent because prec <= ex: widen */
			snprintf(buf, n, "%.1f", v);
			if (strtod(buf, NULL) != v)
				snprintf(buf, n, "%.17g", v);
		}
	}
	if (strchr(buf, 'e') != NULL) {
		/* Python writes 1e-05 as "1e-05", 1e+16 as "1e+16" */
		return;
	}
	if (strchr(buf, '.') == NULL && strlen(buf) + 3 < n)
		strcat(buf, ".0");
}

static char *
kevm_key(const char *a, const char *b, int which)
{
	const char *s = which == 1 ? a : b;
	size_t pre = 0, la, lb, ext = 0;
	const char *da, *db;

	while (a[pre] && a[pre] == b[pre])
		pre++;
	la = strlen(a);
	lb = strlen(b);
	/* a common extension (".data", ".txt") is dropped too */
	da = strrchr(a, '.');
	db = strrchr(b, '.');
	if (da && db && strcmp(da, db) == 0 && (size_t)(da - a) >= pre &&
	    (size_t)(db - b) >= pre && strchr(da, '/') == NULL)
		ext = strlen(da);
	{
		size_t l = (which == 1 ? la : lb) - ext;
		char *k = l > pre ? pk_xstrndup(s + pre, l - pre)
				  : pk_xstrdup(which == 1 ? "1" : "2");

		return k;
	}
}

struct kidx {
	struct cmp_kevm_row r;
	size_t i;
};

static int
kcmp(const void *a, const void *b)
{
	const struct kidx *x = a, *y = b;

	if (x->r.ratio < y->r.ratio)
		return -1;
	if (x->r.ratio > y->r.ratio)
		return 1;
	return (x->i > y->i) - (x->i < y->i); /* stable, as Python's sort */
}

static double
kevm_time(const struct bench_entry *e)
{
	/* Several lines for one test: the last one wins, as in the script's
	 * dictionary. */
	return e->samples[e->n - 1];
}

void
cmp_kevm_run(const struct bench_set *s1, const struct bench_set *s2,
	     const struct cmp_kevm_opts *o, struct cmp_kevm *k)
{
	struct kidx *v = pk_xcalloc(s1->n + 1, sizeof *v);
	size_t nv = 0;

	memset(k, 0, sizeof *k);
	k->key1 = o->key1 ? pk_xstrdup(o->key1)
			  : kevm_key(s1->source, s2->source, 1);
	k->key2 = o->key2 ? pk_xstrdup(o->key2)
			  : kevm_key(s1->source, s2->source, 2);
	if (o->roles) {
		k->role1 = o->cur_first ? "current" : "baseline";
		k->role2 = o->cur_first ? "baseline" : "current";
	}
	k->other = pk_xcalloc(s1->n + s2->n + 1, sizeof *k->other);
	for (size_t i = 0; i < s1->n; i++) {
		const struct bench_entry *e1 = &s1->v[i];
		const struct bench_entry *e2 =
			bench_set_find(s2, e1->name, e1->metric);
		double t1, t2;

		if (e2 == NULL || e1->status != BENCH_OK ||
		    e2->status != BENCH_OK || e1->n == 0 || e2->n == 0) {
			k->other[k->n_other++] =
				(struct cmp_kevm_other){e1->name, e1, e2};
			if (e2 == NULL)
				k->n_missing++;
			else if (o->cur_first ? e2->status == BENCH_OK &&
							e1->status != BENCH_OK
					      : e1->status == BENCH_OK &&
							e2->status != BENCH_OK)
				k->n_broken++;
			continue;
		}
		t1 = kevm_time(e1);
		t2 = kevm_time(e2);
		if (t1 != t2 && (t1 > o->min_time || t2 > o->min_time) &&
		    ((t1 / t2) - 1.0 > o->min_change ||
		     (t2 / t1) - 1.0 > o->min_change)) {
			v[nv].r = (struct cmp_kevm_row){e1->name, t1, t2, t1 / t2};
			v[nv].i = nv;
			nv++;
			if (o->cur_first ? t1 > t2 : t2 > t1)
				k->n_slower++;
		}
	}
	for (size_t i = 0; i < s2->n; i++)
		if (bench_set_find(s1, s2->v[i].name, s2->v[i].metric) == NULL) {
			k->other[k->n_other++] = (struct cmp_kevm_other){
				s2->v[i].name, NULL, &s2->v[i]};
			k->n_missing++;
		}
	qsort(v, nv, sizeof *v, kcmp);
	k->rows = pk_xcalloc(nv + 1, sizeof *k->rows);
	for (size_t i = 0; i < nv; i++) {
		k->rows[i] = v[i].r;
		k->total1 += v[i].r.t1;
		k->total2 += v[i].r.t2;
	}
	k->n = nv;
	free(v);
}

void
cmp_kevm_free(struct cmp_kevm *k)
{
	free(k->key1);
	free(k->key2);
	free(k->rows);
	free(k->other);
	memset(k, 0, sizeof *k);
}

static size_t
u8len(const char *s)
{
	size_t l = 0;

	for (; *s; s++)
		l += ((unsigned char)*s & 0xc0) != 0x80;
	return l;
}

static void
kevm_side(FILE *f, const char *key, const struct bench_entry *e)
{
	char t[64];

	if (e == NULL) {
		fprintf(f, "%s: absent", key);
		return;
	}
	cmp_pyfloat(t, sizeof t, e->n ? e->samples[e->n - 1] : NAN);
	if (e->status == BENCH_OK)
		fprintf(f, "%s: passed in %ss", key, t);
	else
		fprintf(f, "%s: %s (exit %d) after %ss", key,
			e->status == BENCH_TIMEOUT ? "timed out" : "failed",
			e->exit_code, t);
}

void
cmp_kevm_write(FILE *f, const struct cmp_kevm *k)
{
	size_t nr = k->n + (k->n && k->total2 > 0 ? 1 : 0) + 2;
	char *(*cells)[4] = pk_xcalloc(nr, sizeof *cells);
	size_t w[4] = {0, 0, 0, 0}, r = 0;

	if (k->n == 0) {
		fputs("Identical runs\n", f);
	} else {
		cells[r][0] = pk_xstrdup("Test");
		cells[r][1] = pk_xasprintf("%s time%s%s%s", k->key1,
					   k->role1 ? " (" : "",
					   k->role1 ? k->role1 : "",
					   k->role1 ? ")" : "");
		cells[r][2] = pk_xasprintf("%s time%s%s%s", k->key2,
					   k->role2 ? " (" : "",
					   k->role2 ? k->role2 : "",
					   k->role2 ? ")" : "");
		cells[r][3] = pk_xasprintf("(%s/%s) time", k->key1, k->key2);
		r++;
		for (int c = 0; c < 4; c++)
			cells[r][c] = pk_xstrdup("");
		r++;
		for (size_t i = 0; i <= k->n; i++) {
			double t1, t2, ra;
			char b[64];

			if (i == k->n) {
				if (!(k->total2 > 0))
					break;
				t1 = k->total1;
				t2 = k->total2;
				ra = t1 / t2;
				cells[r][0] = pk_xstrdup("TOTAL");
			} else {
				t1 = k->rows[i].t1;
				t2 = k->rows[i].t2;
				ra = k->rows[i].ratio;
				cells[r][0] = pk_xstrdup(k->rows[i].test);
			}
			cmp_pyfloat(b, sizeof b, t1);
			cells[r][1] = pk_xstrdup(b);
			cmp_pyfloat(b, sizeof b, t2);
			cells[r][2] = pk_xstrdup(b);
			cmp_pyfloat(b, sizeof b, ra);
			cells[r][3] = pk_xstrdup(b);
			r++;
		}
		for (size_t i = 0; i < r; i++)
			for (int c = 0; c < 4; c++)
				if (u8len(cells[i][c]) > w[c])
					w[c] = u8len(cells[i][c]);
		for (size_t i = 0; i < r; i++) {
			for (int c = 0; c < 4; c++) {
				size_t pad = w[c] - u8len(cells[i][c]);

				fputs(c ? "|" : "|", f);
				if (i == 1) {
					for (size_t j = 0; j < w[c] + 2; j++)
						fputc('-', f);
				} else {
					fprintf(f, " %s%*s ", cells[i][c], (int)pad,
						"");
				}
				free(cells[i][c]);
			}
			fputs("\n", f);
		}
	}
	free(cells);
	if (k->n_other > 0) {
		fputs("\nNot compared (failed, timed out, or in one run only):\n",
		      f);
		for (size_t i = 0; i < k->n_other; i++) {
			fprintf(f, "- %s: ", k->other[i].test);
			kevm_side(f, k->key1, k->other[i].e1);
			fputs(", ", f);
			kevm_side(f, k->key2, k->other[i].e2);
			fputs("\n", f);
		}
	}
}
