/* fuzz_history.c - fuzz target for prof-history's parsers: the importer
 * (github-action-benchmark data.js, bench-tracker baseline.json) into an
 * in-memory database, the budgets file, and change-point detection on the
 * input read as doubles.
 *
 * Per execution cost: the database is opened once; an import that fails
 * changes nothing (its transaction is rolled back), one that succeeds is
 * followed by a fresh database, so every input starts from an empty one.
 * Change-point detection is O(n^2 log n): it gets at most CP_MAX values
 * (every branch of it is reached with a few dozen), once with the default
 * options and once with a short minimum segment and a minimum change (the
 * merging of weak changes).
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "history_budget.h"

#define CP_MAX 32

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct hist_db *db;
	static const struct hist_cp_opts cpo = {
		.penalty = 1, .min_segment = 2, .min_change = 0.05 };
	struct pk_err err = { NULL };
	struct hist_import_stats st;
	struct hist_budgets b;
	double x[CP_MAX];
	size_t n = 0, cp[CP_MAX];

	if (db == NULL) {
		db = hist_open(":memory:", true, &err);
		if (db == NULL)
			abort();
	}
	memset(&st, 0, sizeof st);
	if (hist_import_buf(db, "fuzz", (const char *)data, size, NULL, &st,
			    &err) == 0) {
		hist_close(db);
		db = NULL;
	}
	pk_err_clear(&err);
	hist_budgets_parse("fuzz", (const char *)data, size, &b, &err);
	hist_budgets_free(&b);
	pk_err_clear(&err);

	for (size_t i = 0; i + sizeof(double) <= size && n < CP_MAX;
	     i += sizeof(double)) {
		double v;

		memcpy(&v, data + i, sizeof v);
		if (isfinite(v) && fabs(v) < 1e300)
			x[n++] = v;
	}
	hist_cp_detect(x, n, NULL, cp);
	hist_cp_detect(x, n, &cpo, cp);
	return 0;
}
