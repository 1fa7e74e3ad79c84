/* history_budget.c - performance budgets (.profkit/budgets.json).
 *
 *   { "budgets": [
 *       { "benchmark": "BM_sum", "max_regression_pct": 5 },
 *       { "benchmark": "BM_*",   "max_regression_pct": 10, "max": 0.0025 },
 *       { "benchmark": "tokens*", "min": 120 } ] }
 *
 * "benchmark" is a shell glob (fnmatch).  Every rule that matches applies;
 * when several set the same limit the strictest wins.  max_regression_pct
 * is the largest tolerated slowdown against the reference (in the
 * benchmark's own direction), max/min absolute bounds on the current
 * median in the benchmark's unit.  The object form
 * { "budgets": { "GLOB": { ... }, ... } } is accepted too.
 * "higher_is_better": true/false sets the benchmark's direction (a hit
 * rate in %, a score); "fail": false makes the matching benchmarks report
 * only: their broken budgets and regressions are shown, never fail the
 * check (any matching rule with "fail": false wins).
 * "threshold_pct", "warn_threshold_pct" and "improvement_threshold_pct"
 * are the benchmark's own tiers (check's --threshold, --warn-threshold and
 * --improvement-threshold for it alone: a seed system's "> 20 % critical,
 * > 10 % warning" per benchmark); several matching rules: the smallest.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "history_private.h"
#include "input.h"

void
hist_budgets_free(struct hist_budgets *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->r[i].glob);
	free(b->r);
	free(b->path);
	memset(b, 0, sizeof *b);
}

static int
num_field(const char *path, const char *glob, json_t *o, const char *key,
	  double *out, struct pk_err *err)
{
	json_t *v = json_object_get(o, key);

	*out = NAN;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_number(v) || !isfinite(json_number_value(v))) {
		pk_err_set(err, "%s: budget for %s: %s is not a number", path,
			   glob, key);
		return -1;
	}
	*out = json_number_value(v);
	if (strcmp(key, "max_regression_pct") == 0 && *out < 0) {
		pk_err_set(err, "%s: budget for %s: %s is negative", path, glob,
			   key);
		return -1;
	}
	if (strstr(key, "threshold_pct") != NULL &&
	    !(*out > 0 && *out <= 1000)) {
		pk_err_set(err, "%s: budget for %s: %s must be in (0, 1000]",
			   path, glob, key);
		return -1;
	}
	return 0;
}

static int
add_rule(struct hist_budgets *b, const char *glob, json_t *o,
	 struct pk_err *err)
{
	static const char *const known[] = {
		"benchmark", "max_regression_pct", "max", "min", "note",
		"higher_is_better", "fail", "threshold_pct",
		"warn_threshold_pct", "improvement_threshold_pct"
	};
	struct hist_budget_rule r;
	const char *key;
	json_t *v;

	if (!json_is_object(o)) {
		pk_err_set(err, "%s: budget for %s: not an object", b->path,
			   glob);
		return -1;
	}
	json_object_foreach(o, key, v) {
		size_t i;

		for (i = 0; i < sizeof known / sizeof known[0]; i++)
			if (strcmp(key, known[i]) == 0)
				break;
		if (i == sizeof known / sizeof known[0]) {
			pk_err_set(err, "%s: budget for %s: unknown key \"%s\"",
				   b->path, glob, key);
			return -1;
		}
	}
	memset(&r, 0, sizeof r);
	r.higher_is_better = -1;
	v = json_object_get(o, "higher_is_better");
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_boolean(v)) {
			pk_err_set(err, "%s: budget for %s: higher_is_better is "
				   "not true or false", b->path, glob);
			return -1;
		}
		r.higher_is_better = json_is_true(v);
	}
	v = json_object_get(o, "fail");
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_boolean(v)) {
			pk_err_set(err, "%s: budget for %s: fail is not true or "
				   "false", b->path, glob);
			return -1;
		}
		r.report_only = json_is_false(v);
	}
	if (num_field(b->path, glob, o, "max_regression_pct",
		      &r.max_regression_pct, err) != 0 ||
	    num_field(b->path, glob, o, "max", &r.max, err) != 0 ||
	    num_field(b->path, glob, o, "min", &r.min, err) != 0 ||
	    num_field(b->path, glob, o, "threshold_pct", &r.threshold_pct,
		      err) != 0 ||
	    num_field(b->path, glob, o, "warn_threshold_pct",
		      &r.warn_threshold_pct, err) != 0 ||
	    num_field(b->path, glob, o, "improvement_threshold_pct",
		      &r.improvement_threshold_pct, err) != 0)
		return -1;
	if (!isnan(r.threshold_pct) && !isnan(r.warn_threshold_pct) &&
	    !(r.warn_threshold_pct < r.threshold_pct)) {
		pk_err_set(err, "%s: budget for %s: warn_threshold_pct must be "
			   "below threshold_pct", b->path, glob);
		return -1;
	}
	r.glob = pk_xstrdup(glob);
	b->r = pk_xreallocarray(b->r, b->n + 1, sizeof *b->r);
	b->r[b->n++] = r;
	return 0;
}

int
hist_budgets_load(const char *path, struct hist_budgets *b,
		  struct pk_err *err)
{
	char *buf;
	size_t len;
	int rc;

	memset(b, 0, sizeof *b);
	if (pk_in_slurp_file(path, &buf, &len, err) != 0)
		return -1;
	rc = hist_budgets_parse(path, buf, len, b, err);
	free(buf);
	return rc;
}

int
hist_budgets_parse(const char *path, const char *buf, size_t len,
		   struct hist_budgets *b, struct pk_err *err)
{
	json_t *root, *list;
	json_error_t je;
	int rc = 0;

	memset(b, 0, sizeof *b);
	b->path = pk_xstrdup(path);
	root = json_loadb(buf, len, 0, &je);
	if (root == NULL) {
		pk_err_set(err, "%s:%d: %s", path, je.line, je.text);
		return -1;
	}
	list = json_is_object(root) ? json_object_get(root, "budgets") : NULL;
	if (json_is_array(list)) {
		size_t i;
		json_t *o;

		json_array_foreach(list, i, o) {
			json_t *g = json_object_get(o, "benchmark");

			if (!json_is_string(g)) {
				pk_err_set(err, "%s: budgets[%zu]: needs a "
					   "\"benchmark\" name or glob", path,
					   i);
				rc = -1;
				break;
			}
			if (add_rule(b, json_string_value(g), o, err) != 0) {
				rc = -1;
				break;
			}
		}
	} else if (json_is_object(list)) {
		const char *g;
		json_t *o;

		json_object_foreach(list, g, o)
			if (add_rule(b, g, o, err) != 0) {
				rc = -1;
				break;
			}
	} else {
		pk_err_set(err, "%s: no \"budgets\" array or object", path);
		rc = -1;
	}
	json_decref(root);
	return rc;
}

static double
stricter_min(double a, double b)
{
	return isnan(a) ? b : isnan(b) ? a : fmin(a, b);
}

static double
stricter_max(double a, double b)
{
	return isnan(a) ? b : isnan(b) ? a : fmax(a, b);
}

bool
hist_budget_for(const struct hist_budgets *b, const char *name,
		struct hist_budget_rule *out)
{
	bool any = false;

	memset(out, 0, sizeof *out);
	out->max_regression_pct = out->max = out->min = NAN;
	out->threshold_pct = out->warn_threshold_pct = NAN;
	out->improvement_threshold_pct = NAN;
	out->higher_is_better = -1;
	for (size_t i = 0; b != NULL && i < b->n; i++) {
		const struct hist_budget_rule *r = &b->r[i];

		if (!hist_glob(r->glob, name))
			continue;
		any = true;
		out->max_regression_pct = stricter_min(out->max_regression_pct,
						       r->max_regression_pct);
		out->max = stricter_min(out->max, r->max);
		out->min = stricter_max(out->min, r->min);
		out->threshold_pct = stricter_min(out->threshold_pct,
						  r->threshold_pct);
		out->warn_threshold_pct = stricter_min(out->warn_threshold_pct,
						       r->warn_threshold_pct);
		out->improvement_threshold_pct = stricter_min(
			out->improvement_threshold_pct,
			r->improvement_threshold_pct);
		if (r->higher_is_better >= 0)
			out->higher_is_better = r->higher_is_better;
		out->report_only |= r->report_only;
		if (out->glob == NULL)
			out->glob = r->glob;
	}
	return any;
}

void
hist_budgets_apply_dir(const struct hist_budgets *b, struct bench_set *set)
{
	for (size_t i = 0; b != NULL && i < set->n; i++) {
		struct bench_entry *e = &set->v[i];
		struct hist_budget_rule r;
		char *dn = hist_display_name(e->name, e->metric);

		/* the display name ("hit_rate:value") or the bare name */
		if (!(hist_budget_for(b, dn, &r) && r.higher_is_better >= 0))
			(void)hist_budget_for(b, e->name, &r);
		if (r.higher_is_better >= 0)
			e->dir = r.higher_is_better ? BENCH_HIGHER_IS_BETTER
						    : BENCH_LOWER_IS_BETTER;
		free(dn);
	}
}
