package io.gradcheck4j.engine.layers;

/**
 * tanh(x) bit for bit as {@link StrictMath#tanh} (and so as {@link Math#tanh} on Java 17, which calls it), computed
 * in Java: on Java 17 StrictMath.tanh is a native call, which a JIT-compiled loop cannot inline and which took
 * the largest part of an LSTM's full check. The algorithm is fdlibm's (s_tanh.c, s_expm1.c; Copyright (C)
 * 1993 by Sun Microsystems, Inc., "Permission to use, copy, modify, and distribute this software is freely
 * granted, provided that this notice is preserved"), the algorithm StrictMath specifies, in IEEE double
 * arithmetic as Java evaluates it:
 *
 * <pre>
 *   tanh(x) = sign(x) &middot; (1 - 2 / (expm1(2|x|) + 2))   for 1 &le; |x| &lt; 22
 *           = sign(x) &middot; (-t / (t + 2)), t = expm1(-2|x|)  for 2^-55 &le; |x| &lt; 1
 *           = x (1 + x)                           for |x| &lt; 2^-55
 *           = sign(x) &middot; (1 - 10^-300)               for |x| &ge; 22,
 * </pre>
 *
 * expm1(r) = e<sup>r</sup> - 1 by the reduction r = k ln 2 + s, |s| &le; ln 2 / 2, and a rational approximation
 * of expm1(s) with the correction of the reduction's rounding (fdlibm's comments give its derivation), written
 * for the two ranges tanh needs, [2, 44) and (-2, -2<sup>-54</sup>], each with fdlibm's branches for that range.
 */
final class StrictTanh {
    private static final double TINY = 1.0e-300;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double INV_LN2 = 1.44269504088896338700e+00;
    private static final double Q1 = -3.33333333333331316428e-02;
    private static final double Q2 = 1.58730158725481460165e-03;
    private static final double Q3 = -7.93650757867487942473e-05;
    private static final double Q4 = 4.00821782732936239552e-06;
    private static final double Q5 = -2.01099218183624371326e-07;

    private StrictTanh() {
    }

    /** tanh(x), equal to {@code StrictMath.tanh(x)} for every double x. */
    static double tanh(double x) {
        int jx = high(x);
        int ix = jx & 0x7fffffff;
        if (ix >= 0x7ff00000) {
            return jx >= 0 ? 1.0 / x + 1.0 : 1.0 / x - 1.0;
        }
        if (ix < 0x3c800000) {
            return x * (1.0 + x);
        }
        double z;
        if (ix >= 0x40360000) {
            z = 1.0 - TINY;
        } else if (ix >= 0x3ff00000) {
            double t = expm1AboveTwo(2.0 * Math.abs(x));
            z = 1.0 - 2.0 / (t + 2.0);
        } else {
            double t = expm1AboveMinusTwo(-2.0 * Math.abs(x));
            z = -t / (t + 2.0);
        }
        return jx >= 0 ? z : -z;
    }

    /**
     * expm1(x) for 2 &le; x &lt; 44 (tanh's argument 2|x| for 1 &le; |x| &lt; 22), fdlibm's path for these x: the
     * reduction by k = (int) (x / ln 2 + 1/2) &ge; 3, then 2<sup>k</sup> (1 - 2<sup>-k</sup> - (e - r)) below k = 20,
     * 2<sup>k</sup> ((r - (e + 2<sup>-k</sup>)) + 1) up to k = 56, 2<sup>k</sup> (1 - (e - r)) - 1 beyond. Split from
     * the general expm1 so that each half is small enough for the JIT to inline into the loops that call tanh.
     */
    private static double expm1AboveTwo(double x) {
        int k = (int) (INV_LN2 * x + 0.5);
        double t = k;
        double hi = x - t * LN2_HI;
        double lo = t * LN2_LO;
        double r = hi - lo;
        double e = correction(r, (hi - r) - lo);
        if (k < 20) {
            return addToExponent(withHigh(0x3ff00000 - (0x200000 >> k)) - (e - r), k);
        }
        if (k <= 56) {
            double y = r - (e + withHigh((0x3ff - k) << 20));
            y += 1.0;
            return addToExponent(y, k);
        }
        return addToExponent(1.0 - (e - r), k) - 1.0;
    }

    /**
     * expm1(x) for -2 &lt; x &le; -2<sup>-54</sup> (tanh's argument -2|x| for 2<sup>-55</sup> &le; |x| &lt; 1),
     * fdlibm's path for these x: no reduction (k = 0) up to |x| = ln 2 / 2, k = -1 below 3 ln 2 / 2, else
     * k = (int) (x / ln 2 - 1/2) &le; -2.
     */
    private static double expm1AboveMinusTwo(double x) {
        int hx = high(x) & 0x7fffffff;
        if (hx <= 0x3fd62e42) {
            double hxs = x * (0.5 * x);
            return x - (x * firstCorrection(x) - hxs);
        }
        int k;
        double hi;
        double lo;
        if (hx < 0x3FF0A2B2) {
            hi = x + LN2_HI;
            lo = -LN2_LO;
            k = -1;
        } else {
            k = (int) (INV_LN2 * x - 0.5);
            double t = k;
            hi = x - t * LN2_HI;
            lo = t * LN2_LO;
        }
        double r = hi - lo;
        double e = correction(r, (hi - r) - lo);
        if (k == -1) {
            return 0.5 * (r - e) - 0.5;
        }
        return addToExponent(1.0 - (e - r), k) - 1.0;
    }

    /** fdlibm's e for the reduced r, from the rational approximation of expm1 on [-ln 2 / 2, ln 2 / 2]. */
    private static double firstCorrection(double r) {
        double hfx = 0.5 * r;
        double hxs = r * hfx;
        double r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
        double t = 3.0 - r1 * hfx;
        return hxs * ((r1 - t) / (6.0 - r * t));
    }

    /** e corrected for the rounding c of the reduction, less r<sup>2</sup>/2: (r (e - c) - c) - r<sup>2</sup>/2. */
    private static double correction(double r, double c) {
        double hxs = r * (0.5 * r);
        double e = r * (firstCorrection(r) - c) - c;
        return e - hxs;
    }

    /** The high 32 bits of x. */
    private static int high(double x) {
        return (int) (Double.doubleToRawLongBits(x) >>> 32);
    }

    /** The double whose high 32 bits are {@code high} and low 32 bits are 0. */
    private static double withHigh(int high) {
        return Double.longBitsToDouble((long) high << 32);
    }

    /** y with k added to its exponent field (fdlibm's {@code __HI(y) += k << 20}). */
    private static double addToExponent(double y, int k) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(y) + ((long) k << 52));
    }
}
