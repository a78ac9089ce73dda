package dev.interlock.web;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Keeps the log to one line per refused request. When a body over the size limit is refused, the HTTP layer has
 * already answered 413 by the time the application's own answer (logged in one line by {@link ErrorMappers}) tries
 * to go out; Quarkus's error handler would then log that second attempt as an ERROR with a stack trace. Only that
 * record is dropped; every other error is logged as it is.
 */
@LoggingFilter(name = "interlock-client-gone")
public final class ClientGoneLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        Throwable thrown = record.getThrown();
        return !(thrown instanceof IllegalStateException
                && "Response has already been written".equals(thrown.getMessage())
                && record.getLoggerName() != null
                && record.getLoggerName().endsWith("QuarkusErrorHandler"));
    }
}
