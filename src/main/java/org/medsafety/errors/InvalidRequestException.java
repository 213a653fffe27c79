package org.medsafety.errors;

/** 400: a request the service will not act on as sent; the message names the field, parameter or limit. */
public class InvalidRequestException extends ServiceException {

    public InvalidRequestException(ErrorCode code, String message) {
        super(400, code, message);
    }
}
