/* eventlog2speedscope - GHC eventlog to speedscope JSON.
 *
 *   eventlog2speedscope [OPTIONS] [FILE|-]
 *
 * Parse the options into one state struct, then: open the input, open the
 * (atomic) output, convert (src/eventlog_speedscope.c), commit.
 */
#include "config.h"

#include <getopt.h>
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

static void
usage(void)
{
	fputs("Usage: " PROG " [OPTIONS] [FILE|-]\n"
	      "Convert a GHC eventlog (+RTS -p -l-au, or with traceEvent spans) to\n"
	      "speedscope JSON.  FILE may be -, .gz or .zst; default stdin.\n"
	      "\n"
	      "Output:\n"
	      "  -o, --output FILE        write to FILE (atomically) instead of stdout\n"
	      "  -f, --force              replace an existing output file\n"
	      "      --hs-speedscope-name write FILE.json beside the input, as\n"
	      "                           hs-speedscope does (replaces it)\n"
	      "      --name NAME          program name for profile names\n"
	      "      --pretty             indent the JSON (sample arrays stay compact)\n"
	      "Profiles:\n"
	      "      --merge              one sampled profile over all capabilities\n"
	      "      --drop-idle          drop samples whose stack is only IDLE\n"
	      "      --spans              evented profiles from spans, not samples\n"
	      "      --threads            add a timeline per capability: running\n"
	      "                           threads and GC (needs +RTS -l)\n"
	      "      --open-prefix STR    user-message prefix opening a span (O)\n"
	      "      --close-prefix STR   user-message prefix closing a span (C)\n"
	      "      --match STR          keep spans whose name contains STR\n"
	      "      --exclude STR        drop spans whose name contains STR\n"
	      "Window:\n"
	      "  -s, --start PREFIX       start at the first user marker with PREFIX\n"
	      "  -e, --end PREFIX         end at the next user marker with PREFIX\n"
	      "      --from SECONDS       drop events before this time\n"
	      "      --to SECONDS         drop events after this time\n"
	      "Other:\n"
	      "      --stats              per-profile sample counts and weight on stderr\n"
	      "  -q, --quiet              no warnings\n"
	      "  -h, --help               show this help and exit\n"
	      "      --version            show the version and exit\n", stdout);
}

enum {
	OPT_HS_NAME = 256, OPT_NAME, OPT_PRETTY, OPT_MERGE, OPT_DROP_IDLE,
	OPT_SPANS, OPT_THREADS, OPT_OPEN, OPT_CLOSE, OPT_MATCH, OPT_EXCLUDE,
	OPT_FROM, OPT_TO, OPT_STATS, OPT_VERSION,
};

static uint64_t
seconds_ns(const char *opt, const char *arg)
{
	double s;

	if (pk_parse_duration(arg, &s) != 0 || !(s >= 0) || s > 1.8e10)
		pk_usage_error("%s: '%s' is not a time in seconds", opt, arg);
	return (uint64_t)llround(s * 1e9);
}

static void
push(const char ***v, size_t *n, const char *s)
{
	*v = pk_xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

static void
parse_args(struct state *st, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "hs-speedscope-name", no_argument, NULL, OPT_HS_NAME },
		{ "name", required_argument, NULL, OPT_NAME },
		{ "pretty", no_argument, NULL, OPT_PRETTY },
		{ "merge", no_argument, NULL, OPT_MERGE },
		{ "drop-idle", no_argument, NULL, OPT_DROP_IDLE },
		{ "spans", no_argument, NULL, OPT_SPANS },
		{ "threads", no_argument, NULL, OPT_THREADS },
		{ "open-prefix", required_argument, NULL, OPT_OPEN },
		{ "close-prefix", required_argument, NULL, OPT_CLOSE },
		{ "match", required_argument, NULL, OPT_MATCH },
		{ "exclude", required_argument, NULL, OPT_EXCLUDE },
		{ "start", required_argument, NULL, 's' },
		{ "end", required_argument, NULL, 'e' },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "to", required_argument, NULL, OPT_TO },
		{ "stats", no_argument, NULL, OPT_STATS },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "o:fs:e:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': st->output = optarg; break;
		case 'f': st->out_flags |= PK_OUT_FORCE; break;
		case OPT_HS_NAME: st->hs_name = true; break;
		case OPT_NAME: st->conv.name = optarg; break;
		case OPT_PRETTY: st->conv.indent = 1; break;
		case OPT_MERGE: st->conv.merge = true; break;
		case OPT_DROP_IDLE: st->conv.drop_idle = true; break;
		case OPT_SPANS: st->conv.mode = EL2SS_SPANS; break;
		case OPT_THREADS: st->conv.threads = true; break;
		case OPT_OPEN: st->conv.open_prefix = optarg; break;
		case OPT_CLOSE: st->conv.close_prefix = optarg; break;
		case OPT_MATCH: push(&st->match, &st->nmatch, optarg); break;
		case OPT_EXCLUDE: push(&st->exclude, &st->nexclude, optarg); break;
		case 's': st->conv.start_marker = optarg; break;
		case 'e': st->conv.end_marker = optarg; break;
		case OPT_FROM:
			st->conv.from_ns = seconds_ns("--from", optarg);
			st->conv.has_from = true;
			break;
		case OPT_TO:
			st->conv.to_ns = seconds_ns("--to", optarg);
			st->conv.has_to = true;
			break;
		case OPT_STATS: st->stats = true; break;
		case 'q': pk_set_quiet(true); break;
		case 'h': usage(); exit(PK_EXIT_OK);
		case OPT_VERSION: pk_print_version(stdout, PROG); exit(PK_EXIT_OK);
		default: pk_usage_error("unknown option");
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

	fe_init(&(const struct fe_tool){ .name = "eventlog2speedscope" }, argc, argv);
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
