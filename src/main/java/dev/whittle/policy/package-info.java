/**
 * The CI gate: rules from {@code .whittle.yml} ({@code ci:}) and from dive's {@code .dive-ci}, evaluated against a
 * measured image into PASS / FAIL / SKIP results.
 */
package dev.whittle.policy;
