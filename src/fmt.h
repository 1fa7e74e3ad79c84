/* fmt.h - the one way each kind of figure is written in reports.
 *
 * fmt_value: a measured value with its unit - seconds with an SI prefix
 * ("1.234 ms"), bytes with a binary prefix ("2 KiB", also "B*s"), other
 * units as "%.4g UNIT"; NaN is "-".  Every report (prof-compare,
 * prof-history check/show/trend) formats values through it, so the same
 * 2048-byte figure reads the same everywhere.
 * fmt_grouped: an integer with thousands separators ("7,673,432").
 * fmt_md_escape: text for a Markdown table cell or heading.
 */
#ifndef PK_FMT_H
#define PK_FMT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

void fmt_value(char *buf, size_t n, double v, const char *unit);
void fmt_grouped(char *buf, size_t n, uint64_t v);
void fmt_md_escape(FILE *f, const char *s);

#endif
