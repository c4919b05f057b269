package io.oneapi.storage.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oneapi.storage.health.OutcomeWindow.Tally;
import org.junit.jupiter.api.Test;

class MemoryOutcomeWindowTest {

    @Test
    void keepsTheLastOutcomesAndTripsOnceOnAFailureUnderTheThreshold() {
        MemoryOutcomeWindow window = new MemoryOutcomeWindow(3, 0.5);
        for (int i = 0; i < 5; i++) {
            window.add(1, true);
        }
        assertEquals(new Tally(3, 3, false), window.add(1, true), "trimmed to the capacity");
        assertEquals(new Tally(3, 2, false), window.add(1, false), "2 of 3 is not under 0.5");
        assertEquals(new Tally(0, 1, true), window.add(1, false), "1 of 3 is: tripped and emptied");
        assertEquals(new Tally(1, 0, false), window.add(1, false), "a new window starts");
        assertEquals(new Tally(1, 1, false), window.add(2, true), "each channel has its own window");
    }

    @Test
    void aSuccessNeverTripsAndAWindowTripsOnlyWhenFull() {
        MemoryOutcomeWindow window = new MemoryOutcomeWindow(3, 0.5);
        assertEquals(new Tally(1, 0, false), window.add(1, false));
        assertEquals(new Tally(2, 0, false), window.add(1, false), "not full yet");
        assertEquals(new Tally(3, 1, false), window.add(1, true), "under the threshold, but a success");
        assertEquals(new Tally(0, 1, true), window.record(1, false).join());
    }
}
