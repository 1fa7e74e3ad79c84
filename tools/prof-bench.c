/* prof-bench - run a timed test suite against two (or more) builds,
 * interleaved, write KEVM timing files and one JSON of every sample, and
 * compare.
 *
 *   prof-bench --suite FILE --build base=DIR --build pr=DIR --out DIR
 *
 * The work is in src/bench_run.c; the comparison in src/compare.c.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <unistd.h>

#include "bench.h"
#include "bench_run.h"
#include "cli.h"
#include "compare.h"
#include "fe.h"
#include "input.h"
#include "output.h"

struct state {
	const char *suite_path;
	const char *glob, *tmpl;
	struct br_suite suite;
	struct br_build *builds;
	size_t nbuilds;
	const char *version_cmd;
	const char *outdir;
	struct br_opts bo;
	bool compare;
	double min_time;
	int progress;  /* -1 auto, 0 off, 1 on */
	bool tty;
	bool live_open; /* the live line is on the screen */
	bool quiet;
};

enum {
	OPT_GLOB = 256,
	OPT_COMMAND,
	OPT_BUILD_ENV,
	OPT_VERSION_CMD,
	OPT_ROUNDS,
	OPT_WARMUP,
	OPT_SEED,
	OPT_ORDER,
	OPT_TIMEOUT,
	OPT_GRACE,
	OPT_OUTPUT_CAP,
	OPT_RESUME,
	OPT_COMPARE,
	OPT_MIN_TIME,
	OPT_PROGRESS,
};

static const struct fe_opt opts[] = {
	FE_TEXT("Suite:"),
	{ 's', "suite", FE_STRING, "FILE", 0, 0,
	  "tests, one per line: NAME<TAB>COMMAND, or COMMAND\n"
	  "(named as KEVM does, after prove/interpret);\n"
	  "# comments and blank lines are skipped", 0 },
	{ OPT_GLOB, "glob", FE_STRING, "PATTERN", 0, 0,
	  "one test per matching file ('**' = any dirs)", 0 },
	{ OPT_COMMAND, "command", FE_STRING, "TEMPLATE", 0, 0,
	  "the command for --glob, {} = the file\n"
	  "(default 'kevm prove {}')", 0 },
	FE_TEXT("Builds (the first is the baseline):"),
	{ 'b', "build", FE_STRING, "NAME=DIR", 0, 0,
	  "a build whose programs are in DIR (put first in\n"
	  "PATH); NAME= for no directory", 0 },
	{ OPT_BUILD_ENV, "build-env", FE_STRING, "NAME VAR=VALUE...", 0, 0,
	  "environment settings of build NAME\n"
	  "(all VAR=VALUE words that follow)", 0 },
	{ OPT_VERSION_CMD, "version-cmd", FE_STRING, "CMD", 0, 0,
	  "run CMD per build; its output heads the build's\n"
	  "timing file (e.g. 'kore-exec --version')", 0 },
	FE_TEXT("Runs:"),
	{ OPT_ROUNDS, "rounds", FE_COUNT, "N", 1, 100000,
	  "rounds of the whole suite (default 1)", 0 },
	{ 'j', "jobs", FE_COUNT, "J", 1, 256,
	  "tests run in parallel (default 1); the builds\n"
	  "of one test never run at the same time", 0 },
	{ OPT_WARMUP, "warmup", FE_COUNT, "N", 0, 1000,
	  "untimed rounds first (default 0)", 0 },
	{ OPT_SEED, "seed", FE_COUNT, "N", 0, FE_COUNT_MAX,
	  "seed of the test order (default 20261204)", 0 },
	{ OPT_ORDER, "order", FE_STRING, "ORDER", 0, 0,
	  "interleaved (default) or sequential (all tests\n"
	  "with one build, then with the next)", 0 },
	FE_OPT_DURATION(OPT_TIMEOUT, "timeout", "DURATION",
	  "per run (default 10m; 0 for none): SIGINT, then\n"
	  "SIGTERM after --grace, then SIGKILL after 5s"),
	FE_OPT_DURATION(OPT_GRACE, "grace", "DURATION",
	  "from SIGINT to SIGTERM (default 10s)"),
	{ OPT_OUTPUT_CAP, "output-cap", FE_SIZE, "SIZE", 0, FE_COUNT_MAX,
	  "output kept per run log (default 64k)", 0 },
	FE_TEXT("Output:"),
	{ 'o', "out", FE_STRING, "DIR", 0, 0,
	  "write here (must not exist or be empty)", 0 },
	{ OPT_RESUME, "resume", FE_STRING, "DIR", 0, 0,
	  "continue the interrupted suite in DIR (give the\n"
	  "same suite, build and round options)", 0 },
	{ OPT_COMPARE, "compare", FE_FLAG, NULL, 0, 0,
	  "print the comparison of each build against the\n"
	  "first (the KEVM table for one round,\n"
	  "the statistical table for more) and keep it in DIR", 0 },
	FE_OPT_DURATION(OPT_MIN_TIME, "min-time", "DURATION",
	  "KEVM table: ignore tests faster than this (2s)"),
	{ OPT_PROGRESS, "progress", FE_FLAG, NULL, 0, 0,
	  "the live progress line even when stderr is not\n"
	  "a terminal (else: one line per finished test)", 0 },
	FE_OPT_QUIET("no progress"),
	FE_OPT_HELP("show this help and exit"),
	FE_OPT_VERSION("show the version and exit"),
	FE_END
};

static const struct fe_tool tool = {
	"prof-bench",
	"Usage: prof-bench [OPTIONS] (--suite FILE | --glob PATTERN)\n"
	"                  --build NAME=DIR --build NAME=DIR --out DIR\n"
	"Run every test of a suite with each build, interleaved (seeded random test\n"
	"order per round, the builds of each test back to back in alternating order),\n"
	"each run under a time limit, and write one KEVM timing file per build and\n"
	"one JSON file of every sample into DIR.\n"
	"\n",
	opts,
	"\n"
	"Exit status: 0 done, 1 bad input or a run that could not be started,\n"
	"2 usage, 130 interrupted (finished tests kept; continue with --resume).\n",
	27, ' ', 0, NULL,
};

static struct br_build *
build_get(struct state *st, const char *name)
{
	for (size_t i = 0; i < st->nbuilds; i++)
		if (strcmp(st->builds[i].name, name) == 0)
			return &st->builds[i];
	st->builds = pk_xreallocarray(st->builds, st->nbuilds + 1,
				      sizeof *st->builds);
	memset(&st->builds[st->nbuilds], 0, sizeof *st->builds);
	st->builds[st->nbuilds].name = pk_xstrdup(name);
	return &st->builds[st->nbuilds++];
}

static bool
good_name(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (*s == '/' || *s == '#' || *s == '=' || *s == ' ' ||
		    *s == '\t' || *s == '\n')
			return false;
	return true;
}

static void
parse_args(struct state *st, int argc, char **argv)
{
	struct fe_val v;
	int c;

	br_opts_default(&st->bo);
	st->bo.grace = 10;
	st->tmpl = "kevm prove {}";
	st->min_time = 2.0;
	st->progress = -1;
	while ((c = fe_getopt(argc, argv, &v)) != -1) {
		switch (c) {
		case 's':
			st->suite_path = v.s;
			break;
		case OPT_GLOB:
			st->glob = v.s;
			break;
		case OPT_COMMAND:
			st->tmpl = v.s;
			break;
		case 'b': {
			const char *eq = strchr(v.s, '=');
			char *name;
			struct br_build *b;

			if (eq == NULL)
				pk_usage_error("--build: want NAME=DIR: '%s'",
					       v.s);
			name = pk_xstrndup(v.s, (size_t)(eq - v.s));
			if (!good_name(name))
				pk_usage_error("--build: bad build name '%s'",
					       name);
			b = build_get(st, name);
			free(name);
			if (b->dir != NULL)
				pk_usage_error("--build: %s given twice", b->name);
			if (eq[1] != '\0') {
				char *rp = realpath(eq + 1, NULL);
				struct stat sb;

				if (rp == NULL || stat(rp, &sb) != 0 ||
				    !S_ISDIR(sb.st_mode))
					pk_usage_error("--build %s: %s: not a "
						       "directory", b->name,
						       eq + 1);
				b->dir = rp;
			}
			break;
		}
		case OPT_BUILD_ENV: {
			struct br_build *b;

			if (!good_name(v.s))
				pk_usage_error("--build-env: bad build name '%s'",
					       v.s);
			b = build_get(st, v.s);
			/* every VAR=VALUE word that follows belongs to it */
			while (optind < argc && argv[optind][0] != '-' &&
			       strchr(argv[optind], '=') != NULL &&
			       argv[optind][0] != '=') {
				b->env = pk_xreallocarray(b->env, b->nenv + 1,
							  sizeof *b->env);
				b->env[b->nenv++] = pk_xstrdup(argv[optind]);
				optind++;
			}
			if (b->nenv == 0)
				pk_usage_error("--build-env %s: want VAR=VALUE "
					       "after the name", v.s);
			break;
		}
		case OPT_VERSION_CMD:
			st->version_cmd = v.s;
			break;
		case OPT_ROUNDS:
			st->bo.rounds = (unsigned)v.n;
			break;
		case 'j':
			st->bo.jobs = (unsigned)v.n;
			break;
		case OPT_WARMUP:
			st->bo.warmup = (unsigned)v.n;
			break;
		case OPT_SEED:
			st->bo.seed = (uint64_t)v.n;
			break;
		case OPT_ORDER:
			if (strcmp(v.s, "interleaved") == 0)
				st->bo.order = BR_INTERLEAVED;
			else if (strcmp(v.s, "sequential") == 0)
				st->bo.order = BR_SEQUENTIAL;
			else
				pk_usage_error("--order: interleaved or "
					       "sequential, not '%s'", v.s);
			break;
		case OPT_TIMEOUT:
			st->bo.timeout = v.d;
			break;
		case OPT_GRACE:
			st->bo.grace = v.d;
			break;
		case OPT_OUTPUT_CAP:
			st->bo.output_cap = (size_t)v.size;
			break;
		case 'o':
			st->outdir = v.s;
			break;
		case OPT_RESUME:
			st->outdir = v.s;
			st->bo.resume = true;
			break;
		case OPT_COMPARE:
			st->compare = true;
			break;
		case OPT_MIN_TIME:
			st->min_time = v.d;
			break;
		case OPT_PROGRESS:
			st->progress = 1;
			break;
		case 'q':
			st->progress = 0;
			st->quiet = true;
			pk_set_quiet(true);
			break;
		}
	}
	if (optind < argc)
		pk_usage_error("unexpected argument '%s'", argv[optind]);
	if ((st->suite_path == NULL) == (st->glob == NULL))
		pk_usage_error("give one of --suite FILE and --glob PATTERN");
	if (st->nbuilds < 2)
		pk_usage_error("need at least two builds (--build NAME=DIR or "
			       "--build-env NAME VAR=VALUE)");
	if (st->outdir == NULL)
		pk_usage_error("need --out DIR (or --resume DIR)");
}

/* --out: a new or empty directory; --resume: an existing one. */
static void
check_outdir(const struct state *st)
{
	DIR *d = opendir(st->outdir);
	struct dirent *de;
	int n = 0;

	if (d == NULL) {
		if (errno != ENOENT)
			pk_die(PK_EXIT_INPUT, "%s: %s", st->outdir,
			       strerror(errno));
		if (st->bo.resume)
			pk_die(PK_EXIT_INPUT, "%s: no such directory to resume",
			       st->outdir);
		return; /* br_run makes it */
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	if (n > 0 && !st->bo.resume)
		pk_die(PK_EXIT_INPUT, "%s: directory is not empty (use "
		       "--resume to continue a suite there)", st->outdir);
}

static volatile sig_atomic_t stop_flag;

static void
on_stop(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static void
fmt_dur(char *buf, size_t n, double s)
{
	if (s < 0)
		snprintf(buf, n, "?");
	else if (s < 60)
		snprintf(buf, n, "%.0fs", s);
	else if (s < 3600)
		snprintf(buf, n, "%dm%02ds", (int)s / 60, (int)s % 60);
	else
		snprintf(buf, n, "%dh%02dm", (int)s / 3600, (int)s % 3600 / 60);
}

static void
progress(void *ctx, const struct br_progress *p)
{
	struct state *st = ctx;
	char el[32], eta[32];

	if (st->progress == 0)
		return;
	fmt_dur(el, sizeof el, p->elapsed);
	fmt_dur(eta, sizeof eta, p->eta);
	if (p->tick) {
		if ((st->tty && st->progress < 0) || st->progress == 1) {
			fprintf(stderr, "\r\033[K%s: %zu/%zu, %zu failed, %s "
				"elapsed, ETA %s", pk_progname(), p->done,
				p->total, p->failed, el, eta);
			st->live_open = true;
		}
		return;
	}
	if (p->nlast == 0) {
		if (p->done > 0)
			fprintf(stderr, "%s: resuming: %zu of %zu tests done\n",
				pk_progname(), p->done, p->total);
		return;
	}
	if ((st->tty && st->progress < 0) || st->progress == 1) {
		st->live_open = p->done < p->total;
		fprintf(stderr, "\r\033[K%s: %zu/%zu, %zu failed, %s elapsed, "
			"ETA %s", pk_progname(), p->done, p->total, p->failed,
			el, eta);
		if (p->done == p->total)
			fputc('\n', stderr);
		return;
	}
	/* one line per finished test */
	fprintf(stderr, "%s: [%zu/%zu] round %u %s:", pk_progname(), p->done,
		p->total,
		p->last[0].round + 1 - (p->last[0].warmup ? 0 : st->bo.warmup),
		st->suite.v[p->last[0].test].name);
	for (size_t i = 0; i < p->nlast; i++) {
		const struct br_sample *s = &p->last[i];

		fprintf(stderr, " %s %.2fs", st->builds[s->build].name, s->wall);
		if (s->timed_out)
			fprintf(stderr, " (timed out)");
		else if (s->status != 0)
			fprintf(stderr, " (status %d)", s->status);
	}
	fprintf(stderr, "%s, ETA %s\n", p->last[0].warmup ? " (warmup)" : "",
		eta);
}

static char *
out_path(const struct state *st, const char *name)
{
	return pk_xasprintf("%s/%s", st->outdir, name);
}

static void
write_outputs(const struct state *st, const struct br_result *res)
{
	struct pk_err err = {0};
	/* --resume replaces the partial files of the interrupted session:
	 * they are ours, in our directory */
	unsigned fl = PK_OUT_FORCE;

	for (size_t b = 0; b < st->nbuilds; b++) {
		char *name = br_kevm_file_name(res, &st->builds[b]);
		char *p = out_path(st, name);
		struct pk_out *o = pk_out_open(p, fl, &err);

		if (o == NULL)
			pk_err_die(&err, PK_EXIT_INPUT);
		br_write_kevm(pk_out_file(o), &st->bo, res, b);
		if (pk_out_commit(o, &err) != 0)
			pk_err_die(&err, PK_EXIT_INPUT);
		free(p);
		free(name);
	}
	{
		char *p = out_path(st, "bench.json");
		struct pk_out *o = pk_out_open(p, fl, &err);

		if (o == NULL)
			pk_err_die(&err, PK_EXIT_INPUT);
		if (br_write_json(pk_out_file(o), &st->bo, res, &err) != 0) {
			pk_out_abort(o);
			pk_err_die(&err, PK_EXIT_INPUT);
		}
		if (pk_out_commit(o, &err) != 0)
			pk_err_die(&err, PK_EXIT_INPUT);
		free(p);
	}
}

static void
read_set(const char *path, enum bench_format f, struct bench_set *set,
	 const char *label)
{
	struct bench_read_opts ro = {0};
	struct pk_err err = {0};

	ro.format = f;
	bench_set_init(set);
	if (bench_read_path(path, &ro, set, &err) != 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	free(set->source);
	set->source = pk_xstrdup(label);
}

/* The comparison of each build against the first, through the same
 * readers and tables as prof-compare: the .data files with --kevm for
 * one round, bench.json with the statistics for more. */
static void
compare(const struct state *st, const struct br_result *res)
{
	struct pk_err err = {0};

	for (size_t b = 1; b < st->nbuilds; b++) {
		const struct br_build *b0 = &st->builds[0], *b1 = &st->builds[b];
		struct bench_set s0, s1;
		char *name = pk_xasprintf("compare-%s-%s.%s", b0->name, b1->name,
					  st->bo.rounds == 1 ? "txt" : "md");
		char *p = out_path(st, name);
		struct pk_out *o = pk_out_open(p, PK_OUT_FORCE, &err);
		FILE *f;

		if (o == NULL)
			pk_err_die(&err, PK_EXIT_INPUT);
		f = pk_out_file(o);
		if (st->bo.rounds == 1) {
			char *n0 = br_kevm_file_name(res, b0);
			char *n1 = br_kevm_file_name(res, b1);
			char *p0 = out_path(st, n0), *p1 = out_path(st, n1);
			struct cmp_kevm_opts ko = {0};
			struct cmp_kevm k;

			read_set(p0, BENCH_FMT_KEVM, &s0, n0);
			read_set(p1, BENCH_FMT_KEVM, &s1, n1);
			ko.min_time = st->min_time;
			ko.min_change = 0.035;
			cmp_kevm_run(&s0, &s1, &ko, &k);
			cmp_kevm_write(f, &k);
			cmp_kevm_free(&k);
			free(n0);
			free(n1);
			free(p0);
			free(p1);
		} else {
			char *j = out_path(st, "bench.json");
			char *j0 = pk_xasprintf("%s#%s", j, b0->name);
			char *j1 = pk_xasprintf("%s#%s", j, b1->name);
			struct cmp_opts co;
			struct cmp_result cr;

			read_set(j0, BENCH_FMT_AUTO, &s0, b0->name);
			read_set(j1, BENCH_FMT_AUTO, &s1, b1->name);
			cmp_opts_default(&co);
			cmp_run(&s0, &s1, &co, &cr);
			if (cmp_write(f, CMP_FMT_GFM, &cr, &err) != 0) {
				pk_out_abort(o);
				pk_err_die(&err, PK_EXIT_INPUT);
			}
			cmp_result_free(&cr);
			free(j);
			free(j0);
			free(j1);
		}
		if (pk_out_commit(o, &err) != 0)
			pk_err_die(&err, PK_EXIT_INPUT);
		{
			char *buf;
			size_t len;

			if (pk_in_slurp_file(p, &buf, &len, &err) != 0)
				pk_err_die(&err, PK_EXIT_INPUT);
			fwrite(buf, 1, len, stdout);
			free(buf);
		}
		bench_set_free(&s0);
		bench_set_free(&s1);
		free(name);
		free(p);
	}
}

int
main(int argc, char **argv)
{
	struct state st = {0};
	struct br_result res;
	struct pk_err err = {0};
	int status = PK_EXIT_OK;

	fe_init(&tool, argc, argv);
	parse_args(&st, argc, argv);
	if (st.suite_path != NULL) {
		if (br_suite_read(st.suite_path, &st.suite, &err) != 0)
			pk_err_die(&err, PK_EXIT_INPUT);
	} else if (br_suite_glob(st.glob, st.tmpl, &st.suite, &err) != 0) {
		pk_err_die(&err, PK_EXIT_INPUT);
	}
	check_outdir(&st);
	if (st.version_cmd != NULL)
		for (size_t b = 0; b < st.nbuilds; b++)
		{
			int nl = 1;

			if (br_build_version(&st.builds[b], st.version_cmd, 60,
					     &st.builds[b].version, &err) != 0)
				pk_err_die(&err, PK_EXIT_INPUT);
			for (const char *c = st.builds[b].version; *c; c++)
				nl += *c == '\n';
			/* what KEVM's readers take as the header */
			if (nl > 5)
				pk_die(PK_EXIT_INPUT, "build %s: --version-cmd "
				       "printed %d lines; a KEVM timing file's "
				       "header has at most 5", st.builds[b].name,
				       nl);
		}
	st.tty = isatty(2);
	st.bo.suite = &st.suite;
	st.bo.builds = st.builds;
	st.bo.nbuilds = st.nbuilds;
	st.bo.outdir = st.outdir;
	st.bo.stop = &stop_flag;
	st.bo.progress = progress;
	st.bo.ctx = &st;
	/* SIGINT/SIGTERM/SIGHUP: stop after the running tests, keep the
	 * finished ones (the front end calls only on_stop) */
	fe_on_interrupt(on_stop);
	if (br_run(&st.bo, &res, &err) != 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	if (st.live_open)
		fputc('\n', stderr);
	write_outputs(&st, &res);
	if (res.stopped) {
		fprintf(stderr, "%s: interrupted: %zu of %zu tests done and "
			"kept; continue with --resume %s\n", pk_progname(),
			res.jobs_done, res.jobs_total, st.outdir);
		status = 130;
	} else if (st.compare) {
		compare(&st, &res);
	}
	br_result_free(&res);
	br_suite_free(&st.suite);
	for (size_t b = 0; b < st.nbuilds; b++) {
		free(st.builds[b].name);
		free(st.builds[b].dir);
		for (size_t k = 0; k < st.builds[b].nenv; k++)
			free(st.builds[b].env[k]);
		free(st.builds[b].env);
		free(st.builds[b].version);
	}
	free(st.builds);
	if (pk_close_stdout(&err) != 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	return status;
}
