//! Permenkes RI No. 2 Tahun 2020 (Standar Antropometri Anak) categories for children 0-60 months
//! (growth.md section 2, decision A.3), applied to the 2-decimal z-score. "sd" in the Permenkes text is
//! *sampai dengan* (inclusive). Codes are the ones growth.md section 2 suggests; labels in Bahasa
//! Indonesia and English.

use crate::model::Text;

macro_rules! category {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $code:literal, $id:literal, $en:literal;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            /// The stable code (CLI output, reports).
            pub fn code(self) -> &'static str {
                match self { $($name::$v => $code),+ }
            }
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$v),)+ _ => None }
            }
            /// The Permenkes 2/2020 label, Bahasa Indonesia and English.
            pub fn label(self) -> Text {
                match self { $($name::$v => Text::new($id, $en)),+ }
            }
        }
    };
}

category! {
    /// BB/U, weight-for-age (Permenkes 2/2020, Tabel; growth.md 2).
    WeightForAgeCategory {
        /// z < −3
        SeverelyUnderweight = "bb_sangat_kurang", "Berat badan sangat kurang", "Severely underweight";
        /// −3 ≤ z < −2
        Underweight = "bb_kurang", "Berat badan kurang", "Underweight";
        /// −2 ≤ z ≤ +1
        Normal = "bb_normal", "Berat badan normal", "Normal weight";
        /// z > +1; to be confirmed with BB/TB or IMT/U (Permenkes footnote 1)
        RiskOfOverweight = "risiko_bb_lebih", "Risiko berat badan lebih", "Risk of overweight";
    }
}

category! {
    /// PB/U or TB/U, length/height-for-age.
    LengthForAgeCategory {
        /// z < −3
        SeverelyStunted = "sangat_pendek", "Sangat pendek", "Severely stunted";
        /// −3 ≤ z < −2
        Stunted = "pendek", "Pendek", "Stunted";
        /// −2 ≤ z ≤ +3
        Normal = "normal", "Normal", "Normal";
        /// z > +3; refer if an endocrine disorder is suspected (Permenkes footnote 2)
        Tall = "tinggi", "Tinggi", "Tall";
    }
}

category! {
    /// BB/PB or BB/TB, weight-for-length/height, and IMT/U, BMI-for-age 0-60 months (same cut-offs).
    WastingCategory {
        /// z < −3
        SeverelyWasted = "gizi_buruk", "Gizi buruk", "Severely wasted";
        /// −3 ≤ z < −2
        Wasted = "gizi_kurang", "Gizi kurang", "Wasted";
        /// −2 ≤ z ≤ +1
        Normal = "gizi_baik", "Gizi baik", "Normal";
        /// +1 < z ≤ +2
        PossibleRiskOfOverweight = "berisiko_gizi_lebih", "Berisiko gizi lebih", "Possible risk of overweight";
        /// +2 < z ≤ +3
        Overweight = "gizi_lebih", "Gizi lebih", "Overweight";
        /// z > +3
        Obese = "obesitas", "Obesitas", "Obese";
    }
}

impl WeightForAgeCategory {
    /// The category of a 2-decimal z (growth.md 1.8, A.3).
    pub fn of(z: f64) -> Self {
        if z < -3.0 {
            Self::SeverelyUnderweight
        } else if z < -2.0 {
            Self::Underweight
        } else if z <= 1.0 {
            Self::Normal
        } else {
            Self::RiskOfOverweight
        }
    }
}

impl LengthForAgeCategory {
    pub fn of(z: f64) -> Self {
        if z < -3.0 {
            Self::SeverelyStunted
        } else if z < -2.0 {
            Self::Stunted
        } else if z <= 3.0 {
            Self::Normal
        } else {
            Self::Tall
        }
    }
}

impl WastingCategory {
    pub fn of(z: f64) -> Self {
        if z < -3.0 {
            Self::SeverelyWasted
        } else if z < -2.0 {
            Self::Wasted
        } else if z <= 1.0 {
            Self::Normal
        } else if z <= 2.0 {
            Self::PossibleRiskOfOverweight
        } else if z <= 3.0 {
            Self::Overweight
        } else {
            Self::Obese
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weight_for_age_cut_offs() {
        use WeightForAgeCategory::*;
        for (z, c) in [(-3.01, SeverelyUnderweight), (-3.0, Underweight), (-2.01, Underweight), (-2.0, Normal),
            (1.0, Normal), (1.01, RiskOfOverweight)]
        {
            assert_eq!(WeightForAgeCategory::of(z), c, "{z}");
        }
    }

    #[test]
    fn length_for_age_cut_offs() {
        use LengthForAgeCategory::*;
        for (z, c) in [(-3.01, SeverelyStunted), (-3.0, Stunted), (-2.01, Stunted), (-2.0, Normal), (3.0, Normal),
            (3.01, Tall)]
        {
            assert_eq!(LengthForAgeCategory::of(z), c, "{z}");
        }
    }

    #[test]
    fn wasting_cut_offs() {
        use WastingCategory::*;
        for (z, c) in [(-3.01, SeverelyWasted), (-3.0, Wasted), (-2.01, Wasted), (-2.0, Normal), (1.0, Normal),
            (1.01, PossibleRiskOfOverweight), (2.0, PossibleRiskOfOverweight), (2.01, Overweight), (3.0, Overweight),
            (3.01, Obese)]
        {
            assert_eq!(WastingCategory::of(z), c, "{z}");
        }
    }

    #[test]
    fn codes_and_labels() {
        for c in WastingCategory::ALL {
            assert_eq!(WastingCategory::from_code(c.code()), Some(*c));
            assert!(!c.label().id.is_empty() && !c.label().en.is_empty());
        }
        assert_eq!(LengthForAgeCategory::Stunted.label(), Text::new("Pendek", "Stunted"));
        assert_eq!(WeightForAgeCategory::from_code("bb_kurang"), Some(WeightForAgeCategory::Underweight));
    }
}
