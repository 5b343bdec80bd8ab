use super::*;

fn mention(s: &str, at: usize, inflected: bool) -> LocalMention {
    LocalMention::new(at..at + s.len(), Name::new(s), Kind::Person, inflected).unwrap()
}

fn names(list: &[&str]) -> Vec<Name> {
    list.iter().map(|s| Name::new(s)).collect()
}

/// An entity's kind, mentions, and keys, stems, surname and family keys.
type Parts = (Kind, Vec<LocalMention>, [Vec<Name>; 4]);

/// Entities with every mix of empty and filled lists, the first without
/// mentions or keys.
fn sample() -> (LocalDoc, Vec<Parts>) {
    let parts = vec![
        (Kind::Other, vec![], [vec![], vec![], vec![], vec![]]),
        (
            Kind::Person,
            vec![
                mention("Wladimir Putin", 0, false),
                mention("Putins", 30, true),
            ],
            [
                names(&["wladimir putin"]),
                vec![],
                vec![],
                names(&["putin", "wladimir"]),
            ],
        ),
        (
            Kind::Place,
            vec![mention("Nordkoreas", 50, true)],
            [
                names(&["nordkoreas"]),
                names(&["nordkorea"]),
                vec![],
                vec![],
            ],
        ),
        (
            Kind::Person,
            vec![mention("Müller", 70, false)],
            [
                names(&["müller"]),
                vec![],
                names(&["müller", "mueller"]),
                vec![],
            ],
        ),
        (
            Kind::Organization,
            vec![mention("EU", 90, false)],
            [vec![], vec![], vec![], names(&["eu"])],
        ),
    ];
    let mut doc = LocalDoc::default();
    for (kind, mentions, [keys, stems, surname, family]) in &parts {
        doc.push(EntityParts {
            kind: *kind,
            mentions,
            keys,
            stems,
            surname,
            family,
        })
        .unwrap();
    }
    (doc, parts)
}

#[test]
fn every_entity_gives_back_exactly_its_lists() {
    let (doc, parts) = sample();
    assert_eq!(doc.len(), parts.len());
    assert_eq!(doc.entities().len(), parts.len());
    for (e, (kind, mentions, [keys, stems, surname, family])) in doc.entities().zip(&parts) {
        assert_eq!(e.kind(), *kind);
        assert_eq!(e.mentions(), &mentions[..]);
        assert_eq!(e.keys(), &keys[..]);
        assert_eq!(e.stems(), &stems[..]);
        assert_eq!(e.surname(), &surname[..]);
        assert_eq!(e.family(), &family[..]);
        // Keys and stems side by side, and nothing of the lists after.
        let both: Vec<Name> = keys.iter().chain(stems).copied().collect();
        assert_eq!(e.keys_and_stems(), &both[..]);
        assert_eq!(e.parts().mentions, e.mentions());
    }
    let all: Vec<LocalMention> = parts.iter().flat_map(|p| p.1.clone()).collect();
    assert_eq!(doc.mentions(), &all[..]);
    assert_eq!(doc.entity(1).unwrap().mentions()[1].span(), 30..36);
    assert!(doc.entity(parts.len()).is_none());
    assert!(LocalDoc::default().is_empty());
}

#[test]
fn a_decoded_document_round_trips_and_bad_offsets_are_refused() {
    let (doc, _) = sample();
    let bytes = postcard::to_stdvec(&doc).unwrap();
    let back: LocalDoc = postcard::from_bytes(&bytes).unwrap();
    assert_eq!(back, doc);
    let json = serde_json::to_string(&doc).unwrap();
    assert_eq!(serde_json::from_str::<LocalDoc>(&json).unwrap(), doc);
    // Offsets past the arrays, out of order, or short of their end: refused,
    // never a panic.
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let edits: [(&str, usize, u64); 4] = [
        ("mentions", 1, 99),
        ("keys", 2, 1),
        ("family", 4, 6),
        ("stems", 3, 99),
    ];
    for (field, entity, value) in edits {
        let saved = v["heads"][entity][field].clone();
        v["heads"][entity][field] = value.into();
        assert!(
            serde_json::from_value::<LocalDoc>(v.clone()).is_err(),
            "{field} of entity {entity} set to {value}"
        );
        v["heads"][entity][field] = saved;
    }
    assert_eq!(serde_json::from_value::<LocalDoc>(v).unwrap(), doc);
    // Anything else decodes to an error too.
    for cut in 0..bytes.len() {
        assert!(postcard::from_bytes::<LocalDoc>(&bytes[..cut]).is_err());
    }
}

#[test]
fn offsets_past_32_bits_make_no_mention() {
    let n = Name::new("Bonn");
    let big = u32::MAX as usize + 1;
    assert!(LocalMention::new(0..big, n, Kind::Place, false).is_none());
    assert!(LocalMention::new(big..big + 4, n, Kind::Place, false).is_none());
    let max = u32::MAX as usize;
    let m = LocalMention::new(max - 4..max, n, Kind::Place, false).unwrap();
    assert_eq!((m.start(), m.end()), (max - 4, max));
}

#[test]
fn heads_and_mentions_keep_their_sizes() {
    // What a corpus of a million local entities holds per entity and
    // mention while it is linked (module docs).
    assert_eq!(std::mem::size_of::<EntityHead>(), 24);
    assert_eq!(std::mem::size_of::<LocalMention>(), 16);
}
