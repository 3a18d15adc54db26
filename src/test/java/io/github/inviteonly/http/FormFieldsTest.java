package io.github.inviteonly.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FormFieldsTest {

    @Test
    void decodesTheFieldsOfAFormKeepingTheFirstValue() {
        assertEquals(Optional.of(Map.of("password-new", "New-Passw0rd!2", "password-confirm", "a b", "flag", "")),
                FormFields.parse("password-new=New-Passw0rd%212&password-confirm=a+b&flag&password-new=later"));
    }

    @Test
    void anEmptyBodyIsAnEmptyForm() {
        assertEquals(Optional.of(Map.of()), FormFields.parse(""));
        assertEquals(Optional.of(Map.of()), FormFields.parse(null));
    }

    @Test
    void aMalformedEscapeIsNoFormRatherThanAnError() {
        assertTrue(FormFields.parse("%ZZ=1").isEmpty());
        assertTrue(FormFields.parse("password-new=%E0%A4%A").isEmpty());
    }
}
