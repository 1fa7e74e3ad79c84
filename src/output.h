/* output.h - atomic output files.
 *
 * pk_out_open("out.json") writes to a temporary file in the same directory;
 * pk_out_commit() flushes, checks for write errors and renames it into
 * place.  If the tool fails or exits before committing, the temporary file
 * is removed (also on fatal signals), so a failed run never leaves a
 * half-written output and never touches an existing file.
 *
 * An existing target is replaced only with PK_OUT_FORCE; otherwise opening
 * (and committing) fails with "FILE: already exists (use --force ...)".
 * "-" or NULL means stdout, which is flushed and checked on commit.
 */
#ifndef PK_OUTPUT_H
#define PK_OUTPUT_H

#include <stdio.h>

#include "diag.h"

#define PK_OUT_FORCE 0x1 /* replace an existing file */

struct pk_out;

struct pk_out *pk_out_open(const char *path, unsigned flags,
			   struct pk_err *err);
FILE *pk_out_file(struct pk_out *out);
const char *pk_out_name(const struct pk_out *out);
/* Returns 0, or -1 with err set (the temporary file is then removed). */
int pk_out_commit(struct pk_out *out, struct pk_err *err);
/* Discard: remove the temporary file. */
void pk_out_abort(struct pk_out *out);

/* Check and close stdout at the end of a tool (for pipes: jq's rule). */
int pk_close_stdout(struct pk_err *err);

#endif
