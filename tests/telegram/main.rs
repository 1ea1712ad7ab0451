//! End-to-end tests of `factbot telegram` against a fake Bot API server: the
//! real binary runs as a subprocess with `TELOXIDE_API_URL` pointing at a
//! server on 127.0.0.1. One test binary, a module per area.

mod fake;

mod conversation;
mod faults;
mod groups;
mod load;
mod recording;
mod startup;
mod webhook;
