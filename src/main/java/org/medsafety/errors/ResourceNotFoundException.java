package org.medsafety.errors;

/** 404: the service, card, evaluation, ruleset version or tuning named does not exist. */
public class ResourceNotFoundException extends ServiceException {

    public ResourceNotFoundException(ErrorCode code, String message) {
        super(404, code, message);
    }
}
