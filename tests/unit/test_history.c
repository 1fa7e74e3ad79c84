/* test_history.c - unit tests of the history store and change points. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "history.h"
#include "history_budget.h"
#include "history_store.h"

/* ---- a small seeded generator, so every series is reproducible ---- */

static uint64_t rng_state;

static uint64_t
rng_next(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

static double
rng_unit(void) /* (0, 1) */
{
	return ((double)(rng_next() >> 11) + 0.5) / 9007199254740992.0;
}

static double
rng_gauss(void)
{
	return sqrt(-2 * log(rng_unit())) * cos(2 * M_PI * rng_unit());
}

static double
rng_laplace(void)
{
	double u = rng_unit() - 0.5;

	return (u < 0 ? 1 : -1) * log(1 - 2 * fabs(u)) / M_SQRT2;
}

static size_t
detect(const double *x, size_t n, size_t *cp)
{
	struct hist_cp_opts o = { 0, 0, 0 };

	return hist_cp_detect(x, n, &o, cp);
}

/* Pure noise (Gaussian and heavier-tailed Laplace): no change points in
 * any of 200 seeded series of 60 points. */
static void
cp_noise_has_no_change(void **state)
{
	double x[60];
	size_t cp[60], fp = 0;

	(void)state;
	for (uint64_t seed = 1; seed <= 200; seed++) {
		rng_state = seed * 0x9e3779b97f4a7c15ULL;
		for (size_t i = 0; i < 60; i++)
			x[i] = 100 + 3 * (seed % 2 ? rng_gauss() : rng_laplace());
		fp += detect(x, 60, cp);
	}
	assert_int_equal(fp, 0);
}

/* One level shift of +15 % at index 37 with 2 % noise: found exactly
 * there, in every one of 100 seeded series. */
static void
cp_single_step(void **state)
{
	double x[60];
	size_t cp[60];

	(void)state;
	for (uint64_t seed = 1; seed <= 100; seed++) {
		rng_state = seed * 0x2545f4914f6cdd1dULL;
		for (size_t i = 0; i < 60; i++)
			x[i] = (i < 37 ? 100 : 115) + 2 * rng_gauss();
		assert_int_equal(detect(x, 60, cp), 1);
		assert_int_equal(cp[0], 37);
	}
}

/* The same step with one-run blips (a 5x outlier, as when a CI machine
 * stalls once) at three places: the blips are ignored. */
static void
cp_step_ignores_blips(void **state)
{
	double x[60];
	size_t cp[60];

	(void)state;
	for (uint64_t seed = 1; seed <= 100; seed++) {
		rng_state = seed * 0xd1b54a32d192ed03ULL;
		for (size_t i = 0; i < 60; i++)
			x[i] = (i < 37 ? 100 : 115) + 2 * rng_gauss();
		x[5] *= 5;
		x[22] *= 5;
		x[50] *= 0.2;
		assert_int_equal(detect(x, 60, cp), 1);
		assert_int_equal(cp[0], 37);
	}
}

/* What a busy CI machine did in this project's 60-commit test: the two
 * runs right after a real 3x slowdown came out 35 % slower still.  One
 * change point, at the slowdown. */
static void
cp_step_then_burst(void **state)
{
	double x[60];
	size_t cp[60];

	(void)state;
	for (uint64_t seed = 1; seed <= 50; seed++) {
		rng_state = seed * 0x9e3779b97f4a7c15ULL + 3;
		for (size_t i = 0; i < 60; i++)
			x[i] = (i < 36 ? 0.52 : 1.47) * (1 + 0.02 * rng_gauss());
		x[36] *= 1.35;
		x[37] *= 1.35;
		assert_int_equal(detect(x, 60, cp), 1);
		assert_int_equal(cp[0], 36);
	}
}

/* Blips only (including at both ends, and two runs in a row): nothing. */
static void
cp_blips_only(void **state)
{
	double x[40];
	size_t cp[40];

	(void)state;
	rng_state = 42;
	for (size_t i = 0; i < 40; i++)
		x[i] = 10 + 0.2 * rng_gauss();
	x[0] = 50;
	x[17] = 80;
	x[25] = 30;
	x[26] = 32;
	x[39] = 90;
	assert_int_equal(detect(x, 40, cp), 0);
}

/* Up at 20, back down at 45 (a regression that was later fixed). */
static void
cp_two_steps(void **state)
{
	double x[70];
	size_t cp[70];

	(void)state;
	for (uint64_t seed = 1; seed <= 50; seed++) {
		rng_state = seed * 0x9e3779b97f4a7c15ULL + 7;
		for (size_t i = 0; i < 70; i++)
			x[i] = (i >= 20 && i < 45 ? 130 : 100) +
			       3 * rng_laplace();
		assert_int_equal(detect(x, 70, cp), 2);
		assert_int_equal(cp[0], 20);
		assert_int_equal(cp[1], 45);
	}
}

/* Exactly constant levels (a coarse timer): the change is still found,
 * and min_change drops shifts smaller than asked for. */
static void
cp_constant_levels(void **state)
{
	double x[30];
	size_t cp[30];
	struct hist_cp_opts o = { 0, 0, 0.05 };

	(void)state;
	for (size_t i = 0; i < 30; i++)
		x[i] = i < 12 ? 2.0 : 2.5;
	assert_int_equal(detect(x, 30, cp), 1);
	assert_int_equal(cp[0], 12);
	for (size_t i = 0; i < 30; i++)
		x[i] = i < 12 ? 2.0 : 2.02;
	assert_int_equal(detect(x, 30, cp), 1);
	assert_int_equal(hist_cp_detect(x, 30, &o, cp), 0);
	for (size_t i = 0; i < 30; i++)
		x[i] = 7;
	assert_int_equal(detect(x, 30, cp), 0);
}

/* Levels must last min_segment runs (default 5). */
static void
cp_short_series(void **state)
{
	double x[10] = { 1, 1, 1, 1, 1, 5, 5, 5, 5, 5 };
	size_t cp[10];
	struct hist_cp_opts o = { 0, 2, 0 };

	(void)state;
	assert_int_equal(detect(x, 0, cp), 0);
	assert_int_equal(detect(x, 1, cp), 0);
	assert_int_equal(detect(x, 9, cp), 0);
	assert_int_equal(detect(x, 10, cp), 1);
	assert_int_equal(cp[0], 5);
	/* a two-run level: a burst by default, a level with min_segment 2 */
	x[5] = x[6] = 5;
	x[7] = x[8] = x[9] = 1;
	assert_int_equal(detect(x, 10, cp), 0);
	assert_int_equal(hist_cp_detect(x, 10, &o, cp), 2);
	assert_int_equal(cp[0], 5);
	assert_int_equal(cp[1], 7);
}

/* Per-benchmark tiers in the budgets file: several matching rules give
 * the smallest of each; a warning tier not below the fail threshold of the
 * same rule, a threshold <= 0 and an unknown key are errors. */
static void
budgets_tiers(void **state)
{
	static const char ok[] =
		"{\"budgets\": ["
		"{\"benchmark\": \"BM_*\", \"threshold_pct\": 20,"
		" \"warn_threshold_pct\": 10},"
		"{\"benchmark\": \"BM_core\", \"threshold_pct\": 12,"
		" \"improvement_threshold_pct\": 5}]}";
	static const char *const bad[] = {
		"{\"budgets\": {\"x\": {\"threshold_pct\": 10,"
		" \"warn_threshold_pct\": 10}}}",
		"{\"budgets\": {\"x\": {\"threshold_pct\": 0}}}",
		"{\"budgets\": {\"x\": {\"threshold\": 10}}}",
	};
	struct hist_budgets b;
	struct hist_budget_rule r;
	struct pk_err err = { NULL };

	(void)state;
	assert_int_equal(hist_budgets_parse("b.json", ok, strlen(ok), &b, &err),
			 0);
	assert_true(hist_budget_for(&b, "BM_core", &r));
	assert_true(r.threshold_pct == 12);
	assert_true(r.warn_threshold_pct == 10);
	assert_true(r.improvement_threshold_pct == 5);
	assert_true(hist_budget_for(&b, "BM_io", &r));
	assert_true(r.threshold_pct == 20);
	assert_true(isnan(r.improvement_threshold_pct));
	assert_false(hist_budget_for(&b, "other", &r));
	hist_budgets_free(&b);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(hist_budgets_parse("b.json", bad[i],
						    strlen(bad[i]), &b, &err),
				 -1);
		assert_non_null(strstr(err.msg, "b.json"));
		pk_err_clear(&err);
		hist_budgets_free(&b);
	}
}

static void
median_and_dates(void **state)
{
	double v[] = { 5, 1, 4, 2, 3 };
	double w[] = { 4, 1, 3, 2 };
	int64_t t;
	char buf[40];

	(void)state;
	assert_true(hist_median(v, 5) == 3);
	assert_true(hist_median(w, 4) == 2.5);
	assert_int_equal(hist_parse_date("1701389473", &t), 0);
	assert_int_equal(t, 1701389473);
	assert_int_equal(hist_parse_date("2023-12-01T03:10:20+03:00", &t), 0);
	assert_int_equal(t, 1701389420);
	assert_int_equal(hist_parse_date("2023-12-01T00:10:20.123456Z", &t), 0);
	assert_int_equal(t, 1701389420);
	assert_int_equal(hist_parse_date("2023-12-01", &t), 0);
	assert_int_equal(t, 1701388800);
	assert_int_equal(hist_parse_date("2023-13-01", &t), -1);
	assert_int_equal(hist_parse_date("yesterday", &t), -1);
	assert_int_equal(hist_parse_date("2023-12-01T00:10:20Zjunk", &t), -1);
	hist_format_date(1701389420, buf, sizeof buf);
	assert_string_equal(buf, "2023-12-01T00:10:20Z");
	assert_true(hist_glob("BM_*", "BM_sum"));
	assert_false(hist_glob("BM_*", "bm_sum"));
	assert_true(hist_glob(NULL, "x"));
}

/* ---- the store ---- */

static char dbdir[] = "/tmp/pk-hist-unit-XXXXXX";

static void
fill(struct bench_set *s, double base)
{
	struct bench_entry *b = hist_entry(s, "fib", NULL, "s", false);

	for (int i = 0; i < 5; i++)
		bench_entry_add(b, base + i * 0.01);
	b = hist_entry(s, "tput", "throughput", "ops/s", true);
	bench_entry_add(b, 1000 * base);
}

static void
store_record_and_read(void **state)
{
	struct pk_err err = { NULL };
	char *path = pk_xasprintf("%s/sub/dir/h.sqlite", dbdir);
	struct hist_db *db;
	struct hist_meta m;
	struct bench_set s, back;
	int64_t id, id2;
	bool existed;
	struct hist_run *runs;
	size_t nruns;
	struct hist_series *ser;
	size_t nser;
	struct hist_baseline bl;
	char *c;

	(void)state;
	assert_null(hist_open(path, false, &err));
	assert_non_null(err.msg);
	pk_err_clear(&err);
	db = hist_open(path, true, &err);
	assert_non_null(db);
	assert_int_equal(hist_db_found_version(db), 0);

	memset(&m, 0, sizeof m);
	m.commit = pk_xstrdup("aaaa1111");
	m.branch = pk_xstrdup("main");
	m.date = 1000;
	hist_meta_machine(&m);
	hist_meta_label(&m, "os", "linux");
	hist_meta_label(&m, "os", "debian");
	assert_int_equal(m.nlabels, 1);
	bench_set_init(&s);
	fill(&s, 1.0);
	assert_int_equal(hist_record(db, &m, &s, &id, &existed, &err), 0);
	assert_false(existed);
	/* the same commit and input again: nothing new */
	assert_int_equal(hist_record(db, &m, &s, &id2, &existed, &err), 0);
	assert_true(existed);
	assert_int_equal(id, id2);
	bench_set_free(&s);

	free(m.commit);
	m.commit = pk_xstrdup("bbbb2222");
	m.date = 2000;
	bench_set_init(&s);
	fill(&s, 2.0);
	assert_int_equal(hist_record(db, &m, &s, &id2, &existed, &err), 0);
	assert_false(existed);
	assert_true(id2 > id);
	bench_set_free(&s);

	/* a non-finite sample is refused and leaves nothing behind */
	free(m.commit);
	m.commit = pk_xstrdup("cccc3333");
	bench_set_init(&s);
	bench_entry_add(hist_entry(&s, "fib", NULL, "s", false), NAN);
	assert_int_equal(hist_record(db, &m, &s, &id2, &existed, &err), -1);
	assert_non_null(strstr(err.msg, "not a finite number"));
	pk_err_clear(&err);
	bench_set_free(&s);
	hist_meta_free(&m);

	assert_int_equal(hist_runs(db, NULL, NULL, 0, &runs, &nruns, &err), 0);
	assert_int_equal(nruns, 2);
	assert_string_equal(runs[0].commit, "aaaa1111");
	assert_int_equal(runs[0].nbench, 2);
	assert_int_equal(runs[0].nsamples, 6);
	assert_int_equal(runs[0].nlabels, 1);
	assert_string_equal(runs[0].labels[0].value, "debian");
	assert_true(runs[0].cores > 0);
	bench_set_init(&back);
	assert_int_equal(hist_run_set(db, runs[1].id, &back, &err), 0);
	assert_int_equal(back.n, 2);
	assert_string_equal(back.v[0].name, "fib");
	assert_int_equal(back.v[0].n, 5);
	assert_true(back.v[0].samples[4] == 2.04);
	assert_string_equal(back.v[1].metric, "throughput");
	assert_int_equal(back.v[1].dir, BENCH_HIGHER_IS_BETTER);
	bench_set_free(&back);
	hist_runs_free(runs, nruns);

	assert_int_equal(hist_runs(db, NULL, NULL, 1, &runs, &nruns, &err), 0);
	assert_int_equal(nruns, 1);
	assert_string_equal(runs[0].commit, "bbbb2222");
	hist_runs_free(runs, nruns);

	assert_int_equal(hist_resolve_commit(db, "bbb", &c, &err), 0);
	assert_string_equal(c, "bbbb2222");
	free(c);
	assert_int_equal(hist_resolve_commit(db, "zzz", &c, &err), -1);
	pk_err_clear(&err);

	assert_int_equal(hist_series_load(db, "f*", NULL, &ser, &nser, &err),
			 0);
	assert_int_equal(nser, 1);
	assert_int_equal(ser[0].n, 2);
	assert_true(ser[0].p[0].median == 1.02);
	assert_true(ser[0].p[1].median == 2.02);
	assert_int_equal(ser[0].p[1].n, 5);
	hist_series_free(ser, nser);

	/* baselines default to the newest commit on the branch */
	assert_int_equal(hist_baseline_set(db, "default", "main", NULL, &bl,
					   &err), 0);
	assert_string_equal(bl.commit, "bbbb2222");
	hist_baseline_free(&bl);
	assert_int_equal(hist_baseline_set(db, "release", "main", "aaaa", &bl,
					   &err), 0);
	hist_baseline_free(&bl);
	assert_int_equal(hist_baseline_get(db, "release", "main", &bl, &err),
			 1);
	assert_string_equal(bl.commit, "aaaa1111");
	hist_baseline_free(&bl);
	assert_int_equal(hist_baseline_set(db, "x", "nobranch", NULL, &bl,
					   &err), -1);
	pk_err_clear(&err);
	assert_int_equal(hist_baseline_reset(db, "release", "main", &err), 1);
	assert_int_equal(hist_baseline_reset(db, "release", "main", &err), 0);
	assert_int_equal(hist_baseline_get(db, "release", "main", &bl, &err),
			 0);
	hist_close(db);

	/* reopening finds the current schema; a newer one is refused */
	db = hist_open(path, false, &err);
	assert_non_null(db);
	assert_int_equal(hist_db_found_version(db), HIST_SCHEMA_VERSION);
	hist_close(db);
	/* a version-1 database (before baselines) is migrated forward,
	 * keeping its runs */
	{
		sqlite3 *raw;

		assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
		assert_int_equal(sqlite3_exec(raw,
			"DROP TABLE acks;"
			"DROP INDEX runs_by_testbed;"
			"ALTER TABLE runs DROP COLUMN testbed;"
			"ALTER TABLE results DROP COLUMN tick;"
			"DROP TABLE baselines; DROP INDEX runs_by_date;"
			"DROP INDEX runs_by_branch; DROP INDEX samples_by_bench;"
			"PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(raw);
	}
	db = hist_open(path, false, &err);
	assert_non_null(db);
	assert_int_equal(hist_db_found_version(db), 1);
	assert_int_equal(hist_runs(db, NULL, NULL, 0, &runs, &nruns, &err), 0);
	assert_int_equal(nruns, 2);
	hist_runs_free(runs, nruns);
	assert_int_equal(hist_baseline_set(db, "default", "main", NULL, &bl,
					   &err), 0);
	hist_baseline_free(&bl);
	hist_close(db);
	db = hist_open(path, false, &err);
	assert_int_equal(hist_db_found_version(db), HIST_SCHEMA_VERSION);
	hist_close(db);
	{
		sqlite3 *raw;

		assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
		assert_int_equal(sqlite3_exec(raw, "PRAGMA user_version = 99",
					      NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(raw);
	}
	assert_null(hist_open(path, false, &err));
	assert_non_null(strstr(err.msg, "newer"));
	pk_err_clear(&err);
	free(path);
}

/* A file that is not a database is reported, not overwritten. */
static void
store_rejects_garbage(void **state)
{
	struct pk_err err = { NULL };
	char *path = pk_xasprintf("%s/garbage.sqlite", dbdir);
	FILE *f = fopen(path, "w");

	(void)state;
	assert_non_null(f);
	for (int i = 0; i < 200; i++)
		fputs("this is not a database\n", f);
	fclose(f);
	assert_null(hist_open(path, true, &err));
	assert_non_null(err.msg);
	pk_err_clear(&err);
	free(path);
}

/* URLs in messages: the password never shows */
static void
store_masks_passwords(void **state)
{
	static const char *const cases[][2] = {
		{ "postgresql://u:secret@host/db", "postgresql://u:***@host/db" },
		{ "postgresql://u@host:5432/db", "postgresql://u@host:5432/db" },
		{ "postgresql://u:p%40ss@h/db?sslmode=require",
		  "postgresql://u:***@h/db?sslmode=require" },
		{ "postgresql:///db?host=/tmp&password=pw&user=u",
		  "postgresql:///db?host=/tmp&password=***&user=u" },
		{ "postgres://a:b@c/d?password=e",
		  "postgres://a:***@c/d?password=***" },
		{ "postgresql://h/db?x=1&password=pw", "postgresql://h/db?x=1&password=***" },
		{ "sqlite:h.sqlite", "sqlite:h.sqlite" },
		{ ".profkit/history.sqlite", ".profkit/history.sqlite" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *m = hs_mask_url(cases[i][0]);

		assert_string_equal(m, cases[i][1]);
		free(m);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cp_noise_has_no_change),
		cmocka_unit_test(cp_single_step),
		cmocka_unit_test(cp_step_ignores_blips),
		cmocka_unit_test(cp_step_then_burst),
		cmocka_unit_test(cp_blips_only),
		cmocka_unit_test(cp_two_steps),
		cmocka_unit_test(cp_constant_levels),
		cmocka_unit_test(cp_short_series),
		cmocka_unit_test(budgets_tiers),
		cmocka_unit_test(median_and_dates),
		cmocka_unit_test(store_record_and_read),
		cmocka_unit_test(store_rejects_garbage),
		cmocka_unit_test(store_masks_passwords),
	};
	int rc;
	char *cmd;

	if (mkdtemp(dbdir) == NULL)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	cmd = pk_xasprintf("rm -rf '%s'", dbdir);
	if (system(cmd) != 0)
		rc = 1;
	free(cmd);
	return rc;
}
