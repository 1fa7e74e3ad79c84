/* compare.c - per-benchmark decision and the prof-compare reports. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "fmt.h"
#include "json_write.h"
#include "stats.h"

void
cmp_opts_default(struct cmp_opts *o)
{
	o->threshold = 0.05;
	o->alpha = 0.05;
	o->conf = 0.95;
	o->bootstrap = 10000;
	o->seed = 20261123;
	o->min_time = NAN;
	o->noise_sigmas = 3;
}

static const char *const verdict_names[] = {
	[CMP_UNCHANGED] = "unchanged", [CMP_REGRESSION] = "regression",
	[CMP_IMPROVEMENT] = "improvement", [CMP_SUSPECT] = "suspect",
	[CMP_ADDED] = "added",         [CMP_REMOVED] = "removed",
	[CMP_FAILED] = "failed",
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
	else
		return -1;
	return 0;
}

/* "worse" direction helpers: is ratio r worse / better than the band? */
static bool
beyond_worse(enum bench_dir d, double r, double t)
{
	return d == BENCH_LOWER_IS_BETTER ? r > 1 + t : r < 1 - t;
}

static bool
beyond_better(enum bench_dir d, double r, double t)
{
	return d == BENCH_LOWER_IS_BETTER ? r < 1 - t : r > 1 + t;
}

static void
decide(struct cmp_row *r, const struct cmp_opts *o, double min_time)
{
	double t = o->threshold;
	bool point_out = beyond_worse(r->dir, r->ratio, t) ||
			 beyond_better(r->dir, r->ratio, t);

	if (r->fallback) {
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
		return;
	}
	if (!r->too_few && !isnan(r->q) && r->q <= o->alpha && !isnan(r->lo)) {
		/* the whole interval beyond the threshold ... */
		enum cmp_verdict v = CMP_UNCHANGED;

		if (r->dir == BENCH_LOWER_IS_BETTER ? r->lo > 1 + t
						    : r->hi < 1 - t)
			v = CMP_REGRESSION;
		else if (r->dir == BENCH_LOWER_IS_BETTER ? r->hi < 1 - t
							 : r->lo > 1 + t)
			v = CMP_IMPROVEMENT;
		/* ... and the shift beyond the baseline's own scatter */
		if (v != CMP_UNCHANGED && !isnan(r->z) &&
		    fabs(r->z) < o->noise_sigmas) {
			r->within_noise = true;
			v = CMP_UNCHANGED;
		}
		if (v != CMP_UNCHANGED) {
			r->verdict = v;
			return;
		}
	}
	r->verdict = point_out ? CMP_SUSPECT : CMP_UNCHANGED;
}

static void
row_stats(struct cmp_row *r, const struct cmp_opts *o)
{
	const struct bench_entry *b = r->base, *c = r->cur;
	struct stats_mwu mw;

	r->n1 = b->n;
	r->n2 = c->n;
	r->med1 = stats_median(b->samples, b->n);
	r->med2 = stats_median(c->samples, c->n);
	r->ratio = r->med1 != 0 ? r->med2 / r->med1 : NAN;
	r->lo = r->hi = r->p = r->q = r->z = NAN;
	if (b->n >= 2) {
		double sd = stats_robust_sd(b->samples, b->n);

		if (sd > 0)
			r->z = (r->med2 - r->med1) / sd;
		else if (r->med2 != r->med1)
			r->z = r->med2 > r->med1 ? INFINITY : -INFINITY;
		else
			r->z = 0;
	}
	r->min_p = stats_mwu_min_p(b->n, c->n);
	if (b->n == 1 && c->n == 1) {
		r->fallback = true;
		return;
	}
	if (b->n == 0 || c->n == 0)
		return;
	r->too_few = r->min_p > o->alpha;
	if (stats_bootstrap_ratio_ci(b->samples, b->n, c->samples, c->n,
				     o->conf, o->bootstrap, o->seed, &r->lo,
				     &r->hi) != 0)
		r->lo = r->hi = NAN;
	if (!r->too_few &&
	    stats_mann_whitney(c->samples, c->n, b->samples, b->n, &mw) == 0) {
		r->p = mw.p;
		r->exact = mw.exact;
	}
}

void
cmp_run(const struct bench_set *base, const struct bench_set *cur,
	const struct cmp_opts *opts, struct cmp_result *res)
{
	size_t cap = base->n + cur->n + 1, k = 0;
	double *p, *q, *gm;
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
	for (size_t i = 0; i < k; i++) {
		struct cmp_row *r = &res->rows[i];

		r->lo = r->hi = r->p = r->q = r->ratio = NAN;
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
		} else if (r->base->status != BENCH_OK ||
			   r->cur->status != BENCH_OK || r->base->n == 0 ||
			   r->cur->n == 0) {
			r->verdict = CMP_FAILED;
		} else {
			row_stats(r, opts);
		}
		p[i] = r->p;
	}
	stats_bh_adjust(p, k, q);
	for (size_t i = 0; i < k; i++) {
		struct cmp_row *r = &res->rows[i];

		r->q = q[i];
		if (!isnan(r->p))
			res->n_tested++;
		if (r->base && r->cur && r->verdict != CMP_FAILED) {
			decide(r, opts, res->min_time);
			if (r->fallback)
				res->n_fallback++;
			if (r->too_few)
				res->n_too_few++;
			if (r->ratio > 0 && isfinite(r->ratio)) {
				if (r->dir == BENCH_LOWER_IS_BETTER)
					has_lower = true;
				else
					has_higher = true;
			}
		}
		switch (r->verdict) {
		case CMP_REGRESSION: res->n_reg++; break;
		case CMP_IMPROVEMENT: res->n_imp++; break;
		case CMP_SUSPECT: res->n_sus++; break;
		case CMP_UNCHANGED: res->n_unch++; break;
		case CMP_ADDED: res->n_added++; break;
		case CMP_REMOVED: res->n_removed++; break;
		case CMP_FAILED: res->n_failed++; break;
		}
	}
	res->geomean_mixed = has_lower && has_higher;
	for (size_t i = 0; i < k; i++) {
		struct cmp_row *r = &res->rows[i];

		if (r->base && r->cur && r->verdict != CMP_FAILED &&
		    r->ratio > 0 && isfinite(r->ratio))
			gm[ngm++] = res->geomean_mixed &&
					    r->dir == BENCH_HIGHER_IS_BETTER
					    ? 1 / r->ratio
					    : r->ratio;
	}
	res->geomean = ngm ? stats_geomean(gm, ngm) : NAN;
	free(p);
	free(q);
	free(gm);
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

void
cmp_fmt_verdict(char *buf, size_t n, const struct cmp_row *r)
{
	const char *v = cmp_verdict_name(r->verdict);

	if (r->verdict == CMP_FAILED)
		snprintf(buf, n, "failed (baseline %s, current %s)",
			 status_name(r->base), status_name(r->cur));
	else if (r->fallback && r->below_min_time)
		snprintf(buf, n, "%s (one value per side, below min time)", v);
	else if (r->fallback)
		snprintf(buf, n, "%s (one value per side: threshold only)", v);
	else if (r->too_few)
		snprintf(buf, n, "%s (too few samples)", v);
	else if (r->within_noise)
		snprintf(buf, n, "%s (within baseline noise: %.1f sigma)", v,
			 fabs(r->z));
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
		"%sDecision rule:%s a benchmark regressed when the two-sided "
		"Mann-Whitney U test is significant after Benjamini-Hochberg "
		"correction over the %zu tested benchmarks (q <= %g) and the whole "
		"%g%% bootstrap interval of the ratio of medians "
		"(current/baseline, %u resamples, seed %llu) lies beyond the "
		"%g%% threshold on the worse side",
		md ? "**" : "", md ? "**" : "", res->n_tested, o->alpha,
		o->conf * 100, o->bootstrap, (unsigned long long)o->seed,
		o->threshold * 100);
	if (o->noise_sigmas > 0)
		fprintf(f,
			" and the current median lies at least %g robust standard "
			"deviations (1.4826 x MAD) of the baseline from the "
			"baseline median",
			o->noise_sigmas);
	fputs("; improvement is the mirror image; \"suspect\" means the "
	      "point estimate passes the threshold but the rest of the rule "
	      "does not.\n",
	      f);
	if (res->n_too_few)
		fprintf(f,
			"\n%zu benchmark%s had too few samples: with those sample "
			"sizes no outcome can reach p <= %g (e.g. 4 against 4 is "
			"the least), so no p-value is given.\n",
			res->n_too_few, res->n_too_few == 1 ? "" : "s", o->alpha);
	if (res->n_fallback)
		fprintf(f,
			"\n%zu benchmark%s had one value per side: no statistics "
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

void
cmp_write_gfm(FILE *f, const struct cmp_result *res)
{
	char b1[64], b2[64], b3[64], b4[64], b5[64], b6[64], vn[128], dn[512];

	fprintf(f, "### prof-compare: `%s` \xe2\x86\x92 `%s`\n\n",
		res->base_name, res->cur_name);
	fprintf(f, "| | Benchmark | Baseline | Current | Ratio | %g%% CI | p | q "
		   "| n | Verdict |\n",
		res->opts.conf * 100);
	fputs("|:-:|:--|--:|--:|--:|:-:|--:|--:|--:|:--|\n", f);
	for (size_t i = 0; i < res->n; i++) {
		const struct cmp_row *r = &res->rows[i];
		char n[64];

		fmt_value(b1, sizeof b1, r->med1, r->unit);
		fmt_value(b2, sizeof b2, r->med2, r->unit);
		fmt_ratio(b3, sizeof b3, r->ratio);
		fmt_ci(b4, sizeof b4, r);
		fmt_p(b5, sizeof b5, r->p);
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
	fmt_ratio(b3, sizeof b3, res->geomean);
	fprintf(f, "| | **geometric mean%s** | | | **%s** | | | | | |\n\n",
		res->geomean_mixed ? " (> 1 worse)" : "", b3);
	summary_line(f, res, true);
	fputs("\n", f);
	cmp_write_rule(f, res, true);
}

/* Plain text: aligned columns. */
void
cmp_write_text(FILE *f, const struct cmp_result *res)
{
	enum { NC = 9 };
	static const char *const hdr[NC] = {"Benchmark", "Baseline", "Current",
					    "Ratio", "CI", "p", "q", "n",
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
			fmt_p(b, sizeof b, r->p);
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
	jw_kuint(&w, "bootstrap", o->bootstrap);
	jw_kuint(&w, "seed", o->seed);
	jd(&w, "min_time", res->min_time);
	jd(&w, "noise_sigmas", o->noise_sigmas);
	jw_object_end(&w);
	jw_key(&w, "summary");
	jw_object_begin(&w);
	jw_kuint(&w, "regressions", res->n_reg);
	jw_kuint(&w, "improvements", res->n_imp);
	jw_kuint(&w, "unchanged", res->n_unch);
	jw_kuint(&w, "suspect", res->n_sus);
	jw_kuint(&w, "failed", res->n_failed);
	jw_kuint(&w, "added", res->n_added);
	jw_kuint(&w, "removed", res->n_removed);
	jw_kuint(&w, "tested", res->n_tested);
	jw_kuint(&w, "too_few_samples", res->n_too_few);
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
		jd(&w, "p", r->p);
		jd(&w, "q", r->q);
		jd(&w, "min_p", r->min_p);
		jd(&w, "z", r->z);
		jw_kbool(&w, "within_noise", r->within_noise);
		jw_kbool(&w, "exact", r->exact);
		jw_kbool(&w, "too_few_samples", r->too_few);
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
			else if (e1->status == BENCH_OK && e2->status != BENCH_OK)
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
			if (t2 > t1)
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
		cells[r][1] = pk_xasprintf("%s time", k->key1);
		cells[r][2] = pk_xasprintf("%s time", k->key2);
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
