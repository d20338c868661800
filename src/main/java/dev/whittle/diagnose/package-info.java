/** Explains an image: detectors that trace wasted bytes to their cause, their layer, their line and their fix. */
package dev.whittle.diagnose;
