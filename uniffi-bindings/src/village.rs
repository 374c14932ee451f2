//! Village setup (the first-run screen) and the small registers: the village, its hamlets
//! (dusun), posyandu and cadres (domain.md 2.1, 11 "Registers and identity").

use pantau_core::forms::validate_name;
use pantau_core::model::{new_id, Cadre, Hamlet, Issue, Meta, Posyandu, Severity, Village};
use pantau_core::store::StoreError;

use crate::error::Res;
use crate::register::{fill_id, Saved};
use crate::{Pantau, PantauError};

/// A posyandu named on the setup screen, optionally in a hamlet named on the same screen.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct PosyanduSetup {
    pub name: String,
    pub hamlet_name: Option<String>,
}

/// Everything the first-run screen asks, saved in one transaction.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct VillageSetup {
    /// Kemendagri village code, e.g. "33.02.01.2001".
    pub code: String,
    pub name: String,
    pub kecamatan: String,
    pub kabupaten: String,
    pub provinsi: String,
    pub hamlets: Vec<String>,
    pub posyandu: Vec<PosyanduSetup>,
    pub cadre_name: String,
    pub cadre_phone: Option<String>,
}

/// The village and its small registers, for the setup and settings screens and the pickers.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct VillageOverview {
    pub village: Village,
    pub hamlets: Vec<Hamlet>,
    pub posyandu: Vec<Posyandu>,
    pub cadres: Vec<Cadre>,
}

fn check_names(fields: &[(&str, &str)]) -> Res<()> {
    let issues: Vec<Issue> = fields
        .iter()
        .flat_map(|(f, n)| validate_name(f, n))
        .collect();
    if issues.iter().any(|i| i.severity == Severity::Error) {
        return Err(StoreError::Invalid(issues).into());
    }
    Ok(())
}

impl Pantau {
    fn overview(&self) -> Res<Option<VillageOverview>> {
        let mut villages = self.store.all::<Village>()?;
        villages.sort_by_key(|v| v.meta.created_at);
        let Some(village) = villages.into_iter().next() else {
            return Ok(None);
        };
        let mut hamlets: Vec<Hamlet> = self
            .store
            .all::<Hamlet>()?
            .into_iter()
            .filter(|h| h.village_id == village.id)
            .collect();
        hamlets.sort_by(|a, b| a.name.cmp(&b.name));
        let mut posyandu: Vec<Posyandu> = self
            .store
            .all::<Posyandu>()?
            .into_iter()
            .filter(|p| p.village_id == village.id)
            .collect();
        posyandu.sort_by(|a, b| a.name.cmp(&b.name));
        let mut cadres: Vec<Cadre> = self
            .store
            .all::<Cadre>()?
            .into_iter()
            .filter(|c| c.village_id == village.id)
            .collect();
        cadres.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Some(VillageOverview {
            village,
            hamlets,
            posyandu,
            cadres,
        }))
    }
}

#[uniffi::export]
impl Pantau {
    /// The village set up on this phone with its hamlets, posyandu and cadres; None before setup.
    pub fn village(&self) -> Result<Option<VillageOverview>, PantauError> {
        self.run(|| self.overview())
    }

    /// First-run setup in one transaction: the village, its hamlets, posyandu and the cadre using
    /// the phone (who becomes the current cadre). Names are checked (rule V-NAME).
    pub fn set_up_village(&self, setup: VillageSetup) -> Result<VillageOverview, PantauError> {
        self.run(|| {
            let mut names = vec![
                ("name", setup.name.as_str()),
                ("cadre_name", setup.cadre_name.as_str()),
            ];
            names.extend(setup.hamlets.iter().map(|h| ("hamlets", h.as_str())));
            names.extend(setup.posyandu.iter().map(|p| ("posyandu", p.name.as_str())));
            check_names(&names)?;
            let cadre_id = self.store.transaction(|w| {
                let village = Village {
                    id: new_id(),
                    code: setup.code.trim().to_string(),
                    name: setup.name.trim().to_string(),
                    kecamatan: setup.kecamatan.trim().to_string(),
                    kabupaten: setup.kabupaten.trim().to_string(),
                    provinsi: setup.provinsi.trim().to_string(),
                    meta: Meta::default(),
                };
                w.save(&village)?;
                let mut hamlet_ids = Vec::new();
                for name in &setup.hamlets {
                    let h = Hamlet {
                        id: new_id(),
                        village_id: village.id.clone(),
                        name: name.trim().to_string(),
                        meta: Meta::default(),
                    };
                    w.save(&h)?;
                    hamlet_ids.push((h.name.clone(), h.id));
                }
                for p in &setup.posyandu {
                    let hamlet_id = match &p.hamlet_name {
                        Some(n) => match hamlet_ids.iter().find(|(hn, _)| hn == n.trim()) {
                            Some((_, id)) => Some(id.clone()),
                            None => {
                                return Err(StoreError::Invalid(vec![Issue::error(
                                    "posyandu.hamlet_name",
                                    "FFI-SETUP-HAMLET",
                                    pantau_core::model::Text::new(
                                        "Dusun posyandu tidak ada di daftar dusun.",
                                        "The posyandu's hamlet is not in the list of hamlets.",
                                    ),
                                )]))
                            }
                        },
                        None => None,
                    };
                    w.save(&Posyandu {
                        id: new_id(),
                        village_id: village.id.clone(),
                        hamlet_id,
                        name: p.name.trim().to_string(),
                        meta: Meta::default(),
                    })?;
                }
                let cadre = Cadre {
                    id: new_id(),
                    village_id: village.id.clone(),
                    name: setup.cadre_name.trim().to_string(),
                    phone: setup.cadre_phone.clone(),
                    meta: Meta::default(),
                };
                w.save(&cadre)?;
                Ok(cadre.id)
            })?;
            self.store.set_cadre(Some(cadre_id));
            self.overview()?.ok_or(crate::error::Fail::NotFound)
        })
    }

    /// Saves the village record (settings screen); an empty id creates one.
    pub fn save_village(&self, village: Village) -> Result<Saved, PantauError> {
        self.run(|| {
            check_names(&[("name", &village.name)])?;
            Saved::of(self.store.save(&fill_id(village, |v| &mut v.id))?)
        })
    }

    /// Adds (empty id) or renames a hamlet.
    pub fn save_hamlet(&self, hamlet: Hamlet) -> Result<Saved, PantauError> {
        self.run(|| {
            check_names(&[("name", &hamlet.name)])?;
            Saved::of(self.store.save(&fill_id(hamlet, |v| &mut v.id))?)
        })
    }

    /// Adds (empty id) or edits a posyandu.
    pub fn save_posyandu(&self, posyandu: Posyandu) -> Result<Saved, PantauError> {
        self.run(|| {
            check_names(&[("name", &posyandu.name)])?;
            Saved::of(self.store.save(&fill_id(posyandu, |v| &mut v.id))?)
        })
    }

    /// Adds (empty id) or edits a cadre.
    pub fn save_cadre(&self, cadre: Cadre) -> Result<Saved, PantauError> {
        self.run(|| {
            check_names(&[("name", &cadre.name)])?;
            Saved::of(self.store.save(&fill_id(cadre, |v| &mut v.id))?)
        })
    }
}
