//! Embeds the bundled reports in `seeds/` into the binary, so that an
//! installed `dossier` opens them with no arguments. The list of files is read
//! from the folder at build time.
use std::env;
use std::fs;
use std::path::Path;

/// FNV-1a over every file under `dirs` (sorted), so that the index cache is
/// keyed by exactly the engine that made it: its source and its data.
fn engine_hash(root: &Path, dirs: &[&str]) -> u64 {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(rd) = fs::read_dir(dir) else { return };
        for e in rd.filter_map(Result::ok) {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    for d in dirs {
        let dir = root.join(d);
        println!("cargo:rerun-if-changed={}", dir.display());
        walk(&dir, &mut files);
    }
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in files {
        let bytes = fs::read(&f).unwrap_or_default();
        for b in f
            .strip_prefix(root)
            .unwrap_or(&f)
            .to_string_lossy()
            .bytes()
            .chain(bytes)
        {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100_0000_01b3);
        }
    }
    h
}

fn main() {
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).to_path_buf();
    let hash = engine_hash(
        &root,
        &[
            "src/entity",
            "src/text",
            "src/corpus",
            "src/ingest",
            "assets/model",
            "assets/lexicon",
            "assets/linking",
            "assets/furniture",
        ],
    );
    println!("cargo:rustc-env=DOSSIER_ENGINE_HASH={hash:016x}");
    // The quotation engine: what the cached quotations depend on besides
    // the entity engine.
    let quotes = engine_hash(&root, &["src/quote", "assets/quotes"]);
    println!("cargo:rustc-env=DOSSIER_QUOTES_HASH={quotes:016x}");
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("seeds");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| {
        p.is_file()
            && matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("txt") | Some("md")
            )
    });
    files.sort();
    let mut code = String::from(
        "/// The bundled reports: (file name, contents).\npub static SEEDS: &[(&str, &[u8])] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        code.push_str(&format!(
            "    ({name:?}, include_bytes!({:?})),\n",
            f.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("seeds.rs");
    fs::write(out, code).unwrap();
}
