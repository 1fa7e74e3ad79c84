/* history.h - performance history across commits in one SQLite file.
 *
 * A run is one recorded result set: the commit, branch and time it belongs
 * to, the machine it ran on (hostname, CPU model, core count), free-form
 * labels, and for every benchmark all of its samples (not just a mean).
 *
 * Concurrency and crashes: the database is in WAL mode with a busy
 * timeout, and every change happens inside one IMMEDIATE transaction, so
 * parallel writers (CI jobs) queue instead of failing and a crash (even
 * kill -9) mid-write leaves the database as it was before.  Re-recording
 * the same commit with the same input is a no-op (idempotent).
 *
 * The schema is versioned with PRAGMA user_version and migrated in code
 * (hist_open); a database from a newer profkit is refused, not damaged.
 *
 * Library code never prints or exits: errors come back in struct pk_err.
 */
#ifndef PK_HISTORY_H
#define PK_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bench.h"
#include "diag.h"

#define HIST_DEFAULT_DB ".profkit/history.sqlite"
#define HIST_DEFAULT_BUDGETS ".profkit/budgets.json"
#define HIST_SCHEMA_VERSION 4

struct hist_db;

/* ---- the in-memory model of one result set ----
 * A result set is prof-compare's struct bench_set (bench.h): benchmarks
 * by (name, metric), each with unit, direction, status and every sample. */

/* The entry (name, metric) of set, created if new, with unit and
 * direction set (unit NULL keeps the reader's default "s"). */
struct bench_entry *hist_entry(struct bench_set *set, const char *name,
			       const char *metric, const char *unit,
			       bool higher_is_better);
/* Total number of samples over all entries. */
size_t hist_set_samples(const struct bench_set *s);
/* "name" for the time metric, else "name:metric" (what globs match). */
char *hist_display_name(const char *name, const char *metric);

/* Merge entries that share (name, metric) (samples appended in order). */
void hist_set_merge_duplicates(struct bench_set *set);

/* Read result files (any format prof-compare reads; format NULL or
 * "auto" detects it) into one set; entries from several files merge.
 * ropts (NULL: defaults) carries the reader options (a Criterion
 * baseline name, google-benchmark cpu_time); its format is ignored. */
int hist_read_results(char *const *paths, size_t n, const char *format,
		      const struct bench_read_opts *ropts,
		      struct bench_set *set, struct pk_err *err);

struct hist_label {
	char *key, *value;
};

struct hist_meta {
	char *commit;   /* required */
	char *branch;   /* may be NULL */
	int64_t date;   /* unix seconds: commit time (ordering key) */
	char *hostname; /* may be NULL */
	char *cpu_model;
	int cores;
	char *testbed;  /* the series key of the machine; NULL: the default
			 * from hostname, CPU model and cores */
	char *source;   /* input names, for show/list */
	char *hash_extra; /* mixed into the identity of the input, or NULL */
	struct hist_label *labels;
	size_t nlabels;
};

void hist_meta_free(struct hist_meta *m);
/* Add or replace label key=value. */
void hist_meta_label(struct hist_meta *m, const char *key, const char *value);
/* Fill hostname, CPU model, core count and (when unset) the testbed
 * from this machine. */
void hist_meta_machine(struct hist_meta *m);
/* "HOST (CPU MODEL, N cores)", or "" when nothing is known: the testbed
 * of a run recorded without --testbed. */
char *hist_testbed_default(const char *hostname, const char *cpu_model,
			   int cores);
/* Fill commit, branch and date from `git` in the current directory where
 * they are still unset.  Returns 0, or -1 when not in a git checkout. */
int hist_meta_git(struct hist_meta *m);

/* ---- database ---- */

/* Open (creating the file and its directory when create is true) and
 * migrate to the current schema.  NULL with err set on failure. */
struct hist_db *hist_open(const char *path, bool create, struct pk_err *err);
void hist_close(struct hist_db *db);
const char *hist_db_path(const struct hist_db *db);
/* Read only the runs of this testbed (NULL: every testbed) in
 * hist_commit_set and hist_series_load.  Series are keyed by testbed
 * whatever this says: two machines are never pooled. */
void hist_set_testbed(struct hist_db *db, const char *testbed);
/* The schema version found on open (0 for a new file). */
int hist_db_found_version(const struct hist_db *db);

/* Store one run.  *run_id gets its id; *existed is set when the same
 * commit with the same input was already stored (nothing is written). */
int hist_record(struct hist_db *db, const struct hist_meta *m,
		const struct bench_set *set, int64_t *run_id, bool *existed,
		struct pk_err *err);

/* ---- moving a history between databases ---- */

/* Where a database lives: a path, "sqlite:PATH" or a PostgreSQL URL
 * ("postgresql://USER@HOST/DB?..."; the password, if any, comes from the
 * URL, PGPASSFILE, PGSERVICE or libpq's environment).  hist_open takes
 * any of them; hist_db_path names it with the password masked. */

struct hist_copy_stats {
	size_t runs, existed, baselines;
};
/* Copy every run (with its labels, results, samples, record time,
 * testbed and identity) and every baseline of from into to, in one
 * transaction on to and one snapshot of from.  Runs already in to are
 * skipped (copying twice changes nothing). */
int hist_copy(struct hist_db *from, struct hist_db *to,
	      struct hist_copy_stats *st, struct pk_err *err);

/* ---- reading back ---- */

struct hist_run {
	int64_t id;
	char *commit, *branch, *hostname, *cpu_model, *source;
	int64_t date, recorded;
	int cores;
	struct hist_label *labels;
	size_t nlabels;
	size_t nbench, nsamples;
};

void hist_run_free(struct hist_run *r);
void hist_runs_free(struct hist_run *r, size_t n);

/* Runs ordered by date then id; branch NULL for all; commit (a whole id,
 * see hist_resolve_commit) NULL for all.  limit 0 for no limit (the newest `limit` runs otherwise). */
int hist_runs(struct hist_db *db, const char *branch, const char *commit,
	      size_t limit, struct hist_run **runs, size_t *n,
	      struct pk_err *err);

/* The samples of one run. */
int hist_run_set(struct hist_db *db, int64_t run_id, struct bench_set *set,
		 struct pk_err *err);

/* Resolve a commit prefix to the full commit; error when unknown or
 * ambiguous. */
int hist_resolve_commit(struct hist_db *db, const char *prefix,
			char **commit, struct pk_err *err);


/* ---- baselines: a name per branch pointing at a commit ---- */

struct hist_baseline {
	char *name, *branch, *commit;
	int64_t set_at;
};

void hist_baseline_free(struct hist_baseline *b);
/* commit NULL: the newest recorded commit on the branch. */
int hist_baseline_set(struct hist_db *db, const char *name,
		      const char *branch, const char *commit,
		      struct hist_baseline *out, struct pk_err *err);
/* Acknowledged changes (prof-history ack): bench is a display name or a
 * glob; commit "" = every change, else the changes up to that commit
 * (commit_date: the date of its newest run). */
struct hist_ack {
	char *bench, *commit, *reason;
	int64_t commit_date;
};
int hist_ack_add(struct hist_db *db, const char *bench, const char *commit,
		 const char *reason, struct hist_ack *out, struct pk_err *err);
int hist_acks_load(struct hist_db *db, struct hist_ack **out, size_t *n,
		   struct pk_err *err);
void hist_acks_free(struct hist_ack *a, size_t n);
/* The acknowledgement covering a change of display that happened after
 * the date `after` (a change at a run dated after, or a regression
 * against a reference dated before), or NULL. */
const struct hist_ack *hist_ack_find(const struct hist_ack *a, size_t n,
				     const char *display, int64_t after);
/* The date of a commit's newest run (on the testbed set), or -1. */
int hist_commit_date(struct hist_db *db, const char *sha, int64_t *date,
		     struct pk_err *err);
/* Returns 1 found, 0 none, -1 error. */
int hist_baseline_get(struct hist_db *db, const char *name,
		      const char *branch, struct hist_baseline *out,
		      struct pk_err *err);
/* Returns 1 removed, 0 none, -1 error. */
int hist_baseline_reset(struct hist_db *db, const char *name,
			const char *branch, struct pk_err *err);
int hist_baselines(struct hist_db *db, struct hist_baseline **out, size_t *n,
		   struct pk_err *err);

/* ---- series for trends ---- */

struct hist_point {
	int64_t run_id, date;
	char *commit;
	double median, min, max;
	size_t n;
};

struct hist_series {
	char *name, *metric, *unit;
	char *testbed;
	char *display; /* hist_display_name */
	bool higher_is_better;
	struct hist_point *p;
	size_t n;
	size_t *cp; /* change points: index of the first point of a new level */
	size_t ncp;
};

void hist_series_free(struct hist_series *s, size_t n);
/* Every benchmark whose name matches glob (NULL: all), one point per run
 * (the median of its samples), in date order. */
int hist_series_load(struct hist_db *db, const char *glob, const char *branch,
		     struct hist_series **out, size_t *n, struct pk_err *err);

/* ---- export / import ---- */

enum hist_export_format { HIST_EXPORT_CSV, HIST_EXPORT_JSON };
int hist_export(struct hist_db *db, FILE *f, enum hist_export_format fmt,
		struct pk_err *err);

struct hist_import_stats {
	size_t runs, existed, benchmarks, samples;
};
/* Import a github-action-benchmark data.js (or its JSON) or a
 * bench-tracker baseline.json.  branch may be NULL.  Counts add up in
 * *st.  Each run commits on its own; a bad file changes nothing. */
int hist_import(struct hist_db *db, const char *path, const char *branch,
		struct hist_import_stats *st, struct pk_err *err);
/* The same from a buffer (name is for messages). */
int hist_import_buf(struct hist_db *db, const char *name, const char *buf,
		    size_t len, const char *branch,
		    struct hist_import_stats *st, struct pk_err *err);

/* ---- change points (history_cp.c) ---- */

struct hist_cp_opts {
	double penalty;     /* per change, in units of ln(n); <= 0: default */
	size_t min_segment; /* shortest level, in points; 0: default (5) */
	double min_change;  /* smallest relative level change reported */
};

/* Piecewise-constant fit of x[0..n) by optimal partitioning under an L1
 * (Laplace) cost scaled by a robust noise estimate and a BIC-style
 * penalty.  Writes the start index of each new segment to cp (ascending;
 * cp has room for n entries) and returns how many. */
size_t hist_cp_detect(const double *x, size_t n,
		      const struct hist_cp_opts *o, size_t *cp);
/* Robust noise scale of a series (from first differences). */
double hist_cp_noise(const double *x, size_t n);
double hist_median(double *v, size_t n); /* sorts v */

/* ---- dates ---- */

/* Unix seconds, or ISO 8601 / RFC 3339 ("2023-12-01", "2023-12-01T03:10:20Z",
 * "...+03:00", fractional seconds).  Returns 0 or -1. */
int hist_parse_date(const char *s, int64_t *out);
/* "2023-12-01T00:10:20Z" into buf (>= 21 bytes). */
void hist_format_date(int64_t t, char *buf, size_t n);

/* Shell-style glob match (fnmatch without flags). */
bool hist_glob(const char *glob, const char *name);

#endif
