/* history_private.h - what the history_*.c files share and no other
 * module uses: transactions, the commit and window queries of
 * history_check.c, git resolution, status names, budget lookup. */
#ifndef PK_HISTORY_PRIVATE_H
#define PK_HISTORY_PRIVATE_H

#include "history.h"
#include "history_budget.h"

/* The full SHA of a git revision (a tag, a branch, a SHA) in the current
 * directory's checkout, malloc'd; NULL when git cannot resolve it. */
char *hist_git_resolve(const char *rev);

/* The testbed hist_set_testbed chose (NULL: every testbed). */
const char *hist_db_testbed(const struct hist_db *db);

/* One write transaction (BEGIN IMMEDIATE) around several records: all
 * of them land or none. */
int hist_begin(struct hist_db *db, struct pk_err *err);
int hist_commit(struct hist_db *db, struct pk_err *err);
void hist_rollback(struct hist_db *db);

/* Samples of every run at commit pooled per benchmark (commit exact). */
int hist_commit_set(struct hist_db *db, const char *commit,
		    struct bench_set *set, struct pk_err *err);

/* The newest recorded commit on branch (NULL branch: any). */
int hist_latest_commit(struct hist_db *db, const char *branch, char **commit,
		       struct pk_err *err);

/* The pooled samples of the newest n runs of branch (NULL: every
 * branch) on the testbed set: *nruns how many were found, *newest the
 * newest one's commit (malloc'd; NULL when none). */
int hist_window_set(struct hist_db *db, const char *branch, size_t n,
		    struct bench_set *set, size_t *nruns, char **newest,
		    struct pk_err *err);

/* "ok", "failed", "timeout" for enum bench_status. */
const char *hist_status_name(int status);

#endif
