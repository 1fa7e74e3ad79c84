/* cli.h - conventions every tool's command line follows. */
#ifndef PK_CLI_H
#define PK_CLI_H

#include <stdio.h>

/* "PROG (profkit) X.Y.Z" and the versions of the libraries in use. */
void pk_print_version(FILE *f, const char *prog);

/* Parse "4m", "30s", "1.5h", "250ms", "90" (seconds) into seconds.
 * Returns 0, or -1 if the text is not a duration. */
int pk_parse_duration(const char *s, double *seconds);

/* Parse a non-negative decimal count with an optional k/M/G suffix
 * (powers of 1024 for byte sizes).  Returns 0 or -1. */
int pk_parse_size(const char *s, unsigned long long *out);

/* strtod/strtoll with full checks: the whole string must be a number. */
int pk_parse_double(const char *s, double *out);
int pk_parse_ll(const char *s, long long *out);

#endif
