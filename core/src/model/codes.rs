//! Code tables of domain.md section 2.2: the codes are stored, labels come from `crate::labels`.

use serde::{Deserialize, Serialize};

macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
        pub enum $name { $($(#[$vm])* #[serde(rename = $code)] $v),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            /// The code stored in the database and in bundles.
            pub fn code(self) -> &'static str {
                match self { $($name::$v => $code),+ }
            }
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$v),)+ _ => None }
            }
        }
    };
}

code_enum! {
    /// Sex as in WHO Anthro (1 = male, 2 = female) and the forms (L/P).
    Sex { Male = "L", Female = "P" }
}

code_enum! {
    /// Status gizi anak (domain.md 2.2; derived from z-scores per A.8/A.10 where measured).
    NutritionStatus { Normal = "N", GiziKurang = "GK", GiziBuruk = "GB", Stunting = "S" }
}

code_enum! {
    /// Hasil tikar pertumbuhan, the growth-mat colour as the cadre observed it (domain.md 2.2, A.8).
    MatResult { NotMeasured = "TD", Red = "M", Yellow = "K", Green = "H" }
}

code_enum! {
    /// Imunisasi campak; a clear enum because OpenSID counted "Belum" as done (domain.md 10.9).
    Measles { NotYet = "BELUM", Done = "SUDAH" }
}

code_enum! {
    /// Formulir 2C month cell (domain.md 2.2).
    PaudCell { NotEnrolled = "-", Attended = "v", Absent = "x" }
}

code_enum! {
    /// Quarterly result of forms 3A/3B (domain.md 2.2): Y, T, or TS (tidak sasaran).
    Outcome { Yes = "Y", No = "T", NotApplicable = "TS" }
}

code_enum! {
    /// Measuring position (growth.md 1.5): lying (length) or standing (height).
    Position { Lying = "L", Standing = "H" }
}

code_enum! {
    /// Why an episode ended (domain.md 11, A.10 Episodes): history stays, later quarters exclude it.
    EndReason { MovedAway = "PINDAH", Died = "MENINGGAL", Miscarriage = "KEGUGURAN" }
}

code_enum! {
    /// A monthly form is a draft while the cadre is filling it, final when she finishes.
    FormStatus { Draft = "DRAFT", Final = "FINAL" }
}

code_enum! {
    /// Which monitoring target and form a record belongs to.
    TargetKind {
        /// Ibu hamil / nifas, Formulir 2A, 3A.
        Pregnancy = "IBU_HAMIL",
        /// Anak 0-23 bulan, Formulir 2B, 3B.
        Child = "ANAK_0_23",
        /// Anak 2-6 tahun, Formulir 2C, PD-1.
        Paud = "ANAK_PAUD"
    }
}

code_enum! {
    /// The five service packages (domain.md 7).
    Package { Kia = "KIA", Gizi = "GIZI", Sanitation = "SAN", SocialProtection = "PERLINSOS", Paud = "PAUD" }
}

code_enum! {
    /// User-facing language: Bahasa Indonesia first, English second.
    Lang { Id = "id", En = "en" }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn codes_round_trip() {
        for s in NutritionStatus::ALL {
            assert_eq!(NutritionStatus::from_code(s.code()), Some(*s));
        }
        assert_eq!(serde_json::to_string(&PaudCell::NotEnrolled).unwrap(), "\"-\"");
        assert_eq!(Measles::from_code("BELUM"), Some(Measles::NotYet));
        assert_eq!(Outcome::from_code("X"), None);
    }
}
