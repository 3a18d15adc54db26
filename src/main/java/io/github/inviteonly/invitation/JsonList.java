package io.github.inviteonly.invitation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Role names and group paths are stored as JSON arrays: names may contain any character. */
final class JsonList {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonList() {
    }

    static String write(List<String> values) {
        try {
            return MAPPER.writeValueAsString(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> read(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return MAPPER.readValue(json, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
