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
	const char *base_label, *cur_label;
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
};

static const struct fe_opt opts[] = {
	FE_OPT_OUTPUT("write the report to FILE (atomically)"),
	FE_OPT_FORCE("replace an existing output file"),
	{ OPT_FORMAT, "format", FE_STRING, "FMT", 0, 0,
	  "gfm (default), json, html, text or\n"
	  "openmetrics (GitLab's metrics report)", 0 },
	{ OPT_INPUT_FORMAT, "input-format", FE_STRING, "FMT", 0, 0,
	  FE_HELP_FN, 0 },
	{ OPT_THRESHOLD, "threshold", FE_PCT, "PCT", 0, 1000,
	  "smallest change that counts (default 5%)", FE_OPEN_HI },
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
	{ OPT_FAIL_MISSING, "fail-on-missing", FE_FLAG, NULL, 0, 0,
	  "a benchmark of the baseline missing from the\n"
	  "current run is an error (exit 1)", 0 },
	{ OPT_CPU_TIME, "cpu-time", FE_FLAG, NULL, 0, 0,
	  "google-benchmark: compare cpu_time", 0 },
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
	"3 regression (with --fail-on-regression).\n",
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
		}
	}
	if (argc - optind != 2)
		pk_usage_error(argc - optind < 2 ? "need BASELINE and CURRENT"
						 : "too many arguments");
	st->base_path = argv[optind];
	st->cur_path = argv[optind + 1];
	if (strcmp(st->base_path, "-") == 0 && strcmp(st->cur_path, "-") == 0)
		pk_usage_error("only one side can be standard input");
	if (st->kevm && st->format != CMP_FMT_GFM)
		pk_usage_error("--kevm prints its own table; drop --format");
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

	fe_init(&tool, argc, argv);
	parse_args(&st, argc, argv);

	/* One Criterion tree on both sides: its base/ against its new/. */
	if (strcmp(st.base_path, st.cur_path) == 0 &&
	    bench_is_criterion_dir(st.base_path)) {
		bw = "base";
		cw = "new";
	}
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

	out = pk_out_open(st.output, st.out_flags, &err);
	if (out == NULL)
		pk_err_die(&err, PK_EXIT_INPUT);
	if (st.kevm) {
		struct cmp_kevm k;

		st.kopts.key1 = st.base_label;
		st.kopts.key2 = st.cur_label;
		cmp_kevm_run(&base, &cur, &st.kopts, &k);
		cmp_kevm_write(pk_out_file(out), &k);
		regressed = k.n_slower > 0 || k.n_broken > 0;
		missing = k.n_missing;
		cmp_kevm_free(&k);
	} else {
		struct cmp_result res;

		cmp_run(&base, &cur, &st.copts, &res);
		if (cmp_write(pk_out_file(out), st.format, &res, &err) != 0) {
			pk_out_abort(out);
			pk_err_die(&err, PK_EXIT_INPUT);
		}
		/* the gate is the library's: prof-history check uses it too */
		status = cmp_gate(&res, st.fail_on_regression,
				  st.fail_on_missing, msg, sizeof msg);
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
	if (status == PK_EXIT_INPUT)
		fprintf(stderr, "%s: %s\n", pk_progname(), msg);
	bench_set_free(&base);
	bench_set_free(&cur);
	if (pk_close_stdout(&err) != 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	return status;
}
