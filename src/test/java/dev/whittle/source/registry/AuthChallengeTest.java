package dev.whittle.source.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {
    @Test
    void bearer_paramsWithQuotesAndCommas() {
        AuthChallenge c = AuthChallenge.parse("Bearer realm=\"https://auth.example.test/token\",service=\"reg\","
                + "scope=\"repository:a/b:pull,push\", error=\"invalid_token\"");
        assertThat(c.isBearer()).isTrue();
        assertThat(c.param("realm")).isEqualTo("https://auth.example.test/token");
        assertThat(c.param("scope")).isEqualTo("repository:a/b:pull,push");
        assertThat(c.param("error")).isEqualTo("invalid_token");
    }

    @Test
    void basic_andBlank() {
        assertThat(AuthChallenge.parse("Basic realm=\"Registry Realm\"").isBasic()).isTrue();
        assertThat(AuthChallenge.parse("basic").isBasic()).isTrue();
        assertThat(AuthChallenge.parse("  ")).isNull();
    }

    @Test
    void retryAfter_secondsDatesAndJunk() {
        ZonedDateTime now = ZonedDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);
        assertThat(RetryPolicy.parseRetryAfter("3", now)).isEqualTo(Duration.ofSeconds(3));
        assertThat(RetryPolicy.parseRetryAfter("Thu, 01 Jan 2026 12:00:07 GMT", now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryPolicy.parseRetryAfter("Thu, 01 Jan 2026 11:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("soon", now)).isNull();
        assertThat(RetryPolicy.parseRetryAfter(null, now)).isNull();
    }

    @Test
    void backoff_doublesUpToTheCap() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(350));
        assertThat(p.backoff(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofMillis(350));
    }

    @Test
    void tagDistance_isLevenshtein() {
        assertThat(TagDistance.between("1.2", "1.1")).isEqualTo(1);
        assertThat(TagDistance.between("latest", "lastest")).isEqualTo(1);
        assertThat(TagDistance.between("", "abc")).isEqualTo(3);
        assertThat(TagDistance.between("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void dockerHub_isServedFromItsApiHost_othersWhereNamed() {
        assertThat(RegistryClient.endpointHost("docker.io")).isEqualTo("registry-1.docker.io");
        assertThat(RegistryClient.endpointHost("reg.example.test:5000")).isEqualTo("reg.example.test:5000");
        assertThat(CredentialStore.serverUrl("docker.io")).isEqualTo("https://index.docker.io/v1/");
        assertThat(CredentialStore.normaliseKey("https://index.docker.io/v1/")).isEqualTo("index.docker.io");
        assertThat(CredentialStore.normaliseKey("http://reg.example.test:5000/")).isEqualTo("reg.example.test:5000");
    }
}
