//! Conversations without people: a chat id is stored only as an HMAC-SHA256
//! of it under a random key kept in the database, so one conversation's
//! questions can be grouped and the number itself is never written.
//!
//! Chat ids are not secret-sized (a private chat's id is its user's id), so
//! anyone holding the file and its key could test a given id against the
//! hashes. The key is therefore replaced every day ([`KEY_LIFETIME`]): rows
//! hashed under a discarded key cannot be tied to a chat by anyone.

use ring::hmac;
use ring::rand::{SecureRandom, SystemRandom};

use super::Conversation;

/// How long one key is used before a new one replaces it. Conversations
/// are grouped only within this span, which is all the report needs (a
/// suggestion picked minutes after a question).
pub const KEY_LIFETIME_SECS: i64 = 24 * 60 * 60;

/// Bytes of the hash kept: 128 bits, no collisions in practice, half the
/// storage of the full MAC.
pub const HASH_BYTES: usize = 16;

/// Bytes of key material.
pub const KEY_BYTES: usize = 32;

/// A key for hashing conversations.
pub struct Key(hmac::Key);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(..)")
    }
}

impl Key {
    pub fn from_bytes(bytes: &[u8]) -> Key {
        Key(hmac::Key::new(hmac::HMAC_SHA256, bytes))
    }

    /// Fresh key material from the operating system (getrandom).
    pub fn generate() -> Result<[u8; KEY_BYTES], ring::error::Unspecified> {
        let mut bytes = [0u8; KEY_BYTES];
        SystemRandom::new().fill(&mut bytes)?;
        Ok(bytes)
    }

    /// The stored form of a conversation.
    pub fn hash(&self, conversation: Conversation) -> [u8; HASH_BYTES] {
        // A prefix per kind keeps a chat and a terminal session with the
        // same number apart.
        let (kind, n): (&[u8], [u8; 8]) = match conversation {
            Conversation::Chat(id) => (b"chat:", id.to_le_bytes()),
            Conversation::Session(id) => (b"session:", id.to_le_bytes()),
        };
        let mut ctx = hmac::Context::with_key(&self.0);
        ctx.update(kind);
        ctx.update(&n);
        let tag = ctx.sign();
        let mut out = [0u8; HASH_BYTES];
        out.copy_from_slice(&tag.as_ref()[..HASH_BYTES]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_chat_same_hash_under_one_key_only() {
        let a = Key::from_bytes(&Key::generate().unwrap());
        let b = Key::from_bytes(&Key::generate().unwrap());
        let chat = Conversation::Chat(7_364_912_058);
        assert_eq!(a.hash(chat), a.hash(chat));
        assert_ne!(a.hash(chat), b.hash(chat), "another key, another hash");
        assert_ne!(a.hash(chat), a.hash(Conversation::Chat(7_364_912_059)));
        assert_ne!(
            a.hash(Conversation::Chat(42)),
            a.hash(Conversation::Session(42)),
            "kinds are kept apart"
        );
    }

    #[test]
    fn hash_does_not_contain_the_id() {
        let key = Key::from_bytes(&[7u8; KEY_BYTES]);
        let id: i64 = 7_364_912_058;
        let h = key.hash(Conversation::Chat(id));
        let le = id.to_le_bytes();
        assert!(!h.windows(5).any(|w| w == &le[..5]));
        // A known answer (Python's hmac module), so a change of
        // construction is noticed: it would split every conversation
        // spanning an upgrade.
        let hex: String = h.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "65de8d32f2da3aeb734db7e2a39ea43f");
    }
}
