/* cli.h - checked number parsing for the library and the front end.
 * The command-line value rules (durations, sizes, percentages, ranges)
 * are the front end's: fe/fe.h. */
#ifndef PK_CLI_H
#define PK_CLI_H

/* strtod/strtoll with full checks: the whole string must be a number. */
int pk_parse_double(const char *s, double *out);
int pk_parse_ll(const char *s, long long *out);

#endif
