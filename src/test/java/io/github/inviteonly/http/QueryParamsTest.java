package io.github.inviteonly.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParamsTest {

    @Test
    void absentPagingMeansTheFirstPageOfTheDefaultSize() {
        assertEquals(0, QueryParams.first(null));
        assertEquals(QueryParams.DEFAULT_MAX, QueryParams.max(" "));
        assertEquals(40, QueryParams.first("40"));
        assertEquals(QueryParams.MAX_MAX, QueryParams.max("1000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "1.5", "2147483648", "99999999999999999999", "0x10"})
    void aFirstThatIsNotAnOffsetIsABadRequestNamingIt(String first) {
        ApiException refused = assertThrows(ApiException.class, () -> QueryParams.first(first));
        assertEquals(400, refused.getResponse().getStatus());
        assertEquals("first", refused.body().field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "1001", "2147483648", "-5"})
    void aMaxOutsideOneToAThousandIsABadRequestNamingIt(String max) {
        ApiException refused = assertThrows(ApiException.class, () -> QueryParams.max(max));
        assertEquals(400, refused.getResponse().getStatus());
        assertEquals("max", refused.body().field());
    }
}
