/* prof-run - run a GHC program once in a profiling mode, under a time
 * limit with SIGINT -> SIGTERM -> SIGKILL escalation, and record run.json.
 * The work is in src/run.c. */
#include "config.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fe.h"
#include "run.h"

enum { OPT_RTS = 256, OPT_WORKDIR, OPT_COPY_FROM, OPT_OUT, OPT_TIMEOUT,
       OPT_GRACE, OPT_KILL_AFTER, OPT_JSON, OPT_LOG, OPT_BIN_DIR,
       OPT_GHC_PROGRAM, OPT_NAME, OPT_VERSION };

static const struct option longopts[] = {
	{ "mode", required_argument, NULL, 'm' },
	{ "rts", required_argument, NULL, OPT_RTS },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "workdir", required_argument, NULL, OPT_WORKDIR },
	{ "copy-from", required_argument, NULL, OPT_COPY_FROM },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "json", required_argument, NULL, OPT_JSON },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "bin-dir", required_argument, NULL, OPT_BIN_DIR },
	{ "ghc-program", required_argument, NULL, OPT_GHC_PROGRAM },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "grace", required_argument, NULL, OPT_GRACE },
	{ "kill-after", required_argument, NULL, OPT_KILL_AFTER },
	{ "force", no_argument, NULL, 'f' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static void
usage(void)
{
	printf("Usage: prof-run [OPTIONS] --mode MODE -- COMMAND [ARG...]\n"
"Run COMMAND (a GHC program, or a script that execs one) once with the RTS\n"
"flags of MODE in GHCRTS, under a time limit, collect its profiling outputs\n"
"and write run.json.\n"
"\n"
"Modes: eventlog (-l), prof (-p -l-au), prof-json (-pj), heap (-hc -l -i0.1),\n"
"       infotables (-hi -l -i0.1, GHC >= 9.2), plain (none).\n"
"\n"
"  -m, --mode MODE         the profiling mode (required)\n"
"      --rts FLAGS         more RTS flags, appended after the mode's\n"
"      --name STEM         output stem: STEM.prof, STEM.hp, STEM.eventlog\n"
"                          (default: the GHC program's name)\n"
"      --workdir DIR       run in DIR (default: the current directory)\n"
"      --copy-from SRC     first copy the report directory SRC into DIR,\n"
"                          which must not exist or be empty\n"
"      --out DIR           move the artifacts into DIR (created)\n"
"      --json FILE         write run.json to FILE (default: DIR/run.json\n"
"                          of --out, else of --workdir)\n"
"      --log FILE          the command's stdout and stderr to FILE\n"
"      --bin-dir DIR       put DIR first in PATH for the command\n"
"      --ghc-program PROG  the program to ask for its GHC version (default:\n"
"                          the command, or what the script execs)\n"
"      --timeout DURATION  time limit (default 4m; 0 for none)\n"
"      --grace DURATION    from SIGINT to SIGTERM (default 30s)\n"
"      --kill-after DURATION  from SIGTERM to SIGKILL (default 5s)\n"
"  -f, --force             replace artifacts and run.json in --out\n"
"  -q, --quiet             no notices about signals sent\n"
"  -h, --help              show this help\n"
"      --version           show the version\n"
"\n"
"Exit status (as timeout(1)): the command's status (128+N if killed by\n"
"signal N); 124 the time limit fired; 125 prof-run failed or refused the\n"
"mode; 126 COMMAND cannot be executed; 127 COMMAND not found.\n");
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
	struct run_opts o;
	struct run_result r;
	struct pk_err err = { 0 };
	bool have_mode = false;
	int c, status;

	fe_init(&(const struct fe_tool){ .name = "prof-run" }, argc, argv);
	run_opts_default(&o);
	while ((c = getopt_long(argc, argv, "+m:fqh", longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			if (run_mode_parse(optarg, &o.mode) != 0)
				pk_usage_error("unknown mode '%s' (eventlog, "
					       "prof, prof-json, heap, "
					       "infotables, plain)", optarg);
			have_mode = true;
			break;
		case OPT_RTS: o.rts = optarg; break;
		case OPT_NAME: o.name = optarg; break;
		case OPT_WORKDIR: o.workdir = optarg; break;
		case OPT_COPY_FROM: o.copy_from = optarg; break;
		case OPT_OUT: o.outdir = optarg; break;
		case OPT_JSON: o.run_json = optarg; break;
		case OPT_LOG: o.log = optarg; break;
		case OPT_BIN_DIR: o.path_prepend = optarg; break;
		case OPT_GHC_PROGRAM: o.ghc_program = optarg; break;
		case OPT_TIMEOUT: o.timeout = duration("--timeout", optarg); break;
		case OPT_GRACE: o.grace = duration("--grace", optarg); break;
		case OPT_KILL_AFTER:
			o.kill_after = duration("--kill-after", optarg);
			break;
		case 'f': o.force = true; break;
		case 'q': o.quiet = true; pk_set_quiet(true); break;
		case 'h': usage(); exit(0);
		case OPT_VERSION: pk_print_version(stdout, "prof-run"); exit(0);
		default: pk_usage_error("unknown option");
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
