/* stats.c - medians, bootstrap intervals, Mann-Whitney U, FDR. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "stats.h"

static int
dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void
stats_sort(double *x, size_t n)
{
	if (n > 1)
		qsort(x, n, sizeof *x, dcmp);
}

double
stats_median_sorted(const double *x, size_t n)
{
	if (n == 0)
		return NAN;
	if (n % 2)
		return x[n / 2];
	return (x[n / 2 - 1] + x[n / 2]) / 2;
}

double
stats_median(const double *x, size_t n)
{
	double *c, m;

	if (n == 0)
		return NAN;
	c = pk_xmalloc(n * sizeof *c);
	memcpy(c, x, n * sizeof *c);
	stats_sort(c, n);
	m = stats_median_sorted(c, n);
	free(c);
	return m;
}

double
stats_robust_sd(const double *x, size_t n)
{
	double *d, med, mad, mean, ss = 0;

	if (n < 2)
		return NAN;
	med = stats_median(x, n);
	d = pk_xmalloc(n * sizeof *d);
	for (size_t i = 0; i < n; i++)
		d[i] = fabs(x[i] - med);
	mad = stats_median(d, n);
	free(d);
	if (mad > 0)
		return 1.4826 * mad;
	mean = stats_mean(x, n);
	for (size_t i = 0; i < n; i++)
		ss += (x[i] - mean) * (x[i] - mean);
	return sqrt(ss / (double)(n - 1));
}

double
stats_mean(const double *x, size_t n)
{
	double s = 0;

	if (n == 0)
		return NAN;
	for (size_t i = 0; i < n; i++)
		s += x[i];
	return s / (double)n;
}

double
stats_geomean(const double *x, size_t n)
{
	double s = 0;

	if (n == 0)
		return NAN;
	for (size_t i = 0; i < n; i++) {
		if (!(x[i] > 0))
			return NAN;
		s += log(x[i]);
	}
	return exp(s / (double)n);
}

/* ---- generator: splitmix64 seeding xoshiro256** ------------------ */

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
stats_rng_seed(struct stats_rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
stats_rng_next(struct stats_rng *r)
{
	uint64_t *s = r->s;
	uint64_t res = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return res;
}

uint64_t
stats_rng_below(struct stats_rng *r, uint64_t n)
{
	/* Lemire's multiply-and-shift with rejection: unbiased, and a
	 * division only in the rare rejection branch. */
	unsigned __int128 m;
	uint64_t lo;

	if (n <= 1)
		return 0;
	m = (unsigned __int128)stats_rng_next(r) * n;
	lo = (uint64_t)m;
	if (lo < n) {
		uint64_t t = -n % n;

		while (lo < t) {
			m = (unsigned __int128)stats_rng_next(r) * n;
			lo = (uint64_t)m;
		}
	}
	return (uint64_t)(m >> 64);
}

/* ---- bootstrap ---------------------------------------------------- */

/* Median of a resample (with replacement) of the sorted array x: draw n
 * indices, count them, and walk the counts to the middle order
 * statistics.  O(n) per resample, no comparisons of doubles. */
static double
resample_median(struct stats_rng *r, const double *x, size_t n,
		uint32_t *cnt)
{
	size_t k = n / 2, seen = 0, i;
	double lo = NAN;

	memset(cnt, 0, n * sizeof *cnt);
	for (i = 0; i < n; i++)
		cnt[stats_rng_below(r, n)]++;
	for (i = 0; i < n; i++) {
		size_t next = seen + cnt[i];

		/* order statistic k-1 (0-based), for even n */
		if (n % 2 == 0 && seen <= k - 1 && k - 1 < next)
			lo = x[i];
		if (seen <= k && k < next)
			return n % 2 ? x[i] : (lo + x[i]) / 2;
		seen = next;
	}
	return x[n - 1]; /* not reached */
}

/* Quantile of sorted v (linear interpolation, as numpy's default). */
static double
quantile_sorted(const double *v, size_t n, double q)
{
	double h = (double)(n - 1) * q;
	size_t i = (size_t)floor(h);

	if (i + 1 >= n)
		return v[n - 1];
	return v[i] + (h - (double)i) * (v[i + 1] - v[i]);
}

int
stats_bootstrap_ratio_ci(const double *base, size_t nb, const double *cur,
			 size_t nc, double conf, unsigned iters, uint64_t seed,
			 double *lo, double *hi)
{
	struct stats_rng r;
	double *rs, *sb, *sc;
	uint32_t *cb, *cc;
	unsigned k;

	if (nb == 0 || nc == 0 || iters == 0)
		return -1;
	rs = pk_xmalloc(iters * sizeof *rs);
	sb = pk_xmalloc(nb * sizeof *sb);
	sc = pk_xmalloc(nc * sizeof *sc);
	cb = pk_xmalloc(nb * sizeof *cb);
	cc = pk_xmalloc(nc * sizeof *cc);
	memcpy(sb, base, nb * sizeof *sb);
	memcpy(sc, cur, nc * sizeof *sc);
	stats_sort(sb, nb);
	stats_sort(sc, nc);
	stats_rng_seed(&r, seed);
	for (k = 0; k < iters; k++) {
		double mb = resample_median(&r, sb, nb, cb);
		double mc = resample_median(&r, sc, nc, cc);

		if (mb == 0)
			break;
		rs[k] = mc / mb;
	}
	if (k == iters) {
		stats_sort(rs, iters);
		*lo = quantile_sorted(rs, iters, (1 - conf) / 2);
		*hi = quantile_sorted(rs, iters, 1 - (1 - conf) / 2);
	}
	free(rs);
	free(sb);
	free(sc);
	free(cb);
	free(cc);
	return k == iters ? 0 : -1;
}

/* ---- Mann-Whitney U ---------------------------------------------- */

double
stats_norm_sf(double z)
{
	return 0.5 * erfc(z / M_SQRT2);
}

double
stats_mwu_min_p(size_t nx, size_t ny)
{
	/* C(nx+ny, nx) in floating point */
	double c = 1;
	size_t k = nx < ny ? nx : ny, n = nx + ny;

	if (nx == 0 || ny == 0)
		return 1;
	for (size_t i = 1; i <= k; i++)
		c = c * (double)(n - k + i) / (double)i;
	return 2 / c < 1 ? 2 / c : 1;
}

/* Number of arrangements with U = u for sizes (m, n), all u at once:
 * f[m][n][u] = f[m-1][n][u-n] + f[m][n-1][u].  Returns a malloc'd array
 * of m*n+1 probabilities. */
static double *
mwu_dist(size_t m, size_t n)
{
	size_t maxu = m * n;
	/* dp over (i, j) with arrays of u; roll over i */
	double **prev = pk_xcalloc(n + 1, sizeof *prev);
	double **curr = pk_xcalloc(n + 1, sizeof *curr);
	double *res, total = 0;

	for (size_t j = 0; j <= n; j++) {
		prev[j] = pk_xcalloc(maxu + 1, sizeof(double));
		curr[j] = pk_xcalloc(maxu + 1, sizeof(double));
		prev[j][0] = 1; /* i = 0: one arrangement, U = 0 */
	}
	for (size_t i = 1; i <= m; i++) {
		memset(curr[0], 0, (maxu + 1) * sizeof(double));
		curr[0][0] = 1;
		for (size_t j = 1; j <= n; j++) {
			for (size_t u = 0; u <= i * j; u++) {
				double v = curr[j - 1][u];

				if (u >= j)
					v += prev[j][u - j];
				curr[j][u] = v;
			}
			for (size_t u = i * j + 1; u <= maxu; u++)
				curr[j][u] = 0;
		}
		for (size_t j = 0; j <= n; j++) {
			double *t = prev[j];

			prev[j] = curr[j];
			curr[j] = t;
		}
	}
	res = pk_xmalloc((maxu + 1) * sizeof *res);
	for (size_t u = 0; u <= maxu; u++)
		total += prev[n][u];
	for (size_t u = 0; u <= maxu; u++)
		res[u] = prev[n][u] / total;
	for (size_t j = 0; j <= n; j++) {
		free(prev[j]);
		free(curr[j]);
	}
	free(prev);
	free(curr);
	return res;
}

double
stats_mwu_exact_p(double u, size_t nx, size_t ny)
{
	double *d = mwu_dist(nx, ny);
	size_t maxu = nx * ny;
	double le = 0, ge = 0, p;

	for (size_t k = 0; k <= maxu; k++) {
		if ((double)k <= u + 1e-9)
			le += d[k];
		if ((double)k >= u - 1e-9)
			ge += d[k];
	}
	free(d);
	p = 2 * (le < ge ? le : ge);
	return p < 1 ? p : 1;
}

struct ranked {
	double v;
	int side;
};

static int
rcmp(const void *a, const void *b)
{
	return dcmp(&((const struct ranked *)a)->v,
		    &((const struct ranked *)b)->v);
}

int
stats_mann_whitney(const double *x, size_t nx, const double *y, size_t ny,
		   struct stats_mwu *out)
{
	return stats_mann_whitney_method(x, nx, y, ny, STATS_MWU_AUTO, out);
}

int
stats_mann_whitney_method(const double *x, size_t nx, const double *y,
			  size_t ny, enum stats_mwu_method method,
			  struct stats_mwu *out)
{
	size_t n = nx + ny, i, j;
	struct ranked *a;
	double rx = 0, tie = 0, mu, sd, u;

	memset(out, 0, sizeof *out);
	if (nx == 0 || ny == 0)
		return -1;
	a = pk_xmalloc(n * sizeof *a);
	for (i = 0; i < nx; i++)
		a[i] = (struct ranked){x[i], 0};
	for (i = 0; i < ny; i++)
		a[nx + i] = (struct ranked){y[i], 1};
	qsort(a, n, sizeof *a, rcmp);
	for (i = 0; i < n; i = j) {
		double rank, t;

		for (j = i + 1; j < n && a[j].v == a[i].v; j++)
			;
		rank = ((double)i + 1 + (double)j) / 2; /* mean of i+1..j */
		t = (double)(j - i);
		if (t > 1) {
			out->ties = true;
			tie += t * t * t - t;
		}
		for (size_t k = i; k < j; k++)
			if (a[k].side == 0)
				rx += rank;
	}
	free(a);
	u = rx - (double)nx * ((double)nx + 1) / 2;
	out->u = u;
	if (method == STATS_MWU_EXACT ||
	    (method == STATS_MWU_AUTO && !out->ties && n <= 50)) {
		out->exact = true;
		out->p = stats_mwu_exact_p(u, nx, ny);
		return 0;
	}
	mu = (double)nx * (double)ny / 2;
	sd = sqrt((double)nx * (double)ny / 12 *
		  (((double)n + 1) - tie / ((double)n * ((double)n - 1))));
	if (sd == 0) { /* every value equal */
		out->z = 0;
		out->p = 1;
		return 0;
	}
	{
		double um = u > mu ? u : (double)nx * (double)ny - u;

		out->z = (um - mu - 0.5) / sd;
		out->p = 2 * stats_norm_sf(out->z);
		if (out->p > 1)
			out->p = 1;
		if (u < mu)
			out->z = -out->z;
	}
	return 0;
}

/* ---- Benjamini-Hochberg ------------------------------------------- */

struct pidx {
	double p;
	size_t i;
};

static int
pcmp(const void *a, const void *b)
{
	return dcmp(&((const struct pidx *)a)->p, &((const struct pidx *)b)->p);
}

void
stats_bh_adjust(const double *p, size_t n, double *q)
{
	struct pidx *v = pk_xmalloc((n ? n : 1) * sizeof *v);
	size_t m = 0;
	double run = 1;

	for (size_t i = 0; i < n; i++) {
		q[i] = NAN;
		if (!isnan(p[i]))
			v[m++] = (struct pidx){p[i], i};
	}
	qsort(v, m, sizeof *v, pcmp);
	for (size_t k = m; k-- > 0;) {
		double adj = v[k].p * (double)m / (double)(k + 1);

		if (adj < run)
			run = adj;
		q[v[k].i] = run;
	}
	free(v);
}

/* ---- Student t, normal quantile, moderated variances --------------- */

/* Continued fraction of the regularized incomplete beta (Lentz). */
static double
betacf(double a, double b, double x)
{
	const double tiny = 1e-300;
	double c = 1, d = 1 - (a + b) * x / (a + 1), h;

	if (fabs(d) < tiny)
		d = tiny;
	d = 1 / d;
	h = d;
	for (int m = 1; m <= 300; m++) {
		double m2 = 2.0 * m, aa, del;

		aa = m * (b - m) * x / ((a - 1 + m2) * (a + m2));
		d = 1 + aa * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1 / d;
		h *= d * c;
		aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2));
		d = 1 + aa * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1) < 1e-14)
			break;
	}
	return h;
}

/* I_x(a, b) */
static double
inc_beta(double a, double b, double x)
{
	double lbt;

	if (x <= 0)
		return 0;
	if (x >= 1)
		return 1;
	lbt = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) +
	      b * log1p(-x);
	if (x < (a + 1) / (a + b + 2))
		return exp(lbt) * betacf(a, b, x) / a;
	return 1 - exp(lbt) * betacf(b, a, 1 - x) / b;
}

double
stats_t_sf(double t, double df)
{
	double x, tail;

	if (isnan(t) || isnan(df))
		return NAN;
	if (isinf(t))
		return t > 0 ? 0 : 1;
	if (!(df < 1e7))
		return stats_norm_sf(t);
	x = df / (df + t * t);
	tail = 0.5 * inc_beta(df / 2, 0.5, x);
	return t > 0 ? tail : 1 - tail;
}

double
stats_norm_quantile(double p)
{
	/* Acklam's rational approximation, one Halley step. */
	static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
				   -2.759285104469687e+02, 1.383577518672690e+02,
				   -3.066479806614716e+01, 2.506628277459239e+00};
	static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
				   -1.556989798598866e+02, 6.680131188771972e+01,
				   -1.328068155288572e+01};
	static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
				   -2.400758277161838e+00, -2.549732539343734e+00,
				   4.374664141464968e+00, 2.938163982698783e+00};
	static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
				   2.445134137142996e+00, 3.754408661907416e+00};
	double q, r, x, e, u;

	if (!(p > 0))
		return -INFINITY;
	if (!(p < 1))
		return INFINITY;
	if (p < 0.02425) {
		q = sqrt(-2 * log(p));
		x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q +
		     c[5]) /
		    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	} else if (p > 1 - 0.02425) {
		q = sqrt(-2 * log1p(-p));
		x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q +
		      c[5]) /
		    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	} else {
		q = p - 0.5;
		r = q * q;
		x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r +
		     a[5]) *
		    q /
		    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r +
		     1);
	}
	e = 0.5 * erfc(-x / sqrt(2)) - p;
	u = e * sqrt(2 * M_PI) * exp(x * x / 2);
	return x - u / (1 + x * u / 2);
}

static double
t_pdf(double t, double df)
{
	return exp(lgamma((df + 1) / 2) - lgamma(df / 2) -
		   0.5 * log(df * M_PI) - (df + 1) / 2 * log1p(t * t / df));
}

double
stats_t_quantile(double p, double df)
{
	double z, t, g1, g2, g3;

	if (!(p > 0))
		return -INFINITY;
	if (!(p < 1))
		return INFINITY;
	if (!(df < 1e7))
		return stats_norm_quantile(p);
	if (p < 0.5)
		return -stats_t_quantile(1 - p, df);
	/* Cornish-Fisher start, then Newton on the upper tail */
	z = stats_norm_quantile(p);
	g1 = (z * z * z + z) / 4;
	g2 = (5 * pow(z, 5) + 16 * z * z * z + 3 * z) / 96;
	g3 = (3 * pow(z, 7) + 19 * pow(z, 5) + 17 * z * z * z - 15 * z) / 384;
	t = z + g1 / df + g2 / (df * df) + g3 / (df * df * df);
	if (df < 3 || !isfinite(t))
		t = df <= 1 ? tan(M_PI * (p - 0.5))
			    : (2 * p - 1) / sqrt(2 * p * (1 - p));
	for (int i = 0; i < 50; i++) {
		double f = (1 - p) - stats_t_sf(t, df), dt;

		/* d/dt (sf) = -pdf: solve sf(t) = 1 - p */
		dt = -f / t_pdf(t, df);
		if (t + dt <= 0)
			dt = -t / 2;
		t += dt;
		if (fabs(dt) < 1e-10 * (1 + fabs(t)))
			break;
	}
	return t;
}

static double
digamma(double x)
{
	double r = 0, f;

	while (x < 6) {
		r -= 1 / x;
		x += 1;
	}
	f = 1 / (x * x);
	return r + log(x) - 0.5 / x -
	       f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 -
								    f / 132))));
}

static double
trigamma(double x)
{
	double r = 0, f;

	while (x < 6) {
		r += 1 / (x * x);
		x += 1;
	}
	f = 1 / (x * x);
	return r + 1 / x + f / 2 +
	       f / x * (1.0 / 6 - f * (1.0 / 30 - f * (1.0 / 42 - f / 30)));
}

void
stats_fit_prior_var(const double *s2, const double *df, size_t n,
		    double *d0, double *s02)
{
	double me = 0, ve = 0, mt = 0, rhs, x;
	size_t k = 0;

	*d0 = 0;
	*s02 = NAN;
	for (size_t i = 0; i < n; i++)
		if (s2[i] > 0 && isfinite(s2[i]) && df[i] >= 1)
			k++;
	if (k < 3)
		return;
	/* e = log s2 - digamma(d/2) + log(d/2): mean log s0^2 - digamma(d0/2)
	 * + log(d0/2), variance trigamma(d/2) + trigamma(d0/2) (limma) */
	for (size_t i = 0; i < n; i++)
		if (s2[i] > 0 && isfinite(s2[i]) && df[i] >= 1)
			me += log(s2[i]) - digamma(df[i] / 2) + log(df[i] / 2);
	me /= (double)k;
	for (size_t i = 0; i < n; i++)
		if (s2[i] > 0 && isfinite(s2[i]) && df[i] >= 1) {
			double e = log(s2[i]) - digamma(df[i] / 2) +
				   log(df[i] / 2);

			ve += (e - me) * (e - me);
			mt += trigamma(df[i] / 2);
		}
	ve /= (double)(k - 1);
	mt /= (double)k;
	rhs = ve - mt;
	if (rhs <= 0) {
		*d0 = INFINITY;
		*s02 = exp(me);
		return;
	}
	/* solve trigamma(y) = rhs for y = d0/2 (Newton, as limma) */
	x = 0.5 + 1 / rhs;
	for (int i = 0; i < 50; i++) {
		/* Newton on 1/trigamma(x) - 1/rhs, numeric derivative */
		double f = 1 / trigamma(x) - 1 / rhs, h = 1e-6 * x;
		double fp = (1 / trigamma(x + h) - 1 / trigamma(x - h)) / (2 * h);
		double step = f / fp;

		if (x - step <= 0)
			x /= 2;
		else
			x -= step;
		if (fabs(step) < 1e-8 * x)
			break;
	}
	*d0 = 2 * x;
	*s02 = exp(me + digamma(x) - log(x));
}
