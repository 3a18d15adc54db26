package io.github.inviteonly.support;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints on the console why a test or a whole class did not run (disabled, or aborted by an assumption,
 * also in {@code @BeforeAll}): a skip must never pass unnoticed as a count in a report.
 */
public class SkipReasons implements TestExecutionListener {

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        System.out.println("SKIPPED " + test.getDisplayName() + " [" + test.getUniqueId() + "]: " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            System.out.println("SKIPPED " + test.getDisplayName() + " [" + test.getUniqueId() + "]: "
                    + result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }
}
