package io.github.inviteonly.persistence;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.Query;

/** A JPQL condition and its parameters, built together so that they cannot disagree. */
public final class Where {

    private final StringBuilder clause = new StringBuilder();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private Where() {
    }

    /** @param namesAndValues each named parameter of {@code condition}, then its value */
    public static Where of(String condition, Object... namesAndValues) {
        return new Where().and(condition, namesAndValues);
    }

    /** Adds {@code AND (condition)}; a parameter name used twice must keep its value. */
    public Where and(String condition, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs: " + condition);
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            if (!condition.contains(":" + name)) {
                throw new IllegalArgumentException(condition + " has no parameter :" + name);
            }
            Object earlier = parameters.putIfAbsent(name, namesAndValues[i + 1]);
            if (earlier != null && !earlier.equals(namesAndValues[i + 1])) {
                throw new IllegalArgumentException("parameter :" + name + " bound twice to different values");
            }
        }
        clause.append(clause.length() == 0 ? "" : " AND ").append('(').append(condition).append(')');
        return this;
    }

    public String clause() {
        return clause.toString();
    }

    public Map<String, Object> parameters() {
        return Map.copyOf(parameters);
    }

    public <Q extends Query> Q bind(Q query) {
        parameters.forEach(query::setParameter);
        return query;
    }
}
