package io.github.inviteonly.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ApiExceptionTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void badRequestNamesTheFieldInTheJsonBody() throws Exception {
        ApiException error = ApiException.badRequest("email", "must be a valid email address");

        JsonNode body = json.valueToTree(error.body());

        assertEquals("invalid_request", body.get("error").asText());
        assertEquals("must be a valid email address", body.get("error_description").asText());
        assertEquals("email", body.get("field").asText());
    }

    @Test
    void errorsWithoutAFieldLeaveItOut() {
        JsonNode body = json.valueToTree(ApiException.forbidden("no").body());

        assertNull(body.get("field"));
        assertEquals("forbidden", body.get("error").asText());
    }
}
