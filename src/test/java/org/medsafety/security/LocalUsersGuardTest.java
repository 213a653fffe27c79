package org.medsafety.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalUsersGuardTest {

    @Test
    void loopbackAddressesAreRecognised() {
        assertThat(LocalUsersGuard.isLoopback("127.0.0.1")).isTrue();
        assertThat(LocalUsersGuard.isLoopback("localhost")).isTrue();
        assertThat(LocalUsersGuard.isLoopback("::1")).isTrue();
    }

    @Test
    void anythingElseIsNot() {
        assertThat(LocalUsersGuard.isLoopback("0.0.0.0")).isFalse();
        assertThat(LocalUsersGuard.isLoopback("10.1.2.3")).isFalse();
        assertThat(LocalUsersGuard.isLoopback("")).isFalse();
    }
}
