/* bench.h - one model for benchmark results, whatever tool wrote them.
 *
 * A bench_set is what one run produced: a list of entries, each one
 * benchmark (name) measured in one metric (e.g. "real_time",
 * "tokens/s", "latency"), with every sample the file carries, the unit, the
 * direction (is a larger number better?) and whether the benchmark ran at
 * all.  Time metrics are stored in seconds (unit "s") whatever the file
 * used, so two runs written with different units compare directly.
 *
 * Readers are detected by content (bench_detect) or forced by format:
 *   kevm       GNU time lines "%x %es %Us %Ss %MKB %C" (KEVM-timing-*.data),
 *              optionally after the 5-line `kore-exec --version` header;
 *              test id = last 3 path components after `prove`/`interpret`
 *   hyperfine  hyperfine --export-json (times[], exit_codes[])
 *   gbench     google-benchmark JSON (repetitions, aggregates, old schema,
 *              bare NaN/Infinity tokens)
 *   criterion  Criterion.rs target/criterion tree or one benchmark directory
 *              (new|base)/{sample,estimates,benchmark}.json, old and new schema
 *   llama      llama-bench JSON array, JSONL or CSV (tokens/s, higher better)
 *   pytest     pytest-benchmark JSON
 *   csv        "name,value[,unit]" with an optional header line
 *   bmf        Bencher Metric Format JSON
 *   gab        github-action-benchmark custom JSON ([{name,unit,value}])
 *   libtest    cargo bench / Criterion "bencher" lines
 *              ("test NAME ... bench: N ns/iter (+/- M)")
 *   profbench  prof-bench's bench.json: the wall times of one build's
 *              timed runs per test ("FILE#BUILD" or opts.build picks the
 *              build; a file of one build needs neither)
 *   basemap    a baseline map {"NAME": {"value": V, "unit": U, ...}}
 *              (benches/baselines/main.json of the Criterion-based
 *              regression scripts: detect_regression.py's save_baseline;
 *              a bare number is a value in ms; non-object members such
 *              as a "notes" array are skipped)
 *   prof, eventlog, hp   GHC profiler artifacts (bench_artifact.h): one
 *              value per metric (cost-centre time/alloc; run time, GC time,
 *              peak heap, allocation; heap peak and total)
 *
 * Library code: errors go to struct pk_err ("FILE:LINE: msg" when a line
 * is known), warnings (skipped samples) through pk_warn.
 */
#ifndef PK_BENCH_H
#define PK_BENCH_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

enum bench_format {
	BENCH_FMT_AUTO = 0,
	BENCH_FMT_KEVM,
	BENCH_FMT_HYPERFINE,
	BENCH_FMT_GBENCH,
	BENCH_FMT_CRITERION,
	BENCH_FMT_LLAMA,
	BENCH_FMT_PYTEST,
	BENCH_FMT_CSV,
	BENCH_FMT_BMF,
	BENCH_FMT_GAB,
	BENCH_FMT_LIBTEST,
	BENCH_FMT_PROF,     /* GHC .prof (text or -pj JSON): per cost centre */
	BENCH_FMT_EVENTLOG, /* GHC eventlog: run time, GC, heap, allocation */
	BENCH_FMT_HP,       /* GHC .hp heap profile: peak and total */
	BENCH_FMT_PROFBENCH, /* prof-bench's bench.json (FILE#BUILD) */
	BENCH_FMT_BASEMAP,  /* {"NAME": {"value", "unit", ...}, ...} baseline
			     * map (a Criterion system's baselines/main.json) */
};

enum bench_dir {
	BENCH_LOWER_IS_BETTER = 0,
	BENCH_HIGHER_IS_BETTER,
};

enum bench_status {
	BENCH_OK = 0,
	BENCH_FAILED,  /* the benchmark ran and failed (exit status, error) */
	BENCH_TIMEOUT, /* killed by a time limit */
};

struct bench_entry {
	char *name;   /* benchmark id, unique within a set together with metric */
	char *metric; /* "time", "real_time", "tokens/s", "latency", ... */
	char *unit;   /* "s" for every time metric; otherwise as in the file */
	enum bench_dir dir;
	enum bench_status status;
	int exit_code;    /* KEVM/hyperfine: the failing exit status, else 0 */
	double tick;      /* > 0: each value counts events of this size (a
			   * .prof cost centre's time in ticks of `tick`
			   * seconds), compared as Poisson counts; 0: not */
	double *samples;  /* every finite sample, in file order */
	size_t n, cap;
	unsigned long line; /* where it was first seen (text formats), or 0 */
};

struct bench_set {
	char *source;               /* the path it was read from */
	enum bench_format format;   /* the format actually read */
	char *header;               /* KEVM: the kore-exec --version text */
	struct bench_entry *v;
	size_t n, cap;
	/* private: hash index of v by (name, metric) */
	size_t *idx;   /* slot -> entry index + 1, 0 = empty */
	size_t idx_cap, idx_n;
};

const char *bench_format_name(enum bench_format f);
/* "auto", "kevm", "hyperfine", ...; returns 0, or -1 if unknown. */
int bench_format_parse(const char *s, enum bench_format *f);
/* The list of names for messages and --help: "kevm, hyperfine, ...". */
const char *bench_format_list(void);

/* Guess the format of a file's text (NUL-terminated).  BENCH_FMT_AUTO
 * when nothing matches.  Directories: see bench_read_path. */
enum bench_format bench_detect(const char *buf, size_t len);

/* Reader options; a zeroed struct (or NULL) means the defaults. */
struct bench_read_opts {
	enum bench_format format;  /* BENCH_FMT_AUTO: detect by content */
	const char *criterion_dir; /* "new" (default) or "base" */
	bool gbench_cpu_time;      /* google-benchmark: cpu_time, not real_time */
	const char *build;         /* profbench: which build (else FILE#BUILD) */
};

/* Read one file (or "-") or a directory into set.  A directory is either a
 * Criterion tree (found by its new/ or base/ sub-directories) or a
 * directory of result files that are read and merged in name order.
 * Returns 0, or -1 with err naming the file (and line when known). */
int bench_read_path(const char *path, const struct bench_read_opts *opts,
		    struct bench_set *set, struct pk_err *err);

/* Largest sample magnitude accepted (README "Limits"); a time ("s") must
 * also not be negative.  Readers fail naming the file, line or benchmark. */
#define BENCH_VALUE_MAX 1e15

/* Parse a buffer already in memory (NUL-terminated; name is for
 * messages).  Entries are added to set (merged by name+metric). */
int bench_read_buf(const char *name, const char *buf, size_t len,
		   const struct bench_read_opts *opts, struct bench_set *set,
		   struct pk_err *err);

/* True if path is a Criterion directory (a tree or one benchmark). */
bool bench_is_criterion_dir(const char *path);

void bench_set_init(struct bench_set *set);
void bench_set_free(struct bench_set *set);

/* The entry for (name, metric), created if absent (metric NULL = "time").
 * Created entries get unit "s" and lower-is-better until told otherwise. */
struct bench_entry *bench_set_entry(struct bench_set *set, const char *name,
				    const char *metric);
const struct bench_entry *bench_set_find(const struct bench_set *set,
					 const char *name,
					 const char *metric);
void bench_entry_add(struct bench_entry *e, double v);

/* --filter / --exclude: POSIX extended regexes (unanchored, as grep -E)
 * on a benchmark's identity, its name (which carries every parameter of
 * the configuration).  A benchmark is kept when it matches include (if
 * any) and does not match exclude (if any). */
struct bench_filter {
	regex_t inc, exc;
	bool has_inc, has_exc;
};
/* Compile; returns 0, or -1 with the regex error in msg. */
int bench_filter_init(struct bench_filter *f, const char *include,
		      const char *exclude, char *msg, size_t n);
void bench_filter_free(struct bench_filter *f);
bool bench_filter_active(const struct bench_filter *f);
bool bench_filter_match(const struct bench_filter *f, const char *name);
/* Drop the entries the filter rejects; returns how many were dropped. */
size_t bench_set_filter(struct bench_set *set, const struct bench_filter *f);
/* --higher-is-better / --lower-is-better REGEX: set the direction of the
 * entries whose name matches (POSIX extended, unanchored).  re NULL: no
 * change.  Returns 0, or -1 with the regex error in msg. */
int bench_set_direction(struct bench_set *set, const char *re,
			enum bench_dir dir, char *msg, size_t n);

/* Seconds per unit for a time unit ("ns", "us", "µs", "ms", "s", "min",
 * "h"), or 0 if unit is not a time unit. */
double bench_time_unit_scale(const char *unit);
/* The unit rule for a metric's direction (README "Metric direction"):
 * higher is better for a rate (".../s", "per second", "ops", "Hz") and
 * for a percentage ("%", "percent", "pct") whose benchmark name says it
 * counts good outcomes (contains hit, accuracy, coverage, success or
 * efficiency: a cache hit rate); every other unit, and a plain number,
 * is lower-is-better.  --higher-is-better/--lower-is-better REGEX and the
 * budgets file's "higher_is_better" override it per benchmark. */
bool bench_unit_higher_is_better(const char *unit);
bool bench_pct_higher_is_better(const char *name, const char *unit);

#endif
