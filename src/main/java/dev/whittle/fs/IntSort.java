package dev.whittle.fs;

import java.util.function.IntBinaryOperator;

/** A stable merge sort of an int array by a comparator, without boxing every element. */
final class IntSort {
    private IntSort() {
    }

    static void sort(int[] a, int from, int to, IntBinaryOperator cmp) {
        if (to - from < 2) {
            return;
        }
        int[] tmp = new int[to - from];
        sort(a, tmp, from, to, cmp);
    }

    private static void sort(int[] a, int[] tmp, int from, int to, IntBinaryOperator cmp) {
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= from && cmp.applyAsInt(a[j], x) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sort(a, tmp, from, mid, cmp);
        sort(a, tmp, mid, to, cmp);
        if (cmp.applyAsInt(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, 0, mid - from);
        int i = 0;
        int iEnd = mid - from;
        int j = mid;
        int k = from;
        while (i < iEnd && j < to) {
            a[k++] = cmp.applyAsInt(tmp[i], a[j]) <= 0 ? tmp[i++] : a[j++];
        }
        while (i < iEnd) {
            a[k++] = tmp[i++];
        }
    }
}
