package com.paycallback.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestServerLockEventsTest {

  private static final int PAIRS = 1_000;

  @Test
  void theTestServerKeepsAnEventOfEveryLockAndUnlockUntilToldNotTo() throws Exception {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    try {
      int before = lockEvents(services).size();
      lockAndUnlock(services);
      assertThat(lockEvents(services)).hasSize(before + 2 * PAIRS);
    } finally {
      services.close();
    }
  }

  @Test
  void forgottenEventsAreNotKept() throws Exception {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    try {
      TestServerLockEvents.forget(services);
      lockAndUnlock(services);
      assertThat(lockEvents(services)).isEmpty();
    } finally {
      services.close();
    }
  }

  private static void lockAndUnlock(TestServicesStarter services) {
    for (int i = 0; i < PAIRS; i++) {
      services.getWorkflowService().lockTimeSkipping("test");
      services.getWorkflowService().unlockTimeSkipping("test");
    }
  }

  private static List<?> lockEvents(TestServicesStarter services) throws Exception {
    Field timerField = TestServicesStarter.class.getDeclaredField("selfAdvancingTimer");
    timerField.setAccessible(true);
    Object timer = timerField.get(services);
    Field events = timer.getClass().getDeclaredField("lockEvents");
    events.setAccessible(true);
    return (List<?>) events.get(timer);
  }
}
