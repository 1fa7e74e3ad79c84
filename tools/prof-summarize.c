/* prof-summarize - summarize GHC profiling artifacts.
 *
 *   prof-summarize [OPTIONS] FILE...      .prof (text or -pj), eventlog, .hp
 *   prof-summarize --events FILE [--total]
 *
 * Parse -> summarize -> emit: the work is in src/prof_summary.c (and
 * src/eventlog_summary.c for --events), so prof-pipeline can call it.
 */
#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fe.h"
#include "eventlog_summary.h"
#include "input.h"
#include "json_write.h"
#include "output.h"
#include "prof_summary.h"

struct opts {
	const char *events;
	bool total;
	const char *output;
	unsigned out_flags;
	bool format_given;
	struct prof_summary_opts ps;
};

static void
usage(void)
{
	fputs("Usage: prof-summarize [OPTIONS] FILE...\n"
	      "       prof-summarize --events FILE [--total]\n"
	      "Summarize GHC profiling artifacts: a cost-centre profile (.prof,\n"
	      "text or -pj JSON), an eventlog or a heap profile (.hp), told\n"
	      "apart by content.  FILE may be -, .gz or .zst.\n"
	      "\n"
	      "  -F, --format FMT     text (default), markdown or json\n"
	      "  -n, --top N          cost centres / bands per top list (10)\n"
	      "      --tree           add the call tree, pruned\n"
	      "      --depth N        show at most N levels of the tree\n"
	      "      --threshold PCT  hide subtrees under PCT inherited %time\n"
	      "                       and %alloc (default 1)\n"
	      "      --min-ticks N    warn when a profile has fewer ticks (100)\n"
	      "  -e, --events FILE    the event counts of an eventlog\n"
	      "  -t, --total          with --events: only the total number of\n"
	      "                       events (block markers not counted)\n"
	      "  -o, --output FILE    write to FILE instead of stdout\n"
	      "  -f, --force          replace an existing output file\n"
	      "  -q, --quiet          no warnings\n"
	      "  -h, --help           show this help and exit\n"
	      "      --version        show the version and exit\n", stdout);
}

enum { OPT_TREE = 256, OPT_DEPTH, OPT_THRESHOLD, OPT_MIN_TICKS, OPT_VERSION };

static unsigned long long
count_arg(const char *opt, const char *s)
{
	long long v;

	if (pk_parse_ll(s, &v) != 0 || v < 0)
		pk_usage_error("%s: '%s' is not a non-negative number", opt, s);
	return (unsigned long long)v;
}

static int
run_events(const struct opts *o, struct pk_out *out)
{
	struct pk_err err = { NULL };
	struct pk_in *in;
	int rc;

	if ((in = pk_in_open(o->events, &err)) == NULL)
		pk_err_die(&err, PK_EXIT_INPUT);
	rc = el_summarize(in, pk_out_file(out),
			  o->total ? EL_SUMMARY_TOTAL : EL_SUMMARY_TEXT, &err);
	pk_in_close(in);
	if (rc < 0) {
		pk_out_abort(out);
		pk_err_die(&err, PK_EXIT_INPUT);
	}
	if (rc > 0) {
		pk_warn("%s", err.msg);
		pk_err_clear(&err);
	}
	return PK_EXIT_OK;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "top", required_argument, NULL, 'n' },
		{ "tree", no_argument, NULL, OPT_TREE },
		{ "depth", required_argument, NULL, OPT_DEPTH },
		{ "threshold", required_argument, NULL, OPT_THRESHOLD },
		{ "min-ticks", required_argument, NULL, OPT_MIN_TICKS },
		{ "events", required_argument, NULL, 'e' },
		{ "total", no_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { 0 };
	struct pk_err err = { NULL };
	struct pk_out *out;
	struct jw jw;
	bool json, many, wrote = false;
	int c, status = PK_EXIT_OK;
	double d;

	fe_init(&(const struct fe_tool){ .name = "prof-summarize" }, argc, argv);
	prof_summary_opts_init(&o.ps);
	while ((c = getopt_long(argc, argv, "F:n:e:to:fqh", longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 'F':
			o.format_given = true;
			if (strcmp(optarg, "text") == 0)
				o.ps.format = PS_TEXT;
			else if (strcmp(optarg, "markdown") == 0 ||
				 strcmp(optarg, "md") == 0)
				o.ps.format = PS_MARKDOWN;
			else if (strcmp(optarg, "json") == 0)
				o.ps.format = PS_JSON;
			else
				pk_usage_error("--format: '%s' is not text, "
					       "markdown or json", optarg);
			break;
		case 'n': o.ps.top = count_arg("--top", optarg); break;
		case OPT_TREE: o.ps.tree = true; break;
		case OPT_DEPTH:
			o.ps.tree_depth = (unsigned)count_arg("--depth", optarg);
			o.ps.tree = true;
			break;
		case OPT_THRESHOLD:
			if (pk_parse_double(optarg, &d) != 0 || d < 0 || d > 100)
				pk_usage_error("--threshold: '%s' is not a "
					       "percentage", optarg);
			o.ps.tree_threshold = d;
			o.ps.tree = true;
			break;
		case OPT_MIN_TICKS:
			o.ps.min_ticks = count_arg("--min-ticks", optarg);
			break;
		case 'e': o.events = optarg; break;
		case 't': o.total = true; break;
		case 'o': o.output = optarg; break;
		case 'f': o.out_flags |= PK_OUT_FORCE; break;
		case 'q': pk_set_quiet(true); break;
		case 'h': usage(); return PK_EXIT_OK;
		case OPT_VERSION:
			pk_print_version(stdout, "prof-summarize");
			return PK_EXIT_OK;
		default: pk_usage_error("unknown option");
		}
	}
	if (o.events != NULL && optind < argc)
		pk_usage_error("--events takes one eventlog; give other files "
			       "without it");
	if (o.events == NULL && optind == argc)
		pk_usage_error("nothing to summarize: give a FILE");
	if (o.total && o.events == NULL)
		pk_usage_error("--total goes with --events FILE");
	if (o.events != NULL && o.format_given && o.ps.format != PS_TEXT)
		pk_usage_error("--events prints text; for %s give the "
			       "eventlog as FILE", o.ps.format == PS_JSON
			       ? "json" : "markdown");

	if ((out = pk_out_open(o.output, o.out_flags, &err)) == NULL)
		pk_err_die(&err, PK_EXIT_INPUT);
	if (o.events != NULL)
		status = run_events(&o, out);
	else {
		json = o.ps.format == PS_JSON;
		many = argc - optind > 1;
		if (json) {
			jw_init(&jw, pk_out_file(out), 2);
			if (many)
				jw_array_begin(&jw);
		}
		for (int i = optind; i < argc; i++) {
			int rc;

			if (!json && wrote)
				fputc('\n', pk_out_file(out));
			rc = prof_summary_file(pk_out_file(out),
					       json ? &jw : NULL, argv[i],
					       &o.ps, &err);
			if (rc < 0) {
				fprintf(stderr, "%s: %s\n", pk_progname(),
					err.msg);
				pk_err_clear(&err);
				status = PK_EXIT_INPUT;
				continue;
			}
			wrote = true;
			if (rc > 0) {
				pk_warn("%s", err.msg);
				pk_err_clear(&err);
			}
		}
		if (json) {
			if (many)
				jw_array_end(&jw);
			jw_free(&jw);
			if (wrote || many)
				fputc('\n', pk_out_file(out));
		}
		if (!wrote && !many) {
			pk_out_abort(out);
			return status;
		}
	}
	if (pk_out_commit(out, &err) < 0 || pk_close_stdout(&err) < 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	return status;
}
