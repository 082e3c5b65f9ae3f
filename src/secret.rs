//! Secrets the desk holds in memory: the CRM's access key ([`Sid`]) and the
//! PBX's AMI secret ([`AmiSecret`]). A leaf: it imports nothing of crmcard,
//! so that `config` can hold a secret without importing the code that uses
//! it (the API client, the AMI connection).
//!
//! One rule for all of them: the text is trimmed when it is read, compared
//! as it is, reached only through [`Secret::expose`] by the code that sends
//! it, and never shown: `Debug` prints `Sid(<hidden>)`.

use std::fmt;
use std::marker::PhantomData;

/// What a secret is, for its `Debug` output.
pub trait SecretKind {
    /// The name `Debug` shows in place of the text.
    const NAME: &'static str;
}

/// A secret of kind `K`: its text never shows in `Debug` output, errors
/// or logs.
pub struct Secret<K> {
    text: String,
    kind: PhantomData<fn() -> K>,
}

impl<K> Secret<K> {
    /// The secret as read (a file's or a variable's text): surrounding
    /// white space, a final line break above all, is not part of it.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into().trim().to_owned(),
            kind: PhantomData,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The text, for the code that sends it (a header, a login) or
    /// redacts it from what a server sends back.
    pub(crate) fn expose(&self) -> &str {
        &self.text
    }
}

impl<K> Clone for Secret<K> {
    fn clone(&self) -> Self {
        Self::new(self.text.clone())
    }
}

impl<K> PartialEq for Secret<K> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl<K> Eq for Secret<K> {}

impl<K: SecretKind> fmt::Debug for Secret<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}(<hidden>)", K::NAME)
    }
}

/// The kind of [`Sid`].
#[derive(Debug)]
pub enum SidKind {}

impl SecretKind for SidKind {
    const NAME: &'static str = "Sid";
}

/// The CRM access key, sent as the `sid` header.
pub type Sid = Secret<SidKind>;

/// The kind of [`AmiSecret`].
#[derive(Debug)]
pub enum AmiSecretKind {}

impl SecretKind for AmiSecretKind {
    const NAME: &'static str = "AmiSecret";
}

/// The Asterisk manager interface's secret, sent at login.
pub type AmiSecret = Secret<AmiSecretKind>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_trimmed_compared_and_never_shown() {
        let sid = Sid::new("  s3cr3t-key\n");
        assert_eq!(sid.expose(), "s3cr3t-key");
        assert_eq!(sid, Sid::new("s3cr3t-key"));
        assert_eq!(sid.clone(), sid);
        assert_eq!(format!("{sid:?}"), "Sid(<hidden>)");
        let ami = AmiSecret::new("pbx-pass");
        assert_eq!(format!("{:?}", Some(&ami)), "Some(AmiSecret(<hidden>))");
        assert!(Sid::new(" \n").is_empty());
        assert!(!ami.is_empty());
    }
}
