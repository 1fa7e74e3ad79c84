/* prof-compare - did this change make it slower?
 *
 *   prof-compare [OPTIONS] BASELINE CURRENT
 *
 * Reads two runs (files or directories, format detected by content),
 * decides per benchmark with statistics (see src/compare.h and the man
 * page), and writes a GFM/JSON/HTML/text report, or the KEVM-compatible
 * table with --kevm.  Exit 3 with --fail-on-regression when something
 * regressed.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "cli.h"
#include "compare.h"
#include "fe.h"
#include "output.h"

struct state {
	const char *base_path, *cur_path;
	const char *output;
	unsigned out_flags;
	enum cmp_format format;
	struct bench_read_opts ropts;
	struct cmp_opts copts;
	struct cmp_kevm_opts kopts;
	bool kevm;
	bool fail_on_regression;
	bool fail_on_missing;
	bool fail_on_warning;
	const char *base_label, *cur_label;
	bool named;        /* --baseline / --current */
	bool cur_first;    /* --current came before --baseline */
	const char *filter, *exclude;
	struct cmp_gfm_opts gopts;
	const char *criterion_baseline; /* --criterion-baseline NAME */
	const char *criterion_current;  /* --criterion-current NAME */
	const char *higher_re, *lower_re; /* direction per benchmark */
};

enum {
	OPT_FORMAT = 256,
	OPT_INPUT_FORMAT,
	OPT_THRESHOLD,
	OPT_ALPHA,
	OPT_CONFIDENCE,
	OPT_BOOTSTRAP,
	OPT_SEED,
	OPT_MIN_TIME,
	OPT_MIN_CHANGE,
	OPT_KEVM,
	OPT_FAIL_REG,
	OPT_FAIL_MISSING,
	OPT_CPU_TIME,
	OPT_BASE_NAME,
	OPT_CUR_NAME,
	OPT_NOISE,
	OPT_BASELINE,
	OPT_CURRENT,
	OPT_FILTER,
	OPT_EXCLUDE,
	OPT_WARN_THRESHOLD,
	OPT_IMP_THRESHOLD,
	OPT_FAIL_ON,
	OPT_MAX_BYTES,
	OPT_BASE_COMMIT,
	OPT_CUR_COMMIT,
	OPT_TESTBED,
	OPT_CRIT_BASELINE,
	OPT_CRIT_CURRENT,
	OPT_HIGHER,
	OPT_LOWER,
};

static const struct fe_opt opts[] = {
	FE_OPT_OUTPUT("write the report to FILE (atomically)"),
	FE_OPT_FORCE("replace an existing output file"),
	{ OPT_FORMAT, "format", FE_STRING, "FMT", 0, 0,
	  "gfm (default), json, html, text or\n"
	  "openmetrics (GitLab's metrics report)", 0 },
	{ OPT_MAX_BYTES, "max-bytes", FE_COUNT, "N", 0, FE_COUNT_MAX,
	  "gfm: fit the report in N bytes (default\n"
	  "65536, a GitHub comment; 0: no limit):\n"
	  "changed rows first, unchanged ones folded\n"
	  "and cut with a count", 0 },
	{ OPT_BASE_COMMIT, "baseline-commit", FE_STRING, "SHA", 0, 0,
	  "gfm: a header line with the time, the\n"
	  "commits, the machine and the rule", 0 },
	{ OPT_CUR_COMMIT, "current-commit", FE_STRING, "SHA", 0, 0,
	  "(with --baseline-commit and --testbed)", 0 },
	{ OPT_TESTBED, "testbed", FE_STRING, "NAME", 0, 0,
	  "gfm: the machine named in that header", 0 },
	{ OPT_INPUT_FORMAT, "input-format", FE_STRING, "FMT", 0, 0,
	  FE_HELP_FN, 0 },
	{ OPT_THRESHOLD, "threshold", FE_PCT, "PCT", 0, 1000,
	  "smallest change that counts (default 5%)", FE_OPEN_HI },
	{ OPT_WARN_THRESHOLD, "warn-threshold", FE_PCT, "PCT", 0, 1000,
	  "a regression by the rule at PCT but not at\n"
	  "--threshold is a warning (shown, counted)", FE_OPEN_HI },
	{ OPT_IMP_THRESHOLD, "improvement-threshold", FE_PCT, "PCT", 0, 1000,
	  "decide improvements at PCT\n"
	  "(default: --threshold)", FE_OPEN_HI },
	{ OPT_ALPHA, "alpha", FE_REAL, "Q", 0, 1,
	  "false discovery rate (default 0.05)", FE_OPEN_LO | FE_OPEN_HI },
	{ OPT_NOISE, "noise-sigmas", FE_REAL, "K", 0, 1000,
	  "ignored (the noise of both runs is in the\n"
	  "interval now); kept for old scripts", 0 },
	{ OPT_CONFIDENCE, "confidence", FE_REAL, "C", 0, 1,
	  "per-benchmark interval level (default 0.999)",
	  FE_OPEN_LO | FE_OPEN_HI },
	{ OPT_BOOTSTRAP, "bootstrap", FE_COUNT, "N", 100, 10000000,
	  "ignored; kept for old scripts", 0 },
	{ OPT_SEED, "seed", FE_COUNT, "N", 0, FE_COUNT_MAX,
	  "ignored; kept for old scripts", 0 },
	FE_OPT_DURATION(OPT_MIN_TIME, "min-time", "DUR",
	  "KEVM table and one-value fallback: ignore\n"
	  "tests faster than this (default 2s for KEVM\n"
	  "input; 0 in the fallback for other inputs)"),
	{ OPT_MIN_CHANGE, "min-change", FE_PCT, "PCT", 0, 1000,
	  "KEVM table: smallest change shown (3.5%)", FE_OPEN_HI },
	{ OPT_KEVM, "kevm", FE_FLAG, NULL, 0, 0,
	  "print the KEVM-compatible table instead", 0 },
	{ OPT_FAIL_REG, "fail-on-regression", FE_FLAG, NULL, 0, 0,
	  "exit 3 when a benchmark regressed (or passed\n"
	  "before and fails now); exit 1 when no\n"
	  "benchmark is in both runs", 0 },
	{ OPT_FAIL_ON, "fail-on", FE_STRING, "LEVEL", 0, 0,
	  "regression (= --fail-on-regression) or\n"
	  "warning: also exit 4 on warnings only", 0 },
	{ OPT_FAIL_MISSING, "fail-on-missing", FE_FLAG, NULL, 0, 0,
	  "a benchmark of the baseline missing from the\n"
	  "current run is an error (exit 1)", 0 },
	{ OPT_CPU_TIME, "cpu-time", FE_FLAG, NULL, 0, 0,
	  "google-benchmark: compare cpu_time", 0 },
	{ OPT_CRIT_BASELINE, "criterion-baseline", FE_STRING, "NAME", 0, 0,
	  "Criterion: the baseline side is the\n"
	  "measurements cargo bench saved as baseline\n"
	  "NAME (default: base/ when both sides are\n"
	  "one tree, else new/)", 0 },
	{ OPT_CRIT_CURRENT, "criterion-current", FE_STRING, "NAME", 0, 0,
	  "Criterion: the current side is that saved\n"
	  "baseline (default new/)", 0 },
	{ OPT_BASELINE, "baseline", FE_STRING, "FILE", 0, 0,
	  "the baseline run (instead of the first\n"
	  "operand; any order with --current)", 0 },
	{ OPT_CURRENT, "current", FE_STRING, "FILE", 0, 0,
	  "the current run; with --kevm the columns\n"
	  "follow the order of the two options and\n"
	  "the header names each column's build", 0 },
	{ OPT_FILTER, "filter", FE_STRING, "REGEX", 0, 0,
	  "only benchmarks whose name matches REGEX\n"
	  "(POSIX extended, unanchored)", 0 },
	{ OPT_EXCLUDE, "exclude", FE_STRING, "REGEX", 0, 0,
	  "drop benchmarks whose name matches REGEX", 0 },
	{ OPT_HIGHER, "higher-is-better", FE_STRING, "REGEX", 0, 0,
	  "these benchmarks are better when higher\n"
	  "(a score in %; overrides the unit rule)", 0 },
	{ OPT_LOWER, "lower-is-better", FE_STRING, "REGEX", 0, 0,
	  "these are better when lower", 0 },
	{ OPT_BASE_NAME, "baseline-name", FE_STRING, "NAME", 0, 0,
	  "label of the baseline in reports", 0 },
	{ OPT_CUR_NAME, "current-name", FE_STRING, "NAME", 0, 0,
	  "label of the current run in reports", 0 },
	FE_OPT_QUIET("no warnings"),
	FE_OPT_HELP("show this help and exit"),
	FE_OPT_VERSION("show the version and exit"),
	FE_END
};

static char *
help_fn(int id)
{
	(void)id; /* only --input-format */
	return pk_xasprintf("skip detection: %s", bench_format_list());
}

static const struct fe_tool tool = {
	"prof-compare",
	"Usage: prof-compare [OPTIONS] BASELINE CURRENT\n"
	"       prof-compare [OPTIONS] --baseline FILE --current FILE\n"
	"Compare two benchmark runs and decide, per benchmark, whether the\n"
	"current run regressed (log-ratio interval from both runs' noise, shrunk\n"
	"across the suite; Benjamini-Hochberg; threshold; minimum detectable\n"
	"change per benchmark).\n"
	"\n"
	"Inputs (detected by content): KEVM timing files, hyperfine JSON,\n"
	"google-benchmark JSON, Criterion directories, llama-bench JSON/JSONL/CSV,\n"
	"pytest-benchmark JSON, CSV name,value[,unit], Bencher BMF JSON,\n"
	"github-action-benchmark JSON, cargo bench lines.\n"
	"\n"
	"Options:\n",
	opts,
	"\n"
	"Exit status: 0 no regression, 1 bad input, 2 usage,\n"
	"3 regression (with --fail-on-regression), 4 warnings only (with\n"
	"--fail-on warning).\n",
	27, ' ', 0, help_fn,
};

static void
parse_args(struct state *st, int argc, char **argv)
{
	struct fe_val v;
	int c;

	cmp_opts_default(&st->copts);
	st->kopts.min_time = 2.0;
	st->kopts.min_change = 0.035;
	st->format = CMP_FMT_GFM;
	st->gopts.max_bytes = 65536;
	while ((c = fe_getopt(argc, argv, &v)) != -1) {
		switch (c) {
		case 'o':
			st->output = v.s;
			break;
		case 'f':
			st->out_flags |= PK_OUT_FORCE;
			break;
		case 'q':
			pk_set_quiet(true);
			break;
		case OPT_FORMAT:
			if (cmp_format_parse(v.s, &st->format) != 0)
				pk_usage_error("--format: unknown format '%s' "
					       "(gfm, json, html, text)",
					       v.s);
			break;
		case OPT_INPUT_FORMAT:
			if (bench_format_parse(v.s, &st->ropts.format) != 0)
				pk_usage_error("--input-format: unknown format "
					       "'%s' (%s)",
					       v.s, bench_format_list());
			break;
		case OPT_THRESHOLD:
			st->copts.threshold = v.d / 100;
			break;
		case OPT_NOISE:
			st->copts.noise_sigmas = v.d;
			break;
		case OPT_ALPHA:
			st->copts.alpha = v.d;
			break;
		case OPT_CONFIDENCE:
			st->copts.conf = v.d;
			break;
		case OPT_BOOTSTRAP:
			st->copts.bootstrap = (unsigned)v.n;
			break;
		case OPT_SEED:
			st->copts.seed = (uint64_t)v.n;
			break;
		case OPT_MIN_TIME:
			st->copts.min_time = v.d;
			st->kopts.min_time = v.d;
			break;
		case OPT_MIN_CHANGE:
			st->kopts.min_change = v.d / 100;
			break;
		case OPT_KEVM:
			st->kevm = true;
			break;
		case OPT_FAIL_REG:
			st->fail_on_regression = true;
			break;
		case OPT_FAIL_MISSING:
			st->fail_on_missing = true;
			break;
		case OPT_CPU_TIME:
			st->ropts.gbench_cpu_time = true;
			break;
		case OPT_BASE_NAME:
			st->base_label = v.s;
			break;
		case OPT_CUR_NAME:
			st->cur_label = v.s;
			break;
		case OPT_BASELINE:
			if (st->base_path != NULL)
				pk_usage_error("--baseline given twice");
			st->base_path = v.s;
			st->named = true;
			break;
		case OPT_CURRENT:
			if (st->cur_path != NULL)
				pk_usage_error("--current given twice");
			st->cur_path = v.s;
			st->named = true;
			if (st->base_path == NULL)
				st->cur_first = true;
			break;
		case OPT_WARN_THRESHOLD:
			st->copts.warn_threshold =
				v.d / 100;
			break;
		case OPT_IMP_THRESHOLD:
			st->copts.improvement_threshold =
				v.d / 100;
			break;
		case OPT_FAIL_ON:
			if (strcmp(v.s, "regression") == 0)
				st->fail_on_regression = true;
			else if (strcmp(v.s, "warning") == 0)
				st->fail_on_warning = st->fail_on_regression =
					true;
			else
				pk_usage_error("--fail-on: want regression or "
					       "warning: '%s'",
					       v.s);
			break;
		case OPT_MAX_BYTES:
			if (v.n > 0 && v.n < 4096)
				pk_usage_error("--max-bytes: want 0 or at least "
					       "4096: '%lld'",
					       (long long)v.n);
			st->gopts.max_bytes = (size_t)v.n;
			break;
		case OPT_BASE_COMMIT:
			st->gopts.base_commit = v.s;
			break;
		case OPT_CUR_COMMIT:
			st->gopts.cur_commit = v.s;
			break;
		case OPT_TESTBED:
			st->gopts.testbed = v.s;
			break;
		case OPT_CRIT_BASELINE:
		case OPT_CRIT_CURRENT:
			if (v.s[0] == '\0' || strchr(v.s, '/') != NULL ||
			    strcmp(v.s, ".") == 0 || strcmp(v.s, "..") == 0)
				pk_usage_error("--criterion-%s: not a baseline "
					       "name: '%s'",
					       c == OPT_CRIT_BASELINE ? "baseline"
								      : "current",
					       v.s);
			if (c == OPT_CRIT_BASELINE)
				st->criterion_baseline = v.s;
			else
				st->criterion_current = v.s;
			break;
		case OPT_HIGHER:
			st->higher_re = v.s;
			break;
		case OPT_LOWER:
			st->lower_re = v.s;
			break;
		case OPT_FILTER:
			st->filter = v.s;
			break;
		case OPT_EXCLUDE:
			st->exclude = v.s;
			break;
		}
	}
	if (st->named) {
		if (st->base_path == NULL || st->cur_path == NULL)
			pk_usage_error("%s without %s",
				       st->base_path ? "--baseline" : "--current",
				       st->base_path ? "--current" : "--baseline");
		if (argc - optind != 0)
			pk_usage_error("--baseline and --current replace the "
				       "BASELINE and CURRENT operands");
	} else {
		if (argc - optind != 2)
			pk_usage_error(argc - optind < 2
					       ? "need BASELINE and CURRENT"
					       : "too many arguments");
		st->base_path = argv[optind];
		st->cur_path = argv[optind + 1];
	}
	if (strcmp(st->base_path, "-") == 0 && strcmp(st->cur_path, "-") == 0)
		pk_usage_error("only one side can be standard input");
	if (st->copts.warn_threshold > 0 &&
	    !(st->copts.warn_threshold < st->copts.threshold))
		pk_usage_error("--warn-threshold must be below --threshold "
			       "(%g%%)",
			       st->copts.threshold * 100);
	if (st->kevm && st->format != CMP_FMT_GFM)
		pk_usage_error("--kevm prints its own table; drop --format");
}

/* The report's time: SOURCE_DATE_EPOCH when set (reproducible), else
 * now. */
static long long
report_time(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	long long ll;

	if (e != NULL && pk_parse_ll(e, &ll) == 0 && ll > 0)
		return ll;
	return (long long)time(NULL);
}

/* --higher-is-better / --lower-is-better: the direction of the matching
 * benchmarks, where the unit does not tell. */
static void
set_direction(struct bench_set *set, const char *re, const char *opt,
	      enum bench_dir dir)
{
	char msg[256];

	if (bench_set_direction(set, re, dir, msg, sizeof msg) != 0)
		pk_usage_error("%s: '%s': %s", opt, re, msg);
}

static void
read_side(const struct state *st, const char *path, const char *which,
	  struct bench_set *set)
{
	struct bench_read_opts o = st->ropts;
	struct pk_err err = {0};

	o.criterion_dir = which;
	bench_set_init(set);
	if (bench_read_path(path, &o, set, &err) != 0)
		pk_err_die(&err, PK_EXIT_INPUT);
}

int
main(int argc, char **argv)
{
	struct state st = {0};
	struct bench_set base, cur;
	struct pk_out *out;
	struct pk_err err = {0};
	int status = PK_EXIT_OK;
	size_t missing = 0;
	bool regressed = false;
	char msg[512] = "";
	const char *bw = NULL, *cw = NULL;
	struct bench_filter filt;

	fe_init(&tool, argc, argv);
	parse_args(&st, argc, argv);
	if (bench_filter_init(&filt, st.filter, NULL, msg, sizeof msg) != 0)
		pk_usage_error("--filter: '%s': %s", st.filter, msg);
	bench_filter_free(&filt);
	if (bench_filter_init(&filt, st.filter, st.exclude, msg, sizeof msg) !=
	    0)
		pk_usage_error("--exclude: '%s': %s", st.exclude, msg);

	/* One Criterion tree on both sides: its base/ against its new/. */
	if (strcmp(st.base_path, st.cur_path) == 0 &&
	    bench_is_criterion_dir(st.base_path)) {
		bw = st.criterion_baseline ? st.criterion_baseline : "base";
		cw = "new";
	} else if (st.criterion_baseline != NULL) {
		bw = st.criterion_baseline;
	}
	if (st.criterion_current != NULL)
		cw = st.criterion_current;
	read_side(&st, st.base_path, bw, &base);
	read_side(&st, st.cur_path, cw, &cur);
	if (st.base_label) {
		free(base.source);
		base.source = pk_xstrdup(st.base_label);
	}
	if (st.cur_label) {
		free(cur.source);
		cur.source = pk_xstrdup(st.cur_label);
	}
	bench_set_filter(&base, &filt);
	bench_set_filter(&cur, &filt);
	bench_filter_free(&filt);
	set_direction(&base, st.higher_re, "--higher-is-better",
		      BENCH_HIGHER_IS_BETTER);
	set_direction(&cur, st.higher_re, "--higher-is-better",
		      BENCH_HIGHER_IS_BETTER);
	set_direction(&base, st.lower_re, "--lower-is-better",
		      BENCH_LOWER_IS_BETTER);
	set_direction(&cur, st.lower_re, "--lower-is-better",
		      BENCH_LOWER_IS_BETTER);

	out = pk_out_open(st.output, st.out_flags, &err);
	if (out == NULL)
		pk_err_die(&err, PK_EXIT_INPUT);
	if (st.kevm) {
		struct cmp_kevm k;

		st.kopts.roles = st.named;
		st.kopts.cur_first = st.cur_first;
		if (st.cur_first) {
			st.kopts.key1 = st.cur_label;
			st.kopts.key2 = st.base_label;
			cmp_kevm_run(&cur, &base, &st.kopts, &k);
		} else {
			st.kopts.key1 = st.base_label;
			st.kopts.key2 = st.cur_label;
			cmp_kevm_run(&base, &cur, &st.kopts, &k);
		}
		cmp_kevm_write(pk_out_file(out), &k);
		regressed = k.n_slower > 0 || k.n_broken > 0;
		missing = k.n_missing;
		cmp_kevm_free(&k);
	} else {
		struct cmp_result res;

		cmp_run(&base, &cur, &st.copts, &res);
		if (st.format == CMP_FMT_GFM &&
		    (st.gopts.base_commit || st.gopts.cur_commit ||
		     st.gopts.testbed))
			st.gopts.when = report_time();
		if ((st.format == CMP_FMT_GFM
			     ? cmp_write_gfm_fit(pk_out_file(out), &res,
						 &st.gopts, &err)
			     : cmp_write(pk_out_file(out), st.format, &res,
					 &err)) != 0) {
			pk_out_abort(out);
			pk_err_die(&err, PK_EXIT_INPUT);
		}
		/* the gate is the library's: prof-history check uses it too */
		status = cmp_gate_tiers(&res, st.fail_on_regression,
					st.fail_on_warning, st.fail_on_missing,
					msg, sizeof msg);
		cmp_result_free(&res);
	}
	if (pk_out_commit(out, &err) != 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	if (st.kevm) {
		if (st.fail_on_missing && missing > 0) {
			snprintf(msg, sizeof msg,
				 "%zu benchmark%s present in one run only "
				 "(--fail-on-missing)",
				 missing, missing == 1 ? "" : "s");
			status = PK_EXIT_INPUT;
		} else if (st.fail_on_regression && regressed) {
			status = PK_EXIT_REGRESSION;
		}
	}
	if (status == PK_EXIT_INPUT || status == CMP_EXIT_WARNING)
		fprintf(stderr, "%s: %s\n", pk_progname(), msg);
	bench_set_free(&base);
	bench_set_free(&cur);
	if (pk_close_stdout(&err) != 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	return status;
}
