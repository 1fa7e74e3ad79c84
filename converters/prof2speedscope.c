/* prof2speedscope - a GHC cost-centre profile (.prof text or -pj JSON) as
 * speedscope JSON or folded stacks.
 *
 *   prof2speedscope [OPTIONS] [FILE|-]
 *
 * Parse (src/prof_read.c) -> convert and emit (src/prof_speedscope.c).
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fe.h"
#include "output.h"
#include "prof.h"
#include "prof_speedscope.h"

struct opts {
	const char *input;
	const char *output;
	unsigned out_flags;
	bool folded;
	bool weight_given;
	enum prof_weight weight;
};

enum { OPT_FOLDED = 256 };

static const struct fe_opt opts[] = {
	FE_OPT_OUTPUT("write to FILE instead of stdout (atomic)"),
	FE_OPT_FORCE("replace an existing output file"),
	{ OPT_FOLDED, "folded", FE_FLAG, NULL, 0, 0,
	  "write folded stacks (\"Mod.f;Mod.g N\")\n"
	  "for flamegraph.pl or inferno instead", 0 },
	{ 'w', "weight", FE_STRING, "W", 0, 0,
	  "time, alloc, or both (speedscope only;\n"
	  "default both; --folded: time)", 0 },
	FE_OPT_QUIET("no warnings"),
	FE_OPT_HELP("show this help and exit"),
	FE_OPT_VERSION("show the version and exit"),
	FE_END
};

static const struct fe_tool tool = {
	"prof2speedscope",
	"Usage: prof2speedscope [OPTIONS] [FILE|-]\n"
	"Convert a GHC cost-centre profile (.prof text from +RTS -p/-P/-pa,\n"
	"or JSON from -pj) to speedscope JSON: a time profile (ticks x\n"
	"tick interval, in ns) and an allocation profile (bytes).\n"
	"\n",
	opts, NULL, 23, ' ', 0, NULL,
};

int
main(int argc, char **argv)
{
	struct opts o = { .weight = PROF_W_BOTH };
	struct pk_err err = { NULL };
	struct prof *p;
	struct pk_out *out;
	struct fe_val v;
	int c, rc;

	fe_init(&tool, argc, argv);
	while ((c = fe_getopt(argc, argv, &v)) != -1) {
		switch (c) {
		case 'o': o.output = v.s; break;
		case 'f': o.out_flags |= PK_OUT_FORCE; break;
		case OPT_FOLDED: o.folded = true; break;
		case 'w':
			o.weight_given = true;
			if (strcmp(v.s, "time") == 0 ||
			    strcmp(v.s, "ticks") == 0)
				o.weight = PROF_W_TIME;
			else if (strcmp(v.s, "alloc") == 0 ||
				 strcmp(v.s, "bytes") == 0)
				o.weight = PROF_W_ALLOC;
			else if (strcmp(v.s, "both") == 0)
				o.weight = PROF_W_BOTH;
			else
				pk_usage_error("--weight: '%s' is not time, "
					       "alloc or both", v.s);
			break;
		case 'q': pk_set_quiet(true); break;
		}
	}
	if (argc - optind > 1)
		pk_usage_error("one input at a time (got %d)", argc - optind);
	o.input = optind < argc ? argv[optind] : "-";
	if (o.folded && o.weight == PROF_W_BOTH) {
		if (o.weight_given)
			pk_usage_error("--folded takes one weight: --weight "
				       "time or --weight alloc");
		o.weight = PROF_W_TIME;
	}

	if ((p = prof_read_file(o.input, &err)) == NULL)
		pk_err_die(&err, PK_EXIT_INPUT);
	if (p->problem != NULL)
		pk_warn("%s (converting what was read)", p->problem);
	if (!p->has_counts && p->nnodes > 0)
		pk_warn("%s: no per-row ticks/bytes (a -p profile): weights "
			"are apportioned from the rounded percentages; use "
			"+RTS -P or -pj for exact ones", p->name);
	if ((out = pk_out_open(o.output, o.out_flags, &err)) == NULL)
		pk_err_die(&err, PK_EXIT_INPUT);
	if (o.folded) {
		rc = prof_write_folded(p, pk_out_file(out), o.weight);
		if (rc < 0)
			pk_err_set(&err, "%s: write error: %s", pk_out_name(out),
				   strerror(errno ? errno : EIO));
	} else {
		char *exporter = pk_xasprintf("prof2speedscope@%s",
					      PACKAGE_VERSION);

		rc = prof_write_speedscope(p, pk_out_file(out), o.weight,
					   exporter, &err);
		free(exporter);
	}
	prof_free(p);
	if (rc < 0) {
		pk_out_abort(out);
		pk_err_die(&err, PK_EXIT_INPUT);
	}
	if (pk_out_commit(out, &err) < 0 || pk_close_stdout(&err) < 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	return PK_EXIT_OK;
}
