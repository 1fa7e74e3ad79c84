/* history_budget.h - performance budgets per benchmark or glob. */
#ifndef PK_HISTORY_BUDGET_H
#define PK_HISTORY_BUDGET_H

#include <stdbool.h>
#include <stddef.h>

#include "history.h"

struct hist_budget_rule {
	char *glob;
	double max_regression_pct; /* NAN when unset */
	double max;                /* absolute upper bound, NAN when unset */
	double min;                /* absolute lower bound, NAN when unset */
	int higher_is_better;      /* -1 unset, else 0/1: the direction */
	bool report_only;          /* "fail": false: shown, never fails */
	/* the benchmark's own tiers, percent (NAN: the command line's) */
	double threshold_pct;             /* fail (regression) threshold */
	double warn_threshold_pct;        /* warning tier */
	double improvement_threshold_pct; /* improvements decided at */
};

struct hist_budgets {
	char *path;
	struct hist_budget_rule *r;
	size_t n;
};

/* Parse a budgets file; every error names the file. */
int hist_budgets_load(const char *path, struct hist_budgets *b,
		      struct pk_err *err);
/* The same from a buffer (path is for messages). */
int hist_budgets_parse(const char *path, const char *buf, size_t len,
		       struct hist_budgets *b, struct pk_err *err);
void hist_budgets_free(struct hist_budgets *b);
/* Set the direction of every entry of set that a rule with
 * "higher_is_better" matches (by display name, else by bare name). */
void hist_budgets_apply_dir(const struct hist_budgets *b,
			    struct bench_set *set);

/* The combined (strictest) budget of every rule matching name; false when
 * none matches.  out->glob points at the first matching rule's glob. */
bool hist_budget_for(const struct hist_budgets *b, const char *name,
		     struct hist_budget_rule *out);

#endif
