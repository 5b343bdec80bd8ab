//! One long article of capitalised words and no sentence ends, every word a
//! candidate name (hostile input): recognition and linking inside the
//! article must take time in proportion to its length. Prints the time for
//! 1, 2, 4 and 8 MB and each step's ratio (about 2 when linear, 4 when
//! quadratic).
//!
//! ```sh
//! cargo bench --bench long_article
//! ```

use dossier::corpus::Document;
use dossier::entity::pipeline;
use std::time::Instant;

/// An article of `bytes` bytes: ten capitalised words in a fixed cycle.
fn article(bytes: usize) -> Document {
    let words = [
        "Berlin", "Anna", "Müller", "Vereinte", "Nationen", "Kim", "Jong", "Un", "Gipfel", "Haus",
    ];
    let mut s = String::with_capacity(bytes + 16);
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(words[i % words.len()]);
        s.push(' ');
        i += 7;
    }
    Document::from_bytes("p".into(), "p.txt".into(), s.as_bytes())
}

fn main() {
    let mut last: Option<f64> = None;
    for mb in [1usize, 2, 4, 8] {
        let doc = article(mb << 20);
        // Best of three, so that load from elsewhere counts least.
        let secs = (0..3)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(pipeline::analyse(&doc));
                t.elapsed().as_secs_f64()
            })
            .fold(f64::MAX, f64::min);
        let ratio = last.map_or(String::new(), |l| format!(", {:.2}x the half", secs / l));
        println!("{mb} MB: {secs:.3} s{ratio}");
        last = Some(secs);
    }
}
