//! Addresses as operators type and hear them: the one-line parser
//! ([`line`]) and the words it knows ([`words`]: street types, the labels
//! of a house's parts, city nicknames).

pub mod line;
pub mod words;

#[cfg(test)]
mod props;
#[cfg(test)]
mod table;
