//! Tests of the core and the terminal front end, in one test binary.

mod cli;
mod eval;
mod properties;
mod util;
