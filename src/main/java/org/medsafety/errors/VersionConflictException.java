package org.medsafety.errors;

/** 409: the ruleset the change was made on is no longer the active one; nothing was changed. */
public class VersionConflictException extends ServiceException {

    public VersionConflictException(ErrorCode code, String message) {
        super(409, code, message);
    }
}
