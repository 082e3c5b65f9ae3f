//! The real binary in a real terminal (tmux): what an operator sees and does.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod card;
mod clipboard;
mod flows;
mod lifecycle;
mod lookup;
