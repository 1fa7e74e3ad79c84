/* prof-history - benchmark history across commits: record, baselines,
 * budgets, checks, change points and trend charts, in one SQLite file.
 *
 * A thin main(): options into one state struct, then one library call
 * sequence per subcommand (src/history*.c).
 */
#include "config.h"

#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"
#include "history.h"
#include "history_budget.h"
#include "history_check.h"
#include "history_trend.h"
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
	const char *title;
	struct hist_label *labels;
	size_t nlabels;
	double threshold; /* percent */
	double alpha;
	double penalty;
	double min_change; /* percent */
	unsigned long long limit;
	unsigned long long min_segment;
	unsigned long long seed;
	const char *testbed;
	bool force, quiet, all_branches, fail_on_missing;
	char **args; /* subcommand and its operands */
	int nargs;
};

enum {
	OPT_DB = 256, OPT_COMMIT, OPT_BRANCH, OPT_DATE, OPT_LABEL, OPT_NAME,
	OPT_AGAINST, OPT_BUDGETS, OPT_THRESHOLD, OPT_ALPHA, OPT_PENALTY,
	OPT_MIN_CHANGE, OPT_LIMIT, OPT_FORMAT, OPT_INPUT_FORMAT, OPT_SEED,
	OPT_TITLE, OPT_ALL_BRANCHES, OPT_MIN_SEGMENT, OPT_VERSION,
	OPT_FAIL_MISSING, OPT_TESTBED, OPT_FROM, OPT_TO
};

static const struct option options[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "output", required_argument, NULL, 'o' },
	{ "force", no_argument, NULL, 'f' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "commit", required_argument, NULL, OPT_COMMIT },
	{ "branch", required_argument, NULL, OPT_BRANCH },
	{ "all-branches", no_argument, NULL, OPT_ALL_BRANCHES },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "label", required_argument, NULL, OPT_LABEL },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "against", required_argument, NULL, OPT_AGAINST },
	{ "budgets", required_argument, NULL, OPT_BUDGETS },
	{ "threshold", required_argument, NULL, OPT_THRESHOLD },
	{ "alpha", required_argument, NULL, OPT_ALPHA },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "input-format", required_argument, NULL, OPT_INPUT_FORMAT },
	{ "penalty", required_argument, NULL, OPT_PENALTY },
	{ "min-change", required_argument, NULL, OPT_MIN_CHANGE },
	{ "min-segment", required_argument, NULL, OPT_MIN_SEGMENT },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "limit", required_argument, NULL, OPT_LIMIT },
	{ "fail-on-missing", no_argument, NULL, OPT_FAIL_MISSING },
	{ "testbed", required_argument, NULL, OPT_TESTBED },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "to", required_argument, NULL, OPT_TO },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static void
usage(FILE *f)
{
	fputs(
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
"  import FILE...         github-action-benchmark data.js, bench-tracker\n"
"                         baseline.json\n"
"  migrate                create or upgrade the database's schema\n"
"  copy --from URL --to URL   copy every run and baseline (SQLite <->\n"
"                         PostgreSQL); runs already there are skipped\n"
"\n"
"Options:\n"
"      --db URL           the database: a path, sqlite:PATH or\n"
"                         postgresql://USER@HOST/DB (default $PROFKIT_DB,\n"
"                         else " HIST_DEFAULT_DB "); passwords come from\n"
"                         the URL, PGPASSFILE, PGSERVICE or PG* variables\n"
"  -o, --output FILE      write the report or chart to FILE ('-': stdout)\n"
"  -f, --force            replace an existing output file\n"
"      --format FMT       check: gfm|json|html|text|openmetrics;\n"
"                         trend: text|json|svg|html;\n"
"                         list, show: text|json; export: csv|json\n"
"      --commit SHA       record: the commit (default: git HEAD);\n"
"                         baseline set: the commit to pin\n"
"      --branch B         the branch (default: the checkout's branch)\n"
"      --all-branches     list, trend: runs of every branch\n"
"      --date T           record: unix seconds or ISO 8601 (default: the\n"
"                         commit's time, else now)\n"
"      --label K=V        record: attach a label (repeatable)\n"
"      --name N           baseline name (default: default)\n"
"      --against SPEC     check: baseline[:NAME], commit:SHA or branch:B\n"
"                         (default: baseline)\n"
"      --budgets FILE     budgets (default " HIST_DEFAULT_BUDGETS " if present)\n"
"      --threshold PCT    check: smallest change that counts (default 5)\n"
"      --alpha A          check: significance level (default 0.05)\n"
"      --seed N           check: bootstrap seed (default: prof-compare's)\n"
"      --input-format F   format of RESULT files (default: detected)\n"
"      --penalty X        trend: cost of a change point, times ln(n) (default 3)\n"
"      --min-change PCT   trend: ignore level changes below PCT (default 5)\n"
"      --min-segment N    trend: shortest level, in runs (default 5)\n"
"      --title T          trend: chart title\n"
"      --limit N          list: only the newest N runs\n"
"      --fail-on-missing  check: a benchmark of the reference missing from\n"
"                         the results fails the check (exit 1)\n"
"      --testbed NAME     record: the machine's name (default: hostname,\n"
"                         CPU model and core count); check, trend: compare\n"
"                         only with runs of this testbed (default: this\n"
"                         machine's)\n"
"  -q, --quiet            no progress messages or warnings\n"
"  -h, --help             show this help and exit\n"
"      --version          show version information and exit\n"
"\n"
"Exit status: 0 ok, 1 bad input or database, 2 usage, 3 regression or\n"
"broken budget (check).\n", f);
}

static double
parse_num(const char *opt, const char *arg, double lo, double hi)
{
	double v;

	if (pk_parse_double(arg, &v) != 0 || v < lo || v > hi)
		pk_usage_error("%s: not a number in [%g, %g]: '%s'", opt, lo,
			       hi, arg);
	return v;
}

static void
parse_args(struct state *s, int argc, char **argv)
{
	int c;

	while ((c = getopt_long(argc, argv, "o:fqh", options, NULL)) != -1) {
		switch (c) {
		case OPT_DB: s->db = optarg; break;
		case 'o': s->output = optarg; break;
		case 'f': s->force = true; break;
		case OPT_FORMAT: s->format = optarg; break;
		case OPT_COMMIT: s->commit = optarg; break;
		case OPT_BRANCH: s->branch = optarg; break;
		case OPT_ALL_BRANCHES: s->all_branches = true; break;
		case OPT_DATE: s->date = optarg; break;
		case OPT_LABEL: {
			const char *eq = strchr(optarg, '=');

			if (eq == NULL || eq == optarg)
				pk_usage_error("--label: expected KEY=VALUE, "
					       "got '%s'", optarg);
			s->labels = pk_xreallocarray(s->labels, s->nlabels + 1,
						     sizeof *s->labels);
			s->labels[s->nlabels].key =
				pk_xstrndup(optarg, (size_t)(eq - optarg));
			s->labels[s->nlabels].value = pk_xstrdup(eq + 1);
			s->nlabels++;
			break;
		}
		case OPT_NAME: s->name = optarg; break;
		case OPT_AGAINST: s->against = optarg; break;
		case OPT_BUDGETS: s->budgets = optarg; break;
		case OPT_THRESHOLD:
			s->threshold = parse_num("--threshold", optarg, 0, 1e6);
			break;
		case OPT_ALPHA:
			s->alpha = parse_num("--alpha", optarg, 1e-9, 0.5);
			break;
		case OPT_SEED:
			if (pk_parse_size(optarg, &s->seed) != 0)
				pk_usage_error("--seed: not a count: '%s'",
					       optarg);
			break;
		case OPT_INPUT_FORMAT: s->input_format = optarg; break;
		case OPT_PENALTY:
			s->penalty = parse_num("--penalty", optarg, 1e-3, 1e6);
			break;
		case OPT_MIN_CHANGE:
			s->min_change = parse_num("--min-change", optarg, 0,
						  1e6);
			break;
		case OPT_MIN_SEGMENT:
			if (pk_parse_size(optarg, &s->min_segment) != 0 ||
			    s->min_segment == 0 || s->min_segment > 1000000)
				pk_usage_error("--min-segment: not a positive "
					       "count: '%s'", optarg);
			break;
		case OPT_TITLE: s->title = optarg; break;
		case OPT_FAIL_MISSING: s->fail_on_missing = true; break;
		case OPT_TESTBED: s->testbed = optarg; break;
		case OPT_FROM: s->from = optarg; break;
		case OPT_TO: s->to = optarg; break;
		case OPT_LIMIT:
			if (pk_parse_size(optarg, &s->limit) != 0 ||
			    s->limit == 0)
				pk_usage_error("--limit: not a positive count: "
					       "'%s'", optarg);
			break;
		case 'q': s->quiet = true; break;
		case 'h':
			usage(stdout);
			exit(PK_EXIT_OK);
		case OPT_VERSION:
			pk_print_version(stdout, PROG);
			exit(PK_EXIT_OK);
		default:
			pk_usage_error("unknown or incomplete option");
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

static int
cmd_record(struct state *s)
{
	struct pk_err err = { NULL };
	struct hist_meta m;
	struct bench_set set;
	struct hist_db *db;
	int64_t id;
	bool existed;
	size_t srclen = 0;

	want_operands(s, 1, -1, "RESULT file");
	memset(&m, 0, sizeof m);
	bench_set_init(&set);
	if (hist_read_results(s->args + 1, (size_t)(s->nargs - 1),
			      s->input_format, &set, &err) != 0)
		die_err(&err);
	if (set.n == 0)
		pk_die(PK_EXIT_INPUT, "%s: no benchmarks found", s->args[1]);
	if (s->commit)
		m.commit = pk_xstrdup(s->commit);
	if (s->branch)
		m.branch = pk_xstrdup(s->branch);
	if (s->date && hist_parse_date(s->date, &m.date) != 0)
		pk_usage_error("--date: not a date: '%s'", s->date);
	if ((m.commit == NULL || m.branch == NULL) && hist_meta_git(&m) != 0 &&
	    m.commit == NULL)
		pk_usage_error("record: not in a git checkout; give --commit");
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
	hist_close(db);
	bench_set_free(&set);
	hist_meta_free(&m);
	return PK_EXIT_OK;
}

/* ---------------------------------------------------------------- import */

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
	hist_close(db);
	return PK_EXIT_OK;
}

/* ---------------------------------------------------------------- list/show */

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
	hist_close(db);
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
	x.db = s->to;
	to = open_db(&x, true);
	if (hist_copy(from, to, &st, &err) != 0)
		die_err(&err);
	if (!s->quiet)
		printf("copied %zu runs, %zu baselines to %s%s", st.runs,
		       st.baselines, hist_db_path(to),
		       st.existed ? "; " : "\n");
	if (!s->quiet && st.existed)
		printf("%zu runs already present\n", st.existed);
	hist_close(from);
	hist_close(to);
	return PK_EXIT_OK;
}

static void
labels_text(FILE *f, const struct hist_run *r)
{
	for (size_t i = 0; i < r->nlabels; i++)
		fprintf(f, "%s%s=%s", i ? "," : "", r->labels[i].key,
			r->labels[i].value);
	if (r->nlabels == 0)
		fputc('-', f);
}

static void
run_json(struct jw *w, const struct hist_run *r)
{
	char date[40];

	hist_format_date(r->date, date, sizeof date);
	jw_kint(w, "run", r->id);
	jw_kstring(w, "commit", r->commit);
	if (r->branch)
		jw_kstring(w, "branch", r->branch);
	jw_kstring(w, "date", date);
	if (r->hostname)
		jw_kstring(w, "hostname", r->hostname);
	if (r->cpu_model)
		jw_kstring(w, "cpu_model", r->cpu_model);
	if (r->cores > 0)
		jw_kint(w, "cores", r->cores);
	if (r->source)
		jw_kstring(w, "source", r->source);
	jw_kuint(w, "benchmarks", r->nbench);
	jw_kuint(w, "samples", r->nsamples);
	jw_key(w, "labels");
	jw_object_begin(w);
	for (size_t i = 0; i < r->nlabels; i++)
		jw_kstring(w, r->labels[i].key, r->labels[i].value);
	jw_object_end(w);
}

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
	FILE *f;

	want_operands(s, 0, 0, "");
	db = open_db(s, false);
	if (hist_runs(db, s->all_branches ? NULL : s->branch, NULL,
		      (size_t)s->limit, &runs, &n, &err) != 0)
		die_err(&err);
	o = open_out(s);
	f = pk_out_file(o);
	if (strcmp(fmt, "json") == 0) {
		struct jw w;

		jw_init(&w, f, 1);
		jw_array_begin(&w);
		for (size_t i = 0; i < n; i++) {
			jw_object_begin(&w);
			run_json(&w, &runs[i]);
			jw_object_end(&w);
		}
		jw_array_end(&w);
		jw_free(&w);
		fputc('\n', f);
	} else {
		fprintf(f, "%-5s %-12s %-16s %-20s %-16s %6s %8s %s\n", "RUN",
			"COMMIT", "BRANCH", "DATE", "HOST", "BENCH", "SAMPLES",
			"LABELS");
		for (size_t i = 0; i < n; i++) {
			const struct hist_run *r = &runs[i];
			char date[40];

			hist_format_date(r->date, date, sizeof date);
			fprintf(f, "%-5" PRId64 " %-12.12s %-16s %-20s %-16s "
				"%6zu %8zu ", r->id, r->commit,
				r->branch ? r->branch : "-", date,
				r->hostname ? r->hostname : "-", r->nbench,
				r->nsamples);
			labels_text(f, r);
			fputc('\n', f);
		}
	}
	commit_out(o);
	hist_runs_free(runs, n);
	hist_close(db);
	return PK_EXIT_OK;
}

static void
summarize(const struct bench_entry *b, double *med, double *lo, double *hi)
{
	double *t = pk_xmalloc((b->n ? b->n : 1) * sizeof *t);

	memcpy(t, b->samples, b->n * sizeof *t);
	*med = hist_median(t, b->n);
	*lo = b->n ? t[0] : NAN;
	*hi = b->n ? t[b->n - 1] : NAN;
	free(t);
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
	FILE *f;
	struct jw w;

	want_operands(s, 1, 1, "COMMIT");
	db = open_db(s, false);
	if (hist_resolve_commit(db, s->args[1], &commit, &err) != 0 ||
	    hist_runs(db, NULL, commit, 0, &runs, &n, &err) != 0)
		die_err(&err);
	o = open_out(s);
	f = pk_out_file(o);
	if (strcmp(fmt, "json") == 0) {
		jw_init(&w, f, 1);
		jw_object_begin(&w);
		jw_kstring(&w, "commit", commit);
		jw_key(&w, "runs");
		jw_array_begin(&w);
	}
	for (size_t i = 0; i < n; i++) {
		const struct hist_run *r = &runs[i];
		struct bench_set set;
		char date[40];

		bench_set_init(&set);
		if (hist_run_set(db, r->id, &set, &err) != 0)
			die_err(&err);
		hist_format_date(r->date, date, sizeof date);
		if (strcmp(fmt, "json") == 0) {
			jw_object_begin(&w);
			run_json(&w, r);
			jw_key(&w, "results");
			jw_array_begin(&w);
		} else {
			fprintf(f, "run %" PRId64 ": commit %s\n", r->id,
				r->commit);
			fprintf(f, "  branch:  %s\n  date:    %s\n",
				r->branch ? r->branch : "-", date);
			fprintf(f, "  machine: %s, %s, ",
				r->hostname ? r->hostname : "-",
				r->cpu_model ? r->cpu_model : "-");
			if (r->cores > 0)
				fprintf(f, "%d cores\n", r->cores);
			else
				fputs("- cores\n", f);
			if (r->source)
				fprintf(f, "  source:  %s\n", r->source);
			fputs("  labels:  ", f);
			labels_text(f, r);
			fprintf(f, "\n  %-40s %6s %14s %14s %14s\n",
				"BENCHMARK", "N", "MEDIAN", "MIN", "MAX");
		}
		for (size_t b = 0; b < set.n; b++) {
			const struct bench_entry *e = &set.v[b];
			char *disp = hist_display_name(e->name, e->metric);
			bool hib = e->dir == BENCH_HIGHER_IS_BETTER;
			double med, lo, hi;

			summarize(e, &med, &lo, &hi);
			if (strcmp(fmt, "json") == 0) {
				jw_object_begin(&w);
				jw_kstring(&w, "name", e->name);
				jw_kstring(&w, "metric", e->metric);
				if (e->unit)
					jw_kstring(&w, "unit", e->unit);
				jw_kbool(&w, "higher_is_better", hib);
				jw_kstring(&w, "status",
					   hist_status_name(e->status));
				jw_kuint(&w, "n", e->n);
				if (e->n > 0) {
					jw_kdouble(&w, "median", med);
					jw_kdouble(&w, "min", lo);
					jw_kdouble(&w, "max", hi);
				}
				jw_key(&w, "samples");
				jw_array_begin(&w);
				for (size_t j = 0; j < e->n; j++)
					jw_double(&w, e->samples[j]);
				jw_array_end(&w);
				jw_object_end(&w);
			} else if (e->n == 0) {
				fprintf(f, "  %-40s %6zu %14s %14s %14s %s\n",
					disp, e->n, "-", "-", "-",
					hist_status_name(e->status));
			} else {
				char a[64], b1[64], c[64];

				hist_format_value(a, sizeof a, med, e->unit);
				hist_format_value(b1, sizeof b1, lo, e->unit);
				hist_format_value(c, sizeof c, hi, e->unit);
				fprintf(f, "  %-40s %6zu %14s %14s %14s%s%s\n",
					disp, e->n, a, b1, c,
					hib ? " (higher is better)" : "",
					e->status != BENCH_OK ? " FAILED" : "");
			}
			free(disp);
		}
		if (strcmp(fmt, "json") == 0) {
			jw_array_end(&w);
			jw_object_end(&w);
		}
		bench_set_free(&set);
	}
	if (strcmp(fmt, "json") == 0) {
		jw_array_end(&w);
		jw_object_end(&w);
		jw_free(&w);
		fputc('\n', f);
	}
	commit_out(o);
	free(commit);
	hist_runs_free(runs, n);
	hist_close(db);
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
	hist_close(db);
	return PK_EXIT_OK;
}

/* ---------------------------------------------------------------- baseline */

static void
print_baseline(FILE *f, const struct hist_baseline *b)
{
	char date[40];

	hist_format_date(b->set_at, date, sizeof date);
	fprintf(f, "%s\t%s\t%s\t%s\n", b->name,
		b->branch[0] ? b->branch : "-", b->commit, date);
}

static int
cmd_baseline(struct state *s)
{
	struct pk_err err = { NULL };
	struct hist_db *db;
	struct hist_baseline b;
	const char *name = s->name ? s->name : "default";
	const char *verb;
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
		print_baseline(stdout, &b);
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
		for (size_t i = 0; i < n; i++) {
			print_baseline(stdout, &all[i]);
			hist_baseline_free(&all[i]);
		}
		free(all);
	} else {
		pk_usage_error("baseline: unknown action '%s' (set, show, "
			       "reset, list)", verb);
	}
	free(branch);
	hist_close(db);
	return PK_EXIT_OK;
}

/* ---------------------------------------------------------------- check */

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
	char msg[512];
	int status;

	want_operands(s, 1, -1, "RESULT file");
	bench_set_init(&cur);
	bench_set_init(&ref);
	if (hist_read_results(s->args + 1, (size_t)(s->nargs - 1),
			      s->input_format, &cur, &err) != 0)
		die_err(&err);
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
	db = open_db(s, false);
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
	if (hist_check_reference(db, spec, branch, &ref, &ref_commit,
				 &ref_desc, &err) != 0)
		die_err(&err);

	memset(&co, 0, sizeof co);
	co.threshold = s->threshold > 0 ? s->threshold / 100 : 0.05;
	co.alpha = s->alpha > 0 ? s->alpha : 0.05;
	co.seed = s->seed; /* 0: prof-compare's default */
	co.budgets = have_budgets ? &budgets : NULL;
	if (hist_check_run(&ref, &cur, &co, &rep, &err) != 0)
		die_err(&err);
	rep.ref_desc = ref_desc;
	rep.ref_commit = ref_commit;
	o = open_out(s);
	if (hist_check_write(pk_out_file(o), fmt, &rep, &err) != 0) {
		pk_out_abort(o);
		die_err(&err);
	}
	commit_out(o);
	/* prof-compare's gate (a check always gates on regressions) */
	status = cmp_gate(&rep.cmp, true, s->fail_on_missing, msg, sizeof msg);
	if (status == PK_EXIT_OK && rep.broken > 0)
		status = PK_EXIT_REGRESSION;
	if (status == PK_EXIT_INPUT)
		fprintf(stderr, "%s: %s\n", PROG, msg);
	hist_check_report_free(&rep);
	if (have_budgets)
		hist_budgets_free(&budgets);
	bench_set_free(&cur);
	bench_set_free(&ref);
	free(ref_commit);
	free(ref_desc);
	free(branch);
	hist_close(db);
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

static int
cmd_trend(struct state *s)
{
	const char *fmt = trend_format(s);
	struct pk_err err = { NULL };
	struct hist_db *db;
	struct hist_series *ser;
	size_t n;
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
	hist_series_free(ser, n);
	free(branch);
	hist_close(db);
	return PK_EXIT_OK;
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
		{ "migrate", cmd_migrate }, { "copy", cmd_copy },
	};
	int status = -1;

	pk_set_progname(PROG);
	memset(&s, 0, sizeof s);
	s.db = getenv("PROFKIT_DB");
	if (s.db == NULL || *s.db == '\0')
		s.db = HIST_DEFAULT_DB;
	s.min_change = -1;
	parse_args(&s, argc, argv);
	pk_set_quiet(s.quiet);
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
	if (pk_close_stdout(&err) != 0)
		die_err(&err);
	return status;
}
