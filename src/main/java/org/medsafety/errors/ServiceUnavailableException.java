package org.medsafety.errors;

/** 503: the service cannot do this now (its audit trail or database is unavailable); retrying shortly may succeed. */
public class ServiceUnavailableException extends ServiceException {

    public ServiceUnavailableException(ErrorCode code, String message) {
        super(503, code, message);
    }
}
