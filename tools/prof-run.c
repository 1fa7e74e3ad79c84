/* prof-run - run a GHC program once in a profiling mode, under a time
 * limit with SIGINT -> SIGTERM -> SIGKILL escalation, and record run.json.
 * The work is in src/run.c. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fe.h"
#include "run.h"

enum { OPT_RTS = 256, OPT_WORKDIR, OPT_COPY_FROM, OPT_OUT, OPT_TIMEOUT,
       OPT_GRACE, OPT_KILL_AFTER, OPT_JSON, OPT_LOG, OPT_BIN_DIR,
       OPT_GHC_PROGRAM, OPT_NAME };

static const struct fe_opt opts[] = {
	{ 'm', "mode", FE_STRING, "MODE", 0, 0,
	  "the profiling mode (required)", 0 },
	{ OPT_RTS, "rts", FE_STRING, "FLAGS", 0, 0,
	  "more RTS flags, appended after the mode's", 0 },
	{ OPT_NAME, "name", FE_STRING, "STEM", 0, 0,
	  "output stem: STEM.prof, STEM.hp, STEM.eventlog\n"
	  "(default: the GHC program's name)", 0 },
	{ OPT_WORKDIR, "workdir", FE_STRING, "DIR", 0, 0,
	  "run in DIR (default: the current directory)", 0 },
	{ OPT_COPY_FROM, "copy-from", FE_STRING, "SRC", 0, 0,
	  "first copy the report directory SRC into DIR,\n"
	  "which must not exist or be empty", 0 },
	{ OPT_OUT, "out", FE_STRING, "DIR", 0, 0,
	  "move the artifacts into DIR (created)", 0 },
	{ OPT_JSON, "json", FE_STRING, "FILE", 0, 0,
	  "write run.json to FILE (default: DIR/run.json\n"
	  "of --out, else of --workdir)", 0 },
	{ OPT_LOG, "log", FE_STRING, "FILE", 0, 0,
	  "the command's stdout and stderr to FILE", 0 },
	{ OPT_BIN_DIR, "bin-dir", FE_STRING, "DIR", 0, 0,
	  "put DIR first in PATH for the command", 0 },
	{ OPT_GHC_PROGRAM, "ghc-program", FE_STRING, "PROG", 0, 0,
	  "the program to ask for its GHC version (default:\n"
	  "the command, or what the script execs)", 0 },
	FE_OPTS_RUN_LIMITS(OPT_TIMEOUT, OPT_GRACE, OPT_KILL_AFTER,
			   "time limit (default 4m; 0 for none)"),
	FE_OPT_FORCE("replace artifacts and run.json in --out"),
	FE_OPT_QUIET("no notices about signals sent"),
	FE_OPT_HELP("show this help"),
	FE_OPT_VERSION("show the version"),
	FE_END
};

static const struct fe_tool tool = {
	"prof-run",
	"Usage: prof-run [OPTIONS] --mode MODE -- COMMAND [ARG...]\n"
	"Run COMMAND (a GHC program, or a script that execs one) once with the RTS\n"
	"flags of MODE in GHCRTS, under a time limit, collect its profiling outputs\n"
	"and write run.json.\n"
	"\n"
	"Modes: eventlog (-l), prof (-p -l-au), prof-json (-pj), heap (-hc -l -i0.1),\n"
	"       infotables (-hi -l -i0.1, GHC >= 9.2), plain (none).\n"
	"\n",
	opts,
	"\n"
	"Exit status (as timeout(1)): the command's status (128+N if killed by\n"
	"signal N); 124 the time limit fired; 125 prof-run failed or refused the\n"
	"mode; 126 COMMAND cannot be executed; 127 COMMAND not found.\n",
	26, ' ', FE_STOP_AT_OPERAND, NULL,
};

int
main(int argc, char **argv)
{
	struct run_opts o;
	struct run_result r;
	struct pk_err err = { 0 };
	bool have_mode = false;
	struct fe_val v;
	int c, status;

	fe_init(&tool, argc, argv);
	run_opts_default(&o);
	while ((c = fe_getopt(argc, argv, &v)) != -1) {
		switch (c) {
		case 'm':
			if (run_mode_parse(v.s, &o.mode) != 0)
				pk_usage_error("unknown mode '%s' (eventlog, "
					       "prof, prof-json, heap, "
					       "infotables, plain)", v.s);
			have_mode = true;
			break;
		case OPT_RTS: o.rts = v.s; break;
		case OPT_NAME: o.name = v.s; break;
		case OPT_WORKDIR: o.workdir = v.s; break;
		case OPT_COPY_FROM: o.copy_from = v.s; break;
		case OPT_OUT: o.outdir = v.s; break;
		case OPT_JSON: o.run_json = v.s; break;
		case OPT_LOG: o.log = v.s; break;
		case OPT_BIN_DIR: o.path_prepend = v.s; break;
		case OPT_GHC_PROGRAM: o.ghc_program = v.s; break;
		case OPT_TIMEOUT: o.timeout = v.d; break;
		case OPT_GRACE: o.grace = v.d; break;
		case OPT_KILL_AFTER: o.kill_after = v.d; break;
		case 'f': o.force = true; break;
		case 'q': o.quiet = true; pk_set_quiet(true); break;
		}
	}
	if (!have_mode)
		pk_usage_error("--mode is required");
	if (optind >= argc)
		pk_usage_error("no command given");
	if (o.copy_from != NULL && o.workdir == NULL)
		pk_usage_error("--copy-from needs --workdir");
	if (o.name != NULL && (strchr(o.name, '/') || strchr(o.name, ' ') ||
			       *o.name == '\0'))
		pk_usage_error("--name: a plain file stem, without '/' or "
			       "spaces");
	o.argv = argv + optind;
	if (run_execute(&o, &r, &err) != 0) {
		fprintf(stderr, "%s: %s\n", pk_progname(), err.msg);
		pk_err_clear(&err);
	}
	status = r.status;
	run_result_free(&r);
	fflush(stdout);
	return status;
}
