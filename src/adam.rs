//! Adam (STUB)
