/**
 * The {@code docker://} transport: a Distribution API v2 client on {@link java.net.HttpURLConnection} with the usual
 * credential sources, bearer tokens, bounded retries and manual redirects, plus a content-addressed blob cache.
 */
package dev.whittle.source.registry;
