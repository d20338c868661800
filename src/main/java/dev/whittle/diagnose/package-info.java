/** Explains an image: findings that name a cause, the bytes it costs and the fix. */
package dev.whittle.diagnose;
