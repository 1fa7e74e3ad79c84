/* output.h - the output-file policy, written once for every tool and
 * for the library's own outputs (prof-pipeline, prof-run).
 *
 * - A regular file (or a new name) is written through a temporary file
 *   ".BASE.tmp.PID.XXXXXX" in the same directory; pk_out_commit() flushes,
 *   checks for write errors and renames it into place.  A failed run never
 *   leaves a half-written output and never touches an existing file.
 * - An existing regular target is replaced only with PK_OUT_FORCE;
 *   otherwise opening (and committing) fails with "FILE: already exists
 *   (use --force ...)".
 * - A target that is not a regular file - a character device, FIFO,
 *   socket, a symlink to one, anything under /dev/ or /proc/ such as
 *   /dev/stdout - is written in place and never replaced, with or
 *   without PK_OUT_FORCE (so "-o /dev/null" needs no -f).
 * - "-" or NULL means stdout, which is flushed and checked on commit.
 * - Open the output only once the input was opened and recognised, so a
 *   bad input leaves nothing behind.
 * - Temporary files of our naming beside the target whose process is gone
 *   and that are older than PK_OUT_STALE_AGE seconds (a SIGKILLed run's)
 *   are removed when the next run opens the same target.
 * The library never touches signals: the front end (fe/fe.h) calls
 * pk_out_remove_pending() at exit and from its fatal-signal handler.
 */
#ifndef PK_OUTPUT_H
#define PK_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"

#define PK_OUT_FORCE 0x1 /* replace an existing file */
#define PK_OUT_STALE_AGE 60 /* seconds before a dead run's temp is removed */

struct pk_out;

struct pk_out *pk_out_open(const char *path, unsigned flags,
			   struct pk_err *err);
FILE *pk_out_file(struct pk_out *out);
const char *pk_out_name(const struct pk_out *out);
/* Returns 0, or -1 with err set (the temporary file is then removed). */
int pk_out_commit(struct pk_out *out, struct pk_err *err);
/* Discard: remove the temporary file. */
void pk_out_abort(struct pk_out *out);

/* Is NAME in DIR a temporary file or directory of our naming (PREFIX +
 * "PID.XXXXXX") that a dead run left, older than PK_OUT_STALE_AGE?
 * (prof-extract's ".prof-extract." directories use it too.) */
bool pk_temp_is_stale(const char *dir, const char *name, const char *prefix);

/* Unlink every pending temporary file; async-signal-safe enough for a
 * fatal-signal handler (unlink only). */
void pk_out_remove_pending(void);

/* Check and close stdout at the end of a tool (for pipes: jq's rule). */
int pk_close_stdout(struct pk_err *err);

#endif
