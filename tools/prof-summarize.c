/* prof-summarize - summarize GHC profiling artifacts.
 *
 *   prof-summarize --events FILE [--total] [-o OUT]
 */
#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "diag.h"
#include "eventlog_summary.h"
#include "input.h"
#include "output.h"

struct opts {
	const char *events;
	const char *output;
	unsigned out_flags;
	enum el_summary_format format;
};

static void
usage(void)
{
	fputs("Usage: prof-summarize --events FILE [OPTIONS]\n"
	      "Summarize a GHC eventlog (FILE may be -, .gz or .zst).\n"
	      "\n"
	      "  -e, --events FILE  the eventlog to summarize\n"
	      "  -t, --total        print only the total number of events\n"
	      "                     (block markers not counted)\n"
	      "  -o, --output FILE  write to FILE instead of stdout\n"
	      "  -f, --force        replace an existing output file\n"
	      "  -q, --quiet        no warnings\n"
	      "  -h, --help         show this help and exit\n"
	      "      --version      show the version and exit\n", stdout);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "events", required_argument, NULL, 'e' },
		{ "total", no_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { .format = EL_SUMMARY_TEXT };
	struct pk_err err = { NULL };
	struct pk_in *in;
	struct pk_out *out;
	int c, rc;

	pk_set_progname(argv[0]);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":e:to:fqh", longopts, NULL)) != -1) {
		switch (c) {
		case 'e': o.events = optarg; break;
		case 't': o.format = EL_SUMMARY_TOTAL; break;
		case 'o': o.output = optarg; break;
		case 'f': o.out_flags |= PK_OUT_FORCE; break;
		case 'q': pk_set_quiet(true); break;
		case 'h': usage(); return PK_EXIT_OK;
		case 'V': pk_print_version(stdout, "prof-summarize"); return PK_EXIT_OK;
		case ':': pk_usage_error("option '%s' needs an argument", argv[optind - 1]);
		default: pk_usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		pk_usage_error("unexpected argument '%s'", argv[optind]);
	if (o.events == NULL)
		pk_usage_error("nothing to summarize: give --events FILE");

	if ((in = pk_in_open(o.events, &err)) == NULL)
		pk_err_die(&err, PK_EXIT_INPUT);
	if ((out = pk_out_open(o.output, o.out_flags, &err)) == NULL)
		pk_err_die(&err, PK_EXIT_INPUT);
	rc = el_summarize(in, pk_out_file(out), o.format, &err);
	pk_in_close(in);
	if (rc < 0) {
		pk_out_abort(out);
		pk_err_die(&err, PK_EXIT_INPUT);
	}
	if (rc > 0) {
		pk_warn("%s", err.msg);
		pk_err_clear(&err);
	}
	if (pk_out_commit(out, &err) < 0 || pk_close_stdout(&err) < 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	return PK_EXIT_OK;
}
