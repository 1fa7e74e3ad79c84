/* fmt.c - the one way each kind of figure is written (see fmt.h). */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"

void
fmt_value(char *buf, size_t n, double v, const char *unit)
{
	if (unit == NULL)
		unit = "";
	if (isnan(v)) {
		snprintf(buf, n, "-");
		return;
	}
	if (strcmp(unit, "s") == 0) {
		double a = fabs(v);

		if (a == 0)
			snprintf(buf, n, "0 s");
		else if (a < 1e-6)
			snprintf(buf, n, "%.4g ns", v * 1e9);
		else if (a < 1e-3)
			snprintf(buf, n, "%.4g \xc2\xb5s", v * 1e6);
		else if (a < 1)
			snprintf(buf, n, "%.4g ms", v * 1e3);
		else
			snprintf(buf, n, "%.4g s", v);
		return;
	}
	if (strcmp(unit, "B") == 0 || strcmp(unit, "B*s") == 0) {
		static const char *const pre[] = {"", "Ki", "Mi", "Gi", "Ti"};
		double a = fabs(v);
		int k = 0;

		while (a >= 1024 && k < 4) {
			a /= 1024;
			v /= 1024;
			k++;
		}
		snprintf(buf, n, "%.4g %s%s", v, pre[k], unit);
		return;
	}
	snprintf(buf, n, "%.4g%s%s", v, unit[0] ? " " : "", unit);
}

void
fmt_grouped(char *buf, size_t n, uint64_t v)
{
	char tmp[32];
	int len = snprintf(tmp, sizeof tmp, "%" PRIu64, v);
	size_t o = 0;

	for (int i = 0; i < len && o + 1 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0 && o + 2 < n)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
}

void
fmt_md_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (strchr("|\\`*_[]<>#", *s) != NULL)
			fputc('\\', f);
		fputc(*s, f);
	}
}
