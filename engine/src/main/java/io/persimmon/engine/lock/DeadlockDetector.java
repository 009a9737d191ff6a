package io.persimmon.engine.lock;

/**
 * Finds a deadlock when a request is about to block, by walking the wait-for graph from the
 * requester: the holder of the entry it waits for, the holder of the entry that holder waits for,
 * and so on. Every owner waits for at most one entry, so the walk is a chain; it is a deadlock
 * when the chain comes back to the requester.
 *
 * <p>Victim policy: the requester that closes the cycle is the victim. Checks run one at a time
 * (this object's monitor, held only for the walk, never while waiting), and a victim removes its
 * own edge before the monitor is released. So of the members of a cycle, the last to check sees
 * the whole cycle and becomes its only victim, and every later walk finds the cycle broken.
 *
 * <p>Edges are read without the entries' monitors. The edges of a real deadlock do not change, so
 * they are read exactly; a chain that changes during the walk was not a deadlock. A cycle that does
 * not pass through the requester (two owners enqueued but not yet checked) ends the walk with no
 * verdict: one of its members will find it when it checks.
 */
final class DeadlockDetector {
    /** A chain longer than this has repeated an owner: a cycle the requester is not part of. */
    private static final int MAX_STEPS = 1 << 12;

    /**
     * Check whether {@code requester}, queued on {@code entry}, closes a cycle. If so, remove its
     * edge (making it the victim) and return the message of the DEADLOCK error; otherwise null.
     */
    synchronized String victimMessage(LockOwner requester, LockEntry entry) {
        if (!closesCycle(requester, entry, null)) {
            return null;
        }
        StringBuilder cycle = new StringBuilder();
        if (!closesCycle(requester, entry, cycle)) {
            return null;                            // a member left (timeout, cancel) between the walks
        }
        requester.waitingFor = null;                // the victim's edge goes before the next check
        return "deadlock: " + cycle + "; " + requester + " was chosen as deadlock victim and may retry";
    }

    /** Walk the chain from {@code requester}; describe each edge into {@code out} when non-null. */
    private static boolean closesCycle(LockOwner requester, LockEntry entry, StringBuilder out) {
        LockOwner waiter = requester;
        LockEntry waitedOn = entry;
        for (int step = 0; step < MAX_STEPS; step++) {
            LockOwner holder = waitedOn.holder;
            if (holder == null || holder == waiter) {
                return false;                       // retired, or granted to the waiter meanwhile
            }
            if (out != null) {
                out.append(step == 0 ? "" : ", ").append(waiter).append(" waits for ").append(waitedOn.key)
                        .append(" held by ").append(holder);
            }
            if (holder == requester) {
                return true;
            }
            waiter = holder;
            waitedOn = holder.waitingFor;
            if (waitedOn == null) {
                return false;                       // the chain ends at a running transaction
            }
        }
        return false;
    }
}
