/* bench_run.h - run a timed test suite against two or more builds,
 * interleaved, and write what KEVM's timing workflow writes (prof-bench).
 *
 * A suite is a list of tests (name + shell command).  A build is a named
 * variant of the environment the commands run in: a directory put before
 * PATH and/or VAR=VALUE settings.  br_run runs every test once per build
 * per round:
 *   interleaved  each round takes the tests in a seeded random order, and
 *                each test runs its builds back to back, their order
 *                alternating from test to test (AB, BA, AB, ...), so a
 *                slow drift of the machine falls on both builds alike;
 *   sequential   each round runs every test with the first build, then
 *                every test with the next one (the old workflow; kept to
 *                show what drift does to it).
 * Each run goes through run_execute (src/run.h): its own process group,
 * the time limit with SIGINT -> SIGTERM -> SIGKILL, wait4 rusage.
 *
 * With jobs > 1, that many worker processes each run one test (all of
 * its builds, one after the other) at a time: the builds of one test
 * never run at the same time, and neither do two rounds of one test.
 *
 * Every finished job (one test in one round: all of its runs) is appended
 * to OUTDIR/journal.jsonl and flushed before the next starts; a
 * stopped suite (the stop flag, e.g. set by a SIGINT handler) keeps
 * those, and br_run with resume set skips them.
 *
 * Library code: no printing, no exit, no signal handlers (the workers
 * leave SIGINT/SIGTERM/SIGHUP blocked and let run_execute forward them).
 */
#ifndef PK_BENCH_RUN_H
#define PK_BENCH_RUN_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"

struct br_test {
	char *name;
	char *command; /* run with /bin/sh -c */
};

struct br_suite {
	struct br_test *v;
	size_t n, cap;
};

/* Read a suite file: "NAME<TAB>COMMAND" or "COMMAND" per line (then the
 * name is taken as KEVM does), '#' comments and blank lines skipped.
 * Duplicate names are an error ("FILE:LINE: ...").  "-" is stdin. */
int br_suite_read(const char *path, struct br_suite *s, struct pk_err *err);
/* Add one test per file matching the glob PATTERN ("**" matches any
 * number of directories), in name order; the command is TEMPLATE with
 * each "{}" replaced by the path (shell-quoted when needed). */
int br_suite_glob(const char *pattern, const char *tmpl, struct br_suite *s,
		  struct pk_err *err);
int br_suite_add(struct br_suite *s, const char *name, const char *command,
		 struct pk_err *err);
void br_suite_free(struct br_suite *s);
/* KEVM's test id: the last 3 path components of the word after
 * "prove" or "interpret", else the whole command; malloc'd. */
char *br_kevm_name(const char *command);

struct br_build {
	char *name;
	char *dir;      /* put before PATH, or NULL */
	char **env;     /* "VAR=VALUE" */
	size_t nenv;
	char *version;  /* --version-cmd output (header), or NULL */
};

/* Run CMD with the build's environment; its stdout (at most 64 KiB,
 * trailing newlines trimmed) in *text.  A failing command is an error. */
int br_build_version(const struct br_build *b, const char *cmd,
		     double timeout, char **text, struct pk_err *err);

enum br_order { BR_INTERLEAVED = 0, BR_SEQUENTIAL };

struct br_sample {
	size_t test, build;
	unsigned round;     /* 0-based, warmup rounds first */
	bool warmup;
	unsigned seq;       /* order of the run in the whole suite */
	int status;         /* 0, the exit status, 128+signal, or 124 */
	int gnu_x;          /* GNU time's %x: exit status or signal number
			     * (124 when timed out, as with timeout(1)) */
	int term_signal;
	bool timed_out;
	double wall, user, sys;
	long max_rss_kb;
	char *started_at;   /* ISO 8601 UTC */
};

struct br_progress {
	size_t done, total;     /* jobs */
	size_t runs_done;       /* runs, this session */
	size_t failed;          /* runs that failed or timed out */
	double elapsed;         /* seconds since br_run started */
	double eta;             /* seconds, or -1 when unknown */
	const struct br_sample *last; /* the runs of the job just finished */
	size_t nlast;
	bool resumed;           /* done includes jobs from the journal */
	bool tick;              /* no news: about once a second, for a
				 * live display of the elapsed time */
};

struct br_opts {
	const struct br_suite *suite;
	const struct br_build *builds;
	size_t nbuilds;
	unsigned rounds, warmup, jobs;
	uint64_t seed;
	enum br_order order;
	double timeout, grace, kill_after;
	size_t output_cap;      /* bytes of output kept per run log */
	const char *outdir;
	bool resume;
	volatile sig_atomic_t *stop; /* nonzero: stop after the running jobs */
	/* called after each finished job (and once at the start with done
	 * = jobs already in the journal) */
	void (*progress)(void *ctx, const struct br_progress *p);
	void *ctx;
};

void br_opts_default(struct br_opts *o);

struct br_result {
	struct br_sample *v; /* every sample, in run order (journal first) */
	size_t n, cap;
	size_t jobs_total, jobs_done;
	bool stopped;        /* the stop flag ended the suite early */
	char *stamp;         /* of the first session (names the .data files) */
};

/* Run the suite (or the rest of it).  Returns 0 (see res->stopped) or -1
 * with err set (bad journal, cannot start workers, ...). */
int br_run(const struct br_opts *o, struct br_result *res,
	   struct pk_err *err);
void br_result_free(struct br_result *res);

/* The KEVM timing file of one build: the version text, then one
 * "%x %es %Us %Ss %MKB %C" line per timed run (rounds in order, tests in
 * suite order), preceded by GNU time's "Command exited with non-zero
 * status N" / "Command terminated by signal N" where GNU time prints it. */
void br_write_kevm(FILE *f, const struct br_opts *o,
		   const struct br_result *res, size_t build);
/* One JSON document with the plan and every sample (format "profbench"
 * of bench_read: FILE#BUILD selects a build). */
int br_write_json(FILE *f, const struct br_opts *o,
		  const struct br_result *res, struct pk_err *err);
/* The default .data name: "KEVM-timing-STAMP-BUILD.data". */
char *br_kevm_file_name(const struct br_result *res,
			const struct br_build *b);

#endif
