package dev.whittle.measure.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The squarified treemap layout (Bruls, Huizing and van Wijk, 2000): areas proportional to sizes, rows laid along the
 * shorter side and closed when the next tile would make the row's worst aspect ratio worse, so tiles stay close to
 * squares.
 */
final class Squarify {
    private Squarify() {
    }

    /**
     * Rectangles for {@code sizes} in a box {@code aspect} times as wide as it is high, as fractions of the box.
     * Sizes of 0 or less get null: they have no area.
     */
    static TileRect[] layout(long[] sizes, double aspect) {
        TileRect[] out = new TileRect[sizes.length];
        Integer[] order = new Integer[sizes.length];
        double total = 0;
        int n = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] > 0) {
                order[n++] = i;
                total += sizes[i];
            }
        }
        if (n == 0) {
            return out;
        }
        Integer[] items = Arrays.copyOf(order, n);
        Arrays.sort(items, Comparator.comparingLong((Integer i) -> sizes[i]).reversed());
        double x = 0;
        double y = 0;
        double w = aspect;
        double h = 1;
        double scale = w * h / total;
        int next = 0;
        while (next < n) {
            double side = Math.min(w, h);
            List<Integer> row = new ArrayList<>();
            double rowArea = 0;
            double best = Double.POSITIVE_INFINITY;
            while (next < n) {
                double area = sizes[items[next]] * scale;
                double worst = worst(row, rowArea + area, area, sizes, scale, side);
                if (!row.isEmpty() && worst > best) {
                    break;
                }
                row.add(items[next]);
                rowArea += area;
                best = worst;
                next++;
            }
            double thick = rowArea / side;
            double offset = 0;
            for (int i : row) {
                double length = sizes[i] * scale / thick;
                out[i] = w >= h ? rect(x, y + offset, thick, length, aspect) : rect(x + offset, y, length, thick, aspect);
                offset += length;
            }
            if (w >= h) {
                x += thick;
                w -= thick;
            } else {
                y += thick;
                h -= thick;
            }
        }
        return out;
    }

    /** The worst aspect ratio of {@code row} plus one tile of {@code added} area, laid along {@code side}. */
    private static double worst(List<Integer> row, double sum, double added, long[] sizes, double scale,
                                double side) {
        double max = added;
        double min = added;
        for (int i : row) {
            double a = sizes[i] * scale;
            max = Math.max(max, a);
            min = Math.min(min, a);
        }
        double s2 = sum * sum;
        double side2 = side * side;
        return Math.max(side2 * max / s2, s2 / (side2 * min));
    }

    private static TileRect rect(double x, double y, double w, double h, double aspect) {
        return new TileRect(x / aspect, y, w / aspect, h);
    }
}
