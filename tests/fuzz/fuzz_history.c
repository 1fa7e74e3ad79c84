/* fuzz_history.c - fuzz target for prof-history's parsers: the importer
 * (github-action-benchmark data.js, bench-tracker baseline.json) into an
 * in-memory database, the budgets file, and change-point detection on the
 * input read as doubles. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "history_budget.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct hist_db *db;
	struct pk_err err = { NULL };
	struct hist_import_stats st;
	struct hist_budgets b;
	double *x;
	size_t n = 0, *cp;

	if (db == NULL) {
		db = hist_open(":memory:", true, &err);
		if (db == NULL)
			abort();
	}
	memset(&st, 0, sizeof st);
	hist_import_buf(db, "fuzz", (const char *)data, size, NULL, &st, &err);
	pk_err_clear(&err);
	hist_budgets_parse("fuzz", (const char *)data, size, &b, &err);
	hist_budgets_free(&b);
	pk_err_clear(&err);

	x = pk_xmalloc((size / sizeof(double) + 1) * sizeof *x);
	cp = pk_xmalloc((size / sizeof(double) + 1) * sizeof *cp);
	for (size_t i = 0; i + sizeof(double) <= size; i += sizeof(double)) {
		double v;

		memcpy(&v, data + i, sizeof v);
		if (isfinite(v) && fabs(v) < 1e300)
			x[n++] = v;
	}
	hist_cp_detect(x, n, NULL, cp);
	free(x);
	free(cp);
	return 0;
}
