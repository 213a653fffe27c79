package org.medsafety.errors;

/** 412: data the checks need was neither prefetched nor obtainable from an allowed FHIR server. */
public class PreconditionFailedException extends ServiceException {

    public PreconditionFailedException(ErrorCode code, String message) {
        super(412, code, message);
    }
}
