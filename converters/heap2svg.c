/* heap2svg - draw a GHC heap profile (.hp or eventlog) as SVG, PNG, PDF or
 * a self-contained HTML page, or export it as JSON/CSV.  See heap2svg(1). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fe.h"
#include "heap_convert.h"
#include "html_doc.h"
#include "output.h"

enum {
	OPT_FORMAT = 256, OPT_BANDS, OPT_SORT, OPT_REVERSE, OPT_INCLUDE,
	OPT_EXCLUDE, OPT_FROM, OPT_TO, OPT_STYLE, OPT_GROUP_BY, OPT_IPE,
	OPT_TITLE, OPT_WIDTH, OPT_HEIGHT, OPT_RESOLUTION,
};

static const struct fe_opt opts[] = {
	{ 'o', "output", FE_STRING, "FILE", 0, 0,
	  "write FILE (format from its extension: .svg .png .pdf\n"
	  ".html .json .csv); default: SVG on stdout", 0 },
	FE_OPT_FORCE("replace an existing output file"),
	{ OPT_FORMAT, "format", FE_STRING, "FMT", 0, 0,
	  "svg, png, pdf, html, json or csv (overrides the extension)", 0 },
	{ OPT_BANDS, "bands", FE_COUNT, "N", 0, 1000000,
	  "draw the first N bands, the rest summed into OTHER\n"
	  "(default 15; 0 = every band, no OTHER)", 0 },
	{ OPT_SORT, "sort", FE_STRING, "KEY", 0, 0,
	  "size (default), stddev, name, growth or peak", 0 },
	{ OPT_REVERSE, "reverse", FE_FLAG, NULL, 0, 0,
	  "reverse the band order", 0 },
	{ OPT_INCLUDE, "include", FE_STRING, "TEXT", 0, 0,
	  "keep only bands whose name contains TEXT (repeatable)", 0 },
	{ OPT_EXCLUDE, "exclude", FE_STRING, "TEXT", 0, 0,
	  "drop bands whose name contains TEXT (repeatable)", 0 },
	{ OPT_FROM, "from", FE_TIME, "SECONDS", 0, FE_TIME_MAX,
	  "drop samples before this time", 0 },
	{ OPT_TO, "to", FE_TIME, "SECONDS", 0, FE_TIME_MAX,
	  "drop samples after this time", 0 },
	{ OPT_STYLE, "style", FE_STRING, "STYLE", 0, 0,
	  "stacked (default), line or normalized", 0 },
	{ OPT_GROUP_BY, "group-by", FE_STRING, "KEY", 0, 0,
	  "info-table profiles: srcloc, module or type", 0 },
	{ OPT_IPE, "ipe", FE_STRING, "TABLE", 0, 0,
	  "IPE entries (TSV, or an eventlog with IPE events) for\n"
	  "the 0x... bands of a -hi .hp file", 0 },
	{ OPT_TITLE, "title", FE_STRING, "TEXT", 0, 0,
	  "chart title (default: JOB, or the program arguments)", 0 },
	{ OPT_WIDTH, "width", FE_COUNT, "N", 200, 20000,
	  "chart width (default 1000)", 0 },
	{ OPT_HEIGHT, "height", FE_COUNT, "N", 150, 20000,
	  "chart height (default 600)", 0 },
	{ OPT_RESOLUTION, "resolution", FE_STRING, "N|full", 0, 0,
	  "time buckets kept while reading, each the mean of its\n"
	  "samples (default: 2 per unit of width); 'full' keeps\n"
	  "every sample", 0 },
	FE_OPT_QUIET("no warnings"),
	FE_OPT_HELP("show this help and exit"),
	FE_OPT_VERSION("show the version and exit"),
	FE_END
};

static const struct fe_tool tool = {
	"heap2svg",
	"Usage: heap2svg [OPTIONS] [FILE|-]\n"
	"Draw a GHC heap profile (.hp, .hp.gz/.zst, or an eventlog with heap-profile\n"
	"events) as SVG, PNG, PDF or self-contained HTML, or export it as JSON/CSV.\n"
	"\n",
	opts,
	"\n"
	"Exit status: 0 ok, 1 bad input or output failure, 2 usage error.\n",
	23, '=', 0, NULL,
};

struct state {
	struct heap_opts o;
	const char *out;
	const char *in;
	unsigned out_flags;
	const char **inc, **exc;
	size_t ninc, nexc;
};

int
main(int argc, char **argv)
{
	struct state st = {0};
	struct pk_err err = {0};
	struct fe_val v;
	int c;

	fe_init(&tool, argc, argv);
	heap_opts_init(&st.o);
	while ((c = fe_getopt(argc, argv, &v)) != -1) {
		switch (c) {
		case 'o':
			st.out = v.s;
			break;
		case 'f':
			st.out_flags |= PK_OUT_FORCE;
			break;
		case 'q':
			pk_set_quiet(true);
			break;
		case OPT_FORMAT:
			if (heap_format_parse(v.s, &st.o.format) != 0)
				pk_usage_error("--format: unknown format '%s' (svg, png, pdf, html, json, csv)", v.s);
			break;
		case OPT_BANDS:
			st.o.bands = (long)v.n;
			break;
		case OPT_SORT:
			if (heap_sort_parse(v.s, &st.o.sort) != 0)
				pk_usage_error("--sort: unknown key '%s' (size, stddev, name, growth, peak)", v.s);
			break;
		case OPT_REVERSE:
			st.o.reverse = true;
			break;
		case OPT_INCLUDE:
			st.inc = pk_xreallocarray(st.inc, st.ninc + 1, sizeof *st.inc);
			st.inc[st.ninc++] = v.s;
			break;
		case OPT_EXCLUDE:
			st.exc = pk_xreallocarray(st.exc, st.nexc + 1, sizeof *st.exc);
			st.exc[st.nexc++] = v.s;
			break;
		case OPT_FROM:
			st.o.from = v.d;
			break;
		case OPT_TO:
			st.o.to = v.d;
			break;
		case OPT_STYLE:
			if (heap_style_parse(v.s, &st.o.style) != 0)
				pk_usage_error("--style: unknown style '%s' (stacked, line, normalized)", v.s);
			break;
		case OPT_GROUP_BY:
			if (heap_group_parse(v.s, &st.o.group_by) != 0)
				pk_usage_error("--group-by: unknown key '%s' (srcloc, module, type)", v.s);
			break;
		case OPT_IPE:
			st.o.ipe_path = v.s;
			break;
		case OPT_TITLE:
			st.o.title = v.s;
			break;
		case OPT_WIDTH:
			st.o.width = (int)v.n;
			break;
		case OPT_HEIGHT:
			st.o.height = (int)v.n;
			break;
		case OPT_RESOLUTION: {
			long long n;

			if (strcmp(v.s, "full") == 0)
				st.o.resolution = HEAP_RESOLUTION_FULL;
			else if (pk_parse_ll(v.s, &n) == 0 && n >= 2 && n <= 100000000)
				st.o.resolution = (long)n;
			else
				pk_usage_error("--resolution: '%s' is not a number from 2 to 100000000", v.s);
			break;
		}
		}
	}
	if (argc - optind > 1)
		pk_usage_error("too many arguments (one input file)");
	st.in = optind < argc ? argv[optind] : "-";
	if (st.o.from > st.o.to)
		pk_usage_error("--from is after --to");
	if (st.o.format == HEAP_FMT_AUTO) {
		enum heap_format f;
		if (heap_format_of_path(st.out, &f) != 0)
			pk_usage_error("%s: unknown output extension (use --format)", st.out);
	}
	st.o.include = st.inc;
	st.o.ninclude = st.ninc;
	st.o.exclude = st.exc;
	st.o.nexclude = st.nexc;

	if (heap_convert(&st.o, st.in, st.out, st.out_flags, &err) != 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	free(st.inc);
	free(st.exc);
	html_cairo_cleanup();
	if (pk_close_stdout(&err) != 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	return PK_EXIT_OK;
}
