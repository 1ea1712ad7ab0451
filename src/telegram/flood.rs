//! Per-user flood control: a token bucket per user, so one user sending
//! dozens of messages a second is asked once to slow down and does not hold up
//! everyone else's answers. Memory stays bounded: users idle long enough to
//! have a full bucket again are forgotten.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What to do with a user's message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Answer it.
    Allow,
    /// Drop it and say "slow down" (the first dropped message of a burst).
    SlowDown,
    /// Drop it silently (already told).
    Drop,
}

/// How many messages a user may send in a burst, and how fast the allowance
/// comes back.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub burst: u32,
    pub refill_every: Duration,
}

impl Default for Limits {
    /// Nobody types a real question more often than every couple of seconds,
    /// so a burst of 8 then one a second never slows a person, only a script
    /// (and stays under Telegram's ~20 messages a minute per chat on average).
    fn default() -> Limits {
        Limits {
            burst: 8,
            refill_every: Duration::from_secs(1),
        }
    }
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    last: Instant,
    warned: bool,
}

/// Tracked users above this trigger a sweep of idle ones.
const SWEEP_AT: usize = 10_000;

/// Per-user buckets.
#[derive(Debug)]
pub struct FloodGate {
    limits: Limits,
    buckets: Mutex<HashMap<u64, Bucket>>,
}

impl FloodGate {
    pub fn new(limits: Limits) -> FloodGate {
        FloodGate {
            limits,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Records a message from `user` at `now`.
    pub fn check(&self, user: u64, now: Instant) -> Verdict {
        // A poisoned lock only means another handler panicked mid-update;
        // the map is still usable.
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= SWEEP_AT && !buckets.contains_key(&user) {
            self.sweep(&mut buckets, now);
        }
        let burst = f64::from(self.limits.burst);
        let bucket = buckets.entry(user).or_insert(Bucket {
            tokens: burst,
            last: now,
            warned: false,
        });
        let refilled = now.saturating_duration_since(bucket.last).as_secs_f64()
            / self.limits.refill_every.as_secs_f64();
        bucket.tokens = (bucket.tokens + refilled).min(burst);
        bucket.last = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            bucket.warned = false;
            Verdict::Allow
        } else if bucket.warned {
            Verdict::Drop
        } else {
            bucket.warned = true;
            Verdict::SlowDown
        }
    }

    /// Forgets users whose bucket has refilled: they are in the same state as
    /// a user never seen.
    fn sweep(&self, buckets: &mut HashMap<u64, Bucket>, now: Instant) {
        let full = self.limits.refill_every * self.limits.burst;
        buckets.retain(|_, b| now.saturating_duration_since(b.last) < full);
    }

    /// Users currently tracked.
    #[cfg(test)]
    pub fn tracked(&self) -> usize {
        self.buckets.lock().map_or(0, |b| b.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warns_once_per_burst_and_recovers() {
        let gate = FloodGate::new(Limits {
            burst: 3,
            refill_every: Duration::from_secs(1),
        });
        let t0 = Instant::now();
        let verdicts: Vec<Verdict> = (0..50)
            .map(|i| gate.check(1, t0 + Duration::from_millis(i)))
            .collect();
        assert_eq!(
            &verdicts[..4],
            [
                Verdict::Allow,
                Verdict::Allow,
                Verdict::Allow,
                Verdict::SlowDown
            ]
        );
        assert!(verdicts[4..].iter().all(|v| *v == Verdict::Drop));
        // Another user is not slowed.
        assert_eq!(
            gate.check(2, t0 + Duration::from_millis(50)),
            Verdict::Allow
        );
        // A second later the first user is answered again, and a new burst
        // gets a new warning.
        let t1 = t0 + Duration::from_millis(1100);
        assert_eq!(gate.check(1, t1), Verdict::Allow);
        assert_eq!(gate.check(1, t1), Verdict::SlowDown);
    }

    #[test]
    fn forgets_idle_users() {
        let gate = FloodGate::new(Limits {
            burst: 2,
            refill_every: Duration::from_millis(10),
        });
        let t0 = Instant::now();
        for user in 0..SWEEP_AT as u64 {
            gate.check(user, t0);
        }
        assert_eq!(gate.tracked(), SWEEP_AT);
        gate.check(u64::MAX, t0 + Duration::from_secs(1));
        assert_eq!(gate.tracked(), 1);
    }
}
