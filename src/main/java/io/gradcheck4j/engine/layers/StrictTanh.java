package io.gradcheck4j.engine.layers;

/**
 * tanh(x) bit for bit as {@link StrictMath#tanh} (and so as {@link Math#tanh} on Java 17, which calls it), computed
 * in Java: on Java 17 StrictMath.tanh is a native call, which a JIT-compiled loop cannot inline and which took
 * about three quarters of an LSTM's full check. The algorithm is fdlibm's (s_tanh.c, s_expm1.c; Copyright (C)
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
 * of expm1(s) with the correction of the reduction's rounding (fdlibm's comments give its derivation).
 */
final class StrictTanh {
    private static final double TINY = 1.0e-300;
    private static final double HUGE = 1.0e300;
    private static final double OVERFLOW_THRESHOLD = 7.09782712893383973096e+02;
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
        double z;
        if (ix < 0x40360000) {
            if (ix < 0x3c800000) {
                return x * (1.0 + x);
            }
            if (ix >= 0x3ff00000) {
                double t = expm1(2.0 * Math.abs(x));
                z = 1.0 - 2.0 / (t + 2.0);
            } else {
                double t = expm1(-2.0 * Math.abs(x));
                z = -t / (t + 2.0);
            }
        } else {
            z = 1.0 - TINY;
        }
        return jx >= 0 ? z : -z;
    }

    /** e<sup>x</sup> - 1, equal to {@code StrictMath.expm1(x)} for every double x. */
    static double expm1(double x) {
        int hx = high(x);
        boolean negative = hx < 0;
        hx &= 0x7fffffff;
        if (hx >= 0x4043687A) {
            if (hx >= 0x40862E42) {
                if (hx >= 0x7ff00000) {
                    if (((hx & 0xfffff) | (int) Double.doubleToRawLongBits(x)) != 0) {
                        return x + x;
                    }
                    return negative ? -1.0 : x;
                }
                if (x > OVERFLOW_THRESHOLD) {
                    return HUGE * HUGE;
                }
            }
            if (negative && x + TINY < 0.0) {
                return TINY - 1.0;
            }
        }
        int k;
        double c = 0;
        if (hx > 0x3fd62e42) {
            double hi;
            double lo;
            if (hx < 0x3FF0A2B2) {
                if (!negative) {
                    hi = x - LN2_HI;
                    lo = LN2_LO;
                    k = 1;
                } else {
                    hi = x + LN2_HI;
                    lo = -LN2_LO;
                    k = -1;
                }
            } else {
                k = (int) (INV_LN2 * x + (negative ? -0.5 : 0.5));
                double t = k;
                hi = x - t * LN2_HI;
                lo = t * LN2_LO;
            }
            x = hi - lo;
            c = (hi - x) - lo;
        } else if (hx < 0x3c900000) {
            double t = HUGE + x;
            return x - (t - (HUGE + x));
        } else {
            k = 0;
        }
        double hfx = 0.5 * x;
        double hxs = x * hfx;
        double r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
        double t = 3.0 - r1 * hfx;
        double e = hxs * ((r1 - t) / (6.0 - x * t));
        if (k == 0) {
            return x - (x * e - hxs);
        }
        e = x * (e - c) - c;
        e -= hxs;
        if (k == -1) {
            return 0.5 * (x - e) - 0.5;
        }
        if (k == 1) {
            return x < -0.25 ? -2.0 * (e - (x + 0.5)) : 1.0 + 2.0 * (x - e);
        }
        if (k <= -2 || k > 56) {
            return addToExponent(1.0 - (e - x), k) - 1.0;
        }
        if (k < 20) {
            double oneMinus = withHigh(0x3ff00000 - (0x200000 >> k));
            return addToExponent(oneMinus - (e - x), k);
        }
        double y = x - (e + withHigh((0x3ff - k) << 20));
        y += 1.0;
        return addToExponent(y, k);
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
