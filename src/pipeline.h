/* pipeline.h - the whole bug-report job: extract the report safely, run
 * its script once per mode under a time limit (each in a fresh copy),
 * convert the artifacts with the library (speedscope, heap charts, the
 * markdown summary), and pack everything into artifacts.tar.zst.
 *
 * OUTDIR after a run:
 *   NAME.eventlog            eventlog mode
 *   NAME.prof                prof mode
 *   prof-speedscope.json     from NAME.prof (or the prof-mode eventlog)
 *   heap-cost-centers.svg    heap mode (.hp, -hc)
 *   heap-cost-centers.html
 *   heap-infotables.html     infotables mode (GHC >= 9.2 only)
 *   summary.md               every mode's run, top cost centres, heap peak
 *   MODE/run.json            per mode, with MODE/output.log and the
 *                            mode's other artifacts
 *   artifacts.tar.zst        all of the above
 * One failing mode never stops the others.
 */
#ifndef PK_PIPELINE_H
#define PK_PIPELINE_H

#include <stdbool.h>

#include "archive_extract.h"
#include "diag.h"
#include "run.h"

#define PL_MAX_MODES 8

struct pl_opts {
	const char *tarball;
	const char *outdir;
	enum run_mode modes[PL_MAX_MODES];
	size_t nmodes;
	const char *bin_dir;        /* plain build: eventlog, plain */
	const char *prof_bin_dir;   /* profiled build: prof, prof-json, heap */
	const char *infotable_bin_dir; /* -finfo-table-map build: infotables */
	const char *rts;            /* extra RTS flags for every mode */
	double timeout, grace, kill_after;
	bool force;                 /* OUTDIR may hold a previous run */
	bool keep_work;             /* keep OUTDIR/.work */
	bool quiet;                 /* no progress lines */
	unsigned extract_flags;     /* ARC_SKIP_LINKS */
	struct arc_limits limits;
};

/* Defaults: the four modes eventlog, prof, heap, infotables; 4m/30s/5s. */
void pl_opts_default(struct pl_opts *o);
/* "eventlog,prof,heap" into o->modes.  Returns 0 or -1. */
int pl_parse_modes(struct pl_opts *o, const char *list);

/* Run the pipeline.  Returns 0 when every mode and conversion succeeded
 * (a mode refused for its GHC version counts as skipped, not failed), 1
 * when something failed (the rest was still done), -1 with err set when
 * nothing could be done (bad tarball, unusable OUTDIR). */
int pl_run(const struct pl_opts *o, struct pk_err *err);

#endif
