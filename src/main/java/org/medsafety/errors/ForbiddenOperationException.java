package org.medsafety.errors;

/** 403: the caller is known but may not do this; the message says who may, or what to send. */
public class ForbiddenOperationException extends ServiceException {

    public ForbiddenOperationException(ErrorCode code, String message) {
        super(403, code, message);
    }
}
