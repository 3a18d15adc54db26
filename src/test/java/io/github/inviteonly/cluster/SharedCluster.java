package io.github.inviteonly.cluster;

import java.time.Duration;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The suite's one {@link Cluster}, for every test class that asks for it (a constructor parameter): started
 * before the first of them, since a start costs minutes, and stopped when the whole run ends.
 */
final class SharedCluster implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedCluster.class);

    /** The started cluster, or why it did not start: remembered, so later classes fail at once instead of trying again. */
    private record Start(Cluster cluster, Exception failure) implements AutoCloseable {

        @Override
        public void close() {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Start start = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Start.class, key -> start(), Start.class);
        if (start.failure() != null) {
            throw start.failure();
        }
    }

    private static Start start() {
        long started = System.nanoTime();
        try {
            Cluster cluster = Cluster.start();
            System.out.printf("[cluster] up in %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
            return new Start(cluster, null);
        } catch (Exception e) {
            return new Start(null, e);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Cluster.class;
    }

    @Override
    public Cluster resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).get(Start.class, Start.class).cluster();
    }
}
