/* prof-pipeline - from a bug-report tarball to every profiling artifact:
 * extract safely, run each mode under a time limit, convert with the
 * library, summarise, pack.  The stages are in src/pipeline.c. */
#include "config.h"

#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fe.h"
#include "heap_chart.h"
#include "pipeline.h"

enum { OPT_MODES = 256, OPT_BIN_DIR, OPT_PROF_BIN_DIR, OPT_IT_BIN_DIR,
       OPT_RTS, OPT_TIMEOUT, OPT_GRACE, OPT_KILL_AFTER, OPT_KEEP_WORK,
       OPT_SKIP_LINKS, OPT_VERSION };

static const struct option longopts[] = {
	{ "modes", required_argument, NULL, OPT_MODES },
	{ "bin-dir", required_argument, NULL, OPT_BIN_DIR },
	{ "prof-bin-dir", required_argument, NULL, OPT_PROF_BIN_DIR },
	{ "infotable-bin-dir", required_argument, NULL, OPT_IT_BIN_DIR },
	{ "rts", required_argument, NULL, OPT_RTS },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "grace", required_argument, NULL, OPT_GRACE },
	{ "kill-after", required_argument, NULL, OPT_KILL_AFTER },
	{ "keep-work", no_argument, NULL, OPT_KEEP_WORK },
	{ "skip-links", no_argument, NULL, OPT_SKIP_LINKS },
	{ "force", no_argument, NULL, 'f' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static void
usage(void)
{
	printf("Usage: prof-pipeline [OPTIONS] TARBALL OUTDIR\n"
"Extract a bug-report tarball safely, run its script once per mode under a\n"
"time limit (each in a fresh copy of the report), convert the artifacts and\n"
"write into OUTDIR: NAME.eventlog, NAME.prof, prof-speedscope.json,\n"
"heap-cost-centers.svg/.html, heap-infotables.html (GHC >= 9.2),\n"
"summary.md, MODE/run.json and artifacts.tar.zst.\n"
"\n"
"      --modes LIST        modes to run, comma-separated (default\n"
"                          eventlog,prof,heap,infotables; also prof-json, plain)\n"
"      --bin-dir DIR       plain build of the program (first in PATH for\n"
"                          eventlog and plain; the fallback for the others)\n"
"      --prof-bin-dir DIR  profiled build (prof, prof-json, heap)\n"
"      --infotable-bin-dir DIR  -finfo-table-map build (infotables)\n"
"      --rts FLAGS         more RTS flags for every mode\n"
"      --timeout DURATION  time limit per mode (default 4m)\n"
"      --grace DURATION    from SIGINT to SIGTERM (default 30s)\n"
"      --kill-after DURATION  from SIGTERM to SIGKILL (default 5s)\n"
"      --skip-links        skip links/devices in the tarball instead of\n"
"                          refusing it\n"
"      --keep-work         keep the per-mode work directories (OUTDIR/.work.*)\n"
"  -f, --force             OUTDIR may hold a previous run; replace its files\n"
"  -q, --quiet             no progress lines\n"
"  -h, --help              show this help\n"
"      --version           show the version\n"
"\n"
"Exit status: 0 every mode and conversion succeeded (a mode refused for the\n"
"program's GHC version is skipped, not failed); 1 something failed (the\n"
"rest was still done) or the tarball was refused; 2 usage.\n");
}

static void
on_signal(int sig)
{
	(void)sig;
	arc_request_stop(); /* pl_run stops at the next stage and cleans up */
}

static double
duration(const char *opt, const char *s)
{
	double v;

	if (pk_parse_duration(s, &v) != 0 || v < 0)
		pk_usage_error("%s: not a duration: '%s'", opt, s);
	return v;
}

int
main(int argc, char **argv)
{
	struct pl_opts o;
	struct pk_err err = { 0 };
	int c, rc;

	fe_init(&(const struct fe_tool){ .name = "prof-pipeline" }, argc, argv);
	pl_opts_default(&o);
	while ((c = getopt_long(argc, argv, "fqh", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_MODES:
			if (pl_parse_modes(&o, optarg) != 0)
				pk_usage_error("--modes: not a list of modes "
					       "(eventlog, prof, prof-json, heap,"
					       " infotables, plain): '%s'",
					       optarg);
			break;
		case OPT_BIN_DIR: o.bin_dir = optarg; break;
		case OPT_PROF_BIN_DIR: o.prof_bin_dir = optarg; break;
		case OPT_IT_BIN_DIR: o.infotable_bin_dir = optarg; break;
		case OPT_RTS: o.rts = optarg; break;
		case OPT_TIMEOUT: o.timeout = duration("--timeout", optarg); break;
		case OPT_GRACE: o.grace = duration("--grace", optarg); break;
		case OPT_KILL_AFTER:
			o.kill_after = duration("--kill-after", optarg);
			break;
		case OPT_KEEP_WORK: o.keep_work = true; break;
		case OPT_SKIP_LINKS: o.extract_flags |= ARC_SKIP_LINKS; break;
		case 'f': o.force = true; break;
		case 'q': o.quiet = true; pk_set_quiet(true); break;
		case 'h': usage(); exit(0);
		case OPT_VERSION:
			pk_print_version(stdout, "prof-pipeline");
			exit(0);
		default: pk_usage_error("unknown option");
		}
	}
	if (argc - optind != 2)
		pk_usage_error("expected TARBALL and OUTDIR");
	o.tarball = argv[optind];
	o.outdir = argv[optind + 1];
	fe_on_interrupt(on_signal);
	rc = pl_run(&o, &err);
	chart_cleanup(); /* cairo's and fontconfig's caches */
	if (rc < 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	return rc;
}
