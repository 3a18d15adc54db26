package io.github.inviteonly.invitation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.inviteonly.http.ApiException;

/** The outcome of one item of a bulk request, in request order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkResult(int index, String email, String result, InvitationRepresentation invitation,
                         String error, String field, String reason) {

    static BulkResult created(int index, InvitationRepresentation invitation) {
        return new BulkResult(index, invitation.email(), "created", invitation, null, null, null);
    }

    static BulkResult failed(int index, JsonNode item, ApiException e) {
        String email = item != null && item.path("email").isTextual() ? item.path("email").asText() : null;
        String result = switch (e.getResponse().getStatus()) {
            case 409 -> "conflict";
            case 403 -> "forbidden";
            default -> "invalid";
        };
        return new BulkResult(index, email, result, null, e.body().error(), e.body().field(), e.body().description());
    }
}
