//! A filter in front of teloxide's update listener (polling or webhook) that
//! lets each update through once: an update id seen before (a repeated
//! `getUpdates` batch, a webhook retried by Telegram) is dropped, and an
//! update teloxide could not parse is logged by id and skipped, so a single
//! bad update never stops the good ones around it.

use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex};

use futures::stream::{BoxStream, StreamExt as _};
use teloxide::stop::StopToken;
use teloxide::types::{AllowedUpdate, Update, UpdateKind};
use teloxide::update_listeners::{AsUpdateStream, UpdateListener};

/// Update ids remembered. Telegram redelivers only recent updates, so a few
/// thousand is plenty and caps memory at a few hundred KB.
pub const REMEMBERED: usize = 8192;

/// The last [`REMEMBERED`] update ids.
#[derive(Debug, Default)]
pub struct Seen {
    order: VecDeque<u32>,
    set: HashSet<u32>,
}

impl Seen {
    /// True the first time `id` is offered.
    pub fn first_time(&mut self, id: u32) -> bool {
        if !self.set.insert(id) {
            return false;
        }
        self.order.push_back(id);
        if self.order.len() > REMEMBERED {
            if let Some(old) = self.order.pop_front() {
                self.set.remove(&old);
            }
        }
        true
    }
}

/// Wraps a listener; see the module docs.
pub struct Guarded<L> {
    inner: L,
    seen: Arc<Mutex<Seen>>,
}

impl<L> Guarded<L> {
    pub fn new(inner: L) -> Guarded<L> {
        Guarded {
            inner,
            seen: Arc::default(),
        }
    }
}

/// Whether an update goes on to the handlers.
fn admit(update: &Update, seen: &Mutex<Seen>) -> bool {
    if let UpdateKind::Error(_) = update.kind {
        // The content is not logged: it is user data, and at warn level it
        // would reach production logs.
        tracing::warn!(
            update_id = update.id.0,
            "skipping an update that could not be parsed"
        );
        return false;
    }
    let first = seen
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .first_time(update.id.0);
    if !first {
        tracing::debug!(
            update_id = update.id.0,
            "skipping an update already handled"
        );
    }
    first
}

impl<'a, L> AsUpdateStream<'a> for Guarded<L>
where
    L: AsUpdateStream<'a>,
    L::StreamErr: Send + 'a,
{
    type StreamErr = L::StreamErr;
    type Stream = BoxStream<'a, Result<Update, L::StreamErr>>;

    fn as_stream(&'a mut self) -> Self::Stream {
        let seen = Arc::clone(&self.seen);
        self.inner
            .as_stream()
            .filter(move |item| {
                let keep = match item {
                    Ok(update) => admit(update, &seen),
                    Err(_) => true,
                };
                futures::future::ready(keep)
            })
            .boxed()
    }
}

impl<L> UpdateListener for Guarded<L>
where
    L: UpdateListener,
    L::Err: Send + 'static,
{
    type Err = L::Err;

    fn stop_token(&mut self) -> StopToken {
        self.inner.stop_token()
    }

    fn hint_allowed_updates(&mut self, hint: &mut dyn Iterator<Item = AllowedUpdate>) {
        self.inner.hint_allowed_updates(hint);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_a_bounded_window() {
        let mut seen = Seen::default();
        assert!(seen.first_time(1));
        assert!(!seen.first_time(1));
        for id in 2..=(REMEMBERED as u32 + 1) {
            assert!(seen.first_time(id));
        }
        assert_eq!(seen.set.len(), REMEMBERED);
        // 1 has been forgotten; recent ids are still known.
        assert!(seen.first_time(1));
        assert!(!seen.first_time(REMEMBERED as u32));
    }
}
