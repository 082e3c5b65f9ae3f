//! Addresses as operators type and hear them: the one-line parser
//! ([`line`]), the words it knows ([`words`]: street types, the labels of a
//! house's parts, city nicknames), and a picker's query read the same way
//! ([`query`]).

pub(crate) mod line;
pub(crate) mod query;
pub(crate) mod words;

#[cfg(test)]
mod props;
#[cfg(test)]
mod table;
