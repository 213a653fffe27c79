package org.medsafety.console;

import io.quarkus.vertx.http.runtime.security.BasicAuthenticationMechanism;
import io.quarkus.vertx.http.security.HttpSecurity;
import jakarta.enterprise.event.Observes;

/**
 * Keeps HTTP Basic answering a missing credential with {@code 401 WWW-Authenticate: Basic} on the API once the
 * console's form sign-in is on. Quarkus otherwise puts Basic in "silent" mode next to form authentication (no
 * challenge), which would change the API's documented 401 and break clients that wait for the challenge before
 * sending credentials. The console itself answers with its login page (its paths select the form mechanism).
 */
public class ApiBasicChallenge {

    void keepChallenging(@Observes HttpSecurity http) {
        http.mechanism(new BasicAuthenticationMechanism("Quarkus", false));
    }
}
