/* history_view.h - the text and JSON views of stored runs, commits and
 * baselines (prof-history list, show, baseline show|list). */
#ifndef PK_HISTORY_VIEW_H
#define PK_HISTORY_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "history.h"

/* The runs as a table ("RUN COMMIT BRANCH ...") or a JSON array. */
void hist_write_runs(FILE *f, const struct hist_run *runs, size_t n,
		     bool json);
/* One commit's runs with every benchmark's median, min and max (text) or
 * samples (JSON).  Returns 0, or -1 with err set (a run's results could
 * not be read). */
int hist_write_commit(FILE *f, struct hist_db *db, const char *commit,
		      const struct hist_run *runs, size_t n, bool json,
		      struct pk_err *err);
/* "NAME<TAB>BRANCH<TAB>COMMIT<TAB>DATE" */
void hist_write_baseline(FILE *f, const struct hist_baseline *b);

#endif
