package dev.whittle.source.registry;

import dev.whittle.image.SourceUnavailableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Sends registry requests: adds authentication, answers 401 challenges once, follows redirects by hand (never sending
 * our {@code Authorization} header to another host, at most {@value #MAX_REDIRECTS} hops) and retries 429, 5xx and
 * broken connections with backoff, honouring {@code Retry-After}. The caller judges the final status.
 */
final class HttpTransport {
    static final int MAX_REDIRECTS = 10;

    /**
     * One request: what it is for ({@code what}, for messages), the token scope it needs, and its body (null for
     * none). A redirect of a request with a body is not followed blindly: 307 and 308 resend it, as HTTP says.
     */
    record Request(String method, URI uri, Map<String, String> headers, String scope, String what,
                   RequestBody body) {
        Request(String method, URI uri, Map<String, String> headers, String scope, String what) {
            this(method, uri, headers, scope, what, null);
        }
    }

    private final HttpConnector connector;
    private final Authenticator auth;
    private final RetryPolicy retry;

    HttpTransport(HttpConnector connector, Authenticator auth, RetryPolicy retry) {
        this.connector = connector;
        this.auth = auth;
        this.retry = retry;
    }

    /** Sends the request to completion of its headers; the body is the caller's to read and close. */
    HttpReply send(Request request) {
        URI uri = request.uri();
        String origin = request.uri().getRawAuthority();
        int redirects = 0;
        int attempt = 0;
        boolean answered = false;
        while (true) {
            Map<String, String> headers = new LinkedHashMap<>(request.headers());
            boolean sameHost = origin.equals(uri.getRawAuthority());
            if (sameHost) {
                auth.header(origin, request.scope()).ifPresent(h -> headers.put("Authorization", h));
            }
            HttpReply response;
            try {
                response = connector.stream(request.method(), uri, headers, request.body());
            } catch (IOException e) {
                if (!retryable(e) || attempt + 1 >= retry.maxAttempts()) {
                    throw new SourceUnavailableException(where(uri) + ": " + describe(e)
                            + (attempt > 0 ? " (after " + (attempt + 1) + " attempts)" : ""), e);
                }
                sleep(retry.backoff(attempt++));
                continue;
            }
            int status = response.status();
            if (isRedirect(status)) {
                Optional<String> location = response.header("Location");
                response.discard();
                if (location.isEmpty()) {
                    throw new SourceUnavailableException(where(uri) + ": HTTP " + status + " redirect without a"
                            + " Location for " + request.what());
                }
                if (++redirects > MAX_REDIRECTS) {
                    throw new SourceUnavailableException(where(request.uri()) + ": more than " + MAX_REDIRECTS
                            + " redirects (a redirect loop?) for " + request.what());
                }
                uri = uri.resolve(location.get());
                continue;
            }
            if (status == 401 && sameHost) {
                String challenge = response.header("WWW-Authenticate").orElse(null);
                // A request without a scope (the /v2/ probe) only learns the scheme; the first real request answers.
                if (challenge != null && auth.onChallenge(origin, challenge, request.scope(), answered)
                        && request.scope() != null) {
                    response.discard();
                    answered = true;
                    continue;
                }
                return response;
            }
            if (RetryPolicy.retryableStatus(status) && attempt + 1 < retry.maxAttempts()) {
                Duration wait = RetryPolicy.parseRetryAfter(response.header("Retry-After").orElse(null),
                        ZonedDateTime.now());
                response.discard();
                if (wait != null && wait.compareTo(retry.maxDelay()) > 0) {
                    throw new SourceUnavailableException(where(uri) + ": HTTP " + status + ", asked to retry after "
                            + wait.toSeconds() + " s (more than we wait) for " + request.what());
                }
                sleep(wait != null ? wait : retry.backoff(attempt));
                attempt++;
                continue;
            }
            return response;
        }
    }

    /** Where the credentials for a host came from, or null when anonymous. */
    String credentialOrigin(String authority) {
        return auth.credentialOrigin(authority);
    }

    /** The one-line cause of a network failure, in the user's terms. */
    static String describe(IOException e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host (DNS lookup failed)";
            }
            if (t instanceof SSLException) {
                return "TLS handshake failed (" + t.getMessage() + "); if this registry speaks plain HTTP, use"
                        + " --plain-http";
            }
            root = t;
        }
        if (e instanceof HttpConnector.ConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof SocketTimeoutException) {
            return "read timeout: the registry sent nothing for too long";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** Resets and timeouts may pass; an unknown host or a TLS mismatch will not. */
    static boolean retryable(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof SSLException) {
                return false;
            }
        }
        return true;
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("interrupted while waiting to retry");
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String where(URI uri) {
        return "registry " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }
}
