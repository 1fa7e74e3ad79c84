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

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "cli.h"
#include "compare.h"
#include "diag.h"
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
	OPT_VERSION,
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

static const struct option longopts[] = {
	{"output", required_argument, NULL, 'o'},
	{"force", no_argument, NULL, 'f'},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
	{"threshold", required_argument, NULL, OPT_THRESHOLD},
	{"alpha", required_argument, NULL, OPT_ALPHA},
	{"confidence", required_argument, NULL, OPT_CONFIDENCE},
	{"bootstrap", required_argument, NULL, OPT_BOOTSTRAP},
	{"seed", required_argument, NULL, OPT_SEED},
	{"min-time", required_argument, NULL, OPT_MIN_TIME},
	{"min-change", required_argument, NULL, OPT_MIN_CHANGE},
	{"noise-sigmas", required_argument, NULL, OPT_NOISE},
	{"kevm", no_argument, NULL, OPT_KEVM},
	{"fail-on-regression", no_argument, NULL, OPT_FAIL_REG},
	{"fail-on-missing", no_argument, NULL, OPT_FAIL_MISSING},
	{"cpu-time", no_argument, NULL, OPT_CPU_TIME},
	{"baseline-name", required_argument, NULL, OPT_BASE_NAME},
	{"current-name", required_argument, NULL, OPT_CUR_NAME},
	{"baseline", required_argument, NULL, OPT_BASELINE},
	{"current", required_argument, NULL, OPT_CURRENT},
	{"filter", required_argument, NULL, OPT_FILTER},
	{"warn-threshold", required_argument, NULL, OPT_WARN_THRESHOLD},
	{"improvement-threshold", required_argument, NULL, OPT_IMP_THRESHOLD},
	{"fail-on", required_argument, NULL, OPT_FAIL_ON},
	{"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
	{"baseline-commit", required_argument, NULL, OPT_BASE_COMMIT},
	{"current-commit", required_argument, NULL, OPT_CUR_COMMIT},
	{"testbed", required_argument, NULL, OPT_TESTBED},
	{"criterion-baseline", required_argument, NULL, OPT_CRIT_BASELINE},
	{"criterion-current", required_argument, NULL, OPT_CRIT_CURRENT},
	{"higher-is-better", required_argument, NULL, OPT_HIGHER},
	{"lower-is-better", required_argument, NULL, OPT_LOWER},
	{"exclude", required_argument, NULL, OPT_EXCLUDE},
	{"quiet", no_argument, NULL, 'q'},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

static void
usage(void)
{
	printf("Usage: prof-compare [OPTIONS] BASELINE CURRENT\n"
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
	       "Options:\n"
	       "  -o, --output FILE        write the report to FILE (atomically)\n"
	       "  -f, --force              replace an existing output file\n"
	       "      --format FMT         gfm (default), json, html, text or\n"
	       "                           openmetrics (GitLab's metrics report)\n"
	       "      --max-bytes N        gfm: fit the report in N bytes (default\n"
	       "                           65536, a GitHub comment; 0: no limit):\n"
	       "                           changed rows first, unchanged ones folded\n"
	       "                           and cut with a count\n"
	       "      --baseline-commit SHA, --current-commit SHA, --testbed NAME\n"
	       "                           gfm: a header line with the time, the\n"
	       "                           commits, the machine and the rule\n"
	       "      --input-format FMT   skip detection: %s\n"
	       "      --threshold PCT      smallest change that counts (default 5%%)\n"
	       "      --warn-threshold PCT a regression by the rule at PCT but not at\n"
	       "                           --threshold is a warning (shown, counted)\n"
	       "      --improvement-threshold PCT  decide improvements at PCT\n"
	       "                           (default: --threshold)\n"
	       "      --alpha Q            false discovery rate (default 0.05)\n"
	       "      --noise-sigmas K     ignored (the noise of both runs is in the\n"
	       "                           interval now); kept for old scripts\n"
	       "      --confidence C       per-benchmark interval level (default 0.999)\n"
	       "      --bootstrap N        ignored; kept for old scripts\n"
	       "      --seed N             ignored; kept for old scripts\n"
	       "      --min-time DUR       KEVM table and one-value fallback: ignore\n"
	       "                           tests faster than this (default 2s for KEVM\n"
	       "                           input; 0 in the fallback for other inputs)\n"
	       "      --min-change PCT     KEVM table: smallest change shown (3.5%%)\n"
	       "      --kevm               print the KEVM-compatible table instead\n"
	       "      --fail-on-regression exit 3 when a benchmark regressed (or passed\n"
	       "                           before and fails now); exit 1 when no\n"
	       "                           benchmark is in both runs\n"
	       "      --fail-on LEVEL      regression (= --fail-on-regression) or\n"
	       "                           warning: also exit 4 on warnings only\n"
	       "      --fail-on-missing    a benchmark of the baseline missing from the\n"
	       "                           current run is an error (exit 1)\n"
	       "      --cpu-time           google-benchmark: compare cpu_time\n"
	       "      --criterion-baseline NAME  Criterion: the baseline side is\n"
	       "                           the measurements cargo bench saved as\n"
	       "                           baseline NAME (default: base/ when both\n"
	       "                           sides are one tree, else new/)\n"
	       "      --criterion-current NAME   Criterion: the current side is\n"
	       "                           that saved baseline (default new/)\n"
	       "      --baseline FILE      the baseline run (instead of the first\n"
	       "                           operand; any order with --current)\n"
	       "      --current FILE       the current run; with --kevm the columns\n"
	       "                           follow the order of the two options and\n"
	       "                           the header names each column's build\n"
	       "      --filter REGEX       only benchmarks whose name matches REGEX\n"
	       "                           (POSIX extended, unanchored)\n"
	       "      --exclude REGEX      drop benchmarks whose name matches REGEX\n"
	       "      --higher-is-better REGEX  these benchmarks are better when\n"
	       "                           higher (a hit rate in %%, a score)\n"
	       "      --lower-is-better REGEX   these are better when lower\n"
	       "      --baseline-name NAME label of the baseline in reports\n"
	       "      --current-name NAME  label of the current run in reports\n"
	       "  -q, --quiet              no warnings\n"
	       "  -h, --help               show this help and exit\n"
	       "      --version            show the version and exit\n"
	       "\n"
	       "Exit status: 0 no regression, 1 bad input, 2 usage,\n"
	       "3 regression (with --fail-on-regression), 4 warnings only (with\n"
	       "--fail-on warning).\n",
	       bench_format_list());
}

/* "5", "5%" or "0.05"?  Percent: "5" and "5%" mean 5 %. */
static double
parse_pct(const char *opt, const char *s)
{
	char buf[64];
	size_t n = strlen(s);
	double v;

	if (n == 0 || n >= sizeof buf)
		pk_usage_error("%s: not a percentage: '%s'", opt, s);
	memcpy(buf, s, n + 1);
	if (buf[n - 1] == '%')
		buf[n - 1] = '\0';
	if (pk_parse_double(buf, &v) != 0 || v < 0 || v >= 1000)
		pk_usage_error("%s: not a percentage: '%s'", opt, s);
	return v / 100;
}

static double
parse_unit_interval(const char *opt, const char *s)
{
	double v;

	if (pk_parse_double(s, &v) != 0 || !(v > 0 && v < 1))
		pk_usage_error("%s: want a number between 0 and 1: '%s'", opt, s);
	return v;
}

static void
parse_args(struct state *st, int argc, char **argv)
{
	int c;

	cmp_opts_default(&st->copts);
	st->kopts.min_time = 2.0;
	st->kopts.min_change = 0.035;
	st->format = CMP_FMT_GFM;
	st->gopts.max_bytes = 65536;
	while ((c = getopt_long(argc, argv, "o:fqh", longopts, NULL)) != -1) {
		long long ll;
		double d;

		switch (c) {
		case 'o':
			st->output = optarg;
			break;
		case 'f':
			st->out_flags |= PK_OUT_FORCE;
			break;
		case 'q':
			pk_set_quiet(true);
			break;
		case 'h':
			usage();
			exit(PK_EXIT_OK);
		case OPT_VERSION:
			pk_print_version(stdout, "prof-compare");
			exit(PK_EXIT_OK);
		case OPT_FORMAT:
			if (cmp_format_parse(optarg, &st->format) != 0)
				pk_usage_error("--format: unknown format '%s' "
					       "(gfm, json, html, text)",
					       optarg);
			break;
		case OPT_INPUT_FORMAT:
			if (bench_format_parse(optarg, &st->ropts.format) != 0)
				pk_usage_error("--input-format: unknown format "
					       "'%s' (%s)",
					       optarg, bench_format_list());
			break;
		case OPT_THRESHOLD:
			st->copts.threshold = parse_pct("--threshold", optarg);
			break;
		case OPT_NOISE:
			if (pk_parse_double(optarg, &st->copts.noise_sigmas) != 0 ||
			    !(st->copts.noise_sigmas >= 0 &&
			      st->copts.noise_sigmas <= 1000))
				pk_usage_error("--noise-sigmas: want a number "
					       "0..1000: '%s'",
					       optarg);
			break;
		case OPT_ALPHA:
			st->copts.alpha = parse_unit_interval("--alpha", optarg);
			break;
		case OPT_CONFIDENCE:
			st->copts.conf =
				parse_unit_interval("--confidence", optarg);
			break;
		case OPT_BOOTSTRAP:
			if (pk_parse_ll(optarg, &ll) != 0 || ll < 100 ||
			    ll > 10000000)
				pk_usage_error("--bootstrap: want 100..10000000: "
					       "'%s'",
					       optarg);
			st->copts.bootstrap = (unsigned)ll;
			break;
		case OPT_SEED:
			if (pk_parse_ll(optarg, &ll) != 0 || ll < 0)
				pk_usage_error("--seed: not a non-negative "
					       "integer: '%s'",
					       optarg);
			st->copts.seed = (uint64_t)ll;
			break;
		case OPT_MIN_TIME:
			if (pk_parse_duration(optarg, &d) != 0 || d < 0)
				pk_usage_error("--min-time: not a duration: '%s'",
					       optarg);
			st->copts.min_time = d;
			st->kopts.min_time = d;
			break;
		case OPT_MIN_CHANGE:
			st->kopts.min_change = parse_pct("--min-change", optarg);
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
			st->base_label = optarg;
			break;
		case OPT_CUR_NAME:
			st->cur_label = optarg;
			break;
		case OPT_BASELINE:
			if (st->base_path != NULL)
				pk_usage_error("--baseline given twice");
			st->base_path = optarg;
			st->named = true;
			break;
		case OPT_CURRENT:
			if (st->cur_path != NULL)
				pk_usage_error("--current given twice");
			st->cur_path = optarg;
			st->named = true;
			if (st->base_path == NULL)
				st->cur_first = true;
			break;
		case OPT_WARN_THRESHOLD:
			st->copts.warn_threshold =
				parse_pct("--warn-threshold", optarg);
			break;
		case OPT_IMP_THRESHOLD:
			st->copts.improvement_threshold =
				parse_pct("--improvement-threshold", optarg);
			break;
		case OPT_FAIL_ON:
			if (strcmp(optarg, "regression") == 0)
				st->fail_on_regression = true;
			else if (strcmp(optarg, "warning") == 0)
				st->fail_on_warning = st->fail_on_regression =
					true;
			else
				pk_usage_error("--fail-on: want regression or "
					       "warning: '%s'",
					       optarg);
			break;
		case OPT_MAX_BYTES:
			if (pk_parse_ll(optarg, &ll) != 0 || ll < 0 ||
			    (ll > 0 && ll < 4096))
				pk_usage_error("--max-bytes: want 0 or at least "
					       "4096: '%s'",
					       optarg);
			st->gopts.max_bytes = (size_t)ll;
			break;
		case OPT_BASE_COMMIT:
			st->gopts.base_commit = optarg;
			break;
		case OPT_CUR_COMMIT:
			st->gopts.cur_commit = optarg;
			break;
		case OPT_TESTBED:
			st->gopts.testbed = optarg;
			break;
		case OPT_CRIT_BASELINE:
		case OPT_CRIT_CURRENT:
			if (optarg[0] == '\0' || strchr(optarg, '/') != NULL ||
			    strcmp(optarg, ".") == 0 || strcmp(optarg, "..") == 0)
				pk_usage_error("--criterion-%s: not a baseline "
					       "name: '%s'",
					       c == OPT_CRIT_BASELINE ? "baseline"
								      : "current",
					       optarg);
			if (c == OPT_CRIT_BASELINE)
				st->criterion_baseline = optarg;
			else
				st->criterion_current = optarg;
			break;
		case OPT_HIGHER:
			st->higher_re = optarg;
			break;
		case OPT_LOWER:
			st->lower_re = optarg;
			break;
		case OPT_FILTER:
			st->filter = optarg;
			break;
		case OPT_EXCLUDE:
			st->exclude = optarg;
			break;
		default:
			pk_usage_error("unknown option");
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
	struct bench_filter f;
	char msg[256];

	if (re == NULL)
		return;
	if (bench_filter_init(&f, re, NULL, msg, sizeof msg) != 0)
		pk_usage_error("%s: '%s': %s", opt, re, msg);
	for (size_t i = 0; i < set->n; i++)
		if (bench_filter_match(&f, set->v[i].name))
			set->v[i].dir = dir;
	bench_filter_free(&f);
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

	pk_set_progname(argv[0]);
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
