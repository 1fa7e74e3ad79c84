/* compare_write.c - a comparison's report in the format asked for: the
 * dispatch over the writers (text, GFM and JSON in compare.c, HTML in
 * compare_html.c, OpenMetrics in compare_openmetrics.c), kept apart so
 * that the model never depends on a report module. */
#include "config.h"

#include <stdio.h>

#include "compare_private.h"

int
cmp_write(FILE *f, enum cmp_format fmt, const struct cmp_result *res,
	  struct pk_err *err)
{
	switch (fmt) {
	case CMP_FMT_GFM: cmp_write_gfm(f, res); return 0;
	case CMP_FMT_TEXT: cmp_write_text(f, res); return 0;
	case CMP_FMT_JSON: cmp_write_json(f, res); return 0;
	case CMP_FMT_HTML: return cmp_write_html(f, res, err);
	case CMP_FMT_OPENMETRICS: cmp_write_openmetrics(f, res); return 0;
	}
	return 0;
}
