/* history_cp.c - change points in a benchmark's history.
 *
 * The model: the series is piecewise constant plus noise.  We pick the
 * segmentation that minimises
 *
 *     sum over segments of  sum |x_i - median(segment)| / b   +   beta * (#segments)
 *
 * by exact dynamic programming (optimal partitioning, the L1 Potts problem).
 * The L1 cost is the negative log-likelihood of Laplace noise with scale b:
 * it is robust: a segment's median ignores a minority of wild points.  So
 * with a minimum segment length of m points, bursts of up to (m-1)/2
 * consecutive wild runs can never pay for the two change points they would
 * need: m = 2 already ignores one-run blips; the default m = 5 also
 * ignores two-run bursts, as when a shared CI machine is busy for a while
 * (seen in this project's own tests), at the price of reporting a new
 * level only once it has lasted five runs.  b comes from a
 * robust estimate of the noise (median absolute first difference, which a
 * few level shifts do not disturb), and beta = penalty * ln(n) is a
 * BIC-style price per change (two parameters: position and new level).
 *
 * When every value is positive the fit runs on their logarithms: benchmark
 * noise is proportional to the level (a 3x slower program also wobbles 3x
 * more in absolute terms), and on a log scale one noise estimate fits every
 * level, and a level change is a ratio.
 *
 * Cost: O(n^2 log n) time, O(n) memory (the median and absolute deviation
 * of every segment ending at t are kept incrementally in two heaps).
 */
#include "config.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"

#define DEFAULT_PENALTY 3.0
#define DEFAULT_MIN_SEGMENT 5

/* Two heaps: lo is a max-heap of the smaller half (one extra when odd),
 * hi a min-heap of the larger half; their sums give sum |x - median|. */
struct medheap {
	double *lo, *hi;
	size_t nlo, nhi;
	double slo, shi;
};

static void
heap_push(double *h, size_t *n, double v, int sign)
{
	size_t i = (*n)++;

	/* sign +1: max-heap; -1: min-heap */
	while (i > 0) {
		size_t p = (i - 1) / 2;

		if (sign * h[p] >= sign * v)
			break;
		h[i] = h[p];
		i = p;
	}
	h[i] = v;
}

static double
heap_pop(double *h, size_t *n, int sign)
{
	double top = h[0], v = h[--(*n)];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= *n)
			break;
		if (c + 1 < *n && sign * h[c + 1] > sign * h[c])
			c++;
		if (sign * v >= sign * h[c])
			break;
		h[i] = h[c];
		i = c;
	}
	if (*n > 0)
		h[i] = v;
	return top;
}

static void
mh_add(struct medheap *m, double v)
{
	if (m->nlo == 0 || v <= m->lo[0]) {
		heap_push(m->lo, &m->nlo, v, 1);
		m->slo += v;
	} else {
		heap_push(m->hi, &m->nhi, v, -1);
		m->shi += v;
	}
	if (m->nlo > m->nhi + 1) {
		double x = heap_pop(m->lo, &m->nlo, 1);

		m->slo -= x;
		heap_push(m->hi, &m->nhi, x, -1);
		m->shi += x;
	} else if (m->nhi > m->nlo) {
		double x = heap_pop(m->hi, &m->nhi, -1);

		m->shi -= x;
		heap_push(m->lo, &m->nlo, x, 1);
		m->slo += x;
	}
}

static double
mh_cost(const struct medheap *m)
{
	double med = m->lo[0];
	double c = (m->shi - med * (double)m->nhi) +
		   (med * (double)m->nlo - m->slo);

	return c > 0 ? c : 0;
}

double
hist_cp_noise(const double *x, size_t n)
{
	double *d, s;

	if (n < 2)
		return 0;
	d = pk_xmalloc((n - 1) * sizeof *d);
	for (size_t i = 0; i + 1 < n; i++)
		d[i] = fabs(x[i + 1] - x[i]);
	/* For Gaussian noise |x_{i+1} - x_i| has median 0.6745 * sqrt(2) sigma. */
	s = hist_median(d, n - 1) / (0.6744897501960817 * M_SQRT2);
	if (s <= 0) {
		/* Exactly repeated values (coarse timers): fall back to the
		 * spread of the values themselves, then to a tiny scale. */
		double med, *a = pk_xmalloc(n * sizeof *a);

		memcpy(a, x, n * sizeof *a);
		med = hist_median(a, n);
		for (size_t i = 0; i < n; i++)
			a[i] = fabs(x[i] - med);
		s = 1.4826 * hist_median(a, n);
		if (s <= 0)
			s = 1e-9 * (fabs(med) > 0 ? fabs(med) : 1);
		free(a);
	}
	free(d);
	return s;
}

static double
seg_median(const double *x, size_t a, size_t b, double *tmp)
{
	memcpy(tmp, x + a, (b - a) * sizeof *tmp);
	return hist_median(tmp, b - a);
}

size_t
hist_cp_detect(const double *x, size_t n, const struct hist_cp_opts *o,
	       size_t *cp)
{
	double pen = o && o->penalty > 0 ? o->penalty : DEFAULT_PENALTY;
	size_t minseg = o && o->min_segment > 0 ? o->min_segment
						: DEFAULT_MIN_SEGMENT;
	double min_change = o ? o->min_change : 0;
	double sigma, b, beta, *F, *tmp, *y;
	size_t *last, ncp = 0;
	struct medheap mh;
	bool positive = true;
	const double *orig = x;

	if (n < 2 * minseg)
		return 0;
	for (size_t i = 0; i < n; i++)
		positive &= x[i] > 0;
	y = pk_xmalloc(n * sizeof *y);
	for (size_t i = 0; i < n; i++)
		y[i] = positive ? log(x[i]) : x[i];
	x = y;
	sigma = hist_cp_noise(x, n);
	b = sigma / M_SQRT2; /* Laplace scale with the same variance */
	beta = pen * log((double)n);

	F = pk_xmalloc((n + 1) * sizeof *F);
	last = pk_xmalloc((n + 1) * sizeof *last);
	mh.lo = pk_xmalloc(n * sizeof *mh.lo);
	mh.hi = pk_xmalloc(n * sizeof *mh.hi);
	F[0] = -beta;
	last[0] = 0;
	for (size_t t = 1; t <= n; t++) {
		F[t] = INFINITY;
		last[t] = 0;
		mh.nlo = mh.nhi = 0;
		mh.slo = mh.shi = 0;
		/* segment [s, t): add x[s] as s walks down */
		for (size_t s = t; s-- > 0;) {
			double c;

			mh_add(&mh, x[s]);
			if (t - s < minseg || !isfinite(F[s]))
				continue;
			c = F[s] + mh_cost(&mh) / b + beta;
			if (c < F[t]) {
				F[t] = c;
				last[t] = s;
			}
		}
	}
	/* backtrack: segment starts, collected in reverse */
	for (size_t t = n; t > 0;) {
		size_t s = last[t];

		if (s > 0)
			cp[ncp++] = s;
		t = s;
	}
	for (size_t i = 0; i < ncp / 2; i++) {
		size_t tt = cp[i];

		cp[i] = cp[ncp - 1 - i];
		cp[ncp - 1 - i] = tt;
	}
	free(F);
	free(last);
	free(mh.lo);
	free(mh.hi);
	free(y);
	x = orig;

	/* Drop level changes smaller than min_change (relative), weakest
	 * first, re-measuring the merged segments each time. */
	tmp = pk_xmalloc(n * sizeof *tmp);
	while (min_change > 0 && ncp > 0) {
		size_t weakest = 0;
		double wrel = INFINITY;

		for (size_t i = 0; i < ncp; i++) {
			size_t a = i ? cp[i - 1] : 0;
			size_t e = i + 1 < ncp ? cp[i + 1] : n;
			double m1 = seg_median(x, a, cp[i], tmp);
			double m2 = seg_median(x, cp[i], e, tmp);
			double den = fabs(m1) > 0 ? fabs(m1) : 1e-300;
			double rel = fabs(m2 - m1) / den;

			if (rel < wrel) {
				wrel = rel;
				weakest = i;
			}
		}
		if (wrel >= min_change)
			break;
		memmove(cp + weakest, cp + weakest + 1,
			(ncp - weakest - 1) * sizeof *cp);
		ncp--;
	}
	free(tmp);
	return ncp;
}
