//! Word lists for demo villages: common Indonesian given names (Javanese, Sundanese and
//! Muslim names as found on Central/West Java KKs), hamlet and posyandu names, and a few
//! official-looking regions. Invented combinations, no real people.

pub const FEMALE: &[&str] = &[
    "Siti", "Sri", "Dewi", "Rina", "Wati", "Yuli", "Ani", "Eka", "Nur", "Fitri", "Lestari", "Rahayu", "Wulan", "Ayu",
    "Indah", "Putri", "Dian", "Ratna", "Sari", "Endang", "Tuti", "Yanti", "Lina", "Nining", "Nurul", "Aisyah", "Fatimah",
    "Khadijah", "Aminah", "Maryam", "Zahra", "Nabila", "Salsabila", "Anisa", "Novi", "Desi", "Tri", "Eni", "Umi", "Kartini",
    "Suharti", "Sumarni", "Sulastri", "Murni", "Ningsih", "Puji", "Asih", "Nia", "Cahya", "Euis", "Neng", "Imas", "Yeni",
];

pub const MALE: &[&str] = &[
    "Budi", "Agus", "Slamet", "Joko", "Bambang", "Wahyu", "Eko", "Dwi", "Hadi", "Sugeng", "Teguh", "Rudi", "Andi", "Yusuf",
    "Ahmad", "Muhammad", "Rizky", "Fajar", "Dimas", "Bayu", "Arif", "Hendra", "Iwan", "Dedi", "Asep", "Ujang", "Dadang",
    "Supriyadi", "Suparman", "Sutrisno", "Wawan", "Rahmat", "Ilham", "Fauzi", "Hasan", "Ali", "Umar", "Galih", "Aditya",
    "Putra", "Reza", "Hafiz", "Naufal", "Raffi", "Arkan", "Kenzie", "Zidan", "Alif", "Farhan", "Bima", "Satria",
];

/// Second names, usable for both sexes or as a family-style name.
pub const SECOND: &[&str] = &[
    "Santoso", "Wibowo", "Susanto", "Setiawan", "Hidayat", "Nugroho", "Purnomo", "Saputra", "Pratama", "Kurniawan",
    "Hartono", "Prasetyo", "Wijaya", "Firmansyah", "Ramadhan", "Maulana", "Hakim", "Syahputra", "Gunawan", "Sulistyo",
];

pub const FEMALE_SECOND: &[&str] = &[
    "Lestari", "Rahayu", "Handayani", "Wulandari", "Rahmawati", "Susanti", "Kurniasih", "Utami", "Purwanti", "Setyowati",
    "Anggraini", "Maharani", "Nuraini", "Safitri", "Wahyuni", "Permatasari", "Puspitasari", "Novitasari", "Hasanah",
];

pub const HAMLETS: &[&str] = &[
    "Krajan", "Karangsari", "Sidomulyo", "Sukamaju", "Kedungwringin", "Pucung", "Karanganyar", "Cikadu", "Tegalsari",
    "Banjarsari", "Gunungsari", "Sumbersari",
];

pub const POSYANDU: &[&str] = &[
    "Melati", "Mawar", "Anggrek", "Kenanga", "Dahlia", "Cempaka", "Flamboyan", "Teratai", "Bougenville", "Sakura",
];

pub const CADRES: &[&str] = &["Sri Wahyuni", "Endang Lestari", "Nur Hasanah", "Tuti Handayani"];

/// A region of a demo village with its Kemendagri codes.
#[derive(Debug, Clone, Copy)]
pub struct Region {
    pub province: &'static str,
    pub province_code: u32,
    pub kabupaten: &'static str,
    pub kabupaten_code: u32,
    pub kecamatan: &'static str,
    pub kecamatan_code: u32,
    pub desa: &'static str,
    pub desa_code: u32,
}

#[allow(clippy::too_many_arguments)]
const fn r(
    province: &'static str,
    province_code: u32,
    kabupaten: &'static str,
    kabupaten_code: u32,
    kecamatan: &'static str,
    kecamatan_code: u32,
    desa: &'static str,
    desa_code: u32,
) -> Region {
    Region { province, province_code, kabupaten, kabupaten_code, kecamatan, kecamatan_code, desa, desa_code }
}

/// Official-looking Kemendagri codes (PP.KK.CC.2DDD: "2" marks a desa); the province and
/// kabupaten codes are the real ones, the kecamatan/desa pairs are for demonstration.
pub const REGIONS: &[Region] = &[
    r("Jawa Tengah", 33, "Banyumas", 2, "Kembaran", 16, "Sukamaju", 2005),
    r("Jawa Barat", 32, "Garut", 5, "Cilawu", 11, "Sukatani", 2009),
    r("Jawa Timur", 35, "Jember", 9, "Sumberjambe", 23, "Sumbersari", 2003),
    r("Nusa Tenggara Barat", 52, "Lombok Tengah", 2, "Pujut", 6, "Mertak", 2012),
    r("Sulawesi Selatan", 73, "Gowa", 6, "Bontomarannu", 14, "Romangloe", 2004),
];
