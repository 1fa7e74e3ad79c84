/* prof-extract - unpack a bug-report tarball safely, list it, or
 * describe it as JSON.  The work is in src/archive_extract.c. */
#include "config.h"

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive_extract.h"
#include "cli.h"
#include "fe.h"
#include "output.h"

enum { OPT_LIST = 256, OPT_JSON, OPT_SKIP_LINKS, OPT_MAX_TOTAL,
       OPT_MAX_FILE, OPT_MAX_ENTRIES, OPT_MAX_RATIO };

static const struct fe_opt opts[] = {
	{ 'C', "directory", FE_STRING, "DIR", 0, 0,
	  "extract into DIR (default: the tarball's name\n"
	  "without its .tar.* suffix)", 0 },
	{ OPT_LIST, "list", FE_FLAG, NULL, 0, 0,
	  "list members (type, mode, size, name); write nothing", 0 },
	{ OPT_JSON, "json", FE_FLAG, NULL, 0, 0,
	  "describe the report as JSON (flavour, script,\n"
	  "options, inputs, members); write nothing", 0 },
	FE_OPT_OUTPUT("write --list/--json output to FILE"),
	FE_OPT_FORCE("replace an existing FILE"),
	{ OPT_SKIP_LINKS, "skip-links", FE_FLAG, NULL, 0, 0,
	  "skip links, devices and FIFOs with a warning\n"
	  "instead of refusing the archive", 0 },
	{ OPT_MAX_TOTAL, "max-total", FE_SIZE, "SIZE", 1, FE_COUNT_MAX,
	  "bytes written in all (default 8G)", 0 },
	{ OPT_MAX_FILE, "max-file-size", FE_SIZE, "SIZE", 1, FE_COUNT_MAX,
	  "bytes written to one file (default 4G)", 0 },
	{ OPT_MAX_ENTRIES, "max-entries", FE_COUNT, "N", 1, FE_COUNT_MAX,
	  "members in the archive (default 50000)", 0 },
	{ OPT_MAX_RATIO, "max-ratio", FE_REAL, "R", 0, 1e6,
	  "bytes written per compressed byte read, checked\n"
	  "beyond 1 MiB (default 200; 0 disables)", 0 },
	{ 'v', "verbose", FE_FLAG, NULL, 0, 0,
	  "report what was extracted on stderr", 0 },
	FE_OPT_QUIET("no warnings"),
	FE_OPT_HELP("show this help"),
	FE_OPT_VERSION("show the version"),
	FE_END
};

static const struct fe_tool tool = {
	"prof-extract",
	"Usage: prof-extract [OPTIONS] TARBALL [-C DIR]\n"
	"       prof-extract --list|--json [-o FILE] TARBALL\n"
	"Unpack a bug-report tarball (.tar, .tar.gz, .tgz, .tar.zst, .tar.xz,\n"
	".tar.bz2) safely: regular files and directories only, no names outside\n"
	"DIR, modes 0644/0755, size and expansion budgets.  DIR must not exist or\n"
	"be empty; it appears only when everything was extracted.\n"
	"\n",
	opts,
	"\n"
	"Exit status: 0 extracted, 1 refused or unreadable archive, 2 usage.\n",
	26, ' ', 0, NULL,
};

struct state {
	const char *tarball;
	const char *dir;
	const char *output;
	bool list, json, verbose, force;
	unsigned flags;
	struct arc_limits lim;
};

static char *
default_dir(const char *tarball)
{
	static const char *const sfx[] = { ".tar.gz", ".tgz", ".tar.zst",
		".tzst", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tar", NULL };
	const char *base = strrchr(tarball, '/');
	size_t l;
	char *d;

	base = base ? base + 1 : tarball;
	d = pk_xstrdup(base);
	l = strlen(d);
	for (size_t i = 0; sfx[i]; i++) {
		size_t s = strlen(sfx[i]);

		if (l > s && strcmp(d + l - s, sfx[i]) == 0) {
			d[l - s] = '\0';
			return d;
		}
	}
	free(d);
	return pk_xasprintf("%s.d", base);
}

static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
	arc_request_stop();
}

static void
parse_args(struct state *s, int argc, char **argv)
{
	struct fe_val v;
	int c;

	arc_limits_default(&s->lim);
	while ((c = fe_getopt(argc, argv, &v)) != -1) {
		switch (c) {
		case 'C': s->dir = v.s; break;
		case 'o': s->output = v.s; break;
		case 'f': s->force = true; break;
		case OPT_LIST: s->list = true; break;
		case OPT_JSON: s->json = true; break;
		case OPT_SKIP_LINKS: s->flags |= ARC_SKIP_LINKS; break;
		case OPT_MAX_TOTAL: s->lim.max_total = v.size; break;
		case OPT_MAX_FILE: s->lim.max_file = v.size; break;
		case OPT_MAX_ENTRIES: s->lim.max_entries = (uint64_t)v.n; break;
		case OPT_MAX_RATIO: s->lim.max_ratio = v.d; break;
		case 'v': s->verbose = true; break;
		case 'q': pk_set_quiet(true); s->flags |= ARC_QUIET; break;
		}
	}
	/* allow TARBALL -C DIR as well as -C DIR TARBALL */
	if (optind < argc)
		s->tarball = argv[optind++];
	while (optind < argc) {
		if (strcmp(argv[optind], "-C") == 0 && optind + 1 < argc) {
			s->dir = argv[optind + 1];
			optind += 2;
			continue;
		}
		pk_usage_error("unexpected argument '%s'", argv[optind]);
	}
	if (s->tarball == NULL)
		pk_usage_error("no tarball given");
	if (s->list && s->json)
		pk_usage_error("--list and --json exclude each other");
	if ((s->list || s->json) && s->dir != NULL)
		pk_usage_error("--list and --json write nothing; -C makes no "
			       "sense with them");
	if (strcmp(s->tarball, "-") == 0 && s->dir == NULL && !s->list &&
	    !s->json)
		pk_usage_error("reading standard input needs -C DIR");
	if (s->output != NULL && !s->list && !s->json)
		pk_usage_error("-o goes with --list or --json");
}

int
main(int argc, char **argv)
{
	struct state s = { 0 };
	struct pk_err err = { 0 };
	struct arc_stats st;
	char *dir = NULL;

	fe_init(&tool, argc, argv);
	parse_args(&s, argc, argv);
	if (s.list || s.json) {
		struct pk_out *out = pk_out_open(s.output,
						 s.force ? PK_OUT_FORCE : 0,
						 &err);

		if (out == NULL)
			pk_err_die(&err, PK_EXIT_INPUT);
		if ((s.list ? arc_list(s.tarball, pk_out_file(out), &err)
			    : arc_describe(s.tarball, pk_out_file(out),
					   &err)) != 0) {
			pk_out_abort(out);
			pk_err_die(&err, PK_EXIT_INPUT);
		}
		if (pk_out_commit(out, &err) != 0)
			pk_err_die(&err, PK_EXIT_INPUT);
		return 0;
	}
	dir = s.dir ? pk_xstrdup(s.dir) : default_dir(s.tarball);
	/* an interrupted extraction cleans up after itself */
	fe_on_interrupt(on_signal);
	if (arc_extract(s.tarball, dir, &s.lim, s.flags, &st, &err) != 0) {
		if (got_signal) {
			fprintf(stderr, "%s: %s\n", pk_progname(), err.msg);
			fe_die_by_signal(got_signal);
		}
		pk_err_die(&err, PK_EXIT_INPUT);
	}
	if (s.verbose)
		fprintf(stderr, "prof-extract: %s: %llu members, %llu files, "
			"%llu directories, %llu skipped, %llu bytes written "
			"from %llu read, into %s\n", s.tarball,
			(unsigned long long)st.entries,
			(unsigned long long)st.files,
			(unsigned long long)st.dirs,
			(unsigned long long)st.skipped,
			(unsigned long long)st.bytes,
			(unsigned long long)st.raw, dir);
	free(dir);
	if (pk_close_stdout(&err) != 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	return 0;
}
