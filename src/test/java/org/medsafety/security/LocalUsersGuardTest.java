package org.medsafety.security;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalUsersGuardTest {

    @Test
    void theLocalUsersAreAllowedOnlyOnLoopbackWithoutOidc() {
        assertThat(LocalUsersGuard.refusal(true, "127.0.0.1", false)).isEmpty();
        assertThat(LocalUsersGuard.refusal(true, "localhost", false)).isEmpty();
        assertThat(LocalUsersGuard.refusal(true, "::1", false)).isEmpty();
    }

    @Test
    void offLoopbackWithOidcOrSwitchedOffTheyAreRefused() {
        assertThat(LocalUsersGuard.refusal(true, "0.0.0.0", false)).get().asString().contains("0.0.0.0");
        assertThat(LocalUsersGuard.refusal(true, "10.1.2.3", false)).isPresent();
        assertThat(LocalUsersGuard.refusal(true, "", false)).isPresent();
        assertThat(LocalUsersGuard.refusal(true, "127.0.0.1", true)).get().asString().contains("OIDC");
        assertThat(LocalUsersGuard.refusal(false, "127.0.0.1", false)).isPresent();
    }

    @Test
    void anyProxyHeaderMarksARequestAsComingFromElsewhere() {
        assertThat(LocalUsersGuard.viaProxy(Map.of("Forwarded", "for=203.0.113.7")::get)).isTrue();
        assertThat(LocalUsersGuard.viaProxy(Map.of("X-Forwarded-For", "203.0.113.7")::get)).isTrue();
        assertThat(LocalUsersGuard.viaProxy(Map.of("X-Real-IP", "203.0.113.7")::get)).isTrue();
        assertThat(LocalUsersGuard.viaProxy(Map.of("Authorization", "Basic x")::get)).isFalse();
    }
}
