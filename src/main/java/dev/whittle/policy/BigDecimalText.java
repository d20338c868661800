package dev.whittle.policy;

import java.math.BigDecimal;

/** Plain decimal text for a threshold: {@code 0.9}, {@code 20000000}, never {@code 2.0E7}. */
final class BigDecimalText {
    private BigDecimalText() {
    }

    static String of(double d) {
        if (!Double.isFinite(d)) {
            return String.valueOf(d);
        }
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }
}
