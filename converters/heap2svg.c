/* heap2svg - draw a GHC heap profile (.hp or eventlog) as SVG, PNG, PDF or
 * a self-contained HTML page, or export it as JSON/CSV.  See heap2svg(1). */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "heap_convert.h"
#include "output.h"

enum {
	OPT_FORMAT = 256, OPT_BANDS, OPT_SORT, OPT_REVERSE, OPT_INCLUDE,
	OPT_EXCLUDE, OPT_FROM, OPT_TO, OPT_STYLE, OPT_GROUP_BY, OPT_IPE,
	OPT_TITLE, OPT_WIDTH, OPT_HEIGHT, OPT_VERSION, OPT_RESOLUTION,
};

static const struct option longopts[] = {
	{"output", required_argument, NULL, 'o'},
	{"force", no_argument, NULL, 'f'},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"bands", required_argument, NULL, OPT_BANDS},
	{"sort", required_argument, NULL, OPT_SORT},
	{"reverse", no_argument, NULL, OPT_REVERSE},
	{"include", required_argument, NULL, OPT_INCLUDE},
	{"exclude", required_argument, NULL, OPT_EXCLUDE},
	{"from", required_argument, NULL, OPT_FROM},
	{"to", required_argument, NULL, OPT_TO},
	{"style", required_argument, NULL, OPT_STYLE},
	{"group-by", required_argument, NULL, OPT_GROUP_BY},
	{"ipe", required_argument, NULL, OPT_IPE},
	{"title", required_argument, NULL, OPT_TITLE},
	{"width", required_argument, NULL, OPT_WIDTH},
	{"resolution", required_argument, NULL, OPT_RESOLUTION},
	{"height", required_argument, NULL, OPT_HEIGHT},
	{"quiet", no_argument, NULL, 'q'},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

static void
usage(FILE *f)
{
	fputs(
"Usage: heap2svg [OPTIONS] [FILE|-]\n"
"Draw a GHC heap profile (.hp, .hp.gz/.zst, or an eventlog with heap-profile\n"
"events) as SVG, PNG, PDF or self-contained HTML, or export it as JSON/CSV.\n"
"\n"
"  -o, --output=FILE    write FILE (format from its extension: .svg .png .pdf\n"
"                       .html .json .csv); default: SVG on stdout\n"
"  -f, --force          replace an existing output file\n"
"      --format=FMT     svg, png, pdf, html, json or csv (overrides the extension)\n"
"      --bands=N        draw the first N bands, the rest summed into OTHER\n"
"                       (default 15; 0 = every band, no OTHER)\n"
"      --sort=KEY       size (default), stddev, name, growth or peak\n"
"      --reverse        reverse the band order\n"
"      --include=TEXT   keep only bands whose name contains TEXT (repeatable)\n"
"      --exclude=TEXT   drop bands whose name contains TEXT (repeatable)\n"
"      --from=SECONDS   drop samples before this time\n"
"      --to=SECONDS     drop samples after this time\n"
"      --style=STYLE    stacked (default), line or normalized\n"
"      --group-by=KEY   info-table profiles: srcloc, module or type\n"
"      --ipe=TABLE      IPE entries (TSV, or an eventlog with IPE events) for\n"
"                       the 0x... bands of a -hi .hp file\n"
"      --title=TEXT     chart title (default: JOB, or the program arguments)\n"
"      --width=N        chart width (default 1000)\n"
"      --height=N       chart height (default 600)\n"
"      --resolution=N|full  time buckets kept while reading, each its\n"
"                       smallest and largest sample (default: 2 per\n"
"                       pixel column); 'full' keeps every sample\n"
"  -q, --quiet          no warnings\n"
"  -h, --help           show this help and exit\n"
"      --version        show the version and exit\n"
"\n"
"Exit status: 0 ok, 1 bad input or output failure, 2 usage error.\n", f);
}

struct state {
	struct heap_opts o;
	const char *out;
	const char *in;
	unsigned out_flags;
	const char **inc, **exc;
	size_t ninc, nexc;
};

static long
parse_count(const char *opt, const char *arg, long min, long max)
{
	long long v;

	if (pk_parse_ll(arg, &v) != 0 || v < min || v > max)
		pk_usage_error("%s: '%s' is not a number from %ld to %ld", opt,
			       arg, min, max);
	return (long)v;
}

static double
parse_time(const char *opt, const char *arg)
{
	double v;

	if (pk_parse_duration(arg, &v) != 0 && pk_parse_double(arg, &v) != 0)
		pk_usage_error("%s: '%s' is not a time in seconds", opt, arg);
	return v;
}

int
main(int argc, char **argv)
{
	struct state st = {0};
	struct pk_err err = {0};
	int c;

	pk_set_progname(argv[0]);
	heap_opts_init(&st.o);
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:fqh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			st.out = optarg;
			break;
		case 'f':
			st.out_flags |= PK_OUT_FORCE;
			break;
		case 'q':
			pk_set_quiet(true);
			break;
		case 'h':
			usage(stdout);
			return pk_close_stdout(&err) == 0 ? 0 : 1;
		case OPT_VERSION:
			pk_print_version(stdout, "heap2svg");
			return pk_close_stdout(&err) == 0 ? 0 : 1;
		case OPT_FORMAT:
			if (heap_format_parse(optarg, &st.o.format) != 0)
				pk_usage_error("--format: unknown format '%s' (svg, png, pdf, html, json, csv)", optarg);
			break;
		case OPT_BANDS:
			st.o.bands = parse_count("--bands", optarg, 0, 1000000);
			break;
		case OPT_SORT:
			if (heap_sort_parse(optarg, &st.o.sort) != 0)
				pk_usage_error("--sort: unknown key '%s' (size, stddev, name, growth, peak)", optarg);
			break;
		case OPT_REVERSE:
			st.o.reverse = true;
			break;
		case OPT_INCLUDE:
			st.inc = pk_xreallocarray(st.inc, st.ninc + 1, sizeof *st.inc);
			st.inc[st.ninc++] = optarg;
			break;
		case OPT_EXCLUDE:
			st.exc = pk_xreallocarray(st.exc, st.nexc + 1, sizeof *st.exc);
			st.exc[st.nexc++] = optarg;
			break;
		case OPT_FROM:
			st.o.from = parse_time("--from", optarg);
			break;
		case OPT_TO:
			st.o.to = parse_time("--to", optarg);
			break;
		case OPT_STYLE:
			if (heap_style_parse(optarg, &st.o.style) != 0)
				pk_usage_error("--style: unknown style '%s' (stacked, line, normalized)", optarg);
			break;
		case OPT_GROUP_BY:
			if (heap_group_parse(optarg, &st.o.group_by) != 0)
				pk_usage_error("--group-by: unknown key '%s' (srcloc, module, type)", optarg);
			break;
		case OPT_IPE:
			st.o.ipe_path = optarg;
			break;
		case OPT_TITLE:
			st.o.title = optarg;
			break;
		case OPT_WIDTH:
			st.o.width = (int)parse_count("--width", optarg, 200, 20000);
			break;
		case OPT_HEIGHT:
			st.o.height = (int)parse_count("--height", optarg, 150, 20000);
			break;
		case OPT_RESOLUTION:
			st.o.resolution = strcmp(optarg, "full") == 0 ?
				HEAP_RESOLUTION_FULL :
				parse_count("--resolution", optarg, 2, 100000000);
			break;
		default:
			if (optopt && strchr("o", optopt))
				pk_usage_error("option '-%c' needs an argument", optopt);
			pk_usage_error("unrecognized option '%s'", argv[optind - 1]);
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
	chart_cleanup();
	if (pk_close_stdout(&err) != 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	return PK_EXIT_OK;
}
