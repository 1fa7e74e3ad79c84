/* prof-history - benchmark history across commits: record, baselines,
 * budgets, checks, change points and trend charts, in one SQLite file.
 *
 * A thin main(): options into one state struct, then one library call
 * sequence per subcommand (src/history*.c).
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fe.h"
#include "fmt.h"
#include "history.h"
#include "history_budget.h"
#include "history_check.h"
#include "history_trend.h"
#include "history_view.h"
#include "json_write.h"
#include "output.h"

#define PROG "prof-history"

struct state {
	const char *db;
	const char *from, *to; /* copy */
	const char *output;
	const char *format;
	const char *commit;
	const char *branch;
	const char *date;
	const char *name;
	const char *against;
	const char *budgets;
	const char *input_format;
	const char *criterion_baseline; /* --criterion-baseline NAME */
	bool cpu_time;                  /* --cpu-time */
	const char *higher_re, *lower_re; /* --higher/--lower-is-better */
	const char *title;
	struct hist_label *labels;
	size_t nlabels;
	double threshold; /* percent */
	double warn_threshold, improvement_threshold; /* percent, 0: off */
	bool fail_on_warning;
	double alpha;
	double penalty;
	double min_change; /* percent */
	unsigned long long limit;
	unsigned long long min_segment;
	unsigned long long seed;
	const char *testbed;
	const char *filter, *exclude; /* --filter / --exclude regexes */
	struct bench_filter filt;
	bool force, quiet, all_branches, fail_on_missing;
	bool require_baseline, fail_on_change;
	const char *reason;
	unsigned long long last; /* trend --fail-on-change: runs looked at */
	unsigned long long window; /* check: pooled last N runs, 0: off */
	char **args; /* subcommand and its operands */
	int nargs;
};

enum {
	OPT_DB = 256, OPT_COMMIT, OPT_BRANCH, OPT_DATE, OPT_LABEL, OPT_NAME,
	OPT_AGAINST, OPT_BUDGETS, OPT_THRESHOLD, OPT_ALPHA, OPT_PENALTY,
	OPT_MIN_CHANGE, OPT_LIMIT, OPT_FORMAT, OPT_INPUT_FORMAT, OPT_SEED,
	OPT_TITLE, OPT_ALL_BRANCHES, OPT_MIN_SEGMENT, OPT_FAIL_MISSING,
	OPT_TESTBED, OPT_FILTER, OPT_EXCLUDE,
	OPT_WARN_THRESHOLD, OPT_IMP_THRESHOLD, OPT_FAIL_ON,
	OPT_REQUIRE_BASELINE, OPT_REASON, OPT_FAIL_ON_CHANGE, OPT_LAST,
	OPT_WINDOW, OPT_FROM, OPT_TO, OPT_CRIT_BASELINE, OPT_CPU_TIME,
	OPT_HIGHER, OPT_LOWER
};

/* The same options as prof-compare's take the same values and ranges. */
static const struct fe_opt opts[] = {
	{ OPT_DB, "db", FE_STRING, "URL", 0, 0,
	  "the database: a path, sqlite:PATH or\n"
	  "postgresql://USER@HOST/DB (default $PROFKIT_DB,\n"
	  "else " HIST_DEFAULT_DB "); passwords come from\n"
	  "the URL, PGPASSFILE, PGSERVICE or PG* variables", 0 },
	{ OPT_FROM, "from", FE_STRING, "URL", 0, 0,
	  "copy: the database copied from", 0 },
	{ OPT_TO, "to", FE_STRING, "URL", 0, 0,
	  "copy: the database copied to (created if new)", 0 },
	FE_OPT_OUTPUT("write the report or chart to FILE ('-': stdout)"),
	FE_OPT_FORCE("replace an existing output file"),
	{ OPT_FORMAT, "format", FE_STRING, "FMT", 0, 0,
	  "check: gfm|json|html|text|openmetrics;\n"
	  "trend: text|json|svg|html;\n"
	  "list, show: text|json; export: csv|json", 0 },
	{ OPT_COMMIT, "commit", FE_STRING, "SHA", 0, 0,
	  "record: the commit (default: git HEAD);\n"
	  "baseline set: the commit to pin", 0 },
	{ OPT_BRANCH, "branch", FE_STRING, "B", 0, 0,
	  "the branch (default: the checkout's branch)", 0 },
	{ OPT_ALL_BRANCHES, "all-branches", FE_FLAG, NULL, 0, 0,
	  "list, trend: runs of every branch", 0 },
	{ OPT_DATE, "date", FE_STRING, "T", 0, 0,
	  "record: unix seconds or ISO 8601 (default: the\n"
	  "commit's time, else now)", 0 },
	{ OPT_LABEL, "label", FE_STRING, "K=V", 0, 0,
	  "record: attach a label (repeatable)", 0 },
	{ OPT_NAME, "name", FE_STRING, "N", 0, 0,
	  "baseline name (default: default)", 0 },
	{ OPT_AGAINST, "against", FE_STRING, "SPEC", 0, 0,
	  "check: baseline[:NAME], commit:SHA, tag:NAME or\n"
	  "branch:B\n"
	  "(default: baseline)", 0 },
	{ OPT_WINDOW, "window", FE_COUNT, "N", 1, 1000000,
	  "check: the reference is the pooled samples of the\n"
	  "last N runs of the base branch (main, master, or\n"
	  "--against branch:B) on this testbed", 0 },
	{ OPT_BUDGETS, "budgets", FE_STRING, "FILE", 0, 0,
	  "budgets (default " HIST_DEFAULT_BUDGETS " if present)", 0 },
	{ OPT_THRESHOLD, "threshold", FE_PCT, "PCT", 0, 1000,
	  "check: smallest change that counts (default 5)", FE_OPEN_HI },
	{ OPT_WARN_THRESHOLD, "warn-threshold", FE_PCT, "PCT", 0, 1000,
	  "check: a regression at PCT but not at\n"
	  "--threshold is a warning (shown and counted)", FE_OPEN_HI },
	{ OPT_IMP_THRESHOLD, "improvement-threshold", FE_PCT, "PCT", 0, 1000,
	  "check: decide improvements at PCT", FE_OPEN_HI },
	{ OPT_FAIL_ON, "fail-on", FE_STRING, "LEVEL", 0, 0,
	  "check: warning: exit 4 when the worst is a warning", 0 },
	{ OPT_ALPHA, "alpha", FE_REAL, "A", 0, 1,
	  "check: significance level (default 0.05)",
	  FE_OPEN_LO | FE_OPEN_HI },
	{ OPT_SEED, "seed", FE_COUNT, "N", 0, FE_COUNT_MAX,
	  "check: bootstrap seed (default: prof-compare's)", 0 },
	{ OPT_INPUT_FORMAT, "input-format", FE_STRING, "F", 0, 0,
	  "format of RESULT files (default: detected)", 0 },
	{ OPT_CRIT_BASELINE, "criterion-baseline", FE_STRING, "NAME", 0, 0,
	  "record, check: from a Criterion tree read the\n"
	  "measurements cargo bench saved as baseline NAME\n"
	  "(default new/)", 0 },
	{ OPT_CPU_TIME, "cpu-time", FE_FLAG, NULL, 0, 0,
	  "record, check: google-benchmark: cpu_time", 0 },
	{ OPT_HIGHER, "higher-is-better", FE_STRING, "REGEX", 0, 0,
	  "record, check: these benchmarks are better when\n"
	  "higher (a score in %; overrides the unit rule)", 0 },
	{ OPT_LOWER, "lower-is-better", FE_STRING, "REGEX", 0, 0,
	  "record, check: these are better when lower", 0 },
	{ OPT_PENALTY, "penalty", FE_REAL, "X", 1e-3, 1e6,
	  "trend: cost of a change point, times ln(n) (default 3)", 0 },
	{ OPT_MIN_CHANGE, "min-change", FE_PCT, "PCT", 0, 1000,
	  "trend: ignore level changes below PCT (default 5)", FE_OPEN_HI },
	{ OPT_MIN_SEGMENT, "min-segment", FE_COUNT, "N", 1, 1000000,
	  "trend: shortest level, in runs (default 5)", 0 },
	{ OPT_TITLE, "title", FE_STRING, "T", 0, 0,
	  "trend: chart title", 0 },
	{ OPT_FAIL_ON_CHANGE, "fail-on-change", FE_FLAG, NULL, 0, 0,
	  "trend: exit 3 when a change for the worse that is\n"
	  "not acknowledged lies in the last --last runs", 0 },
	{ OPT_LAST, "last", FE_COUNT, "K", 1, 1000000000,
	  "trend --fail-on-change: runs looked at (default 5)", 0 },
	{ OPT_REASON, "reason", FE_STRING, "TEXT", 0, 0,
	  "ack: why the change is intended (required)", 0 },
	{ OPT_LIMIT, "limit", FE_COUNT, "N", 1, FE_COUNT_MAX,
	  "list: only the newest N runs", 0 },
	{ OPT_REQUIRE_BASELINE, "require-baseline", FE_FLAG, NULL, 0, 0,
	  "check: no baseline yet is an error (exit 1);\n"
	  "without it the first run becomes the baseline", 0 },
	{ OPT_FAIL_MISSING, "fail-on-missing", FE_FLAG, NULL, 0, 0,
	  "check: a benchmark of the reference missing from\n"
	  "the results fails the check (exit 1)", 0 },
	{ OPT_TESTBED, "testbed", FE_STRING, "NAME", 0, 0,
	  "record: the machine's name (default: hostname,\n"
	  "CPU model and core count); check, trend: compare\n"
	  "only with runs of this testbed (default: this\n"
	  "machine's)", 0 },
	{ OPT_FILTER, "filter", FE_STRING, "REGEX", 0, 0,
	  "check, trend: only benchmarks whose name matches\n"
	  "REGEX (POSIX extended, unanchored)", 0 },
	{ OPT_EXCLUDE, "exclude", FE_STRING, "REGEX", 0, 0,
	  "check, trend: drop benchmarks whose name matches", 0 },
	FE_OPT_QUIET("no progress messages or warnings"),
	FE_OPT_HELP("show this help and exit"),
	FE_OPT_VERSION("show version information and exit"),
	FE_END
};

static const struct fe_tool tool = {
	PROG,
	"Usage: " PROG " [--db URL] COMMAND [ARGS] [OPTIONS]\n"
	"Keep benchmark results across commits in one SQLite file or in\n"
	"PostgreSQL for a team; compare new\n"
	"results with baselines and budgets; find where performance changed.\n"
	"\n"
	"Commands:\n"
	"  record RESULT...       store every benchmark and sample of the results\n"
	"                         (any input prof-compare reads)\n"
	"  check RESULT...        compare results with stored samples and budgets;\n"
	"                         exit 3 on a regression or a broken budget\n"
	"  baseline set|show|reset|list   named baselines per branch\n"
	"  trend [GLOB]           per-benchmark series with change points\n"
	"  list                   recorded runs\n"
	"  show COMMIT            the runs and benchmarks of one commit\n"
	"  export                 every sample, as CSV or JSON\n"
	"  ack BENCH --reason T   acknowledge BENCH's change (up to --commit C) as\n"
	"                         intended: check and trend do not fail on it\n"
	"  import FILE...         github-action-benchmark data.js, bench-tracker\n"
	"                         baseline.json\n"
	"  migrate                create or upgrade the database's schema\n"
	"  copy --from URL --to URL   copy every run and baseline (SQLite <->\n"
	"                         PostgreSQL); runs already there are skipped\n"
	"\n"
	"Options:\n",
	opts,
	"\n"
	"Exit status: 0 ok, 1 bad input or database, 2 usage, 3 regression or\n"
	"broken budget (check), change (trend --fail-on-change), 4 warnings only\n"
	"(check --fail-on warning).\n",
	25, ' ', 0, NULL,
};

static void
parse_args(struct state *s, int argc, char **argv)
{
	struct fe_val v;
	int c;

	while ((c = fe_getopt(argc, argv, &v)) != -1) {
		switch (c) {
		case OPT_DB: s->db = v.s; break;
		case OPT_FROM: s->from = v.s; break;
		case OPT_TO: s->to = v.s; break;
		case 'o': s->output = v.s; break;
		case 'f': s->force = true; break;
		case OPT_FORMAT: s->format = v.s; break;
		case OPT_COMMIT: s->commit = v.s; break;
		case OPT_BRANCH: s->branch = v.s; break;
		case OPT_ALL_BRANCHES: s->all_branches = true; break;
		case OPT_DATE: s->date = v.s; break;
		case OPT_LABEL: {
			const char *eq = strchr(v.s, '=');

			if (eq == NULL || eq == v.s)
				pk_usage_error("--label: expected KEY=VALUE, "
					       "got '%s'", v.s);
			s->labels = pk_xreallocarray(s->labels, s->nlabels + 1,
						     sizeof *s->labels);
			s->labels[s->nlabels].key =
				pk_xstrndup(v.s, (size_t)(eq - v.s));
			s->labels[s->nlabels].value = pk_xstrdup(eq + 1);
			s->nlabels++;
			break;
		}
		case OPT_NAME: s->name = v.s; break;
		case OPT_AGAINST: s->against = v.s; break;
		case OPT_BUDGETS: s->budgets = v.s; break;
		case OPT_THRESHOLD: s->threshold = v.d; break;
		case OPT_ALPHA: s->alpha = v.d; break;
		case OPT_SEED: s->seed = (unsigned long long)v.n; break;
		case OPT_INPUT_FORMAT: s->input_format = v.s; break;
		case OPT_CRIT_BASELINE:
			if (v.s[0] == '\0' || strchr(v.s, '/') != NULL ||
			    strcmp(v.s, ".") == 0 || strcmp(v.s, "..") == 0)
				pk_usage_error("--criterion-baseline: not a "
					       "baseline name: '%s'", v.s);
			s->criterion_baseline = v.s;
			break;
		case OPT_CPU_TIME: s->cpu_time = true; break;
		case OPT_HIGHER: s->higher_re = v.s; break;
		case OPT_LOWER: s->lower_re = v.s; break;
		case OPT_PENALTY: s->penalty = v.d; break;
		case OPT_MIN_CHANGE: s->min_change = v.d; break;
		case OPT_MIN_SEGMENT:
			s->min_segment = (unsigned long long)v.n;
			break;
		case OPT_TITLE: s->title = v.s; break;
		case OPT_LIMIT: s->limit = (unsigned long long)v.n; break;
		case OPT_FAIL_MISSING: s->fail_on_missing = true; break;
		case OPT_TESTBED: s->testbed = v.s; break;
		case OPT_FILTER: s->filter = v.s; break;
		case OPT_WARN_THRESHOLD: s->warn_threshold = v.d; break;
		case OPT_IMP_THRESHOLD: s->improvement_threshold = v.d; break;
		case OPT_REQUIRE_BASELINE: s->require_baseline = true; break;
		case OPT_REASON: s->reason = v.s; break;
		case OPT_FAIL_ON_CHANGE: s->fail_on_change = true; break;
		case OPT_WINDOW: s->window = (unsigned long long)v.n; break;
		case OPT_LAST: s->last = (unsigned long long)v.n; break;
		case OPT_FAIL_ON:
			if (strcmp(v.s, "warning") == 0)
				s->fail_on_warning = true;
			else if (strcmp(v.s, "regression") != 0)
				pk_usage_error("--fail-on: want regression or "
					       "warning: '%s'",
					       v.s);
			break;
		case OPT_EXCLUDE: s->exclude = v.s; break;
		case 'q': s->quiet = true; break;
		}
	}
	s->args = argv + optind;
	s->nargs = argc - optind;
	if (s->nargs == 0)
		pk_usage_error("no command (record, check, baseline, trend, "
			       "list, show, export, import)");
}

static void
die_err(struct pk_err *err)
{
	pk_err_die(err, PK_EXIT_INPUT);
}

/* The open database: an error after open_db (an output that exists, a
 * bad budget file) exits with it open; it is closed at exit then. */
static struct hist_db *open_handle;
static bool registered; /* close_at_exit */

static void
close_at_exit(void)
{
	hist_close(open_handle);
	open_handle = NULL;
}

static void
close_db(struct hist_db *db)
{
	if (db == open_handle)
		open_handle = NULL;
	hist_close(db);
}

static struct hist_db *
open_db(const struct state *s, bool create)
{
	struct pk_err err = { NULL };
	struct hist_db *db;

	/* an in-memory database would record into nothing */
	if (strcmp(s->db, ":memory:") == 0)
		pk_die(PK_EXIT_INPUT, "'%s': not a database file name; nothing "
		       "would be kept", s->db);
	db = hist_open(s->db, create, &err);

	if (db == NULL)
		die_err(&err);
	if (!registered)
		registered = atexit(close_at_exit) == 0;
	open_handle = db;
	return db;
}

/* Operands after the subcommand word. */
static void
want_operands(const struct state *s, int lo, int hi, const char *what)
{
	int n = s->nargs - 1;

	if (n < lo)
		pk_usage_error("%s: missing %s", s->args[0], what);
	if (hi >= 0 && n > hi)
		pk_usage_error("%s: unexpected operand '%s'", s->args[0],
			       s->args[1 + hi]);
}

static const char *
format_or(const struct state *s, const char *dflt, const char *const *ok)
{
	const char *f = s->format ? s->format : dflt;

	for (size_t i = 0; ok[i] != NULL; i++)
		if (strcmp(f, ok[i]) == 0)
			return f;
	pk_usage_error("%s: unknown --format '%s'", s->args[0], f);
}

static struct pk_out *
open_out(const struct state *s)
{
	struct pk_err err = { NULL };
	struct pk_out *o = pk_out_open(s->output, s->force ? PK_OUT_FORCE : 0,
				       &err);

	if (o == NULL)
		die_err(&err);
	return o;
}

static void
commit_out(struct pk_out *o)
{
	struct pk_err err = { NULL };

	if (pk_out_commit(o, &err) != 0)
		die_err(&err);
}

/* The branch that applies: --branch, else the checkout's. */
static char *
current_branch(const struct state *s)
{
	struct hist_meta m;
	char *b;

	if (s->branch != NULL)
		return pk_xstrdup(s->branch);
	memset(&m, 0, sizeof m);
	m.commit = pk_xstrdup("-"); /* only the branch is wanted */
	hist_meta_git(&m);
	b = m.branch ? pk_xstrdup(m.branch) : NULL;
	hist_meta_free(&m);
	return b;
}

/* ---------------------------------------------------------------- record */

/* The run's metadata from the options and git, as record stores it. */
static void
build_meta(const struct state *s, struct hist_meta *mp)
{
	struct hist_meta m = *mp;
	size_t srclen = 0;

	if (s->commit)
		m.commit = pk_xstrdup(s->commit);
	if (s->branch)
		m.branch = pk_xstrdup(s->branch);
	if (s->date && hist_parse_date(s->date, &m.date) != 0)
		pk_usage_error("--date: not a date: '%s'", s->date);
	if ((m.commit == NULL || m.branch == NULL) && hist_meta_git(&m) != 0 &&
	    m.commit == NULL)
		pk_usage_error("%s: not in a git checkout; give --commit",
			       s->args[0]);
	if (s->testbed != NULL)
		m.testbed = pk_xstrdup(s->testbed);
	hist_meta_machine(&m);
	for (size_t i = 0; i < s->nlabels; i++)
		hist_meta_label(&m, s->labels[i].key, s->labels[i].value);
	for (int i = 1; i < s->nargs; i++)
		srclen += strlen(s->args[i]) + 1;
	m.source = pk_xmalloc(srclen);
	m.source[0] = '\0';
	for (int i = 1; i < s->nargs; i++) {
		if (i > 1)
			strcat(m.source, " ");
		strcat(m.source, s->args[i]);
	}

	*mp = m;
}

/* The RESULT operands with the reader options of the command line, then
 * the directions of --higher-is-better / --lower-is-better. */
static void
read_results(const struct state *s, struct bench_set *set)
{
	struct bench_read_opts o;
	struct pk_err err = { NULL };

	memset(&o, 0, sizeof o);
	o.criterion_dir = s->criterion_baseline;
	o.gbench_cpu_time = s->cpu_time;
	if (hist_read_results(s->args + 1, (size_t)(s->nargs - 1),
			      s->input_format, &o, set, &err) != 0)
		die_err(&err);
}

static void
apply_direction(const struct state *s, struct bench_set *set)
{
	char msg[256];

	if (bench_set_direction(set, s->higher_re, BENCH_HIGHER_IS_BETTER,
				msg, sizeof msg) != 0)
		pk_usage_error("--higher-is-better: '%s': %s", s->higher_re,
			       msg);
	if (bench_set_direction(set, s->lower_re, BENCH_LOWER_IS_BETTER, msg,
				sizeof msg) != 0)
		pk_usage_error("--lower-is-better: '%s': %s", s->lower_re,
			       msg);
}

static int
cmd_record(struct state *s)
{
	struct pk_err err = { NULL };
	struct hist_meta m;
	struct bench_set set;
	struct hist_db *db;
	int64_t id;
	bool existed;

	want_operands(s, 1, -1, "RESULT file");
	memset(&m, 0, sizeof m);
	bench_set_init(&set);
	read_results(s, &set);
	apply_direction(s, &set);
	if (set.n == 0)
		pk_die(PK_EXIT_INPUT, "%s: no benchmarks found", s->args[1]);
	build_meta(s, &m);
	db = open_db(s, true);
	if (hist_record(db, &m, &set, &id, &existed, &err) != 0)
		die_err(&err);
	if (!s->quiet) {
		if (existed)
			printf("already recorded: %.12s (run %" PRId64 ")\n",
			       m.commit, id);
		else
			printf("recorded %.12s%s%s: %zu benchmark%s, %zu "
			       "sample%s (run %" PRId64 ")\n", m.commit,
			       m.branch ? " on " : "",
			       m.branch ? m.branch : "", set.n,
			       set.n == 1 ? "" : "s", hist_set_samples(&set),
			       hist_set_samples(&set) == 1 ? "" : "s", id);
	}
	close_db(db);
	bench_set_free(&set);
	hist_meta_free(&m);
	return PK_EXIT_OK;
}

/* ---------------------------------------------------------------- import */

static int
cmd_migrate(struct state *s)
{
	struct hist_db *db;

	want_operands(s, 0, 0, "");
	db = open_db(s, true);
	if (!s->quiet) {
		int was = hist_db_found_version(db);

		if (was == HIST_SCHEMA_VERSION)
			printf("%s: schema version %d, up to date\n",
			       hist_db_path(db), was);
		else
			printf("%s: schema version %d (was %d)\n",
			       hist_db_path(db), HIST_SCHEMA_VERSION, was);
	}
	close_db(db);
	return PK_EXIT_OK;
}

static int
cmd_copy(struct state *s)
{
	struct pk_err err = { NULL };
	struct hist_db *from, *to;
	struct hist_copy_stats st;
	struct state x = *s;

	want_operands(s, 0, 0, "");
	if (s->from == NULL || s->to == NULL)
		pk_usage_error("copy: --from URL and --to URL are required");
	if (strcmp(s->from, s->to) == 0)
		pk_usage_error("copy: --from and --to are the same database");
	x.db = s->from;
	from = open_db(&x, false);
	if (strcmp(s->to, ":memory:") == 0 ||
	    (to = hist_open(s->to, true, &err)) == NULL) {
		if (err.msg == NULL)
			pk_err_set(&err, "'%s': not a database file name; "
				   "nothing would be kept", s->to);
		close_db(from);
		die_err(&err);
	}
	if (hist_copy(from, to, &st, &err) != 0) {
		hist_close(to);
		close_db(from);
		die_err(&err);
	}
	if (!s->quiet)
		printf("copied %zu runs, %zu baselines to %s%s", st.runs,
		       st.baselines, hist_db_path(to),
		       st.existed ? "; " : "\n");
	if (!s->quiet && st.existed)
		printf("%zu runs already present\n", st.existed);
	hist_close(to);
	close_db(from);
	return PK_EXIT_OK;
}

static int
cmd_import(struct state *s)
{
	struct pk_err err = { NULL };
	struct hist_db *db;
	struct hist_import_stats st = { 0, 0, 0, 0 };

	want_operands(s, 1, -1, "FILE to import");
	db = open_db(s, true);
	for (int i = 1; i < s->nargs; i++)
		if (hist_import(db, s->args[i], s->branch, &st, &err) != 0)
			die_err(&err);
	if (!s->quiet)
		printf("imported %zu runs (%zu benchmark results, %zu samples)"
		       "%s", st.runs, st.benchmarks, st.samples,
		       st.existed ? "; " : "\n");
	if (!s->quiet && st.existed)
		printf("%zu already present\n", st.existed);
	close_db(db);
	return PK_EXIT_OK;
}

/* ---------------------------------------------------------------- list/show */

static int
cmd_list(struct state *s)
{
	static const char *const fmts[] = { "text", "json", NULL };
	const char *fmt = format_or(s, "text", fmts);
	struct pk_err err = { NULL };
	struct hist_db *db;
	struct hist_run *runs;
	size_t n;
	struct pk_out *o;

	want_operands(s, 0, 0, "");
	db = open_db(s, false);
	if (hist_runs(db, s->all_branches ? NULL : s->branch, NULL,
		      (size_t)s->limit, &runs, &n, &err) != 0)
		die_err(&err);
	o = open_out(s);
	hist_write_runs(pk_out_file(o), runs, n, strcmp(fmt, "json") == 0);
	commit_out(o);
	hist_runs_free(runs, n);
	close_db(db);
	return PK_EXIT_OK;
}

static int
cmd_show(struct state *s)
{
	static const char *const fmts[] = { "text", "json", NULL };
	const char *fmt = format_or(s, "text", fmts);
	struct pk_err err = { NULL };
	struct hist_db *db;
	struct hist_run *runs;
	size_t n;
	char *commit;
	struct pk_out *o;

	want_operands(s, 1, 1, "COMMIT");
	db = open_db(s, false);
	if (hist_resolve_commit(db, s->args[1], &commit, &err) != 0 ||
	    hist_runs(db, NULL, commit, 0, &runs, &n, &err) != 0)
		die_err(&err);
	o = open_out(s);
	if (hist_write_commit(pk_out_file(o), db, commit, runs, n,
			      strcmp(fmt, "json") == 0, &err) != 0) {
		pk_out_abort(o);
		die_err(&err);
	}
	commit_out(o);
	free(commit);
	hist_runs_free(runs, n);
	close_db(db);
	return PK_EXIT_OK;
}

/* ---------------------------------------------------------------- export */

static int
cmd_export(struct state *s)
{
	static const char *const fmts[] = { "csv", "json", NULL };
	const char *fmt = format_or(s, "json", fmts);
	struct pk_err err = { NULL };
	struct hist_db *db;
	struct pk_out *o;

	want_operands(s, 0, 0, "");
	if (s->format == NULL)
		pk_usage_error("export: --format csv|json is required");
	db = open_db(s, false);
	o = open_out(s);
	if (hist_export(db, pk_out_file(o),
			strcmp(fmt, "csv") == 0 ? HIST_EXPORT_CSV
						: HIST_EXPORT_JSON, &err) != 0)
		die_err(&err);
	commit_out(o);
	close_db(db);
	return PK_EXIT_OK;
}

/* ---------------------------------------------------------------- baseline */

static int
cmd_baseline(struct state *s)
{
	struct pk_err err = { NULL };
	struct hist_db *db;
	struct hist_baseline b;
	const char *name = s->name ? s->name : "default";
	const char *verb;
	struct pk_out *o;
	char *branch;
	int rc;

	want_operands(s, 1, 1, "set, show, reset or list");
	verb = s->args[1];
	if (strcmp(verb, "set") != 0 && strcmp(verb, "show") != 0 &&
	    strcmp(verb, "reset") != 0 && strcmp(verb, "list") != 0)
		pk_usage_error("baseline: unknown action '%s' (set, show, "
			       "reset, list)", verb);
	db = open_db(s, false);
	branch = current_branch(s);
	if (strcmp(verb, "set") == 0) {
		if (hist_baseline_set(db, name, branch, s->commit, &b, &err) !=
		    0)
			die_err(&err);
		if (!s->quiet)
			printf("baseline %s on %s: %s\n", name,
			       branch ? branch : "(no branch)", b.commit);
		hist_baseline_free(&b);
	} else if (strcmp(verb, "show") == 0) {
		rc = hist_baseline_get(db, name, branch, &b, &err);
		if (rc < 0)
			die_err(&err);
		if (rc == 0)
			pk_die(PK_EXIT_INPUT, "no baseline %s on %s", name,
			       branch ? branch : "(no branch)");
		o = open_out(s);
		hist_write_baseline(pk_out_file(o), &b);
		commit_out(o);
		hist_baseline_free(&b);
	} else if (strcmp(verb, "reset") == 0) {
		rc = hist_baseline_reset(db, name, branch, &err);
		if (rc < 0)
			die_err(&err);
		if (!s->quiet)
			printf(rc ? "baseline %s on %s removed\n"
				  : "no baseline %s on %s\n", name,
			       branch ? branch : "(no branch)");
	} else if (strcmp(verb, "list") == 0) {
		struct hist_baseline *all;
		size_t n;

		if (hist_baselines(db, &all, &n, &err) != 0)
			die_err(&err);
		o = open_out(s);
		for (size_t i = 0; i < n; i++) {
			hist_write_baseline(pk_out_file(o), &all[i]);
			hist_baseline_free(&all[i]);
		}
		commit_out(o);
		free(all);
	} else {
		pk_usage_error("baseline: unknown action '%s' (set, show, "
			       "reset, list)", verb);
	}
	free(branch);
	close_db(db);
	return PK_EXIT_OK;
}

/* ---------------------------------------------------------------- check */

/* ------------------------------------------------------------------ ack */

static int
cmd_ack(struct state *s)
{
	struct pk_err err = { NULL };
	struct hist_db *db;
	struct hist_ack a;

	want_operands(s, 1, 1, "BENCH (a benchmark name or glob)");
	if (s->reason == NULL || s->reason[0] == '\0')
		pk_usage_error("ack: give --reason TEXT (why the change is "
			       "intended)");
	db = open_db(s, false);
	if (hist_ack_add(db, s->args[1], s->commit, s->reason, &a, &err) != 0)
		die_err(&err);
	if (!s->quiet)
		printf("acknowledged %s%s%.12s: %s\n", a.bench,
		       a.commit[0] ? " up to " : " (every change)",
		       a.commit, a.reason);
	free(a.bench);
	free(a.commit);
	free(a.reason);
	close_db(db);
	return PK_EXIT_OK;
}

/* Acknowledged regressions of a check (prof-history ack) stop failing. */
/* check with no baseline yet: record this run and make it the baseline
 * (what the llama.cpp system does with the base commit's results). */
static int
check_first_run(struct state *s, struct hist_db *db, struct bench_set *cur,
		const char *spec)
{
	struct pk_err err = { NULL };
	struct hist_meta m;
	struct hist_baseline b;
	const char *name = spec[8] == ':' ? spec + 9 : "default";
	int64_t id;
	bool existed;

	memset(&m, 0, sizeof m);
	build_meta(s, &m);
	if (hist_record(db, &m, cur, &id, &existed, &err) != 0)
		die_err(&err);
	if (hist_baseline_set(db, name, m.branch, m.commit, &b, &err) != 0)
		die_err(&err);
	if (!s->quiet)
		fprintf(stderr, "%s: no baseline yet; this run is recorded as "
			"the baseline (%s on %s: %.12s, %zu benchmark%s)\n",
			PROG, name, m.branch ? m.branch : "(no branch)",
			b.commit, cur->n, cur->n == 1 ? "" : "s");
	hist_baseline_free(&b);
	hist_meta_free(&m);
	return PK_EXIT_OK;
}

static int
cmd_check(struct state *s)
{
	static const char *const fmts[] = { "gfm", "json", "html", "text",
					    "openmetrics", NULL };
	const char *fmt = format_or(s, "gfm", fmts);
	struct pk_err err = { NULL };
	struct hist_db *db;
	struct bench_set cur, ref;
	struct hist_budgets budgets;
	bool have_budgets = false;
	struct hist_check_opts co;
	struct hist_check_report rep;
	struct pk_out *o;
	char *branch, *ref_commit = NULL, *ref_desc = NULL;
	const char *spec = s->against ? s->against : "baseline";
	char *wspec = NULL;
	char msg[512];
	int status, rc;
	bool first_ok;
	struct hist_ack *acks = NULL;
	size_t nacks = 0;

	want_operands(s, 1, -1, "RESULT file");
	if (s->window > 0) {
		if (s->against != NULL && strncmp(s->against, "branch:", 7) != 0)
			pk_usage_error("--window takes the runs of a branch: "
				       "drop --against or give branch:B");
		wspec = pk_xasprintf("window:%llu%s%s", s->window,
				     s->against ? ":" : "",
				     s->against ? s->against + 7 : "");
		spec = wspec;
	}
	bench_set_init(&cur);
	bench_set_init(&ref);
	read_results(s, &cur);
	apply_direction(s, &cur);
	if (s->budgets != NULL) {
		if (hist_budgets_load(s->budgets, &budgets, &err) != 0)
			die_err(&err);
		have_budgets = true;
	} else if (access(HIST_DEFAULT_BUDGETS, F_OK) == 0) {
		if (hist_budgets_load(HIST_DEFAULT_BUDGETS, &budgets, &err) !=
		    0)
			die_err(&err);
		have_budgets = true;
	}
	first_ok = !s->require_baseline && strncmp(spec, "baseline", 8) == 0 &&
		   (spec[8] == '\0' || spec[8] == ':');
	db = open_db(s, first_ok && access(s->db, F_OK) != 0);
	branch = current_branch(s);
	/* the reference's samples come from this testbed only */
	if (s->testbed != NULL) {
		hist_set_testbed(db, s->testbed);
	} else {
		struct hist_meta here;

		memset(&here, 0, sizeof here);
		hist_meta_machine(&here);
		hist_set_testbed(db, here.testbed);
		hist_meta_free(&here);
	}
	rc = hist_check_reference(db, spec, branch, &ref, &ref_commit,
				  &ref_desc, &err);
	if (rc == 1 && first_ok) {
		pk_err_clear(&err);
		status = check_first_run(s, db, &cur, spec);
		goto done;
	}
	if (rc != 0)
		die_err(&err);
	bench_set_filter(&cur, &s->filt);
	bench_set_filter(&ref, &s->filt);
	if (have_budgets) { /* "higher_is_better" per benchmark */
		hist_budgets_apply_dir(&budgets, &cur);
		hist_budgets_apply_dir(&budgets, &ref);
	}
	apply_direction(s, &cur); /* the command line wins */
	apply_direction(s, &ref);

	memset(&co, 0, sizeof co);
	co.threshold = s->threshold > 0 ? s->threshold / 100 : 0.05;
	co.alpha = s->alpha > 0 ? s->alpha : 0.05;
	co.seed = s->seed; /* 0: prof-compare's default */
	co.warn_threshold = s->warn_threshold / 100;
	co.improvement_threshold = s->improvement_threshold / 100;
	if (co.warn_threshold > 0 && !(co.warn_threshold < co.threshold))
		pk_usage_error("--warn-threshold must be below --threshold "
			       "(%g%%)",
			       co.threshold * 100);
	co.budgets = have_budgets ? &budgets : NULL;
	if (hist_check_run(&ref, &cur, &co, &rep, &err) != 0)
		die_err(&err);
	rep.ref_desc = ref_desc;
	rep.ref_commit = ref_commit;
	if (hist_check_acks(db, &rep, ref_commit, &acks, &nacks, &err) != 0)
		die_err(&err);
	o = open_out(s);
	if (hist_check_write(pk_out_file(o), fmt, &rep, &err) != 0) {
		pk_out_abort(o);
		die_err(&err);
	}
	commit_out(o);
	/* prof-compare's gate (a check always gates on regressions) */
	status = cmp_gate_tiers(&rep.cmp, true, s->fail_on_warning,
				s->fail_on_missing, msg, sizeof msg);
	if ((status == PK_EXIT_OK || status == CMP_EXIT_WARNING) &&
	    rep.broken > 0)
		status = PK_EXIT_REGRESSION;
	if (status == PK_EXIT_INPUT || status == CMP_EXIT_WARNING)
		fprintf(stderr, "%s: %s\n", PROG, msg);
	hist_check_report_free(&rep);
	hist_acks_free(acks, nacks);
done:
	if (have_budgets)
		hist_budgets_free(&budgets);
	bench_set_free(&cur);
	bench_set_free(&ref);
	free(ref_commit);
	free(ref_desc);
	free(wspec);
	free(branch);
	close_db(db);
	return status;
}

/* ---------------------------------------------------------------- trend */

static const char *
trend_format(const struct state *s)
{
	static const char *const fmts[] = { "text", "json", "svg", "html",
					    NULL };
	const char *dflt = "text";

	if (s->output != NULL && s->format == NULL) {
		size_t n = strlen(s->output);

		if (n >= 4 && strcmp(s->output + n - 4, ".svg") == 0)
			dflt = "svg";
		else if ((n >= 5 && strcmp(s->output + n - 5, ".html") == 0) ||
			 (n >= 4 && strcmp(s->output + n - 4, ".htm") == 0))
			dflt = "html";
		else if (n >= 5 && strcmp(s->output + n - 5, ".json") == 0)
			dflt = "json";
	}
	return format_or(s, dflt, fmts);
}

/* trend --fail-on-change: a change for the worse in the last K runs of
 * a series that no ack covers is exit 3; each is named on stderr. */
/* --fail-on-change: a change for the worse in the last K runs that no
 * acknowledgement covers exits 3; each is named on stderr. */
static int
trend_gate(const struct state *s, struct hist_db *db,
	   const struct hist_series *ser, size_t n)
{
	struct pk_err err = { NULL };
	struct hist_trend_change *ch;
	size_t nch, bad = 0, k = s->last ? (size_t)s->last : 5;

	if (hist_trend_recent_changes(db, ser, n, k, &ch, &nch, &err) != 0)
		die_err(&err);
	for (size_t i = 0; i < nch; i++) {
		const struct hist_series *x = ch[i].series;

		if (ch[i].ack_reason != NULL) {
			if (!s->quiet)
				fprintf(stderr, "%s: %s: change at point %zu, "
					"commit %.12s (%+.1f%% worse) "
					"acknowledged: %s\n", PROG, x->display,
					ch[i].point + 1, x->p[ch[i].point].commit,
					100 * ch[i].worse, ch[i].ack_reason);
			continue;
		}
		bad++;
		fprintf(stderr, "%s: %s: change at point %zu, commit %.12s "
			"(%+.1f%% worse) in the last %zu runs\n", PROG,
			x->display, ch[i].point + 1, x->p[ch[i].point].commit,
			100 * ch[i].worse, k);
	}
	hist_trend_changes_free(ch, nch);
	return bad ? PK_EXIT_REGRESSION : PK_EXIT_OK;
}

static int
cmd_trend(struct state *s)
{
	const char *fmt = trend_format(s);
	struct pk_err err = { NULL };
	struct hist_db *db;
	struct hist_series *ser;
	size_t n, ntotal = 0;
	struct hist_cp_opts cpo;
	struct pk_out *o;
	char *branch = NULL;
	const char *glob;
	int rc = 0;

	want_operands(s, 0, 1, "");
	glob = s->nargs > 1 ? s->args[1] : NULL;
	db = open_db(s, false);
	hist_set_testbed(db, s->testbed); /* NULL: every testbed, apart */
	if (!s->all_branches)
		branch = current_branch(s);
	if (hist_series_load(db, glob, branch, &ser, &n, &err) != 0)
		die_err(&err);
	if (n == 0 && branch != NULL && s->branch == NULL) {
		/* the checkout's branch has nothing: show every branch */
		free(branch);
		branch = NULL;
		if (hist_series_load(db, glob, NULL, &ser, &n, &err) != 0)
			die_err(&err);
	}
	if (bench_filter_active(&s->filt)) {
		/* kept series first; every one is freed with the full count */
		size_t kept = 0;

		for (size_t i = 0; i < n; i++)
			if (bench_filter_match(&s->filt, ser[i].name)) {
				struct hist_series t = ser[kept];

				ser[kept++] = ser[i];
				ser[i] = t;
			}
		ntotal = n;
		n = kept;
		if (n == 0)
			pk_die(PK_EXIT_INPUT, "%s: no benchmark passes "
			       "--filter/--exclude (%zu recorded)", s->db,
			       ntotal);
	}
	if (n == 0)
		pk_die(PK_EXIT_INPUT, "%s: no benchmark %s%s%s", s->db,
		       glob ? "matches " : "recorded",
		       glob ? glob : "", branch ? " on this branch" : "");
	memset(&cpo, 0, sizeof cpo);
	cpo.penalty = s->penalty;
	cpo.min_segment = (size_t)s->min_segment;
	cpo.min_change = s->min_change >= 0 ? s->min_change / 100 : 0.05;
	hist_trend_changepoints(ser, n, &cpo);
	o = open_out(s);
	if (strcmp(fmt, "svg") == 0)
		rc = hist_trend_svg(pk_out_file(o), ser, n, s->title, &err);
	else if (strcmp(fmt, "html") == 0)
		rc = hist_trend_html(pk_out_file(o), ser, n, s->title, &err);
	else if (strcmp(fmt, "json") == 0)
		hist_trend_json(pk_out_file(o), ser, n);
	else
		hist_trend_text(pk_out_file(o), ser, n);
	if (rc != 0) {
		pk_out_abort(o);
		die_err(&err);
	}
	commit_out(o);
	if (s->fail_on_change)
		rc = trend_gate(s, db, ser, n);
	hist_series_free(ser, ntotal > n ? ntotal : n);
	free(branch);
	close_db(db);
	return rc;
}

/* ---------------------------------------------------------------- main */

int
main(int argc, char **argv)
{
	struct state s;
	struct pk_err err = { NULL };
	static const struct {
		const char *name;
		int (*fn)(struct state *);
	} cmds[] = {
		{ "record", cmd_record },   { "check", cmd_check },
		{ "baseline", cmd_baseline }, { "trend", cmd_trend },
		{ "list", cmd_list },       { "show", cmd_show },
		{ "export", cmd_export },   { "import", cmd_import },
		{ "ack", cmd_ack },
		{ "migrate", cmd_migrate }, { "copy", cmd_copy },
	};
	int status = -1;

	fe_init(&tool, argc, argv);
	memset(&s, 0, sizeof s);
	s.db = getenv("PROFKIT_DB");
	if (s.db == NULL || *s.db == '\0')
		s.db = HIST_DEFAULT_DB;
	s.min_change = -1;
	parse_args(&s, argc, argv);
	pk_set_quiet(s.quiet);
	{
		char msg[256];

		if (bench_filter_init(&s.filt, s.filter, NULL, msg,
				      sizeof msg) != 0)
			pk_usage_error("--filter: '%s': %s", s.filter, msg);
		bench_filter_free(&s.filt);
		if (bench_filter_init(&s.filt, s.filter, s.exclude, msg,
				      sizeof msg) != 0)
			pk_usage_error("--exclude: '%s': %s", s.exclude, msg);
	}
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(s.args[0], cmds[i].name) == 0)
			status = cmds[i].fn(&s);
	if (status < 0)
		pk_usage_error("unknown command '%s'", s.args[0]);
	for (size_t i = 0; i < s.nlabels; i++) {
		free(s.labels[i].key);
		free(s.labels[i].value);
	}
	free(s.labels);
	bench_filter_free(&s.filt);
	if (pk_close_stdout(&err) != 0)
		die_err(&err);
	return status;
}
