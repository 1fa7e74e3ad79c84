/* run.h - run a GHC program (or a script that execs one) once per
 * profiling mode, under a time limit, and record what happened.
 *
 * The child gets its own process group.  At the deadline the group gets
 * SIGINT once (GHC writes .prof, the last heap sample and the eventlog only
 * on an orderly shutdown; a second SIGINT kills it mid-write), then after
 * the grace period SIGTERM, then SIGKILL.  SIGINT/SIGTERM/SIGHUP sent to us
 * are forwarded to the group.  prof-run is a child subreaper, so orphans of
 * the group are reaped too, and it returns only when no process of the
 * group is left.
 *
 * RTS flags go through GHCRTS (appended to any value already set), with the
 * output names pinned (-po NAME, -ol NAME.eventlog) so that each mode's
 * files are predictable.
 */
#ifndef PK_RUN_H
#define PK_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

enum run_mode {
	RUN_EVENTLOG, RUN_PROF, RUN_PROF_JSON, RUN_HEAP, RUN_INFOTABLES,
	RUN_PLAIN, RUN_NMODES
};

const char *run_mode_name(enum run_mode m);
int run_mode_parse(const char *s, enum run_mode *m);
/* The RTS flags of a mode, without the output-name flags. */
const char *run_mode_rts(enum run_mode m);

struct run_opts {
	enum run_mode mode;
	char *const *argv;      /* the command; argv[0] searched in PATH */
	const char *rts;        /* extra RTS flags (--rts), or NULL */
	const char *name;       /* output stem; default: the GHC program's name */
	const char *workdir;    /* run here (NULL: current directory) */
	const char *copy_from;  /* first copy this directory into workdir */
	const char *outdir;     /* collect artifacts here (NULL: leave them) */
	const char *run_json;   /* run.json path (NULL: OUTDIR or WORKDIR/run.json) */
	const char *log;        /* child's stdout+stderr to this file, or NULL */
	const char *path_prepend; /* directories put before PATH (":"-separated) */
	const char *ghc_program;  /* program to ask +RTS --info (default: found) */
	double timeout;         /* seconds; 0 = none */
	double grace;           /* SIGINT -> SIGTERM */
	double kill_after;      /* SIGTERM -> SIGKILL */
	bool force;             /* replace artifacts/run.json in OUTDIR */
	bool quiet;             /* no notices on stderr */
	bool no_forward;        /* library callers that handle signals */
	bool stdin_null;        /* the command reads /dev/null, not our stdin */
	bool no_probe;          /* do not ask the program for its GHC version */
	bool no_json;           /* write no run.json (library callers) */
};

/* Defaults: mode plain, timeout 240 s, grace 30 s, kill_after 5 s. */
void run_opts_default(struct run_opts *o);

#define RUN_MAX_SIGNALS 16

struct run_signal {
	int sig;
	double at;          /* seconds since the start */
	const char *reason; /* "timeout", "grace", "kill", "forwarded",
			    * "stragglers", "escaped" */
};

struct run_artifact {
	char *name;   /* base name in OUTDIR (or WORKDIR) */
	char *path;   /* where it is now */
	const char *kind; /* "prof", "prof-json", "hp", "eventlog" */
	uint64_t size;
	bool complete;
	char *reason; /* why it is partial, or NULL */
};

struct run_result {
	int status;          /* prof-run's exit status (coreutils timeout) */
	bool started;
	bool exited;
	int exit_code;       /* when exited */
	int term_signal;     /* when killed by a signal, else 0 */
	bool timed_out;
	bool interrupted;    /* we received SIGINT/SIGTERM/SIGHUP */
	bool skipped;        /* refused before running (e.g. infotables) */
	char *skip_reason;
	char *error;         /* runner failure message */
	struct run_signal signals[RUN_MAX_SIGNALS];
	size_t nsignals;
	double wall, user, sys;
	long max_rss_kb;
	char *ghcrts;        /* GHCRTS as given to the child */
	char *rts_flags;     /* our flags only */
	char *name;          /* output stem used */
	char *ghc_program;   /* the program probed, or NULL */
	char *ghc_version;   /* "9.0.2", or NULL if unknown */
	char *rts_way;       /* "rts_p", ... */
	char *started_at;    /* ISO 8601 UTC */
	struct run_artifact *artifacts;
	size_t nartifacts;
};

/* Run the command once.  Returns 0 when the command ran (whatever its
 * status; see r->status), or -1 when prof-run could not (r->status is
 * then 125, 126 or 127, or 125 for a refused mode with r->skipped) and
 * err says why.  run.json is written in both cases when possible. */
int run_execute(const struct run_opts *o, struct run_result *r,
		struct pk_err *err);
void run_result_free(struct run_result *r);

/* Write run.json for a finished run. */
int run_write_json(const struct run_opts *o, const struct run_result *r,
		   const char *path, struct pk_err *err);

/* The GHC version and RTS way of PROGRAM (PROGRAM +RTS --info). */
int run_ghc_info(const char *program, char **version, char **way,
		 struct pk_err *err);
/* -1, 0, 1 comparing "9.0.2" against major.minor. */
int run_version_cmp(const char *version, int major, int minor);

/* Check an artifact; fills complete and reason (malloc'd or NULL). */
void run_check_artifact(const char *path, const char *kind, bool *complete,
			char **reason);

/* Copy a directory tree (regular files and directories only). */
int run_copy_tree(const char *src, const char *dst, struct pk_err *err);

/* Find NAME in PATH (or relative to DIR when it has a '/'); malloc'd. */
char *run_which(const char *name, const char *path, const char *dir);

#endif
