package dev.whittle.source.registry;

import dev.whittle.image.SourceUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Sends registry requests: adds authentication, answers 401 challenges once, follows redirects by hand (never sending
 * our {@code Authorization} header to another host, at most {@value #MAX_REDIRECTS} hops) and retries 429, 5xx and
 * broken connections with backoff, honouring {@code Retry-After}. The caller judges the final status.
 */
final class HttpTransport {
    static final int MAX_REDIRECTS = 10;

    /** One request: what it is for ({@code what}, for messages) and the token scope it needs. */
    record Request(String method, URI uri, Map<String, String> headers, String scope, String what) {
    }

    private final HttpClient client;
    private final Authenticator auth;
    private final RetryPolicy retry;
    private final Duration responseTimeout;

    HttpTransport(HttpClient client, Authenticator auth, RetryPolicy retry, Duration responseTimeout) {
        this.client = client;
        this.auth = auth;
        this.retry = retry;
        this.responseTimeout = responseTimeout;
    }

    /** A client that never follows redirects itself; with {@code insecure}, it accepts any certificate. */
    static HttpClient newClient(Duration connectTimeout, boolean insecure) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (insecure) {
            b.sslContext(trustAll());
        }
        return b.build();
    }

    /** Sends the request to completion of its headers; the body is the caller's to read and close. */
    HttpResponse<InputStream> send(Request request) {
        URI uri = request.uri();
        String origin = request.uri().getRawAuthority();
        int redirects = 0;
        int attempt = 0;
        boolean answered = false;
        while (true) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(responseTimeout)
                    .method(request.method(), HttpRequest.BodyPublishers.noBody());
            request.headers().forEach(b::header);
            boolean sameHost = origin.equals(uri.getRawAuthority());
            if (sameHost) {
                auth.header(origin, request.scope()).ifPresent(h -> b.header("Authorization", h));
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (!retryable(e) || attempt + 1 >= retry.maxAttempts()) {
                    throw new SourceUnavailableException(where(uri) + ": " + describe(e)
                            + (attempt > 0 ? " (after " + (attempt + 1) + " attempts)" : ""), e);
                }
                sleep(retry.backoff(attempt++));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceUnavailableException("interrupted while fetching " + request.what());
            }
            int status = response.statusCode();
            if (isRedirect(status)) {
                Optional<String> location = response.headers().firstValue("Location");
                discard(response);
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
                String challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
                // A request without a scope (the /v2/ probe) only learns the scheme; the first real request answers.
                if (challenge != null && auth.onChallenge(origin, challenge, request.scope(), answered)
                        && request.scope() != null) {
                    discard(response);
                    answered = true;
                    continue;
                }
                return response;
            }
            if (RetryPolicy.retryableStatus(status) && attempt + 1 < retry.maxAttempts()) {
                Duration wait = RetryPolicy.parseRetryAfter(
                        response.headers().firstValue("Retry-After").orElse(null), ZonedDateTime.now());
                discard(response);
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
            if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host (DNS lookup failed)";
            }
            if (t instanceof SSLException) {
                return "TLS handshake failed (" + t.getMessage() + "); if this registry speaks plain HTTP, use"
                        + " --plain-http";
            }
            root = t;
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "no response in time (read timeout)";
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
            if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException
                    || t instanceof SSLException) {
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

    static void discard(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.readNBytes(64 << 10);
        } catch (IOException ignored) {
            // the body of a response we are abandoning does not matter
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String where(URI uri) {
        return "registry " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    private static SSLContext trustAll() {
        TrustManager[] all = {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // --insecure: the user chose to trust any certificate
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // --insecure: the user chose to trust any certificate
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }};
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, all, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS unavailable", e);
        }
    }
}
