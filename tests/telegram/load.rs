//! Load test (ignored by default).
