/* compare_private.h - what compare.c, compare_html.c, compare_openmetrics.c
 * and compare_write.c share and no other module uses. */
#ifndef PK_COMPARE_PRIVATE_H
#define PK_COMPARE_PRIVATE_H

#include <stdbool.h>
#include <stdio.h>

#include "compare.h"

/* compare_openmetrics.c: OpenMetrics text (GitLab's metrics report) */
void cmp_write_openmetrics(FILE *f, const struct cmp_result *res);

/* The verdict with how it came about: "suspect (too few samples)". */
void cmp_fmt_verdict(char *buf, size_t n, const struct cmp_row *r);
/* The decision rule in words, with the options in force, and notes on
 * rows without statistics (md: bold lead-in). */
void cmp_write_rule(FILE *f, const struct cmp_result *res, bool md);

#endif
