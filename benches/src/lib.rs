//! Shared inputs for the drmtoken benches, and the peers drmtoken is compared with: what an
//! integrator would write instead with std Rust (`format!`/`String`, the `url` crate, `serde_json`
//! into owned structs). Not published; the core stays `no_std` because this crate is separate.

pub mod alloc_count;
pub mod inputs;
pub mod std_peer;

/// The drmtoken side of every measurement, as plain functions so that criterion, the comparison
/// binary and the scaling runs measure exactly the same work.
pub mod subject;
