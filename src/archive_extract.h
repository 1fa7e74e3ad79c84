/* archive_extract.h - safe extraction of bug-report tarballs, listing,
 * report description, and .tar.zst packing (libarchive).
 *
 * Only the tar formats (ustar, pax, GNU) and the gzip, xz, zstd and bzip2
 * filters are enabled.  Extraction is defensive: tarballs come from
 * strangers.
 *   - only regular files and directories are written; symbolic links,
 *     hard links, devices, FIFOs and sockets are refused (ARC_SKIP_LINKS:
 *     skipped with a warning instead);
 *   - names are checked after pax/GNU long-name processing: not empty, not
 *     absolute, no ".." component, no control characters, length and depth
 *     limits;
 *   - everything is written relative to directory descriptors opened with
 *     O_NOFOLLOW inside a fresh temporary directory, so nothing can be
 *     written through a symbolic link or outside that directory;
 *   - modes are 0644, or 0755 when any execute bit is set: never setuid;
 *   - budgets (total bytes, bytes per file, entries, expansion ratio
 *     against the compressed bytes consumed) are counted on what is
 *     actually written, not on header claims;
 *   - the temporary directory is renamed into place only on success; on
 *     any failure it is removed.
 */
#ifndef PK_ARCHIVE_EXTRACT_H
#define PK_ARCHIVE_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"

struct arc_limits {
	uint64_t max_total;   /* bytes written in all */
	uint64_t max_file;    /* bytes written to one file */
	uint64_t max_entries; /* archive members, skipped ones included */
	double max_ratio;     /* bytes written / compressed bytes read */
	uint64_t ratio_floor; /* the ratio applies once this much is written */
	size_t max_name;      /* bytes in a member name */
	size_t max_depth;     /* components in a member name */
};

#define ARC_SKIP_LINKS 0x1 /* skip links/devices/FIFOs with a warning */
#define ARC_QUIET 0x2      /* no warnings */

/* The defaults: 8 GiB total, 4 GiB per file, 50000 entries, ratio 200
 * beyond 1 MiB, names of 1024 bytes and 32 components. */
void arc_limits_default(struct arc_limits *lim);

struct arc_stats {
	uint64_t entries;  /* members read */
	uint64_t files;    /* regular files written */
	uint64_t dirs;     /* directories created */
	uint64_t skipped;  /* members skipped (ARC_SKIP_LINKS) */
	uint64_t bytes;    /* bytes written */
	uint64_t raw;      /* compressed bytes read */
};

/* Extract archive PATH ("-" for stdin) into DEST, which must not exist or
 * be an empty directory.  Returns 0, or -1 with err set and nothing left
 * behind (DEST untouched). */
int arc_extract(const char *path, const char *dest,
		const struct arc_limits *lim, unsigned flags,
		struct arc_stats *st, struct pk_err *err);

/* Check one member name; returns NULL if acceptable, or a static reason. */
const char *arc_check_name(const char *name, const struct arc_limits *lim);

/* Print "TYPE SIZE NAME" per member without writing anything. */
int arc_list(const char *path, FILE *out, struct pk_err *err);

/* A kore-exec.sh script, parsed as data. */
struct arc_option {
	char *name;  /* "--module" (or NULL for a positional argument) */
	char *value; /* NULL for a flag */
};

struct arc_script {
	char *command;      /* "kore-exec" */
	char **argv;        /* the arguments after the command, "$@" dropped */
	size_t argc;
	bool passes_args;   /* ends in "$@" */
	struct arc_option *opts;
	size_t nopts;
};

/* Parse the text of a report script (#!/bin/sh, exec CMD \ ...). Returns 0
 * or -1 with err set (NAME:LINE: reason). */
int arc_script_parse(const char *text, size_t len, const char *name,
		     struct arc_script *sc, struct pk_err *err);
void arc_script_free(struct arc_script *sc);
/* The value of option NAME ("--module"), or NULL. */
const char *arc_script_get(const struct arc_script *sc, const char *name);

/* Describe the report in archive PATH as JSON (flavour, script, options,
 * inputs, members).  Nothing is written to disk. */
int arc_describe(const char *path, FILE *out, struct pk_err *err);

/* Describe an already extracted report directory: finds the script.
 * *script (malloc'd) is the script's name relative to DIR, *flavour is
 * "exec", "rpc" or "unknown".  sc is filled when a script was parsed. */
int arc_describe_dir(const char *dir, char **script, const char **flavour,
		     struct arc_script *sc, struct pk_err *err);

/* Pack the regular files FILES[0..n) (paths; stored under their base
 * names, or under NAMES[i] when NAMES is non-NULL) into a .tar.zst at
 * PATH, atomically (outflags: PK_OUT_FORCE to replace). */
int arc_pack_zst(const char *path, const char *const *files,
		 const char *const *names, size_t n, unsigned outflags,
		 struct pk_err *err);

#endif
