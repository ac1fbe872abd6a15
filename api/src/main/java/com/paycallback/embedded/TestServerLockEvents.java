package com.paycallback.embedded;

import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.util.LinkedList;

/**
 * Stops the test server's timer from keeping a record of every time-skipping lock and unlock.
 *
 * <p>Temporal's test server (1.38) appends an event to {@code SelfAdvancingTimerImpl.lockEvents}, a
 * {@code LinkedList} kept "for debugging purposes only", on every lock and unlock of time skipping,
 * and removes only the events of locks released through their handle: the unlocks, and the locks
 * every scheduled activity takes and releases by a lock change, stay forever. Each workflow update
 * then releases its own lock with {@code lockEvents.remove(event)}, a scan of the whole list. In a
 * long-running embedded default the list grows by a few entries per activity and every update slows
 * down with it: a profile of 1,000 settlements found a fifth of the process's CPU in that scan, and
 * the list is heap that is never given back.
 *
 * <p>The list only feeds the server's diagnostics, so it is replaced by one that keeps nothing. The
 * lock counting that time skipping depends on is untouched.
 */
final class TestServerLockEvents {

  private TestServerLockEvents() {}

  /**
   * @throws IllegalStateException when the test server no longer has the fields this relies on (a
   *     Temporal SDK upgrade): check whether the leak is fixed there before adapting this
   */
  static void forget(TestServicesStarter services) {
    try {
      Field timerField = TestServicesStarter.class.getDeclaredField("selfAdvancingTimer");
      timerField.setAccessible(true);
      Object timer = timerField.get(services);
      Field events = timer.getClass().getDeclaredField("lockEvents");
      events.setAccessible(true);
      events.set(timer, new KeptNowhere());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "Temporal's test server changed: cannot stop its timer's lock-event record", e);
    }
  }

  /**
   * A list that takes events and forgets them; removing one always succeeds, since the timer treats
   * a failed removal as an unbalanced unlock.
   */
  static final class KeptNowhere extends LinkedList<Object> {
    @Override
    public boolean add(Object event) {
      return true;
    }

    @Override
    public boolean remove(Object event) {
      return true;
    }
  }
}
