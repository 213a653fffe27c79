package org.medsafety.fhir;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.medsafety.config.MedsafetyConfig;
import org.medsafety.json.UntrustedJson;
import org.medsafety.outbound.BoundedHttp;

import java.time.Clock;
import java.util.List;

/**
 * Builds the one {@link FhirClient} from {@code medsafety.fhir.*}, when the service starts. The settings were checked
 * just before ({@code config.StartupSettingsCheck}): a malformed allow-list entry or budget stops the start with a
 * message naming the setting, instead of surfacing on the first call.
 */
@ApplicationScoped
public class FhirClientProducer {

    @Produces
    @Singleton
    @Startup
    FhirClient fhirClient(MedsafetyConfig config) {
        MedsafetyConfig.Fhir fhir = config.fhir();
        AllowedFhirBases allowed = AllowedFhirBases.of(fhir.allowedBases().orElse(List.of()));
        FhirClient.Limits limits = new FhirClient.Limits(fhir.timeout(), fhir.maxResponseSize().asLongValue(),
                fhir.maxPages(), fhir.maxRequests(), config.limits().prefetchResources());
        if (allowed.isEmpty()) {
            Log.info("medsafety.fhir.allowed-bases is empty: data that is not prefetched is never read from a FHIR "
                    + "server");
        } else {
            Log.infof("FHIR reads allowed from %s", allowed.bases());
            allowed.bases().stream().filter(b -> b.scheme().equals("http")).forEach(b -> Log.warnf(
                    "Allowed FHIR base %s uses http: access tokens would travel unencrypted", b));
        }
        // A FHIR server's answer is parsed within the same bounds as a request: depth, string and number length.
        ObjectMapper json = UntrustedJson.mapper(config.limits());
        return new FhirClient(new BoundedHttp(limits.timeout()), json, allowed, limits, Clock.systemUTC());
    }
}
