//! Mlp (STUB)
