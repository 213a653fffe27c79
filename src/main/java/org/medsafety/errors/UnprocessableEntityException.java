package org.medsafety.errors;

/**
 * 422: the request is well formed, but what it asks for cannot be done (a ruleset that does not compile, a retention
 * below the floor).
 */
public class UnprocessableEntityException extends ServiceException {

    public UnprocessableEntityException(ErrorCode code, String message) {
        super(422, code, message);
    }
}
