/* fe.h - the front end every profkit tool is built on (libprofkit_fe.a),
 * modelled on libarchive's libarchive_fe.  Everything that belongs to the
 * process rather than to the work lives here and only here:
 *
 *   - the program name and diagnostics on stderr ("PROG: message"),
 *     -q, usage errors ("PROG: message" + "Try 'PROG --help' ...", exit 2),
 *     dying with an exit status;
 *   - the option table: one per tool, from which getopt's tables, --help,
 *     the unknown-option error and the value checks are all derived;
 *   - the value parsers (counts, sizes, percentages, real numbers,
 *     durations, times): one spelling, one parser, one message per kind;
 *   - process set-up: fds 0-2 made valid (open /dev/null on closed ones),
 *     every signal handler (temporary outputs removed on SIGINT, SIGTERM,
 *     SIGHUP, SIGPIPE; or the tool's own interrupt hook), stdout checked
 *     at exit.
 *
 * The core library (src/) reports through struct pk_err and the message
 * sink of diag.h; fe installs that sink.  The output-file policy itself
 * is in src/output.h (the library writes outputs too).
 *
 * A tool:
 *
 *   static const struct fe_opt opts[] = {
 *       FE_TEXT("Options:"),
 *       { 'o', "output", FE_STRING, "FILE", 0, 0, "write to FILE" },
 *       { OPT_TOP, "top", FE_COUNT, "N", 1, 1000, "entries (10)" },
 *       { 'h', "help", FE_FLAG, NULL, 0, 0, "show this help" },
 *       { FE_VERSION, "version", FE_FLAG, NULL, 0, 0, "show the version" },
 *       FE_END
 *   };
 *   static const struct fe_tool tool = { "prog", "Usage: ...\n", opts,
 *       "\nExit status: ...\n", 25, ' ', 0 };
 *
 *   fe_init(&tool, argc, argv);
 *   while ((c = fe_getopt(argc, argv, &v)) != -1)
 *       switch (c) { case 'o': out = v.s; break;
 *                    case OPT_TOP: top = v.n; break; ... }
 *   operands: argv[optind..]
 */
#ifndef PK_FE_H
#define PK_FE_H

#include <stdbool.h>
#include <stdio.h>
#include <stdnoreturn.h>
#include <unistd.h> /* optind: operands start there */

#include "diag.h"

/* ---- diagnostics ------------------------------------------------------ */

void pk_set_progname(const char *argv0); /* also installs the msg sink */
const char *pk_progname(void);
/* -q silences warnings and notes (errors are always printed). */
void pk_set_quiet(bool quiet);
bool pk_quiet(void);
/* "PROG: message", exit status */
noreturn void pk_die(int status, const char *fmt, ...) PK_PRINTF(2, 3);
/* "PROG: message" then "Try 'PROG --help' for more information.", exit 2 */
noreturn void pk_usage_error(const char *fmt, ...) PK_PRINTF(1, 2);
/* "PROG: msg" and exit with status. */
noreturn void pk_err_die(struct pk_err *e, int status);

/* ---- the option table ------------------------------------------------- */

enum fe_kind {
	FE_FLAG,     /* no argument */
	FE_STRING,   /* v.s */
	FE_COUNT,    /* v.n: a decimal integer in [lo, hi], no suffix */
	FE_SIZE,     /* v.size: a byte count, k/M/G/T suffixes, in [lo, hi] */
	FE_PCT,      /* v.d: "5" or "5%", in [lo, hi] (percent units) */
	FE_REAL,     /* v.d: a number in [lo, hi] (open ends: FE_OPEN_*) */
	FE_DURATION, /* v.d: seconds: "90", "250ms", "30s", "4m", "1.5h", "2d" */
	FE_TIME,     /* v.d: a point in seconds, duration spelling, in [lo, hi] */
};

#define FE_DURATION_MAX 31536000.0 /* a year: the longest duration */
#define FE_TIME_MAX 1.8e10         /* seconds: the latest time (ns fit) */
#define FE_COUNT_MAX 9.0e15        /* exact in a double */

#define FE_OPEN_LO 0x1 /* FE_REAL: lo itself excluded */
#define FE_OPEN_HI 0x2 /* FE_REAL: hi itself excluded */

#define FE_VERSION 0x7fff0001 /* id of --version (handled by fe_getopt) */
#define FE_ID_TEXT 0          /* a line of --help text, not an option */
#define FE_ID_END (-1)

struct fe_opt {
	int id;           /* 'x' for -x; >= 256 for a long-only option */
	const char *name; /* long name without "--"; NULL: -x only */
	enum fe_kind kind;
	const char *arg;  /* placeholder in --help: "FILE" */
	double lo, hi;    /* range of the value (both inclusive) */
	const char *help; /* text after the option column; '\n' continues
			   * at the column; NULL: not listed in --help */
	unsigned flags;   /* FE_OPEN_LO, FE_OPEN_HI */
};

extern const char FE_HELP_FN[]; /* help text: ask tool->help_fn */

#define FE_TEXT(line) { FE_ID_TEXT, NULL, FE_FLAG, NULL, 0, 0, line, 0 }
#define FE_END { FE_ID_END, NULL, FE_FLAG, NULL, 0, 0, NULL, 0 }

/* The options every tool spells the same way (the help text is the
 * tool's). */
#define FE_OPT_OUTPUT(help) { 'o', "output", FE_STRING, "FILE", 0, 0, help, 0 }
#define FE_OPT_FORCE(help) { 'f', "force", FE_FLAG, NULL, 0, 0, help, 0 }
#define FE_OPT_QUIET(help) { 'q', "quiet", FE_FLAG, NULL, 0, 0, help, 0 }
#define FE_OPT_HELP(help) { 'h', "help", FE_FLAG, NULL, 0, 0, help, 0 }
#define FE_OPT_VERSION(help) \
	{ FE_VERSION, "version", FE_FLAG, NULL, 0, 0, help, 0 }
/* A duration option: same kind and range everywhere. */
#define FE_OPT_DURATION(id, name, arg, help) \
	{ id, name, FE_DURATION, arg, 0, FE_DURATION_MAX, help, 0 }

/* prof-run's and prof-pipeline's time limits for a run */
#define FE_OPTS_RUN_LIMITS(t_id, g_id, k_id, timeout_help) \
	FE_OPT_DURATION(t_id, "timeout", "DURATION", timeout_help), \
	FE_OPT_DURATION(g_id, "grace", "DURATION", \
			"from SIGINT to SIGTERM (default 30s)"), \
	FE_OPT_DURATION(k_id, "kill-after", "DURATION", \
			"from SIGTERM to SIGKILL (default 5s)")

#define FE_STOP_AT_OPERAND 0x1 /* options end at the first operand ('+') */

struct fe_tool {
	const char *name;     /* for --version */
	const char *synopsis; /* --help text before the options */
	const struct fe_opt *opts;
	const char *epilogue; /* --help text after the options, or NULL */
	int help_col;         /* column of the option help texts */
	char argsep;          /* ' ' ("--output FILE") or '=' ("--output=FILE") */
	unsigned flags;       /* FE_STOP_AT_OPERAND */
	/* the help text of an option whose help is FE_HELP_FN (a list
	 * known only at run time), or NULL */
	char *(*help_fn)(int id);
};

/* A parsed option argument: s is always the text; n, size or d hold the
 * value of a COUNT, SIZE or PCT/REAL/DURATION/TIME option. */
struct fe_val {
	const char *s;
	long long n;
	unsigned long long size;
	double d;
	const struct fe_opt *opt;
};

/* Set up the process for TOOL: program name and message sink, fds 0-2,
 * signal handlers (see fe_on_interrupt), stdout checked at exit. */
void fe_init(const struct fe_tool *tool, int argc, char **argv);

/* The next option: its id, with its argument checked and parsed into *v;
 * -1 when the options end (operands from optind).  --help and --version
 * are answered here (exit 0, or 1 when stdout cannot be written); an
 * unknown option, a missing argument or a bad value is a usage error
 * (one line + "Try 'PROG --help'", exit 2). */
int fe_getopt(int argc, char **argv, struct fe_val *v);

/* Check and parse TEXT as the value of OPT (the option's kind and
 * range); a usage error if it does not fit.  For values that come from
 * elsewhere than argv but follow an option's rule. */
void fe_parse(const struct fe_opt *opt, const char *text, struct fe_val *v);
/* The same, without dying: 0, or -1. */
int fe_value(const struct fe_opt *opt, const char *text, struct fe_val *v);

/* The --help text of the tool on F. */
void fe_help(FILE *f);
/* "PROG (profkit) X.Y.Z" and the versions of the libraries in use. */
void pk_print_version(FILE *f, const char *prog);

/* The raw parsers behind the kinds (0, or -1 if the text does not fit). */
int pk_parse_duration(const char *s, double *seconds);
int pk_parse_size(const char *s, unsigned long long *out);

/* ---- signals ---------------------------------------------------------- */

/* By default SIGINT, SIGTERM, SIGHUP and SIGPIPE remove pending temporary
 * outputs and end the process with the signal.  A tool that stops on its
 * own (prof-pipeline, prof-extract) registers FN: SIGINT, SIGTERM and
 * SIGHUP then only call FN (from the handler: async-signal-safe only,
 * e.g. set a flag the library polls); SIGPIPE keeps the default. */
void fe_on_interrupt(void (*fn)(int sig));
/* Remove pending temporary outputs and end the process with SIG (after
 * an interrupt the tool handled itself). */
noreturn void fe_die_by_signal(int sig);

#endif
