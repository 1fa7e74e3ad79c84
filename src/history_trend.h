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

/* A change point for the worse among a series' last k points, and the
 * acknowledgement that covers it (NULL: none). */
struct hist_trend_change {
	const struct hist_series *series;
	size_t point;      /* index of the first point of the new level */
	double worse;      /* the change, > 0: worse by that fraction */
	char *ack_reason;  /* prof-history ack's reason, or NULL */
};
int hist_trend_recent_changes(struct hist_db *db,
			      const struct hist_series *s, size_t n,
			      size_t k, struct hist_trend_change **out,
			      size_t *nout, struct pk_err *err);
void hist_trend_changes_free(struct hist_trend_change *c, size_t n);

/* "BENCH: change at point I (commit C, date D): before -> after (+x%)". */
void hist_trend_text(FILE *f, const struct hist_series *s, size_t n);
void hist_trend_json(FILE *f, const struct hist_series *s, size_t n);
/* One panel per series, change points marked.  title may be NULL. */
int hist_trend_svg(FILE *f, const struct hist_series *s, size_t n,
		   const char *title, struct pk_err *err);
int hist_trend_html(FILE *f, const struct hist_series *s, size_t n,
		    const char *title, struct pk_err *err);

#endif
