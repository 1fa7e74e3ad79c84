/* prof-summarize - summarize GHC profiling artifacts.
 *
 *   prof-summarize [OPTIONS] FILE...      .prof (text or -pj), eventlog, .hp
 *   prof-summarize --events FILE [--total]
 *
 * Parse -> summarize -> emit: the work is in src/prof_summary.c (and
 * src/eventlog_summary.c for --events), so prof-pipeline can call it.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
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

enum { OPT_TREE = 256, OPT_DEPTH, OPT_THRESHOLD, OPT_MIN_TICKS };

static const struct fe_opt opts[] = {
	{ 'F', "format", FE_STRING, "FMT", 0, 0,
	  "text (default), markdown or json", 0 },
	{ 'n', "top", FE_COUNT, "N", 0, 1000000,
	  "cost centres / bands per top list (10)", 0 },
	{ OPT_TREE, "tree", FE_FLAG, NULL, 0, 0,
	  "add the call tree, pruned", 0 },
	{ OPT_DEPTH, "depth", FE_COUNT, "N", 0, 1000000,
	  "show at most N levels of the tree", 0 },
	{ OPT_THRESHOLD, "threshold", FE_PCT, "PCT", 0, 100,
	  "hide subtrees under PCT inherited %time\n"
	  "and %alloc (default 1)", 0 },
	{ OPT_MIN_TICKS, "min-ticks", FE_COUNT, "N", 0, FE_COUNT_MAX,
	  "warn when a profile has fewer ticks (100)", 0 },
	{ 'e', "events", FE_STRING, "FILE", 0, 0,
	  "the event counts of an eventlog", 0 },
	{ 't', "total", FE_FLAG, NULL, 0, 0,
	  "with --events: only the total number of\n"
	  "events (block markers not counted)", 0 },
	FE_OPT_OUTPUT("write to FILE instead of stdout"),
	FE_OPT_FORCE("replace an existing output file"),
	FE_OPT_QUIET("no warnings"),
	FE_OPT_HELP("show this help and exit"),
	FE_OPT_VERSION("show the version and exit"),
	FE_END
};

static const struct fe_tool tool = {
	"prof-summarize",
	"Usage: prof-summarize [OPTIONS] FILE...\n"
	"       prof-summarize --events FILE [--total]\n"
	"Summarize GHC profiling artifacts: a cost-centre profile (.prof,\n"
	"text or -pj JSON), an eventlog or a heap profile (.hp), told\n"
	"apart by content.  FILE may be -, .gz or .zst.\n"
	"\n",
	opts, NULL, 23, ' ', 0, NULL,
};

static struct pk_out *
open_output(const struct opts *o)
{
	struct pk_err err = { NULL };
	struct pk_out *out = pk_out_open(o->output, o->out_flags, &err);

	if (out == NULL)
		pk_err_die(&err, PK_EXIT_INPUT);
	return out;
}

/* The output is opened only once the log is read: a missing or foreign
 * input leaves no trace of -o. */
static int
run_events(const struct opts *o)
{
	struct pk_err err = { NULL };
	struct el_summary s;
	struct pk_in *in;
	struct pk_out *out;
	int rc;

	if ((in = pk_in_open(o->events, &err)) == NULL)
		pk_err_die(&err, PK_EXIT_INPUT);
	rc = el_summary_collect(in, &s, &err);
	pk_in_close(in);
	if (rc < 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	out = open_output(o);
	if (s.truncated)
		pk_warn("%s: offset %" PRIu64 ": the eventlog ends early (no "
			"end marker): %" PRIu64 " complete events read",
			s.name, s.bytes, s.events);
	el_summary_print(&s, pk_out_file(out),
			 o->total ? EL_SUMMARY_TOTAL : EL_SUMMARY_TEXT);
	el_summary_free(&s);
	if (pk_out_commit(out, &err) < 0 || pk_close_stdout(&err) < 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	return PK_EXIT_OK;
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct pk_err err = { NULL };
	struct pk_out *out = NULL;
	struct jw jw;
	bool json, many, wrote = false;
	struct fe_val v;
	int c, status = PK_EXIT_OK;

	fe_init(&tool, argc, argv);
	prof_summary_opts_init(&o.ps);
	while ((c = fe_getopt(argc, argv, &v)) != -1) {
		switch (c) {
		case 'F':
			o.format_given = true;
			if (strcmp(v.s, "text") == 0)
				o.ps.format = PS_TEXT;
			else if (strcmp(v.s, "markdown") == 0 ||
				 strcmp(v.s, "md") == 0)
				o.ps.format = PS_MARKDOWN;
			else if (strcmp(v.s, "json") == 0)
				o.ps.format = PS_JSON;
			else
				pk_usage_error("--format: '%s' is not text, "
					       "markdown or json", v.s);
			break;
		case 'n': o.ps.top = (size_t)v.n; break;
		case OPT_TREE: o.ps.tree = true; break;
		case OPT_DEPTH:
			o.ps.tree_depth = (unsigned)v.n;
			o.ps.tree = true;
			break;
		case OPT_THRESHOLD:
			o.ps.tree_threshold = v.d;
			o.ps.tree = true;
			break;
		case OPT_MIN_TICKS: o.ps.min_ticks = (uint64_t)v.n; break;
		case 'e': o.events = v.s; break;
		case 't': o.total = true; break;
		case 'o': o.output = v.s; break;
		case 'f': o.out_flags |= PK_OUT_FORCE; break;
		case 'q': pk_set_quiet(true); break;
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

	if (o.events != NULL)
		return run_events(&o);

	/* Each input is opened and recognised before anything is written;
	 * the output is opened at the first input that can be summarized
	 * (several FILEs: at the end if none could, for the empty list). */
	json = o.ps.format == PS_JSON;
	many = argc - optind > 1;
	for (int i = optind; i <= argc; i++) {
		struct ps_input *x = NULL;
		int rc;

		if (i < argc && (x = prof_summary_open(argv[i], &err)) == NULL) {
			fprintf(stderr, "%s: %s\n", pk_progname(), err.msg);
			pk_err_clear(&err);
			status = PK_EXIT_INPUT;
			continue;
		}
		if (out == NULL && (x != NULL || many)) {
			out = open_output(&o);
			if (json) {
				jw_init(&jw, pk_out_file(out), 2);
				if (many)
					jw_array_begin(&jw);
			}
		}
		if (x == NULL)
			break;
		if (!json && wrote)
			fputc('\n', pk_out_file(out));
		rc = prof_summary_emit(pk_out_file(out), json ? &jw : NULL,
				       x, &o.ps, &err);
		prof_summary_close(x);
		if (rc < 0 && ferror(pk_out_file(out))) {
			/* a full disk: name the output and the reason */
			int e = errno ? errno : EIO;

			pk_err_clear(&err);
			pk_err_set(&err, "%s: write error: %s",
				   pk_out_name(out), strerror(e));
			pk_out_abort(out);
			pk_err_die(&err, PK_EXIT_INPUT);
		}
		if (rc < 0) {
			fprintf(stderr, "%s: %s\n", pk_progname(), err.msg);
			pk_err_clear(&err);
			status = PK_EXIT_INPUT;
			continue;
		}
		wrote = true;
	}
	if (out == NULL)
		return status;
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
	if (pk_out_commit(out, &err) < 0 || pk_close_stdout(&err) < 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	return status;
}
