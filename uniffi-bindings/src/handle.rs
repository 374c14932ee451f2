//! The one long-lived handle (architecture.md "One public handle"): opened once on a path in the
//! app's files dir, shared by every screen and thread. It owns the core `Store` (one writer behind
//! a mutex, a reader, an interruptible search connection) and the language errors are shown in.

use std::sync::{Arc, RwLock};

use pantau_core::model::Lang;
use pantau_core::ruleset::RuleSet;
use pantau_core::store::{schema, Store};

use crate::error::{map, Res};
use crate::PantauError;

/// Opened once per process on the app's database file; every method is safe to call from any
/// thread. Calls block (SQLite): call them off the main thread.
#[derive(uniffi::Object)]
pub struct Pantau {
    pub(crate) store: Store,
    lang: RwLock<Lang>,
}

/// Set when opening found a damaged file: it was moved aside (never deleted) and a fresh one
/// started (architecture.md "Storage"). Show `reason`; offer to export the old file at `moved_to`.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct RecoveryNotice {
    pub moved_to: String,
    pub reason: String,
}

/// What this build computes with (shown on the about screen and stamped on reports).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct About {
    /// `ruleset_id@version` (domain.md A.1).
    pub ruleset: String,
    pub schema_version: u32,
    pub core_version: String,
    pub device_id: String,
}

impl Pantau {
    pub(crate) fn lang_now(&self) -> Lang {
        *self.lang.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` and maps its failure in the handle's language: the only way out of the surface.
    pub(crate) fn run<T>(&self, f: impl FnOnce() -> Res<T>) -> Result<T, PantauError> {
        f().map_err(|e| map(e, self.lang_now()))
    }

    pub(crate) fn rules(&self) -> &'static RuleSet {
        RuleSet::kpm_2019()
    }
}

#[uniffi::export]
impl Pantau {
    /// Opens (or creates) the database at `path` (the app's files dir), upgrading an older schema.
    /// `device_id` is stamped on every change (bundle merges); `lang` is the language of error
    /// texts. Fails with `NewerDatabase` for a file from a newer app (left untouched).
    #[uniffi::constructor]
    pub fn open(path: String, device_id: String, lang: Lang) -> Result<Arc<Self>, PantauError> {
        let store = Store::open(&path, &device_id).map_err(|e| map(e.into(), lang))?;
        Ok(Arc::new(Pantau {
            store,
            lang: RwLock::new(lang),
        }))
    }

    /// A private in-memory database (previews, screen tests); gone when the handle is dropped.
    #[uniffi::constructor]
    pub fn open_in_memory(lang: Lang) -> Result<Arc<Self>, PantauError> {
        let store = Store::open_in_memory().map_err(|e| map(e.into(), lang))?;
        Ok(Arc::new(Pantau {
            store,
            lang: RwLock::new(lang),
        }))
    }

    /// Switches the language of error texts (the user's locale changed).
    pub fn set_language(&self, lang: Lang) {
        *self.lang.write().unwrap_or_else(|e| e.into_inner()) = lang;
    }

    pub fn language(&self) -> Lang {
        self.lang_now()
    }

    /// The cadre using the app now (stamped on the edit history); None when unknown.
    pub fn set_cadre(&self, cadre_id: Option<String>) {
        self.store.set_cadre(cadre_id);
    }

    /// Non-empty once after a damaged file was moved aside at open: tell the user.
    pub fn recovery(&self) -> Option<RecoveryNotice> {
        self.store.recovery().map(|r| RecoveryNotice {
            moved_to: r.moved_to.to_string_lossy().into_owned(),
            reason: r.message.get(self.lang_now()).to_string(),
        })
    }

    pub fn about(&self) -> About {
        About {
            ruleset: self.rules().stamp(),
            schema_version: schema::VERSION,
            core_version: env!("CARGO_PKG_VERSION").to_string(),
            device_id: self.store.device_id().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(e: PantauError) -> String {
        match e {
            PantauError::NotFound { reason } => reason,
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn set_language_switches_the_language_of_error_reasons() {
        let p = Pantau::open_in_memory(Lang::Id).expect("in-memory store");
        let ask = || {
            p.target_kind(
                "nope".into(),
                pantau_core::model::YearMonth {
                    year: 2025,
                    month: 4,
                },
            )
        };
        let id = reason(ask().expect_err("unknown id"));
        assert_eq!(id, crate::error::not_found_text().id);
        p.set_language(Lang::En);
        assert_eq!(p.language(), Lang::En);
        let en = reason(ask().expect_err("unknown id"));
        assert_ne!(en, id);
        assert_eq!(en, crate::error::not_found_text().en);
    }
}
