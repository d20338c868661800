package dev.whittle.source.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Makes one HTTP exchange on a fresh {@link HttpURLConnection} (the JDK pools the sockets underneath): connect and
 * per-read timeouts, no automatic redirects, and with {@code insecure} trust in any certificate and host name on
 * that connection only. {@code HttpURLConnection} rather than the JDK's newer {@code HttpClient}: building that
 * client sets up the whole TLS stack even for a plain-HTTP request, most of a short command's run time.
 */
final class HttpConnector {
    /** A connect that timed out, told apart from a read that timed out. */
    static final class ConnectTimeoutException extends SocketTimeoutException {
        ConnectTimeoutException(SocketTimeoutException cause) {
            super("connect timed out");
            initCause(cause);
        }
    }

    private final int timeoutMillis;
    private final boolean insecure;
    private SSLSocketFactory trustAll;

    HttpConnector(Duration timeout, boolean insecure) {
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        this.insecure = insecure;
    }

    /**
     * Sends {@code method uri} with {@code headers} (and {@code body}, when not null) and returns the reply once its
     * headers have arrived.
     */
    HttpReply exchange(String method, URI uri, Map<String, String> headers, byte[] body) throws IOException {
        return stream(method, uri, headers, body == null ? null : RequestBody.of(body));
    }

    /**
     * Sends {@code method uri} with {@code headers} and a body streamed from {@code body} (its length announced, so
     * nothing is buffered whole), and returns the reply once its headers have arrived.
     */
    HttpReply stream(String method, URI uri, Map<String, String> headers, RequestBody body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        try {
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setConnectTimeout(timeoutMillis);
            c.setReadTimeout(timeoutMillis);
            c.setRequestMethod(method);
            if (insecure && c instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(trustAllFactory());
                https.setHostnameVerifier((host, session) -> true);
            }
            c.setRequestProperty("Accept", "*/*"); // replaces the JDK's browser-style default; headers may override
            headers.forEach(c::setRequestProperty);
            c.setDoOutput(body != null);
            if (body != null) {
                c.setFixedLengthStreamingMode(body.length());
            }
            try {
                c.connect();
            } catch (SocketTimeoutException e) {
                throw new ConnectTimeoutException(e);
            }
            if (body != null) {
                try (OutputStream out = c.getOutputStream(); InputStream in = body.open()) {
                    long sent = in.transferTo(out);
                    if (sent != body.length()) {
                        throw new IOException("request body was " + sent + " bytes, not " + body.length());
                    }
                }
            }
            return HttpReply.receive(c);
        } catch (IOException | RuntimeException e) {
            c.disconnect();
            throw e;
        }
    }

    private synchronized SSLSocketFactory trustAllFactory() {
        if (trustAll == null) {
            trustAll = trustAllContext().getSocketFactory();
        }
        return trustAll;
    }

    private static SSLContext trustAllContext() {
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
