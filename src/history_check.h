/* history_check.h - compare new results with stored history (prof-history
 * check): prof-compare's statistics and decision rule (compare.h) against
 * the samples of a baseline, a commit or a branch's latest run, plus the
 * budgets of history_budget.h. */
#ifndef PK_HISTORY_CHECK_H
#define PK_HISTORY_CHECK_H

#include <stdio.h>

#include "compare.h"
#include "history.h"
#include "history_budget.h"

/* Resolve --against SPEC to the reference samples:
 *   baseline[:NAME]  the baseline NAME (default "default") of branch, else
 *                    of main, master, or the branch-less one
 *   commit:SHA       every run stored for that commit (SHA may be a prefix;
 *                    a bare hex SHA works too)
 *   tag:NAME         the commit git resolves the tag to (in the current
 *                    directory's checkout)
 *   branch:B         the newest recorded commit on branch B
 * *commit and *desc (what was used, for the report) are malloc'd.
 * Returns 0, -1 on error, or 1 (err set too) when a baseline was asked
 * for and none is set: a first run. */
int hist_check_reference(struct hist_db *db, const char *spec,
			 const char *branch, struct bench_set *ref,
			 char **commit, char **desc, struct pk_err *err);

struct hist_check_opts {
	double threshold; /* relative (0.05) */
	double alpha;
	uint64_t seed;
	double warn_threshold;        /* relative; 0: no warning tier */
	double improvement_threshold; /* relative; 0: threshold */
	const struct hist_budgets *budgets; /* NULL: none */
};

struct hist_budget_row {
	const struct cmp_row *row;
	char *name;       /* display name */
	char *glob;       /* the first rule that matched */
	double max_regression_pct, max, min;
	double worse_pct; /* change in the worse direction, percent */
	/* its own tiers from the budgets, percent (NAN: the command line's) */
	double threshold_pct, warn_threshold_pct, improvement_threshold_pct;
	bool broken;
	bool report_only; /* "fail": false: shown, not counted */
	char *why;        /* what broke, or NULL */
};

struct hist_check_report {
	struct cmp_result cmp;
	struct hist_budget_row *b;
	size_t nb;
	size_t regressions, broken;
	size_t own_tiers; /* benchmarks decided at their budgets' tiers */
	const char *ref_desc, *ref_commit; /* not owned */
};

int hist_check_run(const struct bench_set *ref, const struct bench_set *cur,
		   const struct hist_check_opts *o,
		   struct hist_check_report *rep, struct pk_err *err);
void hist_check_report_free(struct hist_check_report *rep);
/* Mark the regressions and warnings that an acknowledgement covers;
 * *acks (hist_acks_free) holds them for the report. */
int hist_check_acks(struct hist_db *db, struct hist_check_report *rep,
		    const char *ref_commit, struct hist_ack **acks,
		    size_t *nacks, struct pk_err *err);
/* fmt: gfm, json, html, text or openmetrics. */
int hist_check_write(FILE *f, const char *fmt,
		     const struct hist_check_report *rep, struct pk_err *err);

#endif
