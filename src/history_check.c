/* history_check.c - new results against stored history and budgets.
 *
 * The statistics and the regression rule are prof-compare's (cmp_run):
 * the stored samples of the reference are one side, the new results the
 * other.  Budgets add hard limits on top:
 *   max_regression_pct  broken when the change in the worse direction is
 *                       beyond the budget with confidence: the whole
 *                       bootstrap interval lies past it; where there are
 *                       no statistics (one value per side, too few
 *                       samples) the point estimate decides
 *   max / min           broken when the current median is above / below
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "fmt.h"
#include "history_check.h"
#include "history_private.h"
#include "history_trend.h"
#include "html_doc.h"
#include "json_write.h"

static int
commit_ref(struct hist_db *db, const char *sha, struct bench_set *ref,
	   char **commit, struct pk_err *err)
{
	if (hist_resolve_commit(db, sha, commit, err) != 0)
		return -1;
	return hist_commit_set(db, *commit, ref, err);
}

static bool
is_hex(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!strchr("0123456789abcdefABCDEF", s[n]))
			return false;
	return n >= 4;
}

static int
reference(struct hist_db *db, const char *spec, const char *branch,
	  struct bench_set *ref, char **commit, char **desc,
	  struct pk_err *err)
{
	*commit = NULL;
	*desc = NULL;
	if (strncmp(spec, "baseline", 8) == 0 &&
	    (spec[8] == '\0' || spec[8] == ':')) {
		const char *name = spec[8] == ':' ? spec + 9 : "default";
		const char *tries[] = { branch, "main", "master", "" };
		struct hist_baseline b;

		for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
			int rc;

			if (tries[i] == NULL ||
			    (i > 0 && branch && strcmp(tries[i], branch) == 0))
				continue;
			rc = hist_baseline_get(db, name, tries[i], &b, err);
			if (rc < 0)
				return -1;
			if (rc == 0)
				continue;
			*desc = pk_xasprintf("baseline %s%s%s (%.12s)", name,
					     b.branch[0] ? " of " : "",
					     b.branch, b.commit);
			*commit = pk_xstrdup(b.commit);
			hist_baseline_free(&b);
			return hist_commit_set(db, *commit, ref, err);
		}
		pk_err_set(err, "no baseline %s for branch %s in %s (set one "
			   "with: prof-history baseline set)", name,
			   branch ? branch : "(none)", hist_db_path(db));
		return 1;
	}
	if (strncmp(spec, "commit:", 7) == 0 || is_hex(spec)) {
		const char *sha = spec[6] == ':' && strncmp(spec, "commit", 6)
				  == 0 ? spec + 7 : spec;

		if (commit_ref(db, sha, ref, commit, err) != 0)
			return -1;
		*desc = pk_xasprintf("commit %.12s", *commit);
		return 0;
	}
	if (strncmp(spec, "window:", 7) == 0) {
		/* window:N[:BRANCH]: the last N runs of BRANCH, else of the
		 * base branch (main, master), else of this branch */
		char *end;
		unsigned long long nw = strtoull(spec + 7, &end, 10);
		const char *tries[] = { NULL, "main", "master", branch };
		size_t nr = 0;

		if (end == spec + 7 || nw == 0 || (*end && *end != ':')) {
			pk_err_set(err, "--against %s: want window:N[:BRANCH]",
				   spec);
			return -1;
		}
		if (*end == ':') {
			tries[0] = end + 1;
			tries[1] = tries[2] = tries[3] = NULL;
		}
		for (size_t i = 0; i < 4 && nr == 0; i++) {
			if (tries[i] == NULL)
				continue;
			if (hist_window_set(db, tries[i], (size_t)nw, ref, &nr,
					    commit, err) != 0)
				return -1;
			if (nr > 0)
				*desc = pk_xasprintf("the last %zu run%s of %s "
						     "(newest %.12s)", nr,
						     nr == 1 ? "" : "s",
						     tries[i], *commit);
		}
		if (nr == 0) {
			pk_err_set(err, "--against %s: no runs of %s in %s",
				   spec, tries[0] ? tries[0] : "main, master "
				   "or this branch", hist_db_path(db));
			return -1;
		}
		return 0;
	}
	if (strncmp(spec, "tag:", 4) == 0) {
		char *sha = hist_git_resolve(spec + 4);

		if (sha == NULL) {
			pk_err_set(err, "--against %s: git cannot resolve tag "
				   "'%s' here (run the check inside the "
				   "checkout, with the tags fetched)",
				   spec, spec + 4);
			return -1;
		}
		if (commit_ref(db, sha, ref, commit, err) != 0) {
			free(sha);
			return -1;
		}
		free(sha);
		*desc = pk_xasprintf("tag %s (%.12s)", spec + 4, *commit);
		return 0;
	}
	if (strncmp(spec, "branch:", 7) == 0) {
		char *c;

		if (hist_latest_commit(db, spec + 7, &c, err) != 0)
			return -1;
		*commit = c;
		*desc = pk_xasprintf("branch %s (%.12s)", spec + 7, c);
		return hist_commit_set(db, c, ref, err);
	}
	pk_err_set(err, "--against: expected baseline[:NAME], commit:SHA, "
		   "tag:NAME or branch:B, got '%s'", spec);
	return -1;
}

int
hist_check_reference(struct hist_db *db, const char *spec, const char *branch,
		     struct bench_set *ref, char **commit, char **desc,
		     struct pk_err *err)
{
	int rc = reference(db, spec, branch, ref, commit, desc, err);

	if (rc != 0)
		return rc;
	free(ref->source);
	ref->source = pk_xstrdup(*desc);
	if (ref->n == 0) {
		if (hist_db_testbed(db) != NULL)
			pk_err_set(err, "%s: no stored results on testbed '%s' "
				   "(results of two machines are never "
				   "compared; give --testbed NAME of the "
				   "machine the reference ran on)",
				   *desc, hist_db_testbed(db));
		else
			pk_err_set(err, "%s: no stored results", *desc);
		return -1;
	}
	return 0;
}

void
hist_check_report_free(struct hist_check_report *rep)
{
	for (size_t i = 0; i < rep->nb; i++) {
		free(rep->b[i].name);
		free(rep->b[i].why);
	}
	free(rep->b);
	cmp_result_free(&rep->cmp);
	memset(rep, 0, sizeof *rep);
}

static void
budget_row(struct hist_budget_row *b, const struct cmp_row *r,
	   const struct hist_budget_rule *rule)
{
	bool hib = r->dir == BENCH_HIGHER_IS_BETTER;
	char v1[64], v2[64];

	b->row = r;
	b->glob = rule->glob;
	b->threshold_pct = rule->threshold_pct;
	b->warn_threshold_pct = rule->warn_threshold_pct;
	b->improvement_threshold_pct = rule->improvement_threshold_pct;
	b->max_regression_pct = rule->max_regression_pct;
	b->max = rule->max;
	b->min = rule->min;
	b->worse_pct = NAN;
	if (r->base != NULL && r->cur != NULL && isfinite(r->ratio))
		b->worse_pct = 100 * (hib ? 1 - r->ratio : r->ratio - 1);
	if (r->cur == NULL || r->cur->status != BENCH_OK || r->n2 == 0)
		return;
	if (!isnan(b->max_regression_pct) && !isnan(b->worse_pct)) {
		double lim = b->max_regression_pct / 100;
		bool stats = !r->fallback && !isnan(r->p) && isfinite(r->lo) &&
			     isfinite(r->hi);
		bool over;

		if (stats)
			over = hib ? r->hi < 1 - lim : r->lo > 1 + lim;
		else
			over = b->worse_pct > b->max_regression_pct;
		if (over) {
			b->broken = true;
			b->why = pk_xasprintf(
				"%+.1f%% %s is past the %.4g%% budget%s",
				b->worse_pct, hib ? "lower" : "slower",
				b->max_regression_pct,
				stats ? " (whole interval)" : "");
			return;
		}
	}
	if (!isnan(b->max) && r->med2 > b->max) {
		fmt_value(v1, sizeof v1, r->med2, r->unit);
		fmt_value(v2, sizeof v2, b->max, r->unit);
		b->broken = true;
		b->why = pk_xasprintf("median %s is above the maximum %s", v1,
				      v2);
		return;
	}
	if (!isnan(b->min) && r->med2 < b->min) {
		fmt_value(v1, sizeof v1, r->med2, r->unit);
		fmt_value(v2, sizeof v2, b->min, r->unit);
		b->broken = true;
		b->why = pk_xasprintf("median %s is below the minimum %s", v1,
				      v2);
	}
}

/* The budget rule of a row: by display name ("hit_rate:value"), else by
 * bare name.  *dn gets the display name (malloc'd). */
static bool
row_rule(const struct hist_budgets *b, const struct cmp_row *r,
	 struct hist_budget_rule *rule, char **dn)
{
	*dn = hist_display_name(r->name, r->metric);
	return hist_budget_for(b, *dn, rule) ||
	       hist_budget_for(b, r->name, rule);
}

/* A row's tiers: its budget's, else the command line's (relative). */
static void
row_tiers(const struct hist_budget_rule *rule, const struct cmp_opts *co,
	  double t[3])
{
	t[0] = isnan(rule->threshold_pct) ? co->threshold
					  : rule->threshold_pct / 100;
	t[1] = isnan(rule->warn_threshold_pct) ? co->warn_threshold
					       : rule->warn_threshold_pct / 100;
	t[2] = isnan(rule->improvement_threshold_pct)
		       ? co->improvement_threshold
		       : rule->improvement_threshold_pct / 100;
}

/* Benchmarks with their own tiers in the budgets: the whole rule again at
 * those tiers (as the tiers themselves are decided), each such row's
 * result taken from that run.  Rows pair by index (cmp_run is
 * deterministic in its order). */
static int
own_tiers(const struct bench_set *ref, const struct bench_set *cur,
	  const struct hist_check_opts *o, const struct cmp_opts *co,
	  struct hist_check_report *rep, struct pk_err *err)
{
	size_t n = rep->cmp.n;
	double (*t)[3] = pk_xcalloc(n + 1, sizeof *t);
	bool *own = pk_xcalloc(n + 1, sizeof *own);
	bool *done = pk_xcalloc(n + 1, sizeof *done);
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		struct hist_budget_rule rule;
		char *dn;

		if (row_rule(o->budgets, &rep->cmp.rows[i], &rule, &dn) &&
		    (!isnan(rule.threshold_pct) ||
		     !isnan(rule.warn_threshold_pct) ||
		     !isnan(rule.improvement_threshold_pct))) {
			row_tiers(&rule, co, t[i]);
			if (t[i][1] > 0 && !(t[i][1] < t[i][0])) {
				pk_err_set(err, "%s: budget for %s: the warning "
					   "threshold %g%% is not below the "
					   "threshold %g%%", o->budgets->path,
					   dn, t[i][1] * 100, t[i][0] * 100);
				free(dn);
				rc = -1;
				break;
			}
			own[i] = true;
		}
		free(dn);
	}
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct cmp_opts oo = *co;
		struct cmp_result res;

		if (!own[i] || done[i])
			continue;
		oo.threshold = t[i][0];
		oo.warn_threshold = t[i][1];
		oo.improvement_threshold = t[i][2];
		cmp_run(ref, cur, &oo, &res);
		for (size_t j = i; j < n && j < res.n; j++)
			if (own[j] && !done[j] && t[j][0] == t[i][0] &&
			    t[j][1] == t[i][1] && t[j][2] == t[i][2]) {
				rep->cmp.rows[j] = res.rows[j];
				done[j] = true;
				rep->own_tiers++;
			}
		cmp_result_free(&res);
	}
	if (rep->own_tiers > 0)
		cmp_recount(&rep->cmp);
	free(t);
	free(own);
	free(done);
	return rc;
}

int
hist_check_run(const struct bench_set *ref, const struct bench_set *cur,
	       const struct hist_check_opts *o, struct hist_check_report *rep,
	       struct pk_err *err)
{
	struct cmp_opts co;

	memset(rep, 0, sizeof *rep);
	if (cur->n == 0) {
		pk_err_set(err, "no benchmarks in the new results");
		return -1;
	}
	cmp_opts_default(&co);
	if (o->threshold > 0)
		co.threshold = o->threshold;
	if (o->alpha > 0)
		co.alpha = o->alpha;
	if (o->seed != 0)
		co.seed = o->seed;
	co.warn_threshold = o->warn_threshold;
	co.improvement_threshold = o->improvement_threshold;
	cmp_run(ref, cur, &co, &rep->cmp);
	if (o->budgets != NULL &&
	    own_tiers(ref, cur, o, &co, rep, err) != 0) {
		hist_check_report_free(rep);
		return -1;
	}
	for (size_t i = 0; o->budgets != NULL && i < rep->cmp.n; i++) {
		const struct cmp_row *r = &rep->cmp.rows[i];
		struct hist_budget_rule rule;
		char *name;
		struct hist_budget_row *b;

		if (!row_rule(o->budgets, r, &rule, &name) || r->cur == NULL) {
			free(name);
			continue;
		}
		rep->b = pk_xreallocarray(rep->b, rep->nb + 1, sizeof *rep->b);
		b = &rep->b[rep->nb++];
		memset(b, 0, sizeof *b);
		b->name = name;
		budget_row(b, r, &rule);
		b->report_only = rule.report_only;
		if (rule.report_only &&
		    (r->verdict == CMP_REGRESSION || r->verdict == CMP_WARNING))
			cmp_acknowledge(&rep->cmp, i,
					"report only (\"fail\": false in the "
					"budgets)");
		if (!rule.report_only)
			rep->broken += b->broken;
	}
	rep->regressions = rep->cmp.n_reg;
	return 0;
}

/* ---------------------------------------------------------------- output */

static void
budget_cells(const struct hist_budget_row *b, char *lim, size_t nl,
	     char *chg, size_t nc, char *med, size_t nm)
{
	size_t k = 0;

	lim[0] = '\0';
	if (!isnan(b->max_regression_pct))
		k += (size_t)snprintf(lim + k, nl - k, "≤ %.4g%% worse",
				      b->max_regression_pct);
	if (!isnan(b->max) && k < nl) {
		char v[64];

		fmt_value(v, sizeof v, b->max, b->row->unit);
		k += (size_t)snprintf(lim + k, nl - k, "%smax %s",
				      k ? ", " : "", v);
	}
	if (!isnan(b->min) && k < nl) {
		char v[64];

		fmt_value(v, sizeof v, b->min, b->row->unit);
		k += (size_t)snprintf(lim + k, nl - k, "%smin %s",
				      k ? ", " : "", v);
	}
	if (!isnan(b->threshold_pct) && k < nl)
		k += (size_t)snprintf(lim + k, nl - k, "%sfail > %.4g%%",
				      k ? ", " : "", b->threshold_pct);
	if (!isnan(b->warn_threshold_pct) && k < nl)
		k += (size_t)snprintf(lim + k, nl - k, "%swarn > %.4g%%",
				      k ? ", " : "", b->warn_threshold_pct);
	if (!isnan(b->improvement_threshold_pct) && k < nl)
		snprintf(lim + k, nl - k, "%simprove > %.4g%%", k ? ", " : "",
			 b->improvement_threshold_pct);
	if (isnan(b->worse_pct))
		snprintf(chg, nc, "n/a");
	else
		snprintf(chg, nc, "%+.1f%%", b->worse_pct);
	if (b->row->cur != NULL && b->row->n2 > 0)
		fmt_value(med, nm, b->row->med2, b->row->unit);
	else
		snprintf(med, nm, "n/a");
}

static void
write_budgets_md(FILE *f, const struct hist_check_report *rep, bool md)
{
	if (rep->nb == 0)
		return;
	fputs(md ? "\n### Budgets\n\n" : "\nBudgets:\n", f);
	if (rep->own_tiers > 0)
		fprintf(f, "%s%zu benchmark%s decided at %s own thresholds "
			"(fail, warn, improve) from the budgets, not the "
			"command line's.\n%s",
			md ? "" : "  ", rep->own_tiers,
			rep->own_tiers == 1 ? "" : "s",
			rep->own_tiers == 1 ? "its" : "their", md ? "\n" : "");
	if (md)
		fputs("| | Benchmark | Budget | Change (worse +) | Median | |\n"
		      "|---|---|---|---:|---:|---|\n", f);
	for (size_t i = 0; i < rep->nb; i++) {
		const struct hist_budget_row *b = &rep->b[i];
		char lim[160], chg[32], med[64];

		budget_cells(b, lim, sizeof lim, chg, sizeof chg, med,
			     sizeof med);
		if (md)
			fprintf(f, "| %s | `%s` | %s | %s | %s | %s%s |\n",
				!b->broken ? ":white_check_mark:"
				: b->report_only ? ":warning:" : ":x:",
				b->name, lim, chg, med,
				b->broken ? b->why : "within budget",
				b->broken && b->report_only ? " (report only)"
							    : "");
		else
			fprintf(f, "  %-6s %-40s %-28s %9s %12s  %s%s\n",
				!b->broken ? "ok"
				: b->report_only ? "REPORT" : "BROKEN",
				b->name, lim, chg, med, b->broken ? b->why : "",
				b->broken && b->report_only ? " (report only)"
							    : "");
	}
}

static void
write_verdict(FILE *f, const struct hist_check_report *rep, bool md)
{
	bool fail = rep->regressions > 0 || rep->broken > 0 ||
		    rep->cmp.n_matched == 0;

	fprintf(f, "\n%s%s: %zu regression%s, %zu broken budget%s%s%s\n",
		md ? "**" : "", fail ? "FAIL" : "OK", rep->regressions,
		rep->regressions == 1 ? "" : "s", rep->broken,
		rep->broken == 1 ? "" : "s",
		rep->cmp.n_matched == 0 ? ", nothing compared" : "",
		md ? "**" : "");
}

static int
write_json(FILE *f, const struct hist_check_report *rep, struct pk_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	struct jw w;

	if (m == NULL) {
		pk_err_set(err, "out of memory");
		return -1;
	}
	cmp_write_json(m, &rep->cmp);
	fclose(m);
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		buf[--len] = '\0';
	jw_init(&w, f, 1);
	jw_object_begin(&w);
	jw_kstring(&w, "against", rep->ref_desc ? rep->ref_desc : "");
	if (rep->ref_commit)
		jw_kstring(&w, "reference_commit", rep->ref_commit);
	jw_kbool(&w, "ok", rep->regressions == 0 && rep->broken == 0 &&
			       rep->cmp.n_matched > 0);
	jw_kuint(&w, "regressions", rep->regressions);
	jw_kuint(&w, "broken_budgets", rep->broken);
	jw_key(&w, "budgets");
	jw_array_begin(&w);
	for (size_t i = 0; i < rep->nb; i++) {
		const struct hist_budget_row *b = &rep->b[i];

		jw_object_begin(&w);
		jw_kstring(&w, "benchmark", b->name);
		jw_kstring(&w, "rule", b->glob);
		if (!isnan(b->max_regression_pct))
			jw_kdouble(&w, "max_regression_pct",
				   b->max_regression_pct);
		if (!isnan(b->max))
			jw_kdouble(&w, "max", b->max);
		if (!isnan(b->min))
			jw_kdouble(&w, "min", b->min);
		if (!isnan(b->threshold_pct))
			jw_kdouble(&w, "threshold_pct", b->threshold_pct);
		if (!isnan(b->warn_threshold_pct))
			jw_kdouble(&w, "warn_threshold_pct",
				   b->warn_threshold_pct);
		if (!isnan(b->improvement_threshold_pct))
			jw_kdouble(&w, "improvement_threshold_pct",
				   b->improvement_threshold_pct);
		if (!isnan(b->worse_pct))
			jw_kdouble(&w, "worse_pct", b->worse_pct);
		if (b->row->n2 > 0)
			jw_kdouble(&w, "median", b->row->med2);
		jw_kbool(&w, "broken", b->broken);
		if (b->report_only)
			jw_kbool(&w, "report_only", true);
		if (b->why)
			jw_kstring(&w, "why", b->why);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_key(&w, "comparison");
	jw_raw(&w, buf);
	jw_object_end(&w);
	jw_free(&w);
	fputc('\n', f);
	free(buf);
	return 0;
}

/* prof-compare's HTML report with the reference and budgets put first. */
static int
write_html(FILE *f, const struct hist_check_report *rep, struct pk_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	htmlDocPtr doc;
	xmlNodePtr body = NULL, sec, tbl, tr, first;
	int rc;
	char line[256];

	if (m == NULL) {
		pk_err_set(err, "out of memory");
		return -1;
	}
	if (cmp_write_html(m, &rep->cmp, err) != 0) {
		fclose(m);
		free(buf);
		return -1;
	}
	fclose(m);
	doc = htmlReadMemory(buf, (int)len, NULL, "utf-8",
			     HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
			     HTML_PARSE_NONET);
	free(buf);
	if (doc == NULL) {
		pk_err_set(err, "building the HTML report failed");
		return -1;
	}
	for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n;
	     n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(n->name, BAD_CAST "body") == 0)
			body = n;
	if (body == NULL)
		body = xmlNewChild(xmlDocGetRootElement(doc), NULL,
				   BAD_CAST "body", NULL);
	sec = xmlNewNode(NULL, BAD_CAST "section");
	xmlNewProp(sec, BAD_CAST "id", BAD_CAST "history-check");
	html_el(sec, "h1", "prof-history check");
	snprintf(line, sizeof line, "Against %s. %s: %zu regression%s, %zu "
		 "broken budget%s.", rep->ref_desc ? rep->ref_desc : "?",
		 rep->regressions || rep->broken || rep->cmp.n_matched == 0
			 ? "FAIL"
			 : "OK",
		 rep->regressions, rep->regressions == 1 ? "" : "s",
		 rep->broken, rep->broken == 1 ? "" : "s");
	html_el(sec, "p", line);
	if (rep->nb > 0) {
		static const char *const head[] = { "", "benchmark", "budget",
			"change (worse +)", "median", "" };

		html_el(sec, "h2", "Budgets");
		tbl = html_el(sec, "table", NULL);
		html_row(tbl, "th", head, sizeof head / sizeof *head);
		for (size_t i = 0; i < rep->nb; i++) {
			const struct hist_budget_row *b = &rep->b[i];
			char lim[160], chg[32], med[64];

			budget_cells(b, lim, sizeof lim, chg, sizeof chg, med,
				     sizeof med);
			tr = html_el(tbl, "tr", NULL);
			html_el(tr, "td", b->broken ? "✗" : "✓");
			html_el(tr, "td", b->name);
			html_el(tr, "td", lim);
			html_el(tr, "td", chg);
			html_el(tr, "td", med);
			html_el(tr, "td", b->broken ? b->why : "within budget");
		}
	}
	first = body->children;
	if (first != NULL)
		xmlAddPrevSibling(first, sec);
	else
		xmlAddChild(body, sec);
	/* the doctype is the one parsed from prof-compare's page */
	rc = html_doc_write(f, doc, false, err);
	xmlFreeDoc(doc);
	return rc;
}

int
hist_check_write(FILE *f, const char *fmt, const struct hist_check_report *rep,
		 struct pk_err *err)
{
	if (strcmp(fmt, "json") == 0)
		return write_json(f, rep, err);
	if (strcmp(fmt, "html") == 0)
		return write_html(f, rep, err);
	if (strcmp(fmt, "openmetrics") == 0) {
		cmp_write_openmetrics_families(f, &rep->cmp);
		fputs("# TYPE profkit_history_budgets_broken gauge\n"
		      "# HELP profkit_history_budgets_broken Budgets the "
		      "results broke.\n", f);
		fprintf(f, "profkit_history_budgets_broken %zu\n# EOF\n",
			rep->broken);
		return 0;
	}
	if (strcmp(fmt, "text") == 0) {
		fprintf(f, "Against %s\n\n", rep->ref_desc ? rep->ref_desc
							   : "?");
		cmp_write_text(f, &rep->cmp);
		write_budgets_md(f, rep, false);
		write_verdict(f, rep, false);
		return 0;
	}
	fprintf(f, "## prof-history check\n\nAgainst %s.\n\n",
		rep->ref_desc ? rep->ref_desc : "?");
	cmp_write_gfm(f, &rep->cmp);
	write_budgets_md(f, rep, true);
	write_verdict(f, rep, true);
	return 0;
}

/* Regressions and warnings a later `prof-history ack` covers (an
 * acknowledgement of a change after the reference commit) are marked
 * acknowledged and no longer count; *acks holds the reasons shown. */
int
hist_check_acks(struct hist_db *db, struct hist_check_report *rep,
		const char *ref_commit, struct hist_ack **acks, size_t *nacks,
		struct pk_err *err)
{
	struct pk_err dateless = { NULL };
	int64_t ref_date = 0;

	if (hist_acks_load(db, acks, nacks, err) != 0)
		return -1;
	if (*nacks == 0)
		return 0;
	/* an unknown reference commit: every acknowledgement counts */
	if (ref_commit != NULL &&
	    hist_commit_date(db, ref_commit, &ref_date, &dateless) != 0)
		pk_err_clear(&dateless);
	for (size_t i = 0; i < rep->cmp.n; i++) {
		const struct cmp_row *r = &rep->cmp.rows[i];
		const struct hist_ack *a;
		char *dn;

		if (r->verdict != CMP_REGRESSION && r->verdict != CMP_WARNING)
			continue;
		dn = hist_display_name(r->name, r->metric);
		a = hist_ack_find(*acks, *nacks, dn, ref_date + 1);
		if (a != NULL)
			cmp_acknowledge(&rep->cmp, i, a->reason);
		free(dn);
	}
	rep->regressions = rep->cmp.n_reg;
	return 0;
}
