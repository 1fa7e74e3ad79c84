/* history_import.c - bring existing histories into the database:
 *
 *  - github-action-benchmark's data.js (`window.BENCHMARK_DATA = {...}` on
 *    the gh-pages branch) or the same object as plain JSON: every entry
 *    becomes one run (commit id, commit time, tool and suite as labels) and
 *    every bench value one sample; repeated names in an entry (google
 *    benchmark repetitions) become several samples of one benchmark.
 *  - bench-tracker's baseline.json (a BenchmarkSuite: name, created_at,
 *    commit, results{key: {estimates: {mean: {point_estimate}}}}): one run
 *    with the mean estimate of each benchmark (its only sample), and a
 *    baseline of the suite's name on the branch pointing at it.
 *
 * The whole file is parsed and checked first, then written in one
 * transaction: a bad file changes nothing.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "history_private.h"
#include "input.h"

/* github-action-benchmark's biggerIsBetter(tool). */
static bool
gab_bigger_is_better(const char *tool)
{
	static const char *const bigger[] = { "benchmarkjs", "pytest",
					      "customBiggerIsBetter" };

	for (size_t i = 0; i < sizeof bigger / sizeof bigger[0]; i++)
		if (tool != NULL && strcmp(tool, bigger[i]) == 0)
			return true;
	return false;
}

/* Time units ("ns", "ns/iter", "ms") become seconds, as prof-compare's
 * readers store them, so imported and recorded history line up. */
static void
add_value(struct bench_set *set, const char *name, const char *unit,
	  bool hib, double x)
{
	char *u = unit ? pk_xstrdup(unit) : NULL;
	size_t n = u ? strlen(u) : 0;
	double scale;

	if (n > 5 && strcmp(u + n - 5, "/iter") == 0)
		u[n - 5] = '\0';
	scale = u ? bench_time_unit_scale(u) : 0;
	if (scale > 0 && !hib)
		bench_entry_add(hist_entry(set, name, NULL, "s", false),
				x * scale);
	else
		bench_entry_add(hist_entry(set, name, NULL, unit, hib), x);
	free(u);
}

struct pending {
	struct hist_meta m;
	struct bench_set s;
};

struct plist {
	struct pending *p;
	size_t n;
	char *baseline; /* bench-tracker suite name */
};

static struct pending *
plist_add(struct plist *l)
{
	struct pending *p;

	l->p = pk_xreallocarray(l->p, l->n + 1, sizeof *l->p);
	p = &l->p[l->n++];
	memset(p, 0, sizeof *p);
	bench_set_init(&p->s);
	return p;
}

static void
plist_free(struct plist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		hist_meta_free(&l->p[i].m);
		bench_set_free(&l->p[i].s);
	}
	free(l->p);
	free(l->baseline);
}

static const char *
jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int
parse_gab(const char *path, json_t *root, const char *branch,
	  struct plist *l, struct pk_err *err)
{
	json_t *entries = json_object_get(root, "entries");
	const char *suite;
	json_t *arr;

	if (!json_is_object(entries)) {
		pk_err_set(err, "%s: no \"entries\" object (not a "
			   "github-action-benchmark data.js)", path);
		return -1;
	}
	json_object_foreach(entries, suite, arr) {
		size_t i;
		json_t *e;

		if (!json_is_array(arr)) {
			pk_err_set(err, "%s: entries.%s: not an array", path,
				   suite);
			return -1;
		}
		json_array_foreach(arr, i, e) {
			json_t *c = json_object_get(e, "commit");
			json_t *benches = json_object_get(e, "benches");
			json_t *date = json_object_get(e, "date");
			const char *id = json_is_object(c) ? jstr(c, "id") : NULL;
			const char *ts = json_is_object(c)
						 ? jstr(c, "timestamp") : NULL;
			const char *tool = jstr(e, "tool");
			bool hib = gab_bigger_is_better(tool);
			struct pending *p;
			size_t j;
			json_t *b;

			if (id == NULL || !json_is_array(benches)) {
				pk_err_set(err, "%s: entries.%s[%zu]: needs "
					   "commit.id and benches", path,
					   suite, i);
				return -1;
			}
			p = plist_add(l);
			p->m.commit = pk_xstrdup(id);
			p->m.branch = branch ? pk_xstrdup(branch) : NULL;
			if (ts == NULL || hist_parse_date(ts, &p->m.date) != 0) {
				double ms = json_number_value(date);

				/* milliseconds; the seconds must fit int64_t */
				if (json_is_number(date) &&
				    !(fabs(ms) < 9.2e21)) {
					pk_err_set(err, "%s: entries.%s[%zu]: "
						   "date is out of range",
						   path, suite, i);
					return -1;
				}
				if (json_is_number(date))
					p->m.date = (int64_t)(ms / 1000);
			}
			p->m.source = pk_xstrdup(path);
			p->m.hash_extra = pk_xasprintf("gab:%s:%zu", suite, i);
			hist_meta_label(&p->m, "suite", suite);
			if (tool != NULL)
				hist_meta_label(&p->m, "tool", tool);
			if (json_is_number(date)) {
				char *d = pk_xasprintf("%.0f",
						       json_number_value(date));

				hist_meta_label(&p->m, "gab_date_ms", d);
				free(d);
			}
			json_array_foreach(benches, j, b) {
				const char *name = jstr(b, "name");
				json_t *v = json_object_get(b, "value");
				double x;

				if (name == NULL || !json_is_number(v)) {
					pk_err_set(err, "%s: entries.%s[%zu]."
						   "benches[%zu]: needs name "
						   "and a numeric value", path,
						   suite, i, j);
					return -1;
				}
				x = json_number_value(v);
				if (!isfinite(x)) {
					pk_err_set(err, "%s: entries.%s[%zu]."
						   "benches[%zu]: value is not "
						   "finite", path, suite, i, j);
					return -1;
				}
				add_value(&p->s, name, jstr(b, "unit"), hib, x);
			}
		}
	}
	return 0;
}

static int
parse_bench_tracker(const char *path, json_t *root, const char *branch,
		    struct plist *l, struct pk_err *err)
{
	json_t *results = json_object_get(root, "results");
	const char *name = jstr(root, "name");
	const char *created = jstr(root, "created_at");
	const char *commit = jstr(root, "commit");
	const char *key;
	json_t *r;
	struct pending *p;

	if (commit == NULL) {
		pk_err_set(err, "%s: the baseline has no commit", path);
		return -1;
	}
	p = plist_add(l);
	p->m.commit = pk_xstrdup(commit);
	p->m.branch = branch ? pk_xstrdup(branch) : NULL;
	if (created != NULL && hist_parse_date(created, &p->m.date) != 0) {
		pk_err_set(err, "%s: created_at: not a date: %s", path,
			   created);
		return -1;
	}
	p->m.source = pk_xstrdup(path);
	p->m.hash_extra = pk_xasprintf("bench-tracker:%s", name ? name : "");
	hist_meta_label(&p->m, "tool", "bench-tracker");
	if (name != NULL) {
		hist_meta_label(&p->m, "baseline", name);
		l->baseline = pk_xstrdup(name);
	}
	json_object_foreach(results, key, r) {
		json_t *est = json_object_get(r, "estimates");
		json_t *mean = json_object_get(est, "mean");
		json_t *pe = json_object_get(mean, "point_estimate");

		if (!json_is_number(pe) || !isfinite(json_number_value(pe))) {
			pk_err_set(err, "%s: results.%s: no numeric "
				   "estimates.mean.point_estimate", path, key);
			return -1;
		}
		add_value(&p->s, key, "ns", false, json_number_value(pe));
	}
	return 0;
}

int
hist_import(struct hist_db *db, const char *path, const char *branch,
	    struct hist_import_stats *st, struct pk_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if (pk_in_slurp_file(path, &buf, &len, err) != 0)
		return -1;
	rc = hist_import_buf(db, path, buf, len, branch, st, err);
	free(buf);
	return rc;
}

int
hist_import_buf(struct hist_db *db, const char *path, const char *buf,
		size_t len, const char *branch, struct hist_import_stats *st,
		struct pk_err *err)
{
	const char *start;
	json_t *root;
	json_error_t je;
	struct plist l = { NULL, 0, NULL };
	size_t lines_before = 0;
	int rc = -1;

	/* data.js: "window.BENCHMARK_DATA = {...}" */
	start = buf;
	while (start < buf + len && (*start == ' ' || *start == '\t' ||
				     *start == '\n' || *start == '\r'))
		start++;
	if (start < buf + len && *start != '{' && *start != '[') {
		const char *brace = memchr(start, '{',
					   (size_t)(buf + len - start));
		const char *eq = memchr(start, '=', (size_t)(buf + len - start));

		if (brace == NULL || eq == NULL || eq > brace) {
			pk_err_set(err, "%s: neither JSON nor a "
				   "github-action-benchmark data.js", path);
			return -1;
		}
		start = brace;
	}
	for (const char *q = buf; q < start; q++)
		lines_before += *q == '\n';
	root = json_loadb(start, len - (size_t)(start - buf),
			  JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &je);
	if (root == NULL) {
		pk_err_set(err, "%s:%zu: %s", path,
			   (size_t)je.line + lines_before, je.text);
		return -1;
	}
	if (json_is_object(root) && json_object_get(root, "entries") != NULL)
		rc = parse_gab(path, root, branch, &l, err);
	else if (json_is_object(root) &&
		 json_object_get(root, "results") != NULL &&
		 json_object_get(root, "created_at") != NULL)
		rc = parse_bench_tracker(path, root, branch, &l, err);
	else
		pk_err_set(err, "%s: not a github-action-benchmark data.js or "
			   "a bench-tracker baseline.json", path);
	json_decref(root);
	if (rc != 0)
		goto out;

	rc = -1;
	if (hist_begin(db, err) != 0)
		goto out;
	for (size_t i = 0; i < l.n; i++) {
		struct pending *p = &l.p[i];
		int64_t id;
		bool existed;

		if (hist_record(db, &p->m, &p->s, &id, &existed, err) != 0) {
			hist_rollback(db);
			goto out;
		}
		if (existed) {
			st->existed++;
		} else {
			st->runs++;
			st->benchmarks += p->s.n;
			st->samples += hist_set_samples(&p->s);
		}
	}
	if (l.baseline != NULL && l.n == 1) {
		struct hist_baseline b;

		if (hist_baseline_set(db, l.baseline, branch, l.p[0].m.commit,
				      &b, err) != 0) {
			hist_rollback(db);
			goto out;
		}
		hist_baseline_free(&b);
	}
	if (hist_commit(db, err) != 0) {
		hist_rollback(db);
		goto out;
	}
	rc = 0;
out:
	plist_free(&l);
	return rc;
}
