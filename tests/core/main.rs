//! Tests of the core and the terminal front end, in one test binary.

mod cli;
mod eval;
mod matching;
mod properties;
mod recording;
mod util;
