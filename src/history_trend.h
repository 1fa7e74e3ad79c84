/* history_trend.h - per-benchmark series over commits, their change points,
 * and the charts: text/JSON summaries, a cairo SVG, a self-contained HTML
 * page (libxml2; inline SVG, CSS and script, no network). */
#ifndef PK_HISTORY_TREND_H
#define PK_HISTORY_TREND_H

#include <stdio.h>

#include "history.h"

/* Detect the change points of every series (fills s[i].cp). */
void hist_trend_changepoints(struct hist_series *s, size_t n,
			     const struct hist_cp_opts *o);

/* The relative change of the level at change point k of s (0.3 = +30 %),
 * positive when worse (higher_is_better taken into account). */
double hist_trend_cp_change(const struct hist_series *s, size_t k);

/* "BENCH: change at point I (commit C, date D): before -> after (+x%)". */
void hist_trend_text(FILE *f, const struct hist_series *s, size_t n);
void hist_trend_json(FILE *f, const struct hist_series *s, size_t n);
/* One panel per series, change points marked.  title may be NULL. */
int hist_trend_svg(FILE *f, const struct hist_series *s, size_t n,
		   const char *title, struct pk_err *err);
int hist_trend_html(FILE *f, const struct hist_series *s, size_t n,
		    const char *title, struct pk_err *err);

#endif
