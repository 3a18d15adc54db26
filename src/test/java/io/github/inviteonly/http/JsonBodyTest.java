package io.github.inviteonly.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonBodyTest {

    private static final Set<String> FIELDS = Set.of("name", "count", "flag", "tags", "attributes", "items", "password");

    static Stream<Arguments> refusedBodies() {
        return Stream.of(
                Arguments.of(null, null),
                Arguments.of("  ", null),
                Arguments.of("{not json", null),
                Arguments.of("{} {}", null),
                Arguments.of("{\"name\": 1, \"name\": 2}", null),
                Arguments.of("[]", null),
                Arguments.of("{\"other\": 1}", "other"),
                Arguments.of("x".repeat(JsonBody.MAX_BODY_CHARS + 1), null));
    }

    @ParameterizedTest
    @MethodSource("refusedBodies")
    void aBodyThatIsNotOneKnownObjectIsRefusedNamingTheFieldWhenThereIsOne(String body, String field) {
        ApiException refused = assertThrows(ApiException.class, () -> JsonBody.parse(body, FIELDS));

        assertEquals(400, refused.getResponse().getStatus());
        assertEquals(field, refused.body().field());
    }

    static Stream<Arguments> refusedFields() {
        return Stream.of(
                Arguments.of("{\"name\": 5}", "name"),
                Arguments.of("{\"name\": \"a\\u0000b\"}", "name"),
                Arguments.of("{\"password\": \"pw\\u0000\"}", "password"),
                Arguments.of("{\"name\": \"" + "n".repeat(11) + "\"}", "name"),
                Arguments.of("{\"count\": 1.5}", "count"),
                Arguments.of("{\"count\": \"7\"}", "count"),
                Arguments.of("{\"count\": 99999999999999999999}", "count"),
                Arguments.of("{\"flag\": \"yes\"}", "flag"),
                Arguments.of("{\"tags\": \"a\"}", "tags"),
                Arguments.of("{\"tags\": [\" \"]}", "tags"),
                Arguments.of("{\"tags\": [\"a\", \"b\", \"c\", \"d\"]}", "tags"),
                Arguments.of("{\"attributes\": {\"k\": 1}}", "attributes.k"),
                Arguments.of("{\"attributes\": []}", "attributes"),
                Arguments.of("{\"items\": []}", "items"),
                Arguments.of("{\"password\": \"\"}", "password"));
    }

    @ParameterizedTest
    @MethodSource("refusedFields")
    void aFieldOfTheWrongShapeIsRefusedByName(String body, String field) {
        JsonBody parsed = JsonBody.parse(body, FIELDS);

        ApiException refused = assertThrows(ApiException.class, () -> read(parsed, field.split("\\.")[0]));

        assertEquals(field, refused.body().field());
    }

    /** Reads the field as the API reads it. */
    private static void read(JsonBody body, String field) {
        switch (field) {
            case "name" -> body.optionalText("name", 10);
            case "count" -> body.optionalLong("count");
            case "flag" -> body.optionalBoolean("flag", false);
            case "tags" -> body.stringList("tags", 3, 10);
            case "attributes" -> body.stringListMap("attributes", 5, 10);
            case "items" -> body.requiredArray("items", 5);
            case "password" -> body.requiredSecret("password", 10);
            default -> throw new IllegalArgumentException(field);
        }
    }

    @Test
    void textIsTrimmedAndBlankCountsAsAbsentButSecretsAreTakenAsSent() {
        JsonBody body = JsonBody.parse("{\"name\": \"  Carol \", \"tags\": [\" a\", \"a \", \"b\"], \"password\": \" pw \"}", FIELDS);

        assertEquals("Carol", body.optionalText("name", 10));
        assertEquals(List.of("a", "b"), body.stringList("tags", 3, 10));
        assertEquals(" pw ", body.requiredSecret("password", 10));
        assertNull(JsonBody.parse("{\"name\": \"   \"}", FIELDS).optionalText("name", 10));
        assertFalse(JsonBody.parse("{}", FIELDS).optionalBoolean("flag", false));
    }

    @Test
    void attributesTakeAStringOrAListOfStrings() {
        JsonBody body = JsonBody.parse("{\"attributes\": {\"a\": \"1\", \"b\": [\"2\", \"3\"]}}", FIELDS);

        assertEquals(Map.of("a", List.of("1"), "b", List.of("2", "3")), body.stringListMap("attributes", 5, 10));
    }

    @Test
    void anElementOfALargerBodyIsNamedWithItsPrefix() {
        JsonBody element = JsonBody.of(JsonBody.parse("{\"items\": [{\"name\": 3}]}", FIELDS).requiredArray("items", 5).get(0),
                "items[0]", "items[0].", FIELDS);

        ApiException refused = assertThrows(ApiException.class, () -> element.optionalText("name", 10));

        assertEquals("items[0].name", refused.body().field());
    }
}
