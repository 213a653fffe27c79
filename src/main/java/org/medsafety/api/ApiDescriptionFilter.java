package org.medsafety.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Completes the description generated from the annotations when it is built (mp.openapi.filter): the examples of
 * docs/examples ({@link ApiExamples}), and the 500 every operation may answer, which no resource states itself.
 */
public class ApiDescriptionFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ApiExamples.attach(openAPI);
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(
                operation -> operation.getResponses().addAPIResponse("500",
                        OASFactory.createAPIResponse().ref("InternalError"))));
    }
}
