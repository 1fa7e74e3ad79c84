/* compare_openmetrics.c - prof-compare --format openmetrics: the result
 * as OpenMetrics text (the Prometheus exposition format that GitLab's
 * merge-request metrics report reads), so a CI job can publish every
 * benchmark's medians and ratio and the verdict counts as metrics.
 *
 * Families (all gauges, each grouped, the text ends with "# EOF"):
 *   profkit_compare_benchmarks{verdict}             rows per verdict
 *   profkit_compare_geomean_ratio                   when defined
 *   profkit_benchmark_baseline_median{benchmark,metric,unit}
 *   profkit_benchmark_current_median{...}
 *   profkit_benchmark_ratio{...}                    current / baseline
 *   profkit_benchmark_regression{...}               1 when regressed
 * A benchmark absent on one side has no sample for that side's median
 * nor a ratio.  Values are the shortest text that reads back exactly.
 * prof-history check adds its budget family before the "# EOF" with
 * cmp_write_openmetrics_families.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "compare_private.h"

static void
om_value(FILE *f, double v)
{
	char buf[40];

	if (isnan(v)) {
		fputs("NaN", f);
		return;
	}
	if (isinf(v)) {
		fputs(v > 0 ? "+Inf" : "-Inf", f);
		return;
	}
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	fputs(buf, f);
}

/* a label value: backslash, double quote and newline escaped */
static void
om_label(FILE *f, const char *key, const char *s, int first)
{
	fprintf(f, "%s%s=\"", first ? "" : ",", key);
	for (; s && *s; s++) {
		if (*s == '\\')
			fputs("\\\\", f);
		else if (*s == '"')
			fputs("\\\"", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static void
om_family(FILE *f, const char *name, const char *help)
{
	fprintf(f, "# TYPE %s gauge\n# HELP %s %s\n", name, name, help);
}

static void
om_row_sample(FILE *f, const char *name, const struct cmp_row *r, double v)
{
	fputs(name, f);
	fputc('{', f);
	om_label(f, "benchmark", r->name, 1);
	om_label(f, "metric", r->metric, 0);
	om_label(f, "unit", r->unit, 0);
	fputs("} ", f);
	om_value(f, v);
	fputc('\n', f);
}

void
cmp_write_openmetrics_families(FILE *f, const struct cmp_result *res)
{
	static const struct {
		const char *verdict;
		size_t off;
	} counts[] = {
		{"regression", offsetof(struct cmp_result, n_reg)},
		{"improvement", offsetof(struct cmp_result, n_imp)},
		{"suspect", offsetof(struct cmp_result, n_sus)},
		{"unchanged", offsetof(struct cmp_result, n_unch)},
		{"failed", offsetof(struct cmp_result, n_failed)},
		{"added", offsetof(struct cmp_result, n_added)},
		{"removed", offsetof(struct cmp_result, n_removed)},
	};
	size_t i;

	om_family(f, "profkit_compare_benchmarks",
		  "Benchmarks per verdict of prof-compare.");
	for (i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		const size_t *n = (const size_t *)(const void *)
			((const char *)res + counts[i].off);
		fprintf(f, "profkit_compare_benchmarks{verdict=\"%s\"} %zu\n",
			counts[i].verdict, *n);
	}
	if (!isnan(res->geomean)) {
		om_family(f, "profkit_compare_geomean_ratio",
			  "Geometric mean of the current/baseline ratios "
			  "(oriented so that above 1 is worse).");
		fputs("profkit_compare_geomean_ratio ", f);
		om_value(f, res->geomean);
		fputc('\n', f);
	}

	om_family(f, "profkit_benchmark_baseline_median",
		  "Median of the baseline run's samples.");
	for (i = 0; i < res->n; i++)
		if (res->rows[i].base && res->rows[i].n1 > 0)
			om_row_sample(f, "profkit_benchmark_baseline_median",
				      &res->rows[i], res->rows[i].med1);
	om_family(f, "profkit_benchmark_current_median",
		  "Median of the current run's samples.");
	for (i = 0; i < res->n; i++)
		if (res->rows[i].cur && res->rows[i].n2 > 0)
			om_row_sample(f, "profkit_benchmark_current_median",
				      &res->rows[i], res->rows[i].med2);
	om_family(f, "profkit_benchmark_ratio",
		  "Ratio of the medians, current / baseline.");
	for (i = 0; i < res->n; i++)
		if (res->rows[i].base && res->rows[i].cur &&
		    res->rows[i].n1 > 0 && res->rows[i].n2 > 0)
			om_row_sample(f, "profkit_benchmark_ratio",
				      &res->rows[i], res->rows[i].ratio);
	om_family(f, "profkit_benchmark_regression",
		  "1 when prof-compare called the benchmark regressed.");
	for (i = 0; i < res->n; i++)
		om_row_sample(f, "profkit_benchmark_regression", &res->rows[i],
			      res->rows[i].verdict == CMP_REGRESSION ? 1 : 0);
}

void
cmp_write_openmetrics(FILE *f, const struct cmp_result *res)
{
	cmp_write_openmetrics_families(f, res);
	fputs("# EOF\n", f);
}
