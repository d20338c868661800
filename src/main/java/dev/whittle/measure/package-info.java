/** Sizes, waste and efficiency of an image, by Whittle's definitions and by dive's. */
package dev.whittle.measure;
