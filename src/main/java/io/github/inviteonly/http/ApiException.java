package io.github.inviteonly.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The one error type of the extension. It carries its own JSON response, which Keycloak's
 * RESTEasy stack sends as is (the same way Keycloak's own {@code ErrorResponseException} works),
 * in the OAuth2 error shape Keycloak uses elsewhere, plus the offending field where there is one.
 *
 * <p>Such an exception bypasses Keycloak's error mapper, which is what normally marks the request
 * transaction rollback-only: operations that write run inside {@link Transactions#writing}.
 */
public class ApiException extends WebApplicationException {

    /** JSON body of every error answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorBody(
            @JsonProperty("error") String error,
            @JsonProperty("error_description") String description,
            @JsonProperty("field") String field) {
    }

    public ApiException(Response.Status status, String error, String description, String field) {
        this(status.getStatusCode(), error, description, field, null);
    }

    private ApiException(int status, String error, String description, String field, String wwwAuthenticate) {
        super(description, build(status, new ErrorBody(error, description, field), wwwAuthenticate));
    }

    private static Response build(int status, ErrorBody body, String wwwAuthenticate) {
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        if (wwwAuthenticate != null) {
            builder.header("WWW-Authenticate", wwwAuthenticate);
        }
        return builder.build();
    }

    public ErrorBody body() {
        return (ErrorBody) getResponse().getEntity();
    }

    public static ApiException badRequest(String field, String description) {
        return new ApiException(Response.Status.BAD_REQUEST, "invalid_request", description, field);
    }

    public static ApiException unauthorized(String realmName, String description) {
        return new ApiException(401, "invalid_token", description, null,
                "Bearer realm=\"" + realmName + "\", error=\"invalid_token\"");
    }

    public static ApiException forbidden(String description) {
        return new ApiException(Response.Status.FORBIDDEN, "forbidden", description, null);
    }

    public static ApiException notFound(String description) {
        return new ApiException(Response.Status.NOT_FOUND, "not_found", description, null);
    }

    /** A link or token that worked once and no longer does (used, withdrawn, expired). */
    public static ApiException gone(String error, String description, String field) {
        return new ApiException(Response.Status.GONE, error, description, field);
    }

    public static ApiException conflict(String error, String description, String field) {
        return new ApiException(Response.Status.CONFLICT, error, description, field);
    }
}
