/* prof-pipeline - from a bug-report tarball to every profiling artifact:
 * extract safely, run each mode under a time limit, convert with the
 * library, summarise, pack.  The stages are in src/pipeline.c. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fe.h"
#include "html_doc.h"
#include "pipeline.h"

enum { OPT_MODES = 256, OPT_BIN_DIR, OPT_PROF_BIN_DIR, OPT_IT_BIN_DIR,
       OPT_RTS, OPT_TIMEOUT, OPT_GRACE, OPT_KILL_AFTER, OPT_KEEP_WORK,
       OPT_SKIP_LINKS };

static const struct fe_opt opts[] = {
	{ OPT_MODES, "modes", FE_STRING, "LIST", 0, 0,
	  "modes to run, comma-separated (default\n"
	  "eventlog,prof,heap,infotables; also prof-json, plain)", 0 },
	{ OPT_BIN_DIR, "bin-dir", FE_STRING, "DIR", 0, 0,
	  "plain build of the program (first in PATH for\n"
	  "eventlog and plain; the fallback for the others)", 0 },
	{ OPT_PROF_BIN_DIR, "prof-bin-dir", FE_STRING, "DIR", 0, 0,
	  "profiled build (prof, prof-json, heap)", 0 },
	{ OPT_IT_BIN_DIR, "infotable-bin-dir", FE_STRING, "DIR", 0, 0,
	  "-finfo-table-map build (infotables)", 0 },
	{ OPT_RTS, "rts", FE_STRING, "FLAGS", 0, 0,
	  "more RTS flags for every mode", 0 },
	FE_OPTS_RUN_LIMITS(OPT_TIMEOUT, OPT_GRACE, OPT_KILL_AFTER,
			   "time limit per mode (default 4m)"),
	{ OPT_SKIP_LINKS, "skip-links", FE_FLAG, NULL, 0, 0,
	  "skip links/devices in the tarball instead of\n"
	  "refusing it", 0 },
	{ OPT_KEEP_WORK, "keep-work", FE_FLAG, NULL, 0, 0,
	  "keep the per-mode work directories (OUTDIR/.work.*)", 0 },
	FE_OPT_FORCE("OUTDIR may hold a previous run; replace its files"),
	FE_OPT_QUIET("no progress lines"),
	FE_OPT_HELP("show this help"),
	FE_OPT_VERSION("show the version"),
	FE_END
};

static const struct fe_tool tool = {
	"prof-pipeline",
	"Usage: prof-pipeline [OPTIONS] TARBALL OUTDIR\n"
	"Extract a bug-report tarball safely, run its script once per mode under a\n"
	"time limit (each in a fresh copy of the report), convert the artifacts and\n"
	"write into OUTDIR: NAME.eventlog, NAME.prof, prof-speedscope.json,\n"
	"heap-cost-centers.svg/.html, heap-infotables.html (GHC >= 9.2),\n"
	"summary.md, MODE/run.json and artifacts.tar.zst.\n"
	"\n",
	opts,
	"\n"
	"Exit status: 0 every mode and conversion succeeded (a mode refused for the\n"
	"program's GHC version is skipped, not failed); 1 something failed (the\n"
	"rest was still done) or the tarball was refused; 2 usage.\n",
	26, ' ', 0, NULL,
};

static void
on_signal(int sig)
{
	(void)sig;
	arc_request_stop(); /* pl_run stops at the next stage and cleans up */
}

int
main(int argc, char **argv)
{
	struct pl_opts o;
	struct pk_err err = { 0 };
	struct fe_val v;
	int c, rc;

	fe_init(&tool, argc, argv);
	/* SIGINT, SIGTERM, SIGHUP: pl_run stops at the next stage and
	 * cleans up */
	fe_on_interrupt(on_signal);
	pl_opts_default(&o);
	while ((c = fe_getopt(argc, argv, &v)) != -1) {
		switch (c) {
		case OPT_MODES:
			if (pl_parse_modes(&o, v.s) != 0)
				pk_usage_error("--modes: not a list of modes "
					       "(eventlog, prof, prof-json, heap,"
					       " infotables, plain): '%s'",
					       v.s);
			break;
		case OPT_BIN_DIR: o.bin_dir = v.s; break;
		case OPT_PROF_BIN_DIR: o.prof_bin_dir = v.s; break;
		case OPT_IT_BIN_DIR: o.infotable_bin_dir = v.s; break;
		case OPT_RTS: o.rts = v.s; break;
		case OPT_TIMEOUT: o.timeout = v.d; break;
		case OPT_GRACE: o.grace = v.d; break;
		case OPT_KILL_AFTER: o.kill_after = v.d; break;
		case OPT_KEEP_WORK: o.keep_work = true; break;
		case OPT_SKIP_LINKS: o.extract_flags |= ARC_SKIP_LINKS; break;
		case 'f': o.force = true; break;
		case 'q': o.quiet = true; pk_set_quiet(true); break;
		}
	}
	if (argc - optind != 2)
		pk_usage_error("expected TARBALL and OUTDIR");
	o.tarball = argv[optind];
	o.outdir = argv[optind + 1];
	rc = pl_run(&o, &err);
	html_cairo_cleanup(); /* cairo's and fontconfig's caches */
	if (rc < 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	return rc;
}
