package org.medsafety.cdshooks.dto;

import java.util.List;

/** GET /cds-services response. */
public record Discovery(List<ServiceDescriptor> services) {
}
