//! dossier: a terminal reader for a corpus of news reports.
//!
//! The crate is layered so that the domain never knows about terminals:
//!
//! - **domain** (no ratatui, no crossterm; a test keeps it so):
//!   - [`corpus`]: loading articles from files and folders, sanitising their
//!     text for display, titles and page furniture;
//!   - [`entity`]: recognising people, places and organizations
//!     ([`entity::ner`]), linking their mentions within and across documents
//!     ([`entity::link`]), measuring both ([`entity::eval`]), and the
//!     [`entity::EntityIndex`] that answers "next mention of this entity";
//!   - [`compare`]: two reports side by side: shared and unique entities, and
//!     the figures (counts, money, dates) on which they differ;
//!   - [`quote`]: who said what: direct and indirect quotations with their
//!     speakers, resolved to entities;
//!   - [`search`]: full-text search over the corpus;
//!   - [`store`]: a shared corpus for a team, on PostgreSQL: articles,
//!     analyses by workers on any machines, linked entities;
//!   - [`text`]: German text primitives every domain module shares: folding
//!     for comparison, tokens and sentences;
//!   - [`wrap`]: wrapping text into screen lines that remember their byte ranges;
//!   - [`ingest`]: from paths to an indexed corpus: reading in parallel,
//!     analysing and linking, the index caches and the user's corrections;
//!     streamed to the reader ([`ingest::run`]) or blocking for reports
//!     ([`ingest::load`]).
//! - **application** ([`app`]): state in owned parts (article list, reader,
//!   sidebar, search, compare view, help, reading memory, corrections), named
//!   actions from one table, the key map, and the transitions.
//! - **presentation** ([`ui`]): drawing the state, one file per widget; [`tui`]
//!   runs the terminal and the event loop.
//! - [`cli`]: the command line (clap and dispatch); [`report`]: the headless
//!   reports it runs (entities, mentions, compare, eval), one file each.
//! - [`config`]: the user's keys, colours and layout, over embedded defaults;
//!   [`logging`]: the log file; [`reading_memory`]: what is remembered of how
//!   each corpus was read (read marks, positions, bookmarks).
//! - [`dirs`], [`atomic`] and [`regular_file`]: where user files live, how
//!   they are written, and how files that may be hostile are read.
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
pub mod heap;
pub mod ingest;
pub mod logging;
pub mod mapped;
pub(crate) mod prefetch;
pub mod priority;
pub mod quote;
pub mod reading_memory;
pub mod regular_file;
pub mod report;
pub mod search;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
pub mod wrap;
