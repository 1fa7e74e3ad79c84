/* eventlog2speedscope - GHC eventlog to speedscope JSON.
 *
 *   eventlog2speedscope [OPTIONS] [FILE|-]
 *
 * Parse the options into one state struct, then: open the input, open the
 * (atomic) output, convert (src/eventlog_speedscope.c), commit.
 */
#include "config.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fe.h"
#include "eventlog.h"
#include "eventlog_speedscope.h"
#include "input.h"
#include "output.h"

#define PROG "eventlog2speedscope"

struct state {
	struct el2ss_opts conv;
	const char *input;
	const char *output;
	unsigned out_flags;
	bool hs_name;
	bool stats;
	const char **match, **exclude;
	size_t nmatch, nexclude;
};

enum {
	OPT_HS_NAME = 256, OPT_NAME, OPT_PRETTY, OPT_MERGE, OPT_DROP_IDLE,
	OPT_SPANS, OPT_THREADS, OPT_OPEN, OPT_CLOSE, OPT_MATCH, OPT_EXCLUDE,
	OPT_FROM, OPT_TO, OPT_STATS,
};

static const struct fe_opt opts[] = {
	FE_TEXT("Output:"),
	FE_OPT_OUTPUT("write to FILE (atomically) instead of stdout"),
	FE_OPT_FORCE("replace an existing output file"),
	{ OPT_HS_NAME, "hs-speedscope-name", FE_FLAG, NULL, 0, 0,
	  "write FILE.json beside the input, as\n"
	  "hs-speedscope does (replaces it)", 0 },
	{ OPT_NAME, "name", FE_STRING, "NAME", 0, 0,
	  "program name for profile names", 0 },
	{ OPT_PRETTY, "pretty", FE_FLAG, NULL, 0, 0,
	  "indent the JSON (sample arrays stay compact)", 0 },
	FE_TEXT("Profiles:"),
	{ OPT_MERGE, "merge", FE_FLAG, NULL, 0, 0,
	  "one sampled profile over all capabilities", 0 },
	{ OPT_DROP_IDLE, "drop-idle", FE_FLAG, NULL, 0, 0,
	  "drop samples whose stack is only IDLE", 0 },
	{ OPT_SPANS, "spans", FE_FLAG, NULL, 0, 0,
	  "evented profiles from spans, not samples", 0 },
	{ OPT_THREADS, "threads", FE_FLAG, NULL, 0, 0,
	  "add a timeline per capability: running\n"
	  "threads and GC (needs +RTS -l)", 0 },
	{ OPT_OPEN, "open-prefix", FE_STRING, "STR", 0, 0,
	  "user-message prefix opening a span (O)", 0 },
	{ OPT_CLOSE, "close-prefix", FE_STRING, "STR", 0, 0,
	  "user-message prefix closing a span (C)", 0 },
	{ OPT_MATCH, "match", FE_STRING, "STR", 0, 0,
	  "keep spans whose name contains STR", 0 },
	{ OPT_EXCLUDE, "exclude", FE_STRING, "STR", 0, 0,
	  "drop spans whose name contains STR", 0 },
	FE_TEXT("Window:"),
	{ 's', "start", FE_STRING, "PREFIX", 0, 0,
	  "start at the first user marker with PREFIX", 0 },
	{ 'e', "end", FE_STRING, "PREFIX", 0, 0,
	  "end at the next user marker with PREFIX", 0 },
	{ OPT_FROM, "from", FE_TIME, "SECONDS", 0, FE_TIME_MAX,
	  "drop events before this time", 0 },
	{ OPT_TO, "to", FE_TIME, "SECONDS", 0, FE_TIME_MAX,
	  "drop events after this time", 0 },
	FE_TEXT("Other:"),
	{ OPT_STATS, "stats", FE_FLAG, NULL, 0, 0,
	  "per-profile sample counts and weight on stderr", 0 },
	FE_OPT_QUIET("no warnings"),
	FE_OPT_HELP("show this help and exit"),
	FE_OPT_VERSION("show the version and exit"),
	FE_END
};

static const struct fe_tool tool = {
	PROG,
	"Usage: " PROG " [OPTIONS] [FILE|-]\n"
	"Convert a GHC eventlog (+RTS -p -l-au, or with traceEvent spans) to\n"
	"speedscope JSON.  FILE may be -, .gz or .zst; default stdin.\n"
	"\n",
	opts, NULL, 27, ' ', 0, NULL,
};

static void
push(const char ***v, size_t *n, const char *s)
{
	*v = pk_xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

static void
parse_args(struct state *st, int argc, char **argv)
{
	struct fe_val v;
	int c;

	while ((c = fe_getopt(argc, argv, &v)) != -1) {
		switch (c) {
		case 'o': st->output = v.s; break;
		case 'f': st->out_flags |= PK_OUT_FORCE; break;
		case OPT_HS_NAME: st->hs_name = true; break;
		case OPT_NAME: st->conv.name = v.s; break;
		case OPT_PRETTY: st->conv.indent = 1; break;
		case OPT_MERGE: st->conv.merge = true; break;
		case OPT_DROP_IDLE: st->conv.drop_idle = true; break;
		case OPT_SPANS: st->conv.mode = EL2SS_SPANS; break;
		case OPT_THREADS: st->conv.threads = true; break;
		case OPT_OPEN: st->conv.open_prefix = v.s; break;
		case OPT_CLOSE: st->conv.close_prefix = v.s; break;
		case OPT_MATCH: push(&st->match, &st->nmatch, v.s); break;
		case OPT_EXCLUDE: push(&st->exclude, &st->nexclude, v.s); break;
		case 's': st->conv.start_marker = v.s; break;
		case 'e': st->conv.end_marker = v.s; break;
		case OPT_FROM:
			st->conv.from_ns = (uint64_t)llround(v.d * 1e9);
			st->conv.has_from = true;
			break;
		case OPT_TO:
			st->conv.to_ns = (uint64_t)llround(v.d * 1e9);
			st->conv.has_to = true;
			break;
		case OPT_STATS: st->stats = true; break;
		case 'q': pk_set_quiet(true); break;
		}
	}
	if (argc - optind > 1)
		pk_usage_error("unexpected argument '%s'", argv[optind + 1]);
	st->input = optind < argc ? argv[optind] : "-";
	if (st->hs_name && st->output != NULL)
		pk_usage_error("--hs-speedscope-name and --output both name the output");
	if (st->hs_name && strcmp(st->input, "-") == 0)
		pk_usage_error("--hs-speedscope-name needs an input file, not stdin");
	if (st->conv.has_from && st->conv.has_to &&
	    st->conv.from_ns > st->conv.to_ns)
		pk_usage_error("--from is after --to");
	if (strcmp(st->conv.open_prefix, st->conv.close_prefix) == 0)
		pk_usage_error("--open-prefix and --close-prefix must differ");
	st->conv.match = st->match;
	st->conv.nmatch = st->nmatch;
	st->conv.exclude = st->exclude;
	st->conv.nexclude = st->nexclude;
	st->conv.stats = st->stats ? stderr : NULL;
}

int
main(int argc, char **argv)
{
	struct state st;
	struct pk_err err = { NULL };
	struct pk_in *in;
	struct pk_out *out;
	char *hs_output = NULL;
	char magic[4];

	fe_init(&tool, argc, argv);
	memset(&st, 0, sizeof st);
	el2ss_opts_init(&st.conv);
	parse_args(&st, argc, argv);
	if (st.hs_name) {
		hs_output = pk_xasprintf("%s.json", st.input);
		st.output = hs_output;
		st.out_flags |= PK_OUT_FORCE;
	}

	if ((in = pk_in_open(st.input, &err)) == NULL)
		pk_err_die(&err, PK_EXIT_INPUT);
	/* the output appears only once the input is known to be an eventlog */
	if (pk_in_peek(in, magic, sizeof magic, &err) != (ssize_t)sizeof magic ||
	    memcmp(magic, "hdrb", sizeof magic) != 0) {
		struct el_reader *r = el_open(in, &err);

		if (r == NULL)
			pk_err_die(&err, PK_EXIT_INPUT);
		el_close(r);
		pk_die(PK_EXIT_INPUT, "%s: not a GHC eventlog", st.input);
	}
	if ((out = pk_out_open(st.output, st.out_flags, &err)) == NULL)
		pk_err_die(&err, PK_EXIT_INPUT);
	if (el2ss_convert(&st.conv, in, pk_out_file(out), &err) != 0) {
		pk_out_abort(out);
		pk_in_close(in);
		pk_err_die(&err, PK_EXIT_INPUT);
	}
	pk_in_close(in);
	if (pk_out_commit(out, &err) != 0 || pk_close_stdout(&err) != 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	free(hs_output);
	free(st.match);
	free(st.exclude);
	return PK_EXIT_OK;
}
