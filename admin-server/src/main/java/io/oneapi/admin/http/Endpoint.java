package io.oneapi.admin.http;

/** One route's logic: runs on a worker thread (blocking JDBC is fine) and returns the reply. */
@FunctionalInterface
public interface Endpoint {
    Envelope handle(ApiRequest request) throws Exception;
}
