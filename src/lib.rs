//! dossier: a terminal reader for a corpus of news reports.
//!
//! The crate is layered so that the domain never knows about terminals:
//!
//! - **domain** (no ratatui, no crossterm; a test keeps it so):
//!   - [`corpus`]: loading articles from files and folders, sanitising their
//!     text for display, titles and page furniture;
//!   - [`entity`]: recognising people, places and organizations, linking their
//!     mentions within and across documents, and the [`entity::EntityIndex`]
//!     that answers "next mention of this entity";
//!   - [`compare`]: two reports side by side: shared and unique entities, and
//!     the figures (counts, money, dates) on which they differ;
//!   - [`quote`]: who said what: direct and indirect quotations with their
//!     speakers, resolved to entities;
//!   - [`search`]: full-text search over the corpus;
//!   - [`wrap`]: wrapping text into screen lines that remember their byte ranges.
//! - **application** ([`app`]): state, named actions and their transitions.
//! - **presentation** ([`ui`]): drawing the state; [`tui`] runs the terminal and
//!   the event loop.
//! - [`cli`]: the command line, headless subcommands included.
//! - [`config`]: the user's keys, colours and layout, over embedded defaults;
//!   [`logging`]: the log file.
//! - [`dirs`] and [`atomic`]: where user files live and how they are written.
#![warn(missing_docs)]

pub mod app;
pub mod atomic;
pub mod cli;
pub mod compare;
pub mod config;
pub mod corpus;
pub mod dirs;
pub mod entity;
pub mod fuzzy;
pub mod logging;
pub mod quote;
pub mod search;
pub mod state;
pub mod tui;
pub mod ui;
pub mod wrap;
